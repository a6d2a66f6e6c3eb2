"""Practice sessions: each learner's current Point, one per scope (private, or a server)."""

from __future__ import annotations

import time

from ..models import Place, PracticeSession
from .cache import Cache
from .database import Database, Row


class SessionStore:
    def __init__(self, db: Database):
        self.db = db
        # Read on every rebuttal; every write goes through here, so it cannot go stale (one process).
        self._cache: Cache[tuple[str, str], PracticeSession | None] = Cache(enabled=db.engine == "sqlite")

    async def get(self, learner_id: str, scope: str) -> PracticeSession | None:
        key = (learner_id, scope)
        if key in self._cache:
            return self._cache[key]
        row = await self.db.fetch_one("SELECT * FROM sessions WHERE learner_id = $1 AND scope = $2", learner_id, scope)
        session = _session(row) if row else None
        self._cache.put(key, session)
        return session

    async def save(self, learner_id: str, place: Place, case_id: str, point: int) -> PracticeSession:
        """Make ``point`` the learner's current Point in the place's scope (replacing any)."""
        started = time.time()
        await self.db.execute(
            """
            INSERT INTO sessions (learner_id, scope, guild_id, channel_id, case_id, point, hints_used, started_at)
            VALUES ($1, $2, $3, $4, $5, $6, 0, $7)
            ON CONFLICT (learner_id, scope) DO UPDATE SET
                guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                case_id = excluded.case_id, point = excluded.point,
                hints_used = 0, started_at = excluded.started_at
            """,
            learner_id,
            place.scope,
            place.guild_id,
            place.channel_id,
            case_id,
            point,
            started,
        )
        session = PracticeSession(learner_id, place.scope, place.guild_id, place.channel_id, case_id, point, 0, started)
        self._cache.put((learner_id, place.scope), session)
        return session

    async def count_hint(self, learner_id: str, scope: str) -> None:
        await self.db.execute(
            "UPDATE sessions SET hints_used = hints_used + 1 WHERE learner_id = $1 AND scope = $2", learner_id, scope
        )
        self._cache.drop((learner_id, scope))  # read afresh next time

    async def clear(self, learner_id: str, scope: str) -> None:
        await self.db.execute("DELETE FROM sessions WHERE learner_id = $1 AND scope = $2", learner_id, scope)
        self._cache.put((learner_id, scope), None)

    def forget_cached(self, learner_id: str) -> None:
        self._cache.forget(lambda key: key[0] == learner_id)


def _session(row: Row) -> PracticeSession:
    return PracticeSession(
        row["learner_id"],
        row["scope"],
        row["guild_id"],
        row["channel_id"],
        row["case_id"],
        row["point"],
        row["hints_used"],
        row["started_at"],
    )
