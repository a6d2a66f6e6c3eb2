"""A tournament's CSV export: one row per participant per round, and the standings.

Every text cell goes through :func:`csv_safe`: a member's display name or a moderator's reason
that starts like a spreadsheet formula is written so that a spreadsheet shows it, never runs it.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .models import Adjustment, Submission

if TYPE_CHECKING:
    from .tournament_results import Standing


def export_csv(
    points: dict[int, int],
    adjustments: list[Adjustment],
    latest: dict[tuple[int, int], int],
    submissions: list[Submission],
    standings: list[Standing],
) -> tuple[str, str]:
    """The two CSVs; ``points`` is each round's Point, ``latest`` the adjusted score by (round, user)."""
    notes = {
        (a.round, a.user_id): f"{a.score} by {a.moderator_id or 'a forgotten moderator'}: {a.reason}"
        for a in adjustments
    }
    per_round = io.StringIO()
    writer = _SafeWriter(per_round)
    writer.writerow(
        [
            "user_id",
            "name",
            "round",
            "point",
            "score",
            "original_score",
            "covered",
            "flags",
            "submitted_at",
            "adjustment",
        ]
    )
    for s in submissions:
        writer.writerow(
            [
                s.user_id,
                s.name,
                s.round,
                points[s.round],
                latest.get((s.round, s.user_id), s.score),
                s.score,
                " ".join(s.covered),
                " ".join(s.flags),
                _iso(s.submitted_at),
                notes.get((s.round, s.user_id), ""),
            ]
        )
    final = io.StringIO()
    writer = _SafeWriter(final)
    writer.writerow(["rank", "user_id", "name", "total", "covered", "rounds", "seconds_taken"])
    for st in standings:
        writer.writerow([st.rank, st.user_id, st.name, st.total, st.covered, st.rounds, round(st.time_taken, 1)])
    return per_round.getvalue(), final.getvalue()


#: What a spreadsheet takes as the start of a formula (OWASP CSV injection), tab and CR included.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet will not run: one starting like a formula gets a leading quote
    (OWASP's advice). Numbers are left alone (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """``csv.writer`` whose every text cell goes through :func:`csv_safe`."""

    def __init__(self, stream: io.StringIO):
        self._writer = csv.writer(stream)

    def writerow(self, row: list) -> None:
        self._writer.writerow([csv_safe(cell) for cell in row])


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")
