"""A bounded write-through cache for what every rebuttal reads (sessions, cards)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

CACHE_ENTRIES = 100_000


class Cache(Generic[K, V]):
    """Keys to values, at most :data:`CACHE_ENTRIES` (then emptied: a miss only costs a query).

    Write-through is safe only while one process writes the rows, as with a SQLite file. With
    PostgreSQL several processes may write a member's rows (their DMs and a server can be on
    different shards, and forgetting runs where the member asks), so there the cache is off
    (``enabled=False``) and every read goes to the database: one indexed query."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._entries: dict[K, V] = {}

    def __contains__(self, key: K) -> bool:
        return self.enabled and key in self._entries

    def __getitem__(self, key: K) -> V:
        return self._entries[key]

    def put(self, key: K, value: V) -> None:
        if not self.enabled:
            return
        if len(self._entries) >= CACHE_ENTRIES:
            self._entries.clear()
        self._entries[key] = value

    def drop(self, key: K) -> None:
        self._entries.pop(key, None)

    def forget(self, matching: Callable[[K], bool]) -> None:
        for key in [k for k in self._entries if matching(k)]:
            del self._entries[key]
