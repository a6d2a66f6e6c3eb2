"""How fast progress, leaderboards and the chart are on a big database.

    .venv/bin/python benchmarks/progress_queries.py [--attempts 100000] [--learners 1000]

Fills a temporary database (through the real migrations) with seeded attempts
spread over 20 servers, DMs and 90 days, then times, through the same
ProgressService the cogs use:

* a learner's progress report (in a server, and everywhere), over many learners;
* each server's leaderboard for week, month and all;
* the progress chart for a learner with many attempts;

and the same progress and leaderboard queries on a copy with the attempts
indexes dropped, as the baseline the indexes are measured against.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.cases import CaseLibrary
from bot.chart import render_progress_chart
from bot.config import SHIPPED_CASES_DIR
from bot.progress import ProgressService
from bot.storage import Storage

GUILDS = 20
DAY = 86_400


async def fill(path: Path, attempts: int, learners: int, seed: int = 11) -> dict[str, int | None]:
    """Create the schema through Storage.open, then bulk-insert; returns each learner's home server."""
    storage = await Storage.open(path)
    await storage.close()
    rng = random.Random(seed)
    home = {str(10_000 + n): (rng.randrange(GUILDS) + 1 if rng.random() < 0.85 else None) for n in range(learners)}
    ids = list(home)
    now = time.time()
    rows = []
    for _ in range(attempts):
        learner = rng.choice(ids)
        guild = home[learner] if rng.random() < 0.8 else None
        point = rng.choice((1, 2))
        covered = rng.sample(["a", "b", "c", "d", "e", "f"], rng.randint(0, 6))
        rows.append(
            (
                learner,
                f"user{learner}",
                guild,
                guild,
                "north-korea",
                "v1",
                point,
                "a rebuttal " * 20,
                round(100 * len(covered) / 6),
                json.dumps(covered),
                "[]",
                now - rng.random() * 90 * DAY,
                "[]",
            )
        )
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO attempts (learner_id, learner_name, guild_id, channel_id, case_id, case_version, point,"
            " text, score, covered, flags, created_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO learner_settings (learner_id, share_private) VALUES (?, ?)",
            [(learner, 1) for learner in ids if rng.random() < 0.3],
        )
        conn.execute("ANALYZE")
    return home


async def time_queries(path: Path, home: dict[str, int | None], samples: int) -> dict[str, list[float]]:
    storage = await Storage.open(path)
    service = ProgressService(storage, CaseLibrary.from_directory(SHIPPED_CASES_DIR))
    rng = random.Random(3)
    learners = rng.sample(sorted(home), min(samples, len(home)))
    timings: dict[str, list[float]] = {"progress (server)": [], "progress (everywhere)": []}
    for learner in learners:
        start = time.perf_counter()
        await service.report(learner, home[learner] or 1)
        timings["progress (server)"].append(time.perf_counter() - start)
        start = time.perf_counter()
        await service.report(learner, None)
        timings["progress (everywhere)"].append(time.perf_counter() - start)
    for period in ("week", "month", "all"):
        timings[f"leaderboard ({period})"] = []
        for guild in range(1, GUILDS + 1):
            start = time.perf_counter()
            await service.leaderboard(guild, period)
            timings[f"leaderboard ({period})"].append(time.perf_counter() - start)
    await storage.close()
    return timings


def drop_indexes(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX attempts_by_guild")
        conn.execute("DROP INDEX attempts_by_learner")


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1e3:7.2f} ms  p99 {p99 * 1e3:7.2f} ms"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--learners", type=int, default=1_000)
    parser.add_argument("--samples", type=int, default=200, help="learners whose progress is timed")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="counterpoint-bench-"))
    try:
        indexed = folder / "indexed.db"
        start = time.perf_counter()
        home = await fill(indexed, args.attempts, args.learners)
        print(
            f"{args.attempts:,} attempts, {args.learners:,} learners, {GUILDS} servers; "
            f"filled in {time.perf_counter() - start:.1f} s; Python {sys.version.split()[0]}"
        )
        plain = folder / "no-indexes.db"
        shutil.copy(indexed, plain)
        drop_indexes(plain)

        with_indexes = await time_queries(indexed, home, args.samples)
        without = await time_queries(plain, home, max(20, args.samples // 10))
        print(f"{'query':<24} {'with indexes':<34} {'baseline: no indexes':<34} ratio (p50)")
        for name, values in with_indexes.items():
            ratio = statistics.median(without[name]) / statistics.median(values)
            print(f"{name:<24} {summary(values):<34} {summary(without[name]):<34} {ratio:6.1f}x")

        storage = await Storage.open(indexed)
        service = ProgressService(storage, CaseLibrary.from_directory(SHIPPED_CASES_DIR))
        report = await service.report(next(iter(home)), None)  # learners have ~100 attempts each
        await storage.close()
        start = time.perf_counter()
        png = render_progress_chart(report)
        first = time.perf_counter() - start
        renders = []
        for _ in range(10):
            start = time.perf_counter()
            render_progress_chart(report)
            renders.append(time.perf_counter() - start)
        print(
            f"chart of {report.attempts} attempts: {len(png) / 1024:.0f} KB; first render {first * 1e3:.0f} ms"
            f" (matplotlib import included), then {summary(renders)}"
        )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    asyncio.run(main())
