"""Copy a SQLite Counterpoint database into an empty PostgreSQL one (``counterpoint db migrate-to``).

Both are first brought to the current schema (the same version means the same tables and
columns on both engines), then every table is copied in one PostgreSQL transaction with
COPY, ids included, and the identity counters moved past the copied ids. A target that
already holds rows is refused: nothing is merged or overwritten.
"""

from __future__ import annotations

from pathlib import Path

from . import Storage
from .database import StorageError
from .postgres import PostgresDatabase
from .schema import TABLES
from .sqlite import SQLiteDatabase

#: Rows read from SQLite and sent to PostgreSQL at a time (memory stays flat for big files).
CHUNK_ROWS = 5000
#: The tables whose ids the database assigns (GENERATED ... AS IDENTITY on PostgreSQL).
_IDENTITY_TABLES = ("attempts", "tournaments", "score_adjustments")


async def copy_sqlite_to_postgres(source: Path, target_url: str) -> dict[str, int]:
    """Copy every row of ``source`` into the database at ``target_url``; rows copied per table."""
    src = await Storage.open(source)
    try:
        dst = await Storage.open(target_url)
        try:
            assert isinstance(src.database, SQLiteDatabase) and isinstance(dst.database, PostgresDatabase)
            return await _copy(src.database, dst.database)
        finally:
            await dst.close()
    finally:
        await src.close()


async def _copy(src: SQLiteDatabase, dst: PostgresDatabase) -> dict[str, int]:
    copied: dict[str, int] = {}
    async with dst.pool.acquire() as conn, conn.transaction():
        for table in TABLES:
            if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})"):
                raise StorageError(
                    f"{dst.name} already holds Counterpoint data (table {table} has rows). Nothing was copied; "
                    "migrate into a new, empty database."
                )
        for table in TABLES:
            copied[table] = 0
            async with src.connection.execute(f"SELECT * FROM {table} ORDER BY rowid") as cursor:
                columns = [d[0] for d in cursor.description]
                while rows := list(await cursor.fetchmany(CHUNK_ROWS)):
                    await conn.copy_records_to_table(table, records=[tuple(row) for row in rows], columns=columns)
                    copied[table] += len(rows)
        for table in _IDENTITY_TABLES:
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
            )
    return copied
