"""All SQL lives here: one aiosqlite connection, WAL mode, forward migrations.

The schema version is SQLite's ``PRAGMA user_version``; :data:`MIGRATIONS`
lists the scripts that take the database from one version to the next, and
:meth:`Storage.open` applies those not yet applied, each in its own
transaction. Times are Unix seconds (UTC) as REAL, so ordering and range
queries are plain comparisons and Discord timestamps are one ``int()`` away.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import aiosqlite

from .models import Attempt, Place, PracticeSession

MIGRATIONS: tuple[str, ...] = (
    # 1: attempts and current practice sessions
    """
    CREATE TABLE attempts (
        id            INTEGER PRIMARY KEY,
        learner_id    TEXT    NOT NULL,
        learner_name  TEXT    NOT NULL,
        guild_id      INTEGER,            -- NULL: a DM or the terminal
        channel_id    INTEGER,
        case_id       TEXT    NOT NULL,
        case_version  TEXT    NOT NULL,
        point         INTEGER NOT NULL,
        text          TEXT    NOT NULL,
        score         INTEGER NOT NULL,
        covered       TEXT    NOT NULL,   -- JSON list of counterargument ids
        flags         TEXT    NOT NULL,   -- JSON list of flags
        created_at    REAL    NOT NULL
    );
    CREATE INDEX attempts_by_learner ON attempts (learner_id, created_at);
    CREATE INDEX attempts_by_guild ON attempts (guild_id, created_at);

    CREATE TABLE sessions (
        learner_id  TEXT    NOT NULL,
        scope       TEXT    NOT NULL,     -- 'private' or 'guild:<id>'
        guild_id    INTEGER,
        channel_id  INTEGER,
        case_id     TEXT    NOT NULL,
        point       INTEGER NOT NULL,
        hints_used  INTEGER NOT NULL DEFAULT 0,
        started_at  REAL    NOT NULL,
        PRIMARY KEY (learner_id, scope)
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


class StorageError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


class Storage:
    """The project's one door to SQLite. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, connection: aiosqlite.Connection, path: Path):
        self._db = connection
        self.path = path

    @classmethod
    async def open(cls, path: Path | str) -> "Storage":
        """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise StorageError(f"The folder for the database does not exist: {path.parent}")
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot open the database {path}: {exc}") from exc
        connection.row_factory = sqlite3.Row
        storage = cls(connection, path)
        try:
            await storage._prepare()
        except sqlite3.DatabaseError as exc:
            await connection.close()
            raise StorageError(
                f"{path} is not a usable Counterpoint database ({exc}). "
                "Nothing was changed; move the file aside or point COUNTERPOINT_DB elsewhere."
            ) from exc
        except BaseException:
            await connection.close()
            raise
        return storage

    async def _prepare(self) -> None:
        await self._db.execute("PRAGMA busy_timeout = 5000")
        await self._db.execute("PRAGMA journal_mode = WAL")
        await self._db.execute("PRAGMA synchronous = NORMAL")
        await self._db.execute("PRAGMA foreign_keys = ON")
        async with self._db.execute("PRAGMA user_version") as cursor:
            (version,) = await cursor.fetchone()
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{self.path} has schema version {version}, newer than this Counterpoint "
                f"understands ({SCHEMA_VERSION}). Upgrade Counterpoint."
            )
        for number in range(version, SCHEMA_VERSION):
            # executescript would commit on its own; one explicit transaction per step instead.
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    await self._db.execute(statement)
                await self._db.execute(f"PRAGMA user_version = {number + 1}")
                await self._db.execute("COMMIT")
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise

    async def close(self) -> None:
        await self._db.close()

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            (version,) = await cursor.fetchone()
        return version

    # --- practice sessions ---------------------------------------------------------

    async def get_session(self, learner_id: str, scope: str) -> PracticeSession | None:
        async with self._db.execute(
            "SELECT * FROM sessions WHERE learner_id = ? AND scope = ?", (learner_id, scope)
        ) as cursor:
            row = await cursor.fetchone()
        return _session(row) if row else None

    async def save_session(self, learner_id: str, place: Place, case_id: str, point: int) -> PracticeSession:
        """Make ``point`` the learner's current Point in the place's scope (replacing any)."""
        started = time.time()
        await self._db.execute(
            """
            INSERT INTO sessions (learner_id, scope, guild_id, channel_id, case_id, point, hints_used, started_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)
            ON CONFLICT (learner_id, scope) DO UPDATE SET
                guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                case_id = excluded.case_id, point = excluded.point,
                hints_used = 0, started_at = excluded.started_at
            """,
            (learner_id, place.scope, place.guild_id, place.channel_id, case_id, point, started),
        )
        return PracticeSession(
            learner_id, place.scope, place.guild_id, place.channel_id, case_id, point, 0, started
        )

    async def count_hint(self, learner_id: str, scope: str) -> None:
        await self._db.execute(
            "UPDATE sessions SET hints_used = hints_used + 1 WHERE learner_id = ? AND scope = ?",
            (learner_id, scope),
        )

    async def clear_session(self, learner_id: str, scope: str) -> None:
        await self._db.execute("DELETE FROM sessions WHERE learner_id = ? AND scope = ?", (learner_id, scope))

    # --- attempts ---------------------------------------------------------------------

    async def record_attempt(
        self,
        *,
        learner_id: str,
        learner_name: str,
        place: Place,
        case_id: str,
        case_version: str,
        point: int,
        text: str,
        score: int,
        covered: tuple[str, ...],
        flags: tuple[str, ...],
    ) -> Attempt:
        created = time.time()
        cursor = await self._db.execute(
            """
            INSERT INTO attempts (learner_id, learner_name, guild_id, channel_id, case_id, case_version,
                                  point, text, score, covered, flags, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                learner_id, learner_name, place.guild_id, place.channel_id, case_id, case_version,
                point, text, score, json.dumps(list(covered)), json.dumps(list(flags)), created,
            ),
        )
        attempt_id = cursor.lastrowid
        await cursor.close()
        return Attempt(
            attempt_id, learner_id, learner_name, place.guild_id, place.channel_id, case_id,
            case_version, point, text, score, tuple(covered), tuple(flags), created,
        )

    async def recent_attempts(self, learner_id: str, limit: int = 10) -> list[Attempt]:
        """The learner's latest attempts, newest first."""
        async with self._db.execute(
            "SELECT * FROM attempts WHERE learner_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
            (learner_id, limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [_attempt(row) for row in rows]

    async def count_attempts(self, learner_id: str | None = None) -> int:
        if learner_id is None:
            query, params = "SELECT COUNT(*) FROM attempts", ()
        else:
            query, params = "SELECT COUNT(*) FROM attempts WHERE learner_id = ?", (learner_id,)
        async with self._db.execute(query, params) as cursor:
            (count,) = await cursor.fetchone()
        return count


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our DDL strings)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _session(row: sqlite3.Row) -> PracticeSession:
    return PracticeSession(
        row["learner_id"], row["scope"], row["guild_id"], row["channel_id"], row["case_id"],
        row["point"], row["hints_used"], row["started_at"],
    )


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(
        row["id"], row["learner_id"], row["learner_name"], row["guild_id"], row["channel_id"],
        row["case_id"], row["case_version"], row["point"], row["text"], row["score"],
        tuple(json.loads(row["covered"])), tuple(json.loads(row["flags"])), row["created_at"],
    )
