"""Choosing the scorer, and scoring off the event loop.

Two scorers share one interface (``index(case)``, ``score(case, point, text)``,
``score_many(...)``): the judged scorer (:mod:`bot.judging`, the default: reads
meaning with two small neural models) and the lexical matcher
(:mod:`bot.scoring`: terms, synonyms and negation rules; ``SCORER=lexical``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from .cases import Case, Point
from .coverage import Coverage
from .scoring import Scorer

log = logging.getLogger(__name__)

SCORERS = ("judge", "lexical")
#: Rebuttals scored in one call of the models when several are waiting.
MAX_BATCH = 16


class ScoringIndex(Protocol):
    """One case read by a scorer: what ``index(case)`` returns."""

    def score(self, point_number: int, text: str) -> Coverage: ...


class RebuttalScorer(Protocol):
    name: str

    def index(self, case: Case) -> ScoringIndex: ...

    def score(self, case: Case, point: Point | int, text: str) -> Coverage: ...

    def score_many(self, rebuttals: Sequence[tuple[Case, Point | int, str]]) -> list[Coverage]: ...


def make_scorer(name: str = "judge", threads: int = 1) -> RebuttalScorer:
    """The scorer called ``name``; :class:`bot.neural.ModelUnavailable` if the judge's files are missing."""
    if name == "lexical":
        return Scorer()
    if name == "judge":
        from .judging import JudgedScorer

        return JudgedScorer(threads=threads)
    raise ValueError(f"unknown scorer '{name}'; choose from {', '.join(SCORERS)}")


class ScoringWorker:
    """Scores rebuttals for the bot without blocking its event loop.

    The lexical matcher takes a fraction of a millisecond and runs inline. The
    judged scorer takes milliseconds to tens of milliseconds: it runs in a worker
    thread (onnxruntime releases the GIL while it computes, so the gateway
    heartbeat and other members' replies go on), and rebuttals that arrive while
    it is busy are scored together in the next call, each model called once.
    """

    def __init__(self, scorer: RebuttalScorer):
        self.scorer = scorer
        self._inline = scorer.name == "lexical"
        self._queue: asyncio.Queue[tuple[Case, Point | int, str, asyncio.Future[Coverage]]] | None = None
        self._consumer: asyncio.Task[None] | None = None
        # One thread of its own, always the same: the models' scratch memory stays in one place
        # (measured: with asyncio's shared pool, a thread each, the process grew by 250 MB).
        self._thread: ThreadPoolExecutor | None = None

    async def score(self, case: Case, point: Point | int, text: str) -> Coverage:
        if self._inline:
            return self.scorer.score(case, point, text)
        if self._consumer is None or self._consumer.done():
            self._queue = asyncio.Queue()
            self._consumer = asyncio.create_task(self._consume(), name="counterpoint-scoring")
        assert self._queue is not None
        future: asyncio.Future[Coverage] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((case, point, text, future))
        return await future

    async def _consume(self) -> None:
        assert self._queue is not None
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            if self._thread is None:
                self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="counterpoint-scoring")
            try:
                results = await asyncio.get_running_loop().run_in_executor(
                    self._thread, self.scorer.score_many, [(c, p, t) for c, p, t, _ in batch]
                )
            except Exception as error:  # one bad batch must not stop scoring for everyone
                log.exception("scoring failed for a batch of %d rebuttals", len(batch))
                for *_, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            # strict=False: a ValueError here would end this consumer and orphan the queue behind it.
            for (*_, future), coverage in zip(batch, results, strict=False):
                if not future.done():
                    future.set_result(coverage)

    async def close(self) -> None:
        if self._consumer is not None:
            self._consumer.cancel()
            try:
                await self._consumer
            except asyncio.CancelledError:
                pass
            self._consumer = None
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None
