"""Timed rebuttal tournaments: registration, rounds with deadlines, private submissions,
results, standings, adjudication and export (how rounds and standings are ranked:
:mod:`bot.tournament_results`).

States: ``registration`` -> ``running`` (rounds open and close one after the
other) -> ``finished``; ``cancelled`` from either open state. Every change is
in SQLite before it is acknowledged, and each transition is a conditional
update, so two moderators racing (two ``start``s) leave one winner and a clear
message for the other. The clock is injectable so deadlines can be tested.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from .cases import Case, CaseLibrary, Point
from .catalog import CaseCatalog
from .coverage import Coverage
from .models import Adjustment, GuildSettings, Participant, Submission, Tournament, TournamentRound
from .practice import PracticeError, PracticeService, SlowDownError
from .ratelimit import limiter_for
from .shards import ShardPlan, runs_here
from .storage import Storage
from .tournament_export import export_csv
from .tournament_results import RoundResult, Standing, latest_adjustments, rank_round, rank_standings

MAX_ROUNDS = 10
MIN_MINUTES, MAX_MINUTES = 0.5, 24 * 60
DEFAULT_MINUTES = 10.0
MAX_NAME = 80


class TournamentError(PracticeError):
    """A tournament request that cannot be done; the message says why."""


@dataclass(frozen=True)
class OpenedRound:
    tournament: Tournament
    round: TournamentRound
    case: Case
    point: Point


@dataclass(frozen=True)
class Receipt:
    """What a participant is told on submitting. ``coverage`` is None while scores are withheld."""

    tournament: Tournament
    round: int
    replaced: bool
    coverage: Coverage | None
    point: Point


@dataclass(frozen=True)
class Recovery:
    """What start-up found: rounds closed because their deadline passed while the bot was down,
    and rounds still open whose timers must be re-armed."""

    closed: tuple[RoundResult, ...]
    still_open: tuple[tuple[Tournament, TournamentRound], ...]


class TournamentService:
    def __init__(
        self,
        storage: Storage,
        cases: CaseLibrary | CaseCatalog,
        practice: PracticeService,
        clock: Callable[[], float] = time.time,
        submit_rate: tuple[int, float] | None = None,
        shards: ShardPlan | None = None,
    ):
        self.storage = storage
        self.catalog = CaseCatalog.of(cases)
        self.practice = practice  # for its rebuttal checks and scorer: one scoring path for everything
        self.clock = clock
        # Submissions per member, like rebuttals (None: unlimited; the bot passes REBUT_RATE).
        self._submit_limit = limiter_for(storage, "submit", submit_rate)
        # Several processes may share the database: each keeps the clocks of its own shards' servers only.
        self.shards = shards

    def keeps_time_for(self, tournament: Tournament) -> bool:
        """Whether this process closes the tournament's rounds at their deadlines: the one whose
        shards receive its server's events (with one process, this one)."""
        return runs_here(self.shards, tournament.guild_id)

    # --- setting up -------------------------------------------------------------------

    async def create(
        self,
        guild_id: int,
        channel_id: int,
        name: str,
        created_by: int,
        *,
        case_id: str | None = None,
        rounds: int | None = None,
        minutes: float | None = None,
        shuffle: bool = False,
        seed: int | None = None,
        show_scores: bool = False,
        late_join: bool = False,
    ) -> Tournament:
        name = " ".join((name or "").split())
        if not name or len(name) > MAX_NAME:
            raise TournamentError(f"Give the tournament a name of 1 to {MAX_NAME} characters.")
        settings = await self.storage.guild_settings.get(guild_id)
        case = await self.catalog.get(case_id, guild_id) if case_id else await self.catalog.default_for(guild_id)
        rounds = rounds if rounds is not None else settings.tournament_rounds or len(case.points)
        minutes = minutes if minutes is not None else settings.tournament_minutes or DEFAULT_MINUTES
        if not 1 <= rounds <= MAX_ROUNDS:
            raise TournamentError(f"Rounds must be between 1 and {MAX_ROUNDS}.")
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise TournamentError(f"Minutes per round must be between {MIN_MINUTES} and {MAX_MINUTES:.0f}.")
        if shuffle and seed is None:
            seed = random.SystemRandom().randrange(2**31)
        order = point_order(case, rounds, seed if shuffle else None)
        tournament = await self.storage.tournaments.create(
            guild_id=guild_id,
            channel_id=channel_id,
            name=name,
            case_id=case.id,
            rounds=rounds,
            minutes=minutes,
            point_order=order,
            shuffle_seed=seed if shuffle else None,
            show_scores=show_scores,
            late_join=late_join,
            created_by=created_by,
        )
        if tournament is None:
            existing = await self.storage.tournaments.open_in(channel_id)
            raise TournamentError(
                f"This channel already has an open tournament ({existing.name if existing else 'unknown'}). "
                "End or cancel it first."
            )
        return tournament

    async def in_channel(self, channel_id: int) -> Tournament:
        tournament = await self.storage.tournaments.open_in(channel_id)
        if tournament is None:
            raise TournamentError(
                "There is no open tournament in this channel. A moderator can `tournament create` one."
            )
        return tournament

    async def latest_in(self, channel_id: int) -> Tournament:
        """The channel's open tournament, else its latest one: results, standings and feedback
        stay readable after a tournament ends."""
        storage = self.storage
        tournament = await storage.tournaments.open_in(channel_id) or await storage.tournaments.latest_in(channel_id)
        if tournament is None:
            raise TournamentError("This channel has had no tournament. A moderator can `tournament create` one.")
        return tournament

    async def join(self, tournament: Tournament, user_id: int, name: str) -> int:
        """Register; returns the participant count."""
        if tournament.state == "running" and not tournament.late_join:
            raise TournamentError(f"{tournament.name} has started; it does not take late entries.")
        if not tournament.is_open:
            raise TournamentError(f"{tournament.name} is over.")
        if not await self.storage.tournaments.add_participant(tournament.id, user_id, name):
            raise TournamentError(f"You are already in {tournament.name}.")
        return len(await self.storage.tournaments.participants(tournament.id))

    async def leave(self, tournament: Tournament, user_id: int) -> int:
        if tournament.state != "registration":
            raise TournamentError("You can leave only before the tournament starts.")
        if not await self.storage.tournaments.remove_participant(tournament.id, user_id):
            raise TournamentError(f"You are not in {tournament.name}.")
        return len(await self.storage.tournaments.participants(tournament.id))

    async def participants(self, tournament: Tournament) -> list[Participant]:
        return await self.storage.tournaments.participants(tournament.id)

    # --- rounds -----------------------------------------------------------------------

    async def start(self, tournament: Tournament) -> OpenedRound:
        if tournament.state != "registration":
            raise TournamentError(f"{tournament.name} has already started.")
        if not await self.storage.tournaments.participants(tournament.id):
            raise TournamentError("Nobody has joined yet: a tournament needs at least one participant to start.")
        opened = await self._open(tournament, 1, from_state="registration")
        if opened is None:
            raise TournamentError(f"{tournament.name} has already started.")  # another start won the race
        return opened

    async def _open(self, tournament: Tournament, number: int, *, from_state: str) -> OpenedRound | None:
        now = self.clock()
        point_number = tournament.point_order[number - 1]
        if not await self.storage.tournaments.open_round(
            tournament.id, number, point_number, now, now + tournament.minutes * 60, from_state=from_state
        ):
            return None
        fresh = await self.storage.tournaments.get(tournament.id)
        opened = await self.storage.tournaments.round(tournament.id, number)
        assert fresh is not None and opened is not None  # open_round just stored both
        case = await self.catalog.get(tournament.case_id, tournament.guild_id)
        return OpenedRound(fresh, opened, case, case.point(point_number))

    async def advance(self, tournament: Tournament) -> tuple[RoundResult | None, OpenedRound | None]:
        """Close the current round early and open the next; after the last round this ends
        the tournament (the second value is then None)."""
        if tournament.state != "running":
            raise TournamentError(f"{tournament.name} is not running.")
        result = await self.close_round(tournament, tournament.current_round)
        if tournament.current_round >= tournament.rounds:
            await self.storage.tournaments.set_state(tournament.id, "finished", expected="running")
            return result, None
        opened = await self._open(tournament, tournament.current_round + 1, from_state="running")
        if opened is None:
            raise TournamentError("Someone else moved the tournament on at the same moment; nothing more was done.")
        return result, opened

    async def end(self, tournament: Tournament) -> RoundResult | None:
        """Close the current round (if open) and finish."""
        if tournament.state == "registration":
            raise TournamentError(f"{tournament.name} has not started; `cancel` it instead.")
        if tournament.state != "running":
            raise TournamentError(f"{tournament.name} is not running.")
        result = await self.close_round(tournament, tournament.current_round)
        await self.storage.tournaments.set_state(tournament.id, "finished", expected="running")
        return result

    async def cancel(self, tournament: Tournament) -> None:
        if not await self.storage.tournaments.set_state(tournament.id, "cancelled", expected=tournament.state):
            raise TournamentError(f"{tournament.name} changed at the same moment; look again.")

    async def close_round(self, tournament: Tournament, number: int) -> RoundResult | None:
        """Close round ``number`` and return its results; None if it was already closed."""
        current = await self.storage.tournaments.round(tournament.id, number)
        if current is None or not current.is_open:
            return None
        if not await self.storage.tournaments.close_round(tournament.id, number, self.clock()):
            return None
        return await self.results(tournament, number)

    async def close_if_due(self, tournament_id: int, number: int) -> RoundResult | None:
        """For deadline timers: close the round if its deadline has passed and it is still open."""
        tournament = await self.storage.tournaments.get(tournament_id)
        if tournament is None or not self.keeps_time_for(tournament):
            return None
        current = await self.storage.tournaments.round(tournament_id, number)
        if current is None or not current.is_open or self.clock() < current.deadline:
            return None
        return await self.close_round(tournament, number)

    async def recover(self) -> Recovery:
        """At start: close rounds whose deadline passed while the bot was down; list the open ones.
        Only the tournaments whose clocks this process keeps: the others' owners recover them."""
        closed, still_open = [], []
        for tournament in await self.storage.tournaments.running():
            if not self.keeps_time_for(tournament):
                continue
            current = await self.storage.tournaments.round(tournament.id, tournament.current_round)
            if current is None or not current.is_open:
                continue
            if self.clock() >= current.deadline:
                result = await self.close_round(tournament, current.number)
                if result is not None:
                    closed.append(result)
            else:
                still_open.append((tournament, current))
        return Recovery(tuple(closed), tuple(still_open))

    # --- submissions ------------------------------------------------------------------

    async def tournament_for_dm(self, user_id: int) -> Tournament | None:
        """The tournament a plain DM from this user answers: only when exactly one round of theirs is open."""
        open_rounds = await self.storage.tournaments.with_open_round_for(user_id)
        return open_rounds[0] if len(open_rounds) == 1 else None

    async def points_in_play(self, guild_id: int | None, case_id: str) -> dict[int, str]:
        """The Points of a case that running tournaments of this server are on now, with their names:
        their counterarguments are not shown in the server until the round closes."""
        return {
            t.point_order[t.current_round - 1]: t.name
            for t in await self.storage.tournaments.running()
            if t.guild_id == guild_id and t.case_id == case_id and t.current_round
        }

    async def open_for(self, user_id: int) -> list[Tournament]:
        return await self.storage.tournaments.with_open_round_for(user_id)

    async def submit(
        self, tournament: Tournament, user_id: int, name: str, text: str, round_number: int | None = None
    ) -> Receipt:
        """Score and store a rebuttal for round ``round_number`` (default: the round open now).

        A submission names its round: one made for a round that has closed since (a submit window
        opened before ``tournament next``) is refused, never filed under the next round."""
        received = self.clock()  # the deadline is judged by when it arrived, not when scoring finished
        if self._submit_limit is not None:  # first: a refused flood costs next to nothing
            wait = await self._submit_limit.take(str(user_id))
            if wait:
                raise SlowDownError(wait)
        rebuttal = self.practice.check_rebuttal(text)
        number = round_number if round_number is not None else tournament.current_round
        if tournament.state != "running" and round_number is None:
            raise TournamentError(f"{tournament.name} has no open round.")
        current, registered = await self.storage.tournaments.round_for_submission(tournament.id, number, user_id)
        if not registered:
            raise TournamentError(f"You are not registered in {tournament.name}.")
        if tournament.state != "running" or current is None or not current.is_open or received > current.deadline:
            raise TournamentError(_closed_message(tournament, number))
        case = await self.catalog.get(tournament.case_id, tournament.guild_id)
        point = case.point(current.point)
        coverage = await self.practice.scoring.score(case, point, rebuttal)
        version = await self.storage.tournaments.store_submission(
            tournament.id, current.number, user_id, name, rebuttal, coverage, received
        )
        if version is None:  # closed while it was being scored: the store checks the named round again
            raise TournamentError(
                _closed_message(await self.storage.tournaments.get(tournament.id) or tournament, number)
            )
        return Receipt(tournament, current.number, version > 1, coverage if tournament.show_scores else None, point)

    async def open_round_named(self, tournament_id: int, number: int) -> Tournament:
        """The tournament, if its round ``number`` is still open (for a Submit button pressed late)."""
        tournament = await self.storage.tournaments.get(tournament_id)
        if tournament is None:
            raise TournamentError("That tournament no longer exists.")
        current = await self.storage.tournaments.round(tournament_id, number)
        if tournament.state != "running" or current is None or not current.is_open or self.clock() > current.deadline:
            raise TournamentError(_closed_message(tournament, number))
        return tournament

    async def feedback(self, tournament: Tournament, user_id: int, number: int) -> tuple[Submission, Point, Coverage]:
        """A participant's own full feedback for a round: once it has closed, or at once if scores are shown."""
        current = await self.round_of(tournament, number)
        if current.is_open and not tournament.show_scores:
            raise TournamentError(f"Round {number} is still open; feedback comes when it closes.")
        mine = [s for s in await self.storage.tournaments.submissions(tournament.id, number) if s.user_id == user_id]
        if not mine:
            raise TournamentError(f"You made no submission in round {number}.")
        point = (await self.catalog.get(tournament.case_id, tournament.guild_id)).point(current.point)
        submission = mine[0]
        missed = tuple(a.id for a in point.counterarguments if a.id not in submission.covered)
        return submission, point, Coverage(submission.score, submission.matches, missed, frozenset(submission.flags))

    async def round_of(self, tournament: Tournament, number: int) -> TournamentRound:
        """Round ``number`` of the tournament, or a message saying which rounds exist."""
        current = await self.storage.tournaments.round(tournament.id, number)
        if current is None:
            opened = tournament.current_round
            raise TournamentError(
                f"{tournament.name} has no round {number}"
                + (f"; rounds 1 to {opened} have opened." if opened else "; it has not started.")
            )
        return current

    # --- results ------------------------------------------------------------------------

    async def results(self, tournament: Tournament, number: int) -> RoundResult:
        current = await self.round_of(tournament, number)
        point = (await self.catalog.get(tournament.case_id, tournament.guild_id)).point(current.point)
        return rank_round(
            tournament,
            current,
            point,
            await self.storage.tournaments.submissions(tournament.id, number),
            await self.storage.tournaments.adjustments(tournament.id),
        )

    async def rounds_closed(self, tournament: Tournament) -> int:
        return sum(not r.is_open for r in await self.storage.tournaments.rounds(tournament.id))

    async def standings(self, tournament: Tournament) -> list[Standing]:
        """Total coverage over closed rounds (:func:`~bot.tournament_results.rank_standings`)."""
        return rank_standings(
            await self.storage.tournaments.rounds(tournament.id),
            await self.storage.tournaments.participants(tournament.id),
            await self.storage.tournaments.submissions(tournament.id),
            await self.storage.tournaments.adjustments(tournament.id),
        )

    async def adjust(
        self, tournament: Tournament, user_id: int, number: int, score: int, reason: str, moderator_id: int
    ) -> Submission:
        if not 0 <= score <= 100:
            raise TournamentError("An adjusted score must be between 0 and 100.")
        if not reason.strip():
            raise TournamentError("Give a reason for the adjustment; it is kept in the export.")
        await self.round_of(tournament, number)
        mine = [s for s in await self.storage.tournaments.submissions(tournament.id, number) if s.user_id == user_id]
        if not mine:
            raise TournamentError(f"That member made no submission in round {number}.")
        await self.storage.tournaments.add_adjustment(
            Adjustment(tournament.id, number, user_id, score, reason.strip(), moderator_id, self.clock())
        )
        return mine[0]

    async def export(self, tournament: Tournament) -> tuple[str, str]:
        """Two CSVs: one row per participant per round, and the final standings."""
        rounds = {r.number: r.point for r in await self.storage.tournaments.rounds(tournament.id)}
        adjustments = await self.storage.tournaments.adjustments(tournament.id)
        return export_csv(
            rounds,
            adjustments,
            latest_adjustments(adjustments),
            await self.storage.tournaments.submissions(tournament.id),
            await self.standings(tournament),
        )

    # --- server settings ----------------------------------------------------------------

    async def settings(self, guild_id: int) -> GuildSettings:
        return await self.storage.guild_settings.get(guild_id)

    async def save_settings(self, settings: GuildSettings) -> None:
        await self.storage.guild_settings.save(settings)


def point_order(case: Case, rounds: int, seed: int | None) -> tuple[int, ...]:
    """The Point of each round: the case's order, cycling; shuffled per cycle if seeded (reproducibly)."""
    numbers = [p.number for p in case.points]
    rng = random.Random(seed) if seed is not None else None
    order: list[int] = []
    while len(order) < rounds:
        cycle = list(numbers)
        if rng is not None:
            rng.shuffle(cycle)
        order.extend(cycle)
    return tuple(order[:rounds])


def _closed_message(tournament: Tournament, number: int) -> str:
    """Why a submission for round ``number`` was refused: its round is over (and what is open now)."""
    if tournament.state == "running" and tournament.current_round > number:
        return (
            f"Round {number} of {tournament.name} has closed; your rebuttal was not accepted. "
            f"Round {tournament.current_round} is open now: submit to it with its own button."
        )
    return f"The deadline for round {number} has passed; your rebuttal was not accepted."
