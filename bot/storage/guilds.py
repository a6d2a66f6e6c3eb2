"""Per-server settings and per-server case libraries."""

from __future__ import annotations

import json
import time

from ..models import GuildSettings
from .database import Database


class GuildSettingsStore:
    def __init__(self, db: Database):
        self.db = db

    async def get(self, guild_id: int) -> GuildSettings:
        row = await self.db.fetch_one("SELECT * FROM guild_settings WHERE guild_id = $1", guild_id)
        if row is None:
            return GuildSettings(guild_id)
        return GuildSettings(
            guild_id,
            row["moderator_role_id"],
            row["default_case"],
            row["tournament_rounds"],
            row["tournament_minutes"],
            tuple(json.loads(row["practice_channels"])) if row["practice_channels"] else (),
            bool(row["tournament_show_scores"]),
            row["leaderboard_enabled"] != 0,
        )

    async def save(self, settings: GuildSettings) -> None:
        await self.db.execute(
            """
            INSERT INTO guild_settings (guild_id, moderator_role_id, default_case, tournament_rounds,
                                        tournament_minutes, practice_channels, tournament_show_scores,
                                        leaderboard_enabled)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (guild_id) DO UPDATE SET
                moderator_role_id = excluded.moderator_role_id, default_case = excluded.default_case,
                tournament_rounds = excluded.tournament_rounds, tournament_minutes = excluded.tournament_minutes,
                practice_channels = excluded.practice_channels,
                tournament_show_scores = excluded.tournament_show_scores,
                leaderboard_enabled = excluded.leaderboard_enabled
            """,
            settings.guild_id,
            settings.moderator_role_id,
            settings.default_case,
            settings.tournament_rounds,
            None if settings.tournament_minutes is None else float(settings.tournament_minutes),
            json.dumps(list(settings.practice_channels)) if settings.practice_channels else None,
            int(settings.tournament_show_scores),
            int(settings.leaderboard_enabled),
        )


class GuildCaseStore:
    """Cases uploaded to a server: every version is kept (old attempts were scored against it)."""

    def __init__(self, db: Database):
        self.db = db

    async def save(self, guild_id: int, case_id: str, version: str, toml: str, uploaded_by: int) -> None:
        """Store an uploaded case as the current version of its id in this server (older ones are kept)."""
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE guild_cases SET current = 0 WHERE guild_id = $1 AND case_id = $2", guild_id, case_id
            )
            await tx.execute(
                """
                INSERT INTO guild_cases (guild_id, case_id, version, toml, uploaded_by, uploaded_at, current)
                VALUES ($1, $2, $3, $4, $5, $6, 1)
                ON CONFLICT (guild_id, case_id, version) DO UPDATE SET current = 1, uploaded_at = excluded.uploaded_at
                """,
                guild_id,
                case_id,
                version,
                toml,
                uploaded_by,
                time.time(),
            )

    async def current(self, guild_id: int) -> list[str]:
        """The TOML of the server's current cases."""
        rows = await self.db.fetch(
            "SELECT toml FROM guild_cases WHERE guild_id = $1 AND current = 1 ORDER BY case_id", guild_id
        )
        return [row["toml"] for row in rows]

    async def retire(self, guild_id: int, case_id: str) -> bool:
        """Take a case out of use (its versions stay, for the attempts scored against them)."""
        changed = await self.db.execute(
            "UPDATE guild_cases SET current = 0 WHERE guild_id = $1 AND case_id = $2 AND current = 1", guild_id, case_id
        )
        return changed > 0
