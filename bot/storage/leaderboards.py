"""Server leaderboards and their seasons (a reset starts a new season; old attempts stay)."""

from __future__ import annotations

import time

from ..models import LeaderboardRow
from .database import Database

#: Members ranked by the sum over Points of their best score since $2, ties by attempts, in
#: server $1: the server's practice, plus the DM practice of members who practise here and
#: opted in to sharing it. A constant so tests can check its query plan.
LEADERBOARD_SQL = """
WITH members AS (
    SELECT DISTINCT learner_id FROM attempts WHERE guild_id = $1 AND created_at >= $2
),
sharing AS (
    SELECT learner_id FROM learner_settings
    WHERE share_private = 1 AND learner_id IN (SELECT learner_id FROM members)
),
counted AS (
    SELECT learner_id, case_id, point, score FROM attempts
    WHERE guild_id = $1 AND created_at >= $2
    UNION ALL
    SELECT a.learner_id, a.case_id, a.point, a.score FROM attempts AS a JOIN sharing USING (learner_id)
    WHERE a.guild_id IS NULL AND a.created_at >= $2
),
per_point AS (
    SELECT learner_id, MAX(score) AS best, COUNT(*) AS tries FROM counted
    GROUP BY learner_id, case_id, point
)
SELECT learner_id, SUM(best) AS total, SUM(tries) AS attempts,
       (SELECT learner_name FROM attempts AS n WHERE n.learner_id = per_point.learner_id
        ORDER BY n.created_at DESC LIMIT 1) AS learner_name
FROM per_point GROUP BY learner_id
ORDER BY total DESC, attempts DESC, learner_id
"""


class LeaderboardStore:
    def __init__(self, db: Database):
        self.db = db

    async def ranking(self, guild_id: int, since: float) -> list[LeaderboardRow]:
        """Members ranked by the sum over Points of their best score since ``since``, ties by attempts."""
        rows = await self.db.fetch(LEADERBOARD_SQL, guild_id, since)
        return [
            LeaderboardRow(rank, r["learner_id"], r["learner_name"], int(r["total"]), int(r["attempts"]))
            for rank, r in enumerate(rows, start=1)
        ]

    async def season_start(self, guild_id: int) -> float:
        """When the server's current leaderboard season started (0: it never was reset)."""
        row = await self.db.fetch_one(
            "SELECT started_at FROM seasons WHERE guild_id = $1 AND ended_at IS NULL", guild_id
        )
        return row["started_at"] if row else 0.0

    async def start_new_season(self, guild_id: int, moderator_id: int) -> int:
        """Archive the current season (its attempts stay) and start the next; returns the new number."""
        now = time.time()
        async with self.db.transaction() as tx:
            last = int(
                await tx.fetch_value(
                    "SELECT COALESCE(MAX(number), 0) AS last FROM seasons WHERE guild_id = $1", guild_id
                )
            )
            if last == 0:  # the first season ran from the beginning
                await tx.execute("INSERT INTO seasons (guild_id, number, started_at) VALUES ($1, 1, 0)", guild_id)
                last = 1
            await tx.execute(
                "UPDATE seasons SET ended_at = $1, ended_by = $2 WHERE guild_id = $3 AND ended_at IS NULL",
                now,
                moderator_id,
                guild_id,
            )
            await tx.execute(
                "INSERT INTO seasons (guild_id, number, started_at) VALUES ($1, $2, $3)", guild_id, last + 1, now
            )
        return last + 1
