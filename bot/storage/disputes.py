"""Disputes of practice scores, and the channel where each server's moderators read them."""

from __future__ import annotations

import json
import time

from ..models import Dispute
from .attempts import AttemptStore
from .database import Database, Row

#: The dispute rows naming a member, for `export-me`: theirs, and those they resolved as a moderator.
MEMBER_RECORDS_SQL = {
    "disputes_of_yours": """
        SELECT id, attempt_id, guild_id, reason, created_at, resolved_at, confirmed, claims, corrected_score
        FROM disputes WHERE user_id = $1 ORDER BY created_at""",
    "disputes_resolved": """
        SELECT id, guild_id, resolved_at, confirmed, claims, corrected_score FROM disputes
        WHERE resolved_by = $1 ORDER BY resolved_at""",
}

#: Forgetting a member (run by the privacy store, in its one transaction): their disputes go;
#: those they resolved for others stay, unsigned (0).
FORGET_MEMBER_SQL = (
    "DELETE FROM disputes WHERE user_id = $1",
    "UPDATE disputes SET resolved_by = 0 WHERE resolved_by = $1",
)


class DisputeStore:
    def __init__(self, db: Database, attempts: AttemptStore):
        self.db = db
        self._attempts = attempts

    # --- where the moderators read them ---------------------------------------------------

    async def channel(self, guild_id: int) -> int | None:
        row = await self.db.fetch_one("SELECT channel_id FROM dispute_channels WHERE guild_id = $1", guild_id)
        return None if row is None else row["channel_id"]

    async def set_channel(self, guild_id: int, channel_id: int | None) -> None:
        if channel_id is None:
            await self.db.execute("DELETE FROM dispute_channels WHERE guild_id = $1", guild_id)
            return
        await self.db.execute(
            """
            INSERT INTO dispute_channels (guild_id, channel_id) VALUES ($1, $2)
            ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id
            """,
            guild_id,
            channel_id,
        )

    # --- disputes ---------------------------------------------------------------------------

    async def open(self, attempt_id: int, guild_id: int, user_id: int, reason: str) -> int | None:
        """Store a new dispute; its id, or ``None`` if this attempt is already disputed."""
        async with self.db.transaction() as tx:
            row = await tx.fetch_one(
                """
                INSERT INTO disputes (attempt_id, guild_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (attempt_id) DO NOTHING RETURNING id
                """,
                attempt_id,
                guild_id,
                user_id,
                reason,
                time.time(),
            )
        return None if row is None else row["id"]

    async def withdraw(self, dispute_id: int) -> None:
        """Remove a dispute that never reached the moderators."""
        await self.db.execute("DELETE FROM disputes WHERE id = $1", dispute_id)

    async def set_message(self, dispute_id: int, channel_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE disputes SET channel_id = $1, message_id = $2 WHERE id = $3", channel_id, message_id, dispute_id
        )

    async def of_attempt(self, attempt_id: int) -> Dispute | None:
        row = await self.db.fetch_one("SELECT * FROM disputes WHERE attempt_id = $1", attempt_id)
        return None if row is None else await self._dispute(row)

    async def get(self, dispute_id: int) -> Dispute | None:
        row = await self.db.fetch_one("SELECT * FROM disputes WHERE id = $1", dispute_id)
        return None if row is None else await self._dispute(row)

    async def resolve(
        self, dispute_id: int, moderator_id: int, *, confirmed: bool, claims: tuple[str, ...], score: int, out_of: int
    ) -> bool:
        """Record the moderators' answer; ``False`` if the dispute was already resolved (or is gone):
        of two moderators answering at once, exactly one is recorded."""
        changed = await self.db.execute(
            """
            UPDATE disputes SET resolved_by = $1, resolved_at = $2, confirmed = $3, claims = $4, corrected_score = $5,
                                out_of = $6
            WHERE id = $7 AND resolved_at IS NULL
            """,
            moderator_id,
            time.time(),
            int(confirmed),
            json.dumps(list(claims)),
            score,
            out_of,
            dispute_id,
        )
        return changed == 1

    async def resolved_of_case(self, case_id: str) -> list[Dispute]:
        """The resolved disputes of attempts on ``case_id``, in every server, oldest first."""
        rows = await self.db.fetch(
            """
            SELECT d.* FROM disputes AS d JOIN attempts AS a ON a.id = d.attempt_id
            WHERE a.case_id = $1 AND d.resolved_at IS NOT NULL ORDER BY d.resolved_at, d.id
            """,
            case_id,
        )
        return [await self._dispute(row) for row in rows]

    async def member_records(self, user_id: int) -> dict[str, list[dict]]:
        records = {
            name: [dict(row) for row in await self.db.fetch(query, user_id)]
            for name, query in MEMBER_RECORDS_SQL.items()
        }
        for rows in records.values():
            for row in rows:
                row["claims"] = None if row["claims"] is None else json.loads(row["claims"])
        return records

    async def _dispute(self, row: Row) -> Dispute:
        attempt = await self._attempts.get(row["attempt_id"])
        assert attempt is not None  # deleting an attempt deletes its disputes (ON DELETE CASCADE)
        return Dispute(
            row["id"],
            attempt,
            row["guild_id"],
            row["user_id"],
            row["reason"],
            row["created_at"],
            row["channel_id"],
            row["message_id"],
            row["resolved_by"],
            row["resolved_at"],
            None if row["confirmed"] is None else bool(row["confirmed"]),
            None if row["claims"] is None else tuple(json.loads(row["claims"])),
            row["corrected_score"],
            row["out_of"],
        )
