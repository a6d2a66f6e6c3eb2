"""Small records passed between the services, storage and the front doors."""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Point
from .coverage import Coverage, Match


@dataclass(frozen=True)
class Learner:
    """Who is practising. ``id`` is a Discord user id as text, or ``local:NAME`` in the terminal."""

    id: str
    name: str

    @classmethod
    def discord(cls, user_id: int, name: str) -> Learner:
        return cls(str(user_id), name)

    @classmethod
    def terminal(cls, name: str) -> Learner:
        return cls(f"local:{name}", name)


@dataclass(frozen=True)
class Place:
    """Where practice happens. No guild means private: a DM or the terminal.

    A learner has one current Point per scope: one in each server, and one in
    private (DMs and the terminal share it, both being private practice).
    """

    guild_id: int | None = None
    channel_id: int | None = None

    @property
    def scope(self) -> str:
        return "private" if self.guild_id is None else f"guild:{self.guild_id}"

    @property
    def is_private(self) -> bool:
        return self.guild_id is None


@dataclass(frozen=True)
class PracticeSession:
    """The Point a learner is currently answering in one scope."""

    learner_id: str
    scope: str
    guild_id: int | None
    channel_id: int | None
    case_id: str
    point: int
    hints_used: int
    started_at: float


@dataclass(frozen=True)
class NewAttempt:
    """A scored rebuttal about to be stored."""

    learner_id: str
    learner_name: str
    place: Place
    case_id: str
    case_version: str
    point: int
    text: str
    coverage: Coverage


@dataclass(frozen=True)
class CardUpdate:
    """A (learner, case, Point)'s spaced-repetition state after a review."""

    case_id: str
    point: int
    card: str  # the scheduler's card, serialised
    due: float


@dataclass(frozen=True)
class DuePoint:
    case_id: str
    point: int
    due: float


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    learner_id: str
    learner_name: str
    total: int  # sum over Points of the best coverage in the period
    attempts: int


@dataclass(frozen=True)
class Attempt:
    """A scored rebuttal, as stored."""

    id: int
    learner_id: str
    learner_name: str
    guild_id: int | None
    channel_id: int | None
    case_id: str
    case_version: str
    point: int
    text: str
    score: int
    covered: tuple[str, ...]
    flags: tuple[str, ...]
    created_at: float
    #: The matches (excerpt and similarity per covered counterargument), so old feedback
    #: can be shown again; empty for attempts stored before it was kept.
    matches: tuple[Match, ...] = ()

    def coverage(self, point: Point) -> Coverage:
        """The verdict as it was given, for showing an attempt's feedback again."""
        matched = {m.counterargument_id for m in self.matches}
        covered = self.matches + tuple(Match(arg_id, "", 0.0) for arg_id in self.covered if arg_id not in matched)
        missed = tuple(a.id for a in point.counterarguments if a.id not in self.covered)
        return Coverage(self.score, covered, missed, frozenset(self.flags))


@dataclass(frozen=True)
class AttemptResult:
    """What a front door shows after a rebuttal: the stored attempt, the Point and the verdict."""

    attempt: Attempt
    point: Point
    coverage: Coverage


# --- servers and tournaments --------------------------------------------------------


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    moderator_role_id: int | None = None
    default_case: str | None = None
    tournament_rounds: int | None = None
    tournament_minutes: float | None = None
    practice_channels: tuple[int, ...] = ()  # empty: practice anywhere
    tournament_show_scores: bool = False
    leaderboard_enabled: bool = True


@dataclass(frozen=True)
class Tournament:
    id: int
    guild_id: int
    channel_id: int
    name: str
    case_id: str
    rounds: int
    minutes: float
    state: str  # registration, running, finished, cancelled
    current_round: int  # 0 before the start
    point_order: tuple[int, ...]  # the Point of each round
    shuffle_seed: int | None
    show_scores: bool
    late_join: bool
    created_by: int
    created_at: float

    @property
    def is_open(self) -> bool:
        return self.state in ("registration", "running")


@dataclass(frozen=True)
class Participant:
    user_id: int
    name: str
    joined_at: float


@dataclass(frozen=True)
class TournamentRound:
    tournament_id: int
    number: int
    point: int
    opened_at: float
    deadline: float
    closed_at: float | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Submission:
    tournament_id: int
    round: int
    user_id: int
    name: str
    text: str
    score: int
    covered: tuple[str, ...]
    flags: tuple[str, ...]
    matches: tuple[Match, ...]
    submitted_at: float
    versions: int


@dataclass(frozen=True)
class Adjustment:
    tournament_id: int
    round: int
    user_id: int
    score: int
    reason: str
    moderator_id: int
    created_at: float


# --- disputes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Dispute:
    """A member's challenge of a practice score, and the moderators' answer once given.

    ``claims`` are the counterargument ids really made (the credited ones when confirmed);
    the attempt's own stored score never changes."""

    id: int
    attempt: Attempt
    guild_id: int
    user_id: int
    reason: str
    created_at: float
    channel_id: int | None = None
    message_id: int | None = None
    resolved_by: int | None = None
    resolved_at: float | None = None
    confirmed: bool | None = None
    claims: tuple[str, ...] | None = None
    corrected_score: int | None = None
    out_of: int | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
