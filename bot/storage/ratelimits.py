"""Rate limits shared by several bot processes (PostgreSQL): a sliding window of recent uses per
(action, member), kept in the database.

A member's messages can reach more than one process (their DMs go to shard 0, a server to its
own shard), so a limit counted in each process's memory would let them through once per process.
One SQLite process counts in memory instead (:class:`bot.ratelimit.RateLimiter`), which is exact
there and costs nothing."""

from __future__ import annotations

import time
from collections.abc import Callable

from .database import Database

#: Serialises one member's checks for one action across processes (SQLite's BEGIN IMMEDIATE
#: already serialises every write, so it needs none).
_LOCK_MEMBER_SQL = {"postgresql": "SELECT pg_advisory_xact_lock(hashtext($1 || ':' || $2))", "sqlite": None}


class RateLimitStore:
    def __init__(self, db: Database):
        self.db = db

    async def take(self, action: str, learner_id: str, count: int, seconds: float, now: float) -> float:
        """0 if the member may act now (and the use is counted), else the seconds until they may."""
        async with self.db.transaction() as tx:
            lock = _LOCK_MEMBER_SQL[self.db.engine]
            if lock is not None:
                await tx.fetch(lock, action, learner_id)
            await tx.execute(
                "DELETE FROM rate_limit_uses WHERE action = $1 AND learner_id = $2 AND at <= $3",
                action,
                learner_id,
                now - seconds,
            )
            row = await tx.fetch_one(
                "SELECT COUNT(*) AS uses, MIN(at) AS oldest FROM rate_limit_uses WHERE action = $1 AND learner_id = $2",
                action,
                learner_id,
            )
            assert row is not None  # an aggregate: always one row
            if row["uses"] >= count:
                return float(seconds - (now - row["oldest"]))
            await tx.execute(
                "INSERT INTO rate_limit_uses (action, learner_id, at) VALUES ($1, $2, $3)", action, learner_id, now
            )
        return 0.0


class SharedRateLimiter:
    """At most ``count`` uses of ``action`` per ``seconds`` for each member, across every process."""

    def __init__(
        self, store: RateLimitStore, action: str, count: int, seconds: float, clock: Callable[[], float] = time.time
    ):
        if count < 1 or seconds <= 0:
            raise ValueError("a rate needs a positive count and period")
        self.store, self.action, self.count, self.seconds, self.clock = store, action, count, seconds, clock

    async def take(self, key: str) -> float:
        return await self.store.take(self.action, key, self.count, self.seconds, self.clock())
