"""Attempts (scored rebuttals) and the spaced-repetition cards updated with them.

An attempt and its Point's new card are stored in one transaction, group-committed with
the other writes arriving at the same moment; the database assigns the id (RETURNING), so
several processes writing at once cannot collide."""

from __future__ import annotations

import json
import time
from dataclasses import replace

from ..coverage import Match
from ..models import Attempt, CardUpdate, DuePoint, NewAttempt
from .cache import Cache
from .database import Connection, Database, Row

_INSERT_ATTEMPT_SQL = """
INSERT INTO attempts (learner_id, learner_name, guild_id, channel_id, case_id, case_version, point, text, score,
                      covered, flags, created_at, details)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING id
"""
_UPSERT_SCHEDULE_SQL = """
INSERT INTO schedule (learner_id, case_id, point, card, due) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (learner_id, case_id, point) DO UPDATE SET card = excluded.card, due = excluded.due
"""


class AttemptStore:
    def __init__(self, db: Database):
        self.db = db
        # Cards are read on every rebuttal; every write goes through here, so it cannot go stale (one process).
        self._cards: Cache[tuple[str, str, int], str | None] = Cache(enabled=db.engine == "sqlite")

    async def record(self, new: NewAttempt, card: CardUpdate | None = None) -> Attempt:
        """Store a scored attempt and, in the same transaction, the Point's new schedule
        (group-committed; returns once committed)."""
        coverage = new.coverage
        attempt = Attempt(
            0,  # the database assigns it
            new.learner_id,
            new.learner_name,
            new.place.guild_id,
            new.place.channel_id,
            new.case_id,
            new.case_version,
            new.point,
            new.text,
            coverage.score,
            coverage.covered_ids,
            tuple(sorted(coverage.flags)),
            time.time(),
            coverage.covered,
        )

        async def store(tx: Connection) -> int:
            attempt_id = await tx.fetch_value(_INSERT_ATTEMPT_SQL, *_row(attempt))
            if card is not None:
                await tx.execute(_UPSERT_SCHEDULE_SQL, new.learner_id, card.case_id, card.point, card.card, card.due)
            return int(attempt_id)

        attempt_id = await self.db.group(store)
        if card is not None:
            self._cards.put((new.learner_id, card.case_id, card.point), card.card)
        return replace(attempt, id=attempt_id)

    async def get(self, attempt_id: int) -> Attempt | None:
        row = await self.db.fetch_one("SELECT * FROM attempts WHERE id = $1", attempt_id)
        return _attempt(row) if row else None

    async def of(self, learner_id: str, guild_id: int | None, *, limit: int | None = None) -> list[Attempt]:
        """A learner's attempts, newest first: in one server, or (``guild_id`` None) everywhere."""
        query = "SELECT * FROM attempts WHERE learner_id = $1"
        params: list = [learner_id]
        if guild_id is not None:
            params.append(guild_id)
            query += f" AND guild_id = ${len(params)}"
        query += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            params.append(limit)
            query += f" LIMIT ${len(params)}"
        return [_attempt(row) for row in await self.db.fetch(query, *params)]

    async def count(self, learner_id: str | None = None) -> int:
        if learner_id is None:
            return int(await self.db.fetch_value("SELECT COUNT(*) FROM attempts"))
        return int(await self.db.fetch_value("SELECT COUNT(*) FROM attempts WHERE learner_id = $1", learner_id))

    # --- spaced repetition ------------------------------------------------------------

    async def card(self, learner_id: str, case_id: str, point: int) -> str | None:
        key = (learner_id, case_id, point)
        if key in self._cards:
            return self._cards[key]
        row = await self.db.fetch_one(
            "SELECT card FROM schedule WHERE learner_id = $1 AND case_id = $2 AND point = $3",
            learner_id,
            case_id,
            point,
        )
        stored = row["card"] if row else None
        self._cards.put(key, stored)
        return stored

    async def schedule_of(self, learner_id: str, case_id: str | None = None) -> list[DuePoint]:
        """The learner's scheduled Points, soonest due first."""
        query, params = "SELECT case_id, point, due FROM schedule WHERE learner_id = $1", [learner_id]
        if case_id is not None:
            query += " AND case_id = $2"
            params.append(case_id)
        rows = await self.db.fetch(query + " ORDER BY due", *params)
        return [DuePoint(r["case_id"], r["point"], r["due"]) for r in rows]

    def forget_cached(self, learner_id: str) -> None:
        self._cards.forget(lambda key: key[0] == learner_id)


def matches_json(matches: tuple[Match, ...]) -> str:
    return json.dumps([{"id": m.counterargument_id, "excerpt": m.excerpt, "similarity": m.similarity} for m in matches])


def matches(details: str | None) -> tuple[Match, ...]:
    return tuple(Match(d["id"], d["excerpt"], d["similarity"]) for d in json.loads(details or "[]"))


def _attempt(row: Row) -> Attempt:
    return Attempt(
        row["id"],
        row["learner_id"],
        row["learner_name"],
        row["guild_id"],
        row["channel_id"],
        row["case_id"],
        row["case_version"],
        row["point"],
        row["text"],
        row["score"],
        tuple(json.loads(row["covered"])),
        tuple(json.loads(row["flags"])),
        row["created_at"],
        matches(row["details"]),
    )


def _row(attempt: Attempt) -> tuple:
    """An attempt as the columns of _INSERT_ATTEMPT_SQL, in order."""
    return (
        attempt.learner_id,
        attempt.learner_name,
        attempt.guild_id,
        attempt.channel_id,
        attempt.case_id,
        attempt.case_version,
        attempt.point,
        attempt.text,
        attempt.score,
        json.dumps(list(attempt.covered)),
        json.dumps(list(attempt.flags)),
        attempt.created_at,
        matches_json(attempt.matches),
    )
