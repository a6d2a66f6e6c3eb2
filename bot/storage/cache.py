"""A bounded write-through cache for what every rebuttal reads (sessions, cards)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

CACHE_ENTRIES = 100_000


class Cache(Generic[K, V]):
    """Keys to values, at most :data:`CACHE_ENTRIES` (then emptied: a miss only costs a query).

    Safe only while one process writes a member's rows (see the README): with PostgreSQL and
    several processes, each member's messages reach one process, and :meth:`forget` runs where
    the member asks."""

    def __init__(self) -> None:
        self._entries: dict[K, V] = {}

    def __contains__(self, key: K) -> bool:
        return key in self._entries

    def __getitem__(self, key: K) -> V:
        return self._entries[key]

    def put(self, key: K, value: V) -> None:
        if len(self._entries) >= CACHE_ENTRIES:
            self._entries.clear()
        self._entries[key] = value

    def drop(self, key: K) -> None:
        self._entries.pop(key, None)

    def forget(self, matching: Callable[[K], bool]) -> None:
        for key in [k for k in self._entries if matching(k)]:
            del self._entries[key]
