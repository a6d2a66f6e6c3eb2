"""The SQLite engine: one aiosqlite connection to one file, WAL mode, the file's mark.

Our files carry :data:`APPLICATION_ID`; a file without it is opened only if it is empty or
one of ours from before the mark, and anything else is left untouched: it is read first,
and refused before anything is written. The schema version is ``PRAGMA user_version``.
Writes take ``BEGIN IMMEDIATE`` and wait ``busy_timeout_ms`` for another program's lock;
a busy or full database becomes :class:`StorageUnavailableError`.
"""

from __future__ import annotations

import asyncio
import functools
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

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
from .schema import SCHEMA_VERSION, SQLITE_MIGRATIONS, statements

#: ``PRAGMA application_id`` of every Counterpoint database ("CPnt" in ASCII), set when it is
#: created: SQLite files of other programs are told apart by it, and never changed.
APPLICATION_ID = 0x43506E74


@functools.lru_cache(maxsize=512)
def sqlite_sql(sql: str) -> str:
    """``$n`` parameters as SQLite's ``?n`` (the same numbered parameter, another spelling)."""
    return re.sub(r"\$(\d+)", r"?\1", sql)


def _unavailable(error: sqlite3.OperationalError) -> Exception:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        log.warning("Database busy: %s", error)
        return StorageUnavailableError(
            "The database is busy right now; nothing was saved. Please try again in a moment."
        )
    if "full" in text:
        log.error("Database cannot grow: %s", error)
        return StorageUnavailableError(
            "Counterpoint cannot save anything right now (its disk is full); nothing was "
            "saved. The bot's operator has been told in the log."
        )
    if "readonly" in text or "disk i/o error" in text:
        log.error("Database cannot be written: %s", error)
        return StorageUnavailableError(
            "Counterpoint cannot save anything right now (its database file cannot be "
            "written); nothing was saved. The bot's operator has been told in the log."
        )
    return error


def _translated(error: sqlite3.Error) -> Exception:
    """The engine's error as the shared layer's: unavailable, a broken rule, or as it was."""
    if isinstance(error, sqlite3.OperationalError):
        return _unavailable(error)
    if isinstance(error, sqlite3.IntegrityError):
        kind = DuplicateError if "UNIQUE" in str(error) else IntegrityError
        return kind(str(error))
    return error


def backup_database(source: Path, destination: Path) -> None:
    """Copy a live database consistently (SQLite's online backup; safe while the bot runs)."""
    if not source.exists():
        raise StorageError(f"There is no database at {source}.")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)


def check_database(path: Path) -> list[str]:
    """Problems found in the database file (empty: it is sound): integrity, whether it is a
    Counterpoint database at all, and the schema version."""
    if not path.exists():
        return [f"There is no database at {path}."]
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
            version, _ = _identify(conn, path)
    except StorageError as error:
        return [str(error)]
    except sqlite3.DatabaseError as error:
        return [f"{path} is not a readable SQLite database ({error})."]
    if version < SCHEMA_VERSION:
        problems.append(f"schema version {version}: it will be migrated to {SCHEMA_VERSION} at the next start")
    return problems


@functools.cache
def _our_tables(version: int) -> dict[str, tuple[str, ...]]:
    """The tables (and their columns) of a Counterpoint database at schema ``version``."""
    with sqlite3.connect(":memory:") as conn:
        for script in SQLITE_MIGRATIONS[:version]:
            for statement in statements(script):
                conn.execute(statement)
        return _tables(conn)


def _tables(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    ]
    return {
        name: tuple(row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))) for name in names
    }


def _identify(conn: sqlite3.Connection, path: Path) -> tuple[int, bool]:
    """Whether the open file is ours, by reading it only: its schema version, and whether it
    carries our mark. Raises :class:`StorageError` for another program's file or a newer schema.

    Ours: a file with our mark; a new or empty one (no schema at all); or one of ours from
    before the mark (no mark, our schema version, exactly our tables of that version)."""
    (application_id,) = conn.execute("PRAGMA application_id").fetchone()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{path} has schema version {version}, newer than this Counterpoint "
                f"understands ({SCHEMA_VERSION}). Upgrade Counterpoint."
            )
        return version, True
    if application_id != 0:
        raise _not_ours(path, f"it is marked as another program's (application_id {application_id:#010x})")
    (objects,) = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    if objects == 0 and version == 0:
        return 0, False
    tables = _tables(conn)
    if 1 <= version <= SCHEMA_VERSION and tables == _our_tables(version):
        return version, False
    strangers = sorted(set(tables) - set(_our_tables(SCHEMA_VERSION)))
    if strangers:
        shown = ", ".join(repr(name) for name in strangers[:5]) + (", ..." if len(strangers) > 5 else "")
        raise _not_ours(path, f"it holds tables Counterpoint never creates ({shown})")
    raise _not_ours(path, f"it has no Counterpoint mark, and its schema (version {version}) is not one of ours")


def _not_ours(path: Path, reason: str) -> StorageError:
    return StorageError(
        f"{path} is not a Counterpoint database: {reason}. Nothing was changed; point COUNTERPOINT_DB "
        "(or --db) at a Counterpoint database or at a new file."
    )


def _open_error(path: Path, error: sqlite3.Error) -> StorageError:
    """What is wrong, for the user, when a database file cannot be opened or prepared."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_READONLY"):
        return StorageError(
            f"{path} is read-only here: Counterpoint must be able to write to the file and to its folder "
            "(SQLite keeps its journal beside the file). Nothing was changed; check their permissions, "
            "or point COUNTERPOINT_DB elsewhere."
        )
    if name == "SQLITE_FULL":
        return StorageError(
            f"Cannot write to {path}: the disk is full. Nothing was changed; free some space and start again."
        )
    if name.startswith("SQLITE_IOERR"):
        return StorageError(
            f"Cannot write to {path}: the disk refused the write ({error}); it may be full or failing. "
            "Nothing was changed; free some space or check the disk, and start again."
        )
    if name.startswith("SQLITE_CANTOPEN"):
        if path.exists():
            return StorageError(
                f"Cannot open {path}: this user may not read and write it (check its permissions "
                "and its folder's). Nothing was changed."
            )
        return StorageError(
            f"Cannot create {path}: this user may not write to its folder {path.parent} "
            "(check its permissions), or point COUNTERPOINT_DB elsewhere."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            f"{path} is locked by another program ({error}). Nothing was changed; try again when it is done."
        )
    return StorageError(
        f"{path} is not a usable Counterpoint database ({error}). "
        "Nothing was changed; move the file aside or point COUNTERPOINT_DB elsewhere."
    )


def _connect_file(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A plain connection for preparing the file (a seam for tests that make the disk "full")."""
    return sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)


def _prepare_file(path: Path, busy_timeout_ms: int) -> None:
    """Make ``path`` a current Counterpoint database, or refuse it untouched.

    It is read first: a file that is not ours is refused before anything is written. Then,
    under the write lock (another process may be creating it at this very moment), it is
    read again, marked if it is not yet, and migrated, all in one transaction: a full disk
    or a crash leaves it as it was. Last, it is switched to WAL."""
    try:
        conn = _connect_file(path, busy_timeout_ms)
    except sqlite3.Error as error:
        raise _open_error(path, error) from error
    try:
        _identify(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            version, _ = _identify(conn, path)
            # Marks it if it is not yet; written always, so that a file this user may not
            # write is found out here (SQLite opens it read-only without saying so).
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version, SCHEMA_VERSION):
                for statement in statements(SQLITE_MIGRATIONS[number]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite has rolled back by itself after some errors (a full disk)
                conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise _open_error(path, error) from error
    finally:
        conn.close()


class _SQLiteConnection(Connection):
    """Statements on the one connection, as they are (inside a transaction that holds the lock)."""

    def __init__(self, db: aiosqlite.Connection):
        self._db = db

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        try:
            rows: Iterable[Any] = await self._db.execute_fetchall(sqlite_sql(sql), args)
            return list(rows)
        except sqlite3.Error as error:
            raise _translated(error) from error

    async def execute(self, sql: str, *args: Any) -> int:
        try:
            cursor = await self._db.execute(sqlite_sql(sql), args)
        except sqlite3.Error as error:
            raise _translated(error) from error
        changed = cursor.rowcount
        await cursor.close()
        return changed

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            await self._db.executemany(sqlite_sql(sql), rows)
        except sqlite3.Error as error:
            raise _translated(error) from error


class SQLiteDatabase(Database):
    """A Counterpoint database file. Open with :meth:`open`."""

    engine = "sqlite"

    def __init__(self, connection: aiosqlite.Connection, path: Path):
        super().__init__()
        self.connection = connection
        self.path = path
        self.name = str(path)
        self._statements = _SQLiteConnection(connection)
        # One connection is shared by every coroutine: a write or a transaction holds this
        # lock so no other coroutine's statement lands inside a transaction.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout_ms: int = 5000) -> SQLiteDatabase:
        """Open (creating if needed) the database file at ``path`` and bring its schema up to date.

        A file that is not a Counterpoint database, or cannot be written, is refused with a
        :class:`StorageError` saying why, and left as it was."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise StorageError(f"The folder for the database does not exist: {path.parent}")
        if path.exists() and not path.is_file():
            raise StorageError(f"{path} is not a file. Point COUNTERPOINT_DB (or --db) at a database file.")
        await asyncio.to_thread(_prepare_file, path, busy_timeout_ms)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise _open_error(path, exc) from exc
        connection.row_factory = sqlite3.Row
        try:
            await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            await connection.close()
            raise _open_error(path, exc) from exc
        except BaseException:
            await connection.close()
            raise
        return cls(connection, path)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return await self._statements.fetch(sql, *args)

    async def execute(self, sql: str, *args: Any) -> int:
        async with self._write_lock:  # waits for any open transaction to finish
            return await self._statements.execute(sql, *args)

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as tx:
            await tx.execute_many(sql, rows)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        async with self._write_lock:
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise _unavailable(error) from error
            try:
                yield self._statements
                await self.connection.execute("COMMIT")
            except BaseException as error:
                await self._rollback()
                if isinstance(error, sqlite3.Error):
                    raise _translated(error) from error
                raise

    async def _rollback(self) -> None:
        try:
            await self.connection.execute("ROLLBACK")
        except sqlite3.OperationalError:
            pass  # SQLite already rolled back (it does on a full disk)

    async def schema_version(self) -> int:
        return int(await self.fetch_value("PRAGMA user_version"))

    async def tables(self) -> list[str]:
        rows = await self.fetch("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
        return [row["name"] for row in rows if not row["name"].startswith("sqlite_")]

    async def query_plan(self, sql: str, *args: Any) -> list[str]:
        """SQLite's plan for a query (for tests that guard against full scans)."""
        return [row["detail"] for row in await self.fetch("EXPLAIN QUERY PLAN " + sql, *args)]

    async def _close(self) -> None:
        await self.connection.close()
