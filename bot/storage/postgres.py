"""The PostgreSQL engine: an asyncpg connection pool to one database, for several bot processes.

The schema version is the one row of ``counterpoint_schema``. A database that has tables
but not that one is another program's, and is refused untouched. Migrations run in one
transaction under an advisory lock, so processes starting together migrate once.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from .database import (
    Connection,
    Database,
    DuplicateError,
    IntegrityError,
    Row,
    StorageError,
    StorageUnavailableError,
    log,
)
from .schema import POSTGRES_MIGRATIONS, SCHEMA_VERSION, statements

#: The advisory lock migrations hold ("CPnt", as SQLite's application_id).
MIGRATION_LOCK = 0x43506E74

_UNAVAILABLE = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.InsufficientResourcesError,  # a full disk, too many connections
    asyncpg.exceptions.SerializationError,
    asyncpg.exceptions.DeadlockDetectedError,
    asyncpg.exceptions.LockNotAvailableError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
)


def safe_name(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _translated(error: BaseException) -> BaseException:
    """The driver's error as the shared layer's: unavailable, a broken rule, or as it was."""
    if isinstance(error, asyncpg.exceptions.UniqueViolationError):
        return DuplicateError(str(error))
    if isinstance(error, asyncpg.exceptions.IntegrityConstraintViolationError):
        return IntegrityError(str(error))
    if isinstance(error, _UNAVAILABLE):
        log.error("Database unavailable: %r", error)
        return StorageUnavailableError(
            "Counterpoint cannot reach its database right now; nothing was saved. Please try again "
            "in a moment (the bot's operator has been told in the log)."
        )
    return error


class _PostgresConnection(Connection):
    """Statements on one connection (inside a transaction) or on the pool (each its own)."""

    def __init__(self, target: asyncpg.Connection | asyncpg.Pool):
        self._target = target

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        try:
            return list(await self._target.fetch(sql, *args))
        except (asyncpg.PostgresError, *_UNAVAILABLE) as error:
            raise _translated(error) from error

    async def execute(self, sql: str, *args: Any) -> int:
        try:
            status = await self._target.execute(sql, *args)
        except (asyncpg.PostgresError, *_UNAVAILABLE) as error:
            raise _translated(error) from error
        count = status.rsplit(" ", 1)[-1]  # "UPDATE 3", "INSERT 0 1", "DELETE 0"
        return int(count) if count.isdigit() else 0

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            await self._target.executemany(sql, list(rows))
        except (asyncpg.PostgresError, *_UNAVAILABLE) as error:
            raise _translated(error) from error


class PostgresDatabase(Database):
    """A Counterpoint database on a PostgreSQL server. Open with :meth:`open`."""

    engine = "postgresql"

    def __init__(self, pool: asyncpg.Pool, url: str):
        super().__init__()
        self.pool = pool
        self.url = url
        self.name = safe_name(url)
        self._statements = _PostgresConnection(pool)

    @classmethod
    async def open(cls, url: str, *, pool_size: int = 10) -> PostgresDatabase:
        """Connect to the database at ``url`` and bring its schema up to date; a database
        holding another program's tables is refused untouched."""
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=pool_size, timeout=10)
        except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as error:
            raise StorageError(
                f"Cannot connect to the database {safe_name(url)} ({error}). Nothing was changed; check that "
                "the server runs, the database exists and the URL in COUNTERPOINT_DB (or --db) is right."
            ) from None
        database = cls(pool, url)
        try:
            await database._migrate()
        except BaseException:
            await pool.close()
            raise
        return database

    async def _migrate(self) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            version = await _identify(conn, self.name)
            for number in range(version, SCHEMA_VERSION):
                for statement in statements(POSTGRES_MIGRATIONS[number]):
                    await conn.execute(statement)
            if version != SCHEMA_VERSION:
                await conn.execute("UPDATE counterpoint_schema SET version = $1", SCHEMA_VERSION)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return await self._statements.fetch(sql, *args)

    async def execute(self, sql: str, *args: Any) -> int:
        return await self._statements.execute(sql, *args)

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._statements.execute_many(sql, rows)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        try:
            async with self.pool.acquire() as conn, conn.transaction():
                yield _PostgresConnection(conn)
        except (asyncpg.PostgresError, *_UNAVAILABLE) as error:
            raise _translated(error) from error

    async def schema_version(self) -> int:
        return int(await self.fetch_value("SELECT version FROM counterpoint_schema"))

    async def tables(self) -> list[str]:
        return await _tables(self._statements)

    async def _close(self) -> None:
        await self.pool.close()


async def _tables(conn: Connection | asyncpg.Connection) -> list[str]:
    rows = await conn.fetch(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [row["table_name"] for row in rows if row["table_name"] != "counterpoint_schema"]


async def _identify(conn: asyncpg.Connection, name: str) -> int:
    """The database's schema version (0: empty, ready to be ours); :class:`StorageError` for
    another program's database or a newer schema."""
    if await conn.fetchval("SELECT to_regclass('counterpoint_schema')") is not None:
        version = int(await conn.fetchval("SELECT version FROM counterpoint_schema"))
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{name} has schema version {version}, newer than this Counterpoint "
                f"understands ({SCHEMA_VERSION}). Upgrade Counterpoint."
            )
        return version
    strangers = await _tables(conn)
    if strangers:
        shown = ", ".join(repr(t) for t in strangers[:5]) + (", ..." if len(strangers) > 5 else "")
        raise StorageError(
            f"{name} is not a Counterpoint database: it holds tables Counterpoint never creates ({shown}) "
            "and no counterpoint_schema. Nothing was changed; point COUNTERPOINT_DB at an empty database."
        )
    return 0


async def check_postgres(url: str) -> list[str]:
    """Problems found in the database (empty: it is sound): reachable, ours, its schema version,
    and every table readable."""
    try:
        conn = await asyncpg.connect(url, timeout=10)
    except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as error:
        return [f"cannot connect ({error})"]
    try:
        try:
            version = await _identify(conn, safe_name(url))
        except StorageError as error:
            return [str(error)]
        if version == 0:
            return ["the database is empty: the schema will be created at the next start"]
        problems = []
        for table in await _tables(conn):
            try:
                await conn.fetchval(f'SELECT COUNT(*) FROM "{table}"')
            except asyncpg.PostgresError as error:
                problems.append(f"table {table} cannot be read ({error})")
        if version < SCHEMA_VERSION:
            problems.append(f"schema version {version}: it will be migrated to {SCHEMA_VERSION} at the next start")
        return problems
    finally:
        await conn.close()


def backup_postgres(url: str, destination: Path) -> None:
    """A consistent copy with ``pg_dump`` (custom format: restore with ``pg_restore``); safe while
    the bot runs, as pg_dump reads one snapshot."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise StorageError("pg_dump is not installed here; install PostgreSQL's client tools to back up.")
    run = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", "--file", str(destination), "--dbname", url],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        destination.unlink(missing_ok=True)
        reason = run.stderr.strip().replace(url, safe_name(url))
        raise StorageError(f"pg_dump failed: {reason}")
