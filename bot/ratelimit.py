"""Per-user rate limits: a sliding window of recent uses per (action, user), in memory (one
process) or in the database (several processes on PostgreSQL: bot/storage/ratelimits.py)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .storage.ratelimits import SharedRateLimiter

if TYPE_CHECKING:
    from .storage import Storage


class RateLimiter:
    """At most ``count`` uses per ``seconds`` for each key; memory is bounded by the number of active keys."""

    def __init__(self, count: int, seconds: float, clock: Callable[[], float] = time.monotonic):
        if count < 1 or seconds <= 0:
            raise ValueError("a rate needs a positive count and period")
        self.count = count
        self.seconds = seconds
        self.clock = clock
        self._uses: dict[str, deque[float]] = {}

    def retry_after(self, key: str) -> float:
        """0 if ``key`` may act now (and the use is counted), else the seconds until it may."""
        now = self.clock()
        uses = self._uses.setdefault(key, deque())
        while uses and now - uses[0] >= self.seconds:
            uses.popleft()
        if len(uses) >= self.count:
            return self.seconds - (now - uses[0])
        uses.append(now)
        if len(self._uses) > 10_000:  # forget keys that have gone quiet
            self._uses = {k: v for k, v in self._uses.items() if v and now - v[-1] < self.seconds}
        return 0.0

    async def take(self, key: str) -> float:
        """:meth:`retry_after`, with the interface of the limiter several processes share
        (:class:`bot.storage.ratelimits.SharedRateLimiter`)."""
        return self.retry_after(key)


class Limiter(Protocol):
    async def take(self, key: str) -> float:
        """0 if ``key`` may act now (and the use is counted), else the seconds until it may."""
        ...


def limiter_for(storage: Storage, action: str, rate: tuple[int, float] | None) -> Limiter | None:
    """The limiter for ``action`` (None: unlimited): counted in memory for one SQLite process,
    in the database where several processes share it (PostgreSQL)."""
    if rate is None:
        return None
    if storage.engine == "sqlite":
        return RateLimiter(*rate)
    return SharedRateLimiter(storage.rate_limits, action, *rate)


def parse_rate(text: str) -> tuple[int, float]:
    """ "5/30" -> (5, 30.0): five uses per thirty seconds."""
    count, _, seconds = text.partition("/")
    try:
        parsed = int(count), float(seconds)
    except ValueError:
        raise ValueError(f"'{text}' is not a rate like 5/30 (uses per seconds)") from None
    if parsed[0] < 1 or parsed[1] <= 0:
        raise ValueError(f"'{text}' is not a rate like 5/30 (uses per seconds)")
    return parsed
