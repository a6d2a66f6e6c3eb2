"""Tournaments: registration, rounds, submissions, score adjustments.

Every race is settled by the database, on both engines: a round opens and closes through a
conditional UPDATE (so exactly once, whichever process gets there first), and a submission
is stored only while its round is open and its arrival time not past the deadline, checked
inside the statement that stores it."""

from __future__ import annotations

import json
import time

from ..coverage import Coverage
from ..models import Adjustment, Participant, Submission, Tournament, TournamentRound
from .attempts import matches, matches_json
from .database import Connection, Database, IntegrityError, Row

#: Insert or replace a submission, only while its round is open and before its deadline;
#: returns the row's version, or nothing if refused. SQLite runs one writer at a time, so
#: the round cannot close between the check and the insert.
_STORE_SUBMISSION_SQLITE = """
INSERT INTO tournament_submissions (tournament_id, round, user_id, name, text, score, covered, flags, details,
                                    submitted_at)
SELECT r.tournament_id, r.number, $3, $4, $5, $6, $7, $8, $9, $10 FROM tournament_rounds AS r
WHERE r.tournament_id = $1 AND r.number = $2 AND r.closed_at IS NULL AND r.deadline >= $10
ON CONFLICT (tournament_id, round, user_id) DO UPDATE SET
    name = excluded.name, text = excluded.text, score = excluded.score, covered = excluded.covered,
    flags = excluded.flags, details = excluded.details, submitted_at = excluded.submitted_at,
    versions = tournament_submissions.versions + 1
RETURNING versions
"""
#: The same on PostgreSQL, where writers run side by side: FOR SHARE holds the round row until
#: the submission commits, so a close (an UPDATE of that row) waits for it and then counts it;
#: a submission arriving after the close re-reads the row, finds it closed, and stores nothing.
_STORE_SUBMISSION_POSTGRES = """
INSERT INTO tournament_submissions (tournament_id, round, user_id, name, text, score, covered, flags, details,
                                    submitted_at)
SELECT r.tournament_id, r.number, $3::bigint, $4::text, $5::text, $6::integer, $7::text, $8::text, $9::text,
       $10::double precision
FROM tournament_rounds AS r
WHERE r.tournament_id = $1 AND r.number = $2 AND r.closed_at IS NULL AND r.deadline >= $10
FOR SHARE
ON CONFLICT (tournament_id, round, user_id) DO UPDATE SET
    name = excluded.name, text = excluded.text, score = excluded.score, covered = excluded.covered,
    flags = excluded.flags, details = excluded.details, submitted_at = excluded.submitted_at,
    versions = tournament_submissions.versions + 1
RETURNING versions
"""
_STORE_SUBMISSION = {"sqlite": _STORE_SUBMISSION_SQLITE, "postgresql": _STORE_SUBMISSION_POSTGRES}


class TournamentStore:
    def __init__(self, db: Database):
        self.db = db

    async def create(
        self,
        *,
        guild_id: int,
        channel_id: int,
        name: str,
        case_id: str,
        rounds: int,
        minutes: float,
        point_order: tuple[int, ...],
        shuffle_seed: int | None,
        show_scores: bool,
        late_join: bool,
        created_by: int,
    ) -> Tournament | None:
        """A new tournament in registration; None if the channel already has an open one."""
        try:
            # A transaction, not a bare statement: on SQLite's one shared connection, a bare
            # INSERT could land inside another coroutine's open transaction and share its fate.
            async with self.db.transaction() as tx:
                tournament_id = await tx.fetch_value(
                    """
                    INSERT INTO tournaments (guild_id, channel_id, name, case_id, rounds, minutes, state, point_order,
                                             shuffle_seed, show_scores, late_join, created_by, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, 'registration', $7, $8, $9, $10, $11, $12)
                    RETURNING id
                    """,
                    guild_id,
                    channel_id,
                    name,
                    case_id,
                    rounds,
                    float(minutes),
                    json.dumps(list(point_order)),
                    shuffle_seed,
                    int(show_scores),
                    int(late_join),
                    created_by,
                    time.time(),
                )
        except IntegrityError:  # the one-open-tournament-per-channel index
            return None
        return await self.get(tournament_id)

    async def get(self, tournament_id: int) -> Tournament | None:
        row = await self.db.fetch_one("SELECT * FROM tournaments WHERE id = $1", tournament_id)
        return _tournament(row) if row else None

    async def open_in(self, channel_id: int) -> Tournament | None:
        row = await self.db.fetch_one(
            "SELECT * FROM tournaments WHERE channel_id = $1 AND state IN ('registration', 'running')", channel_id
        )
        return _tournament(row) if row else None

    async def latest_in(self, channel_id: int) -> Tournament | None:
        row = await self.db.fetch_one(
            "SELECT * FROM tournaments WHERE channel_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1", channel_id
        )
        return _tournament(row) if row else None

    async def running(self) -> list[Tournament]:
        return [_tournament(row) for row in await self.db.fetch("SELECT * FROM tournaments WHERE state = 'running'")]

    async def with_open_round_for(self, user_id: int) -> list[Tournament]:
        """Running tournaments whose current round is open and which the user takes part in."""
        rows = await self.db.fetch(
            """
            SELECT t.* FROM tournaments AS t
            JOIN tournament_participants AS p ON p.tournament_id = t.id AND p.user_id = $1
            JOIN tournament_rounds AS r ON r.tournament_id = t.id AND r.number = t.current_round
            WHERE t.state = 'running' AND r.closed_at IS NULL
            """,
            user_id,
        )
        return [_tournament(row) for row in rows]

    async def set_state(self, tournament_id: int, state: str, *, expected: str | None = None) -> bool:
        """Move to ``state`` (only from ``expected``, if given); False if the tournament was not in it."""
        if expected is None:
            changed = await self.db.execute("UPDATE tournaments SET state = $1 WHERE id = $2", state, tournament_id)
        else:
            changed = await self.db.execute(
                "UPDATE tournaments SET state = $1 WHERE id = $2 AND state = $3", state, tournament_id, expected
            )
        return changed == 1

    async def add_participant(self, tournament_id: int, user_id: int, name: str) -> bool:
        """False if already registered."""
        try:
            await self.db.execute(
                "INSERT INTO tournament_participants (tournament_id, user_id, name, joined_at) VALUES ($1, $2, $3, $4)",
                tournament_id,
                user_id,
                name,
                time.time(),
            )
        except IntegrityError:
            return False
        return True

    async def remove_participant(self, tournament_id: int, user_id: int) -> bool:
        removed = await self.db.execute(
            "DELETE FROM tournament_participants WHERE tournament_id = $1 AND user_id = $2", tournament_id, user_id
        )
        return removed == 1

    async def participants(self, tournament_id: int) -> list[Participant]:
        rows = await self.db.fetch(
            "SELECT user_id, name, joined_at FROM tournament_participants WHERE tournament_id = $1 ORDER BY joined_at",
            tournament_id,
        )
        return [Participant(r["user_id"], r["name"], r["joined_at"]) for r in rows]

    async def open_round(
        self, tournament_id: int, number: int, point: int, opened_at: float, deadline: float, *, from_state: str
    ) -> bool:
        """Open round ``number`` (and the tournament's state to running) in one transaction,
        only if the tournament is in ``from_state`` at ``number - 1``; False otherwise (a race lost)."""
        async with self.db.transaction() as tx:
            moved = await tx.execute(
                "UPDATE tournaments SET state = 'running', current_round = $1 "
                "WHERE id = $2 AND state = $3 AND current_round = $4",
                number,
                tournament_id,
                from_state,
                number - 1,
            )
            if moved == 1:
                await tx.execute(
                    "INSERT INTO tournament_rounds (tournament_id, number, point, opened_at, deadline) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    tournament_id,
                    number,
                    point,
                    opened_at,
                    deadline,
                )
        return moved == 1

    async def close_round(self, tournament_id: int, number: int, closed_at: float) -> bool:
        """Close an open round; False if it was closed already (by this process or another)."""
        closed = await self.db.execute(
            "UPDATE tournament_rounds SET closed_at = $1 "
            "WHERE tournament_id = $2 AND number = $3 AND closed_at IS NULL",
            closed_at,
            tournament_id,
            number,
        )
        return closed == 1

    async def round(self, tournament_id: int, number: int) -> TournamentRound | None:
        row = await self.db.fetch_one(
            "SELECT * FROM tournament_rounds WHERE tournament_id = $1 AND number = $2", tournament_id, number
        )
        return _round(row) if row else None

    async def rounds(self, tournament_id: int) -> list[TournamentRound]:
        rows = await self.db.fetch(
            "SELECT * FROM tournament_rounds WHERE tournament_id = $1 ORDER BY number", tournament_id
        )
        return [_round(row) for row in rows]

    async def store_submission(
        self,
        tournament_id: int,
        number: int,
        user_id: int,
        name: str,
        text: str,
        coverage: Coverage,
        submitted_at: float,
    ) -> int | None:
        """Store (or replace) a submission if its round is open and ``submitted_at`` is not past
        its deadline; returns its version (1, 2, ...), or None if the round had closed.
        Group-committed with the other writes arriving at the same moment."""
        sql = _STORE_SUBMISSION[self.db.engine]
        args = (
            tournament_id,
            number,
            user_id,
            name,
            text,
            coverage.score,
            json.dumps(list(coverage.covered_ids)),
            json.dumps(sorted(coverage.flags)),
            matches_json(coverage.covered),
            submitted_at,
        )

        async def store(tx: Connection) -> int | None:
            row = await tx.fetch_one(sql, *args)
            return row["versions"] if row else None

        return await self.db.group(store)

    async def round_for_submission(
        self, tournament_id: int, number: int, user_id: int
    ) -> tuple[TournamentRound | None, bool]:
        """The round, and whether the user takes part, in one query (submissions are the hot path)."""
        row = await self.db.fetch_one(
            """
            SELECT r.*, EXISTS (SELECT 1 FROM tournament_participants AS p
                                WHERE p.tournament_id = r.tournament_id AND p.user_id = $1) AS registered
            FROM tournament_rounds AS r WHERE r.tournament_id = $2 AND r.number = $3
            """,
            user_id,
            tournament_id,
            number,
        )
        if row is None:
            return None, await self.is_participant(tournament_id, user_id)
        return _round(row), bool(row["registered"])

    async def is_participant(self, tournament_id: int, user_id: int) -> bool:
        row = await self.db.fetch_one(
            "SELECT 1 FROM tournament_participants WHERE tournament_id = $1 AND user_id = $2", tournament_id, user_id
        )
        return row is not None

    async def submissions(self, tournament_id: int, number: int | None = None) -> list[Submission]:
        if number is None:
            rows = await self.db.fetch(
                "SELECT * FROM tournament_submissions WHERE tournament_id = $1 ORDER BY round, submitted_at",
                tournament_id,
            )
        else:
            rows = await self.db.fetch(
                "SELECT * FROM tournament_submissions WHERE tournament_id = $1 AND round = $2 "
                "ORDER BY round, submitted_at",
                tournament_id,
                number,
            )
        return [_submission(row) for row in rows]

    async def add_adjustment(self, adjustment: Adjustment) -> None:
        await self.db.execute(
            """
            INSERT INTO score_adjustments (tournament_id, round, user_id, score, reason, moderator_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            adjustment.tournament_id,
            adjustment.round,
            adjustment.user_id,
            adjustment.score,
            adjustment.reason,
            adjustment.moderator_id,
            adjustment.created_at,
        )

    async def adjustments(self, tournament_id: int) -> list[Adjustment]:
        rows = await self.db.fetch(
            "SELECT * FROM score_adjustments WHERE tournament_id = $1 ORDER BY created_at, id", tournament_id
        )
        return [
            Adjustment(
                r["tournament_id"],
                r["round"],
                r["user_id"],
                r["score"],
                r["reason"],
                r["moderator_id"],
                r["created_at"],
            )
            for r in rows
        ]


def _tournament(row: Row) -> Tournament:
    return Tournament(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["name"],
        row["case_id"],
        row["rounds"],
        row["minutes"],
        row["state"],
        row["current_round"],
        tuple(json.loads(row["point_order"])),
        row["shuffle_seed"],
        bool(row["show_scores"]),
        bool(row["late_join"]),
        row["created_by"],
        row["created_at"],
    )


def _round(row: Row) -> TournamentRound:
    return TournamentRound(
        row["tournament_id"], row["number"], row["point"], row["opened_at"], row["deadline"], row["closed_at"]
    )


def _submission(row: Row) -> Submission:
    return Submission(
        row["tournament_id"],
        row["round"],
        row["user_id"],
        row["name"],
        row["text"],
        row["score"],
        tuple(json.loads(row["covered"])),
        tuple(json.loads(row["flags"])),
        matches(row["details"]),
        row["submitted_at"],
        row["versions"],
    )
