"""The small layer every store talks to: one interface, an engine behind it (SQLite or PostgreSQL).

SQL is written once wherever both engines accept it. The one rule about it: parameters are
numbered, ``$1``, ``$2``, ... (PostgreSQL's own style; the SQLite engine reads ``$n`` as its
``?n``, which means the same). Where the engines need different SQL, a store keeps both
versions side by side and picks by :attr:`Database.engine`; there is no query builder.

Rows come back as mappings (``row["name"]``, ``dict(row)``) on both engines. Writes that
arrive together can share one transaction (:meth:`Database.group`): a burst of rebuttals
costs a few commits, not one each.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

log = logging.getLogger("counterpoint.storage")

#: A row: read by column name (and ``dict(row)`` works).
Row = Mapping[str, Any]
T = TypeVar("T")


class StorageError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


class StorageUnavailableError(StorageError):
    """A write could not be made now (the database is locked by another program, the disk is
    full, the server is unreachable); nothing was written. The message is for the user; the
    cause is logged."""


class IntegrityError(Exception):
    """A write broke one of the schema's rules (a NOT NULL, a foreign key); nothing was written."""


class DuplicateError(IntegrityError):
    """A write would have made a second row where the schema allows one (a unique key)."""


def is_postgres_url(location: object) -> bool:
    """Whether ``COUNTERPOINT_DB`` (or ``--db``) names a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


class Connection(ABC):
    """What a store can do with the database: one statement at a time, or inside a transaction."""

    @abstractmethod
    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query (None: there is none)."""
        rows = await self.fetch(sql, *args)
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, *args: Any) -> Any:
        """The first column of a query that always yields one row (an aggregate)."""
        row = await self.fetch_one(sql, *args)
        assert row is not None, sql
        return row[next(iter(row.keys()))]

    @abstractmethod
    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement; how many rows it changed."""

    @abstractmethod
    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""


class Database(Connection):
    """An open database. Outside :meth:`transaction`, each statement commits by itself."""

    #: "sqlite" or "postgresql": a store picks its engine-specific SQL by it.
    engine: str
    #: What to call it in messages: a file path, or the URL without its password.
    name: str

    def __init__(self) -> None:
        self._pending: list[tuple[Callable[[Connection], Awaitable[Any]], asyncio.Future]] = []
        self._group_writer: asyncio.Task | None = None

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Connection]:
        """One transaction: everything inside commits together, or (on any error) nothing does.
        A busy or full database becomes :class:`StorageUnavailableError`."""

    @abstractmethod
    async def schema_version(self) -> int: ...

    @abstractmethod
    async def tables(self) -> list[str]:
        """The names of the tables of Counterpoint's schema, in the order they were created."""

    async def close(self) -> None:
        """Finish the writes in flight (see :meth:`group`), then close."""
        if self._group_writer is not None and not self._group_writer.done():
            await asyncio.shield(self._group_writer)
        await self._close()

    @abstractmethod
    async def _close(self) -> None: ...

    async def group(self, work: Callable[[Connection], Awaitable[T]]) -> T:
        """Run ``work`` in the next group commit; its result once that has committed.

        Writes arriving together share one transaction. If that transaction fails, each
        write is retried alone, so a bad one fails by itself (only its caller sees the
        error) and the others are still stored; a busy or full database fails them all.
        Nobody is told "stored" before the commit, and :meth:`close` waits for the queue.
        """
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((work, done))
        if self._group_writer is None or self._group_writer.done():
            self._group_writer = asyncio.create_task(self._write_groups())
        return await done

    async def _write_groups(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            outcomes: list[Any]
            try:
                outcomes = await self._run_together([work for work, _ in batch])
            except StorageUnavailableError as error:
                outcomes = [error] * len(batch)
            except Exception as error:  # rolled back: nothing of the batch was stored
                if len(batch) == 1:
                    outcomes = [error]
                else:
                    outcomes = [await self._run_alone(work) for work, _ in batch]
            _settle([done for _, done in batch], outcomes)

    async def _run_together(self, works: list[Callable[[Connection], Awaitable[Any]]]) -> list[Any]:
        async with self.transaction() as tx:
            return [await work(tx) for work in works]

    async def _run_alone(self, work: Callable[[Connection], Awaitable[Any]]) -> Any:
        try:
            async with self.transaction() as tx:
                return await work(tx)
        except Exception as error:
            return error


def _settle(waiting: list[asyncio.Future], outcomes: list) -> None:
    """Give each caller of a group commit its outcome: a result, or the exception that refused it."""
    for done, outcome in zip(waiting, outcomes, strict=True):
        if done.done():
            continue
        if isinstance(outcome, Exception):
            done.set_exception(outcome)
        else:
            done.set_result(outcome)
