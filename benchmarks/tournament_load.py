"""A round of a big tournament: everyone submits in the same second.

    .venv/bin/python benchmarks/tournament_load.py [--participants 500]

Through the code path the cog uses (TournamentService.submit: rebuttal
checks, scoring, the transactional store), on a real database file: all
participants submit within one second (at random moments), and again all at
the same instant, and each submission's latency from the call to its stored
acknowledgement is measured. Then every
submission is checked to be stored exactly once, and the round is closed and
its results computed. The baseline, in the same run, is the same submissions
made one after another (no contention).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.practice import PracticeService
from bot.storage import Storage
from bot.text import normalize, split_sentences
from bot.tournament import TournamentService

ROOT = Path(__file__).resolve().parent.parent
GRADED = ROOT.parent / "shared" / "eval" / "dev_rebuttals.jsonl"
FALLBACK = [
    "North Korea will never match the forces of Russia or China and has no strategic depth.",
    "The 2014 Quadrennial Defense Review says no adversary may escalate out of failed conventional aggression.",
    "Washington has worked with Seoul and Tokyo to build their military capabilities.",
]


def rebuttals(count: int) -> list[str]:
    sentences = FALLBACK
    if GRADED.exists():
        sentences = [
            s
            for line in GRADED.read_text("utf-8").splitlines()
            if json.loads(line)["point"] == 1
            for s in split_sentences(normalize(json.loads(line)["text"]))
        ]
    rng = random.Random(5)
    return [" ".join(rng.sample(sentences, k=min(3, len(sentences)))) + f" ({n})" for n in range(count)]


async def run_round(folder: Path, participants: int, texts: list[str], mode: str) -> dict:
    """``mode``: "sequential" (one after another), "spread" (arrivals at random moments within one
    second), or "burst" (all at the same instant)."""
    database = folder / f"{mode}.db"
    storage = await Storage.open(database)
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    service = TournamentService(storage, cases, PracticeService(cases, storage))
    t = await service.create(1, 1, "Load test", created_by=1, minutes=60)
    for user in range(participants):
        await service.join(t, 1000 + user, f"player{user}")
    t = (await service.start(t)).tournament

    latencies: list[float] = []

    arrivals = random.Random(9)

    async def one(user: int, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)
        start = time.perf_counter()
        await service.submit(t, 1000 + user, f"player{user}", texts[user])
        latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    if mode == "sequential":
        for user in range(participants):
            await one(user)
    else:
        delays = [arrivals.random() if mode == "spread" else 0.0 for _ in range(participants)]
        await asyncio.gather(*(one(user, delay) for user, delay in enumerate(delays)))
    wall = time.perf_counter() - start

    start = time.perf_counter()
    result = await service.close_round(t, 1)
    closing = time.perf_counter() - start
    await storage.close()
    with sqlite3.connect(database) as conn:
        stored = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT user_id), MAX(versions) FROM tournament_submissions"
        ).fetchone()
    return {
        "latencies": sorted(latencies),
        "wall": wall,
        "closing": closing,
        "stored": stored,
        "placings": len(result.placings),
    }


def describe(label: str, run: dict, participants: int) -> str:
    lat = run["latencies"]
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    count, distinct, versions = run["stored"]
    exact = "yes" if count == distinct == participants and versions == 1 else "NO"
    return (
        f"{label:<28} all {participants} done in {run['wall'] * 1e3:7.0f} ms; submit->stored p50 "
        f"{statistics.median(lat) * 1e3:6.1f} ms, p99 {p99 * 1e3:6.1f} ms, max {lat[-1] * 1e3:6.1f} ms; "
        f"stored exactly once: {exact}; closing the round {run['closing'] * 1e3:.0f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    args = parser.parse_args()
    texts = rebuttals(args.participants)
    with tempfile.TemporaryDirectory(prefix="counterpoint-bench-") as folder:
        runs = {
            mode: await run_round(Path(folder), args.participants, texts, mode)
            for mode in ("sequential", "spread", "burst")
        }
    print(f"{args.participants} participants, one round, a real database file; Python {sys.version.split()[0]}")
    print(describe("baseline: one after another", runs["sequential"], args.participants))
    print(describe("spread within one second", runs["spread"], args.participants))
    print(describe("all at the same instant", runs["burst"], args.participants))
    burst = runs["burst"]
    print(
        f"burst throughput: {args.participants / burst['wall']:,.0f} submissions/s "
        f"({runs['sequential']['wall'] / burst['wall']:.2f}x the one-after-another baseline)"
    )


if __name__ == "__main__":
    asyncio.run(main())
