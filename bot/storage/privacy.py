"""Privacy: whether DM practice counts on server leaderboards, forgetting a member, and
everything stored about a member (for `export-me`)."""

from __future__ import annotations

import json

from .attempts import AttemptStore
from .database import Database
from .disputes import FORGET_MEMBER_SQL as FORGET_DISPUTES_SQL
from .sessions import SessionStore

#: The tables keyed by learner_id: every row of theirs goes.
_LEARNER_TABLES = ("attempts", "sessions", "schedule", "learner_settings", "rate_limit_uses")

#: What forgetting a member does beyond the learner_id tables. Their own rows go: tournament
#: entries, submissions, and adjustments of their scores. What they did for a server as its
#: moderator stays for the others' sake, with the author unnamed (0): tournaments created,
#: other members' adjustments, season resets, uploaded cases.
_FORGET_MEMBER_SQL = (
    "DELETE FROM tournament_submissions WHERE user_id = $1",
    "DELETE FROM tournament_participants WHERE user_id = $1",
    "DELETE FROM score_adjustments WHERE user_id = $1",
    "UPDATE score_adjustments SET moderator_id = 0 WHERE moderator_id = $1",
    "UPDATE tournaments SET created_by = 0 WHERE created_by = $1",
    "UPDATE seasons SET ended_by = NULL WHERE ended_by = $1",
    "UPDATE guild_cases SET uploaded_by = 0 WHERE uploaded_by = $1",
    *FORGET_DISPUTES_SQL,
)

#: The tournament rows naming a member, for `export-me` (others' ids left out).
_MEMBER_RECORDS_SQL = {
    "tournaments_entered": """
        SELECT p.tournament_id, t.name AS tournament, t.guild_id, p.name AS your_name, p.joined_at
        FROM tournament_participants AS p JOIN tournaments AS t ON t.id = p.tournament_id
        WHERE p.user_id = $1 ORDER BY p.joined_at""",
    "tournament_submissions": """
        SELECT tournament_id, round, name AS your_name, text, score, covered, flags, submitted_at, versions
        FROM tournament_submissions WHERE user_id = $1 ORDER BY submitted_at""",
    "score_adjustments_of_yours": """
        SELECT tournament_id, round, score, reason, created_at FROM score_adjustments
        WHERE user_id = $1 ORDER BY created_at""",
    "tournaments_created": "SELECT id, guild_id, name, created_at FROM tournaments WHERE created_by = $1",
    "score_adjustments_made": """
        SELECT tournament_id, round, score, reason, created_at FROM score_adjustments
        WHERE moderator_id = $1 ORDER BY created_at""",
    "seasons_ended": "SELECT guild_id, number, ended_at FROM seasons WHERE ended_by = $1",
    "cases_uploaded": "SELECT guild_id, case_id, version, uploaded_at FROM guild_cases WHERE uploaded_by = $1",
}


class PrivacyStore:
    def __init__(self, db: Database, sessions: SessionStore, attempts: AttemptStore):
        self.db = db
        self._caches = (sessions, attempts)

    async def shares_private(self, learner_id: str) -> bool:
        row = await self.db.fetch_one("SELECT share_private FROM learner_settings WHERE learner_id = $1", learner_id)
        return bool(row and row["share_private"])

    async def set_shares_private(self, learner_id: str, share: bool) -> None:
        await self.db.execute(
            """
            INSERT INTO learner_settings (learner_id, share_private) VALUES ($1, $2)
            ON CONFLICT (learner_id) DO UPDATE SET share_private = excluded.share_private
            """,
            learner_id,
            int(share),
        )

    async def forget(self, learner_id: str) -> int:
        """Delete every row of this learner's, everywhere (and what is cached of them); returns how many rows went."""
        for store in self._caches:
            store.forget_cached(learner_id)
        removed = 0
        async with self.db.transaction() as tx:
            for table in _LEARNER_TABLES:
                removed += await tx.execute(f"DELETE FROM {table} WHERE learner_id = $1", learner_id)
            if learner_id.isdigit():  # a Discord member: tournaments know them by their numeric id
                for statement in _FORGET_MEMBER_SQL:
                    changed = await tx.execute(statement, int(learner_id))
                    removed += changed if statement.startswith("DELETE") else 0
        return removed

    async def member_records(self, user_id: int) -> dict[str, list[dict]]:
        """Every tournament row that names this member, as plain data (for `export-me`)."""
        records = {
            name: [dict(row) for row in await self.db.fetch(query, user_id)]
            for name, query in _MEMBER_RECORDS_SQL.items()
        }
        for row in records["tournament_submissions"]:
            row["covered"], row["flags"] = json.loads(row["covered"]), json.loads(row["flags"])
        return records
