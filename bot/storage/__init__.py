"""All SQL lives in this package: one store per area over one small database layer, two engines.

``Storage.open(location)`` opens a SQLite file (a path: the embedded default, for one process)
or a PostgreSQL database (a ``postgresql://`` URL: for several bot processes on one database),
brings its schema up to date, and exposes one store per area::

    storage.sessions      current practice sessions        (sessions.py)
    storage.attempts      attempts and spaced-repetition   (attempts.py)
    storage.leaderboards  leaderboards and seasons         (leaderboards.py)
    storage.privacy       sharing, forgetting, export      (privacy.py)
    storage.guild_settings, storage.guild_cases            (guilds.py)
    storage.tournaments   tournaments                      (tournaments.py)
    storage.disputes      disputes of practice scores      (disputes.py)
    storage.rate_limits   rate limits across processes     (ratelimits.py)

The engines are in ``database.py`` (the shared interface and its one SQL rule), ``sqlite.py``
and ``postgres.py``; the schema, as one migration list per engine kept in step by number, in
``schema.py``.
"""

from __future__ import annotations

from pathlib import Path

from .attempts import AttemptStore
from .database import (
    Database,
    DuplicateError,
    IntegrityError,
    StorageError,
    StorageUnavailableError,
    is_postgres_url,
)
from .disputes import DisputeStore
from .guilds import GuildCaseStore, GuildSettingsStore
from .leaderboards import LEADERBOARD_SQL, LeaderboardStore
from .privacy import PrivacyStore
from .ratelimits import RateLimitStore
from .schema import SCHEMA_VERSION, SQLITE_MIGRATIONS
from .sessions import SessionStore
from .sqlite import APPLICATION_ID, SQLiteDatabase, backup_database, check_database
from .tournaments import TournamentStore

#: SQLite's migrations (the default engine's), as tests and older code know them.
MIGRATIONS = SQLITE_MIGRATIONS

__all__ = [
    "APPLICATION_ID",
    "LEADERBOARD_SQL",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DuplicateError",
    "IntegrityError",
    "Storage",
    "StorageError",
    "StorageUnavailableError",
    "backup_database",
    "check_database",
    "is_postgres_url",
]


class Storage:
    """The project's one door to its database. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, database: Database, location: Path | str):
        self.database = database
        #: What COUNTERPOINT_DB named: a file's path, or a PostgreSQL URL.
        self.location = location
        self.sessions = SessionStore(database)
        self.attempts = AttemptStore(database)
        self.leaderboards = LeaderboardStore(database)
        self.privacy = PrivacyStore(database, self.sessions, self.attempts)
        self.guild_settings = GuildSettingsStore(database)
        self.guild_cases = GuildCaseStore(database)
        self.tournaments = TournamentStore(database)
        self.disputes = DisputeStore(database, self.attempts)
        self.rate_limits = RateLimitStore(database)

    @classmethod
    async def open(cls, location: Path | str, *, busy_timeout_ms: int = 5000) -> Storage:
        """Open the database ``location`` names (creating it if needed) and bring its schema up to date.

        A database that is not Counterpoint's, or cannot be written, is refused with a
        :class:`StorageError` saying why, and left as it was."""
        database: Database
        if is_postgres_url(location):
            from .postgres import PostgresDatabase  # asyncpg is imported only when it is used

            database = await PostgresDatabase.open(str(location))
        else:
            database = await SQLiteDatabase.open(location, busy_timeout_ms=busy_timeout_ms)
        return cls(database, location)

    @property
    def engine(self) -> str:
        return self.database.engine

    @property
    def path(self) -> Path:
        """The SQLite file (only for SQLite: a PostgreSQL database has no path)."""
        if not isinstance(self.database, SQLiteDatabase):
            raise AttributeError(f"a {self.engine} database has no file path")
        return self.database.path

    async def schema_version(self) -> int:
        return await self.database.schema_version()

    async def close(self) -> None:
        """Finish the writes in flight, then close the database cleanly."""
        await self.database.close()
