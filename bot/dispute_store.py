"""Every SQL statement about disputes: the ``disputes`` and ``dispute_channels`` tables.

Kept beside :mod:`bot.storage` rather than in it, over the same connection and its
transaction helpers, so that the disputes move as one piece when storage changes.
"""

from __future__ import annotations

import json
import sqlite3
import time

from .models import Dispute
from .storage import Storage

#: The dispute rows naming a member, for `export-me`: theirs, and those they resolved as a moderator.
_MEMBER_RECORDS_SQL = {
    "disputes_of_yours": """
        SELECT d.id, d.attempt_id, d.guild_id, d.reason, d.created_at, d.resolved_at, d.confirmed, d.claims,
               d.corrected_score
        FROM disputes AS d WHERE d.user_id = :id ORDER BY d.created_at""",
    "disputes_resolved": """
        SELECT id, guild_id, resolved_at, confirmed, claims, corrected_score FROM disputes
        WHERE resolved_by = :id ORDER BY resolved_at""",
}

#: Forgetting a member: their disputes go; those they resolved for others stay, unsigned (0).
_FORGET_MEMBER_SQL = (
    "DELETE FROM disputes WHERE user_id = :id",
    "UPDATE disputes SET resolved_by = 0 WHERE resolved_by = :id",
)


class DisputeStore:
    """Disputes over a :class:`~bot.storage.Storage`'s connection."""

    def __init__(self, storage: Storage):
        self.storage = storage

    # --- where the moderators read them ---------------------------------------------------

    async def channel(self, guild_id: int) -> int | None:
        row = await self.storage._first("SELECT channel_id FROM dispute_channels WHERE guild_id = ?", (guild_id,))
        return None if row is None else row["channel_id"]

    async def set_channel(self, guild_id: int, channel_id: int | None) -> None:
        if channel_id is None:
            await self.storage._write("DELETE FROM dispute_channels WHERE guild_id = ?", (guild_id,))
            return
        await self.storage._write(
            """
            INSERT INTO dispute_channels (guild_id, channel_id) VALUES (?, ?)
            ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id
            """,
            (guild_id, channel_id),
        )

    # --- disputes ---------------------------------------------------------------------------

    async def open(self, attempt_id: int, guild_id: int, user_id: int, reason: str) -> int | None:
        """Store a new dispute; its id, or ``None`` if this attempt is already disputed."""
        async with self.storage._transaction():
            cursor = await self.storage._db.execute(
                """
                INSERT INTO disputes (attempt_id, guild_id, user_id, reason, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id) DO NOTHING RETURNING id
                """,
                (attempt_id, guild_id, user_id, reason, time.time()),
            )
            row = await cursor.fetchone()
            await cursor.close()
        return None if row is None else row[0]

    async def withdraw(self, dispute_id: int) -> None:
        """Remove a dispute that never reached the moderators."""
        await self.storage._write("DELETE FROM disputes WHERE id = ?", (dispute_id,))

    async def set_message(self, dispute_id: int, channel_id: int, message_id: int) -> None:
        await self.storage._write(
            "UPDATE disputes SET channel_id = ?, message_id = ? WHERE id = ?", (channel_id, message_id, dispute_id)
        )

    async def of_attempt(self, attempt_id: int) -> Dispute | None:
        row = await self.storage._first("SELECT * FROM disputes WHERE attempt_id = ?", (attempt_id,))
        return None if row is None else await self._dispute(row)

    async def get(self, dispute_id: int) -> Dispute | None:
        row = await self.storage._first("SELECT * FROM disputes WHERE id = ?", (dispute_id,))
        return None if row is None else await self._dispute(row)

    async def resolve(
        self, dispute_id: int, moderator_id: int, *, confirmed: bool, claims: tuple[str, ...], score: int, out_of: int
    ) -> bool:
        """Record the moderators' answer; ``False`` if the dispute was already resolved (or is gone)."""
        async with self.storage._transaction():
            cursor = await self.storage._db.execute(
                """
                UPDATE disputes SET resolved_by = ?, resolved_at = ?, confirmed = ?, claims = ?, corrected_score = ?,
                                    out_of = ?
                WHERE id = ? AND resolved_at IS NULL
                """,
                (moderator_id, time.time(), int(confirmed), json.dumps(list(claims)), score, out_of, dispute_id),
            )
            changed = cursor.rowcount
            await cursor.close()
        return changed == 1

    async def resolved_of_case(self, case_id: str) -> list[Dispute]:
        """The resolved disputes of attempts on ``case_id``, in every server, oldest first."""
        rows = await self.storage._all(
            """
            SELECT d.* FROM disputes AS d JOIN attempts AS a ON a.id = d.attempt_id
            WHERE a.case_id = ? AND d.resolved_at IS NOT NULL ORDER BY d.resolved_at, d.id
            """,
            (case_id,),
        )
        return [await self._dispute(row) for row in rows]

    # --- privacy ---------------------------------------------------------------------------

    async def forget_member(self, user_id: int) -> int:
        """Delete the member's disputes and unsign those they resolved; returns how many of theirs went."""
        removed = 0
        async with self.storage._transaction():
            for statement in _FORGET_MEMBER_SQL:
                cursor = await self.storage._db.execute(statement, {"id": user_id})
                removed += cursor.rowcount if statement.startswith("DELETE") else 0
                await cursor.close()
        return removed

    async def member_records(self, user_id: int) -> dict[str, list[dict]]:
        records = {
            name: [dict(row) for row in await self.storage._all(query, {"id": user_id})]
            for name, query in _MEMBER_RECORDS_SQL.items()
        }
        for rows in records.values():
            for row in rows:
                row["claims"] = None if row["claims"] is None else json.loads(row["claims"])
        return records

    async def _dispute(self, row: sqlite3.Row) -> Dispute:
        attempt = await self.storage.attempt(row["attempt_id"])
        assert attempt is not None  # the attempt's deletion deletes its disputes (ON DELETE CASCADE)
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
