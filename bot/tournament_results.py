"""How a tournament's rounds and standings are ranked, from what its store holds.

Pure: the service (:class:`bot.tournament.TournamentService`) reads the submissions, rounds,
participants and adjustments and hands them here. A moderator's adjustment replaces a submission's
score (the latest one wins); ties go to more counterarguments covered, then to the faster answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Point
from .models import Adjustment, Participant, Submission, Tournament, TournamentRound


@dataclass(frozen=True)
class Placing:
    rank: int
    user_id: int
    name: str
    score: int  # after any adjustment
    covered: int
    submitted_after: float  # seconds from the round's opening
    adjusted: bool


@dataclass(frozen=True)
class RoundResult:
    tournament: Tournament
    round: TournamentRound
    point: Point
    placings: tuple[Placing, ...]


@dataclass(frozen=True)
class Standing:
    rank: int
    user_id: int
    name: str
    total: int
    covered: int
    time_taken: float  # summed seconds from each round's opening to the submission
    rounds: int
    adjusted: int = 0  # rounds whose score a moderator overrode


def latest_adjustments(adjustments: list[Adjustment]) -> dict[tuple[int, int], int]:
    """The adjusted score by (round, user): of several adjustments of one submission, the last."""
    latest: dict[tuple[int, int], int] = {}
    for a in adjustments:  # oldest first: the last one wins
        latest[(a.round, a.user_id)] = a.score
    return latest


def rank_round(
    tournament: Tournament,
    current: TournamentRound,
    point: Point,
    submissions: list[Submission],
    adjustments: list[Adjustment],
) -> RoundResult:
    """Round ``current``'s placings: by score after adjustment, then counterarguments covered, then time."""
    adjusted = latest_adjustments(adjustments)
    number = current.number
    placings = sorted(
        (
            (adjusted.get((number, s.user_id), s.score), len(s.covered), s.submitted_at - current.opened_at, s)
            for s in submissions
        ),
        key=lambda entry: (-entry[0], -entry[1], entry[2]),
    )
    return RoundResult(
        tournament,
        current,
        point,
        tuple(
            Placing(rank, s.user_id, s.name, score, covered, after, (number, s.user_id) in adjusted)
            for rank, (score, covered, after, s) in enumerate(placings, start=1)
        ),
    )


def rank_standings(
    rounds: list[TournamentRound],
    participants: list[Participant],
    submissions: list[Submission],
    adjustments: list[Adjustment],
) -> list[Standing]:
    """Total coverage over the closed rounds (an open round's scores are not out yet), every participant
    listed; ties by counterarguments covered, then by time taken, then by name."""
    closed = {r.number: r for r in rounds if not r.is_open}
    adjusted = latest_adjustments(adjustments)
    totals: dict[int, list] = {p.user_id: [p.name, 0, 0, 0.0, 0, 0] for p in participants}
    for s in submissions:
        if s.round not in closed:
            continue
        entry = totals.setdefault(s.user_id, [s.name, 0, 0, 0.0, 0, 0])
        entry[1] += adjusted.get((s.round, s.user_id), s.score)
        entry[2] += len(s.covered)
        entry[3] += s.submitted_at - closed[s.round].opened_at
        entry[4] += 1
        entry[5] += (s.round, s.user_id) in adjusted
    ordered = sorted(totals.items(), key=lambda item: (-item[1][1], -item[1][2], item[1][3], item[1][0]))
    return [
        Standing(rank, user_id, name, total, covered, taken, rounds_in, changed)
        for rank, (user_id, (name, total, covered, taken, rounds_in, changed)) in enumerate(ordered, start=1)
    ]
