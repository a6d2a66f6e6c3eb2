"""Many users at once: practice, rebut and progress through the service layer the cogs use.

    .venv/bin/python benchmarks/load.py [--scorer judge|lexical] [--users N] [--seconds 60] [--think 3.2]

A real database file, the same services as the bot (PracticeService with its
scorer and rate limits, ProgressService), one process. Each simulated user
repeats: get a Point, think, rebut, and every fifth time look at their
progress; think times are random (exponential, mean --think seconds), so
arrivals are spread as real users' are.

Prints sustained rebuttals/s, p50/p99 latency per operation, lost or
duplicated attempts (acknowledged attempt ids against the database), and
peak memory. A heartbeat task wakes every 50 ms, as discord.py's gateway
keep-alive does, and reports how late it woke: the judged scorer runs in a
worker thread, so the event loop (the heartbeat, other members' replies) must
not wait for it. The default scorer is the product's (``judge``); its
default load is 150 users (about 45 rebuttals/s asked for), the lexical
matcher's 2000. Then a fairness run: the same load for --fair-seconds without
and then with one member flooding rebuttals as fast as they can (refused by
the rate limit), and the other users' p99 in both; the first is the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.models import Learner, Place
from bot.practice import PracticeService, SlowDownError
from bot.progress import ProgressService
from bot.scorers import make_scorer
from bot.storage import Storage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring_speed import DEFAULT_GRADED, ROOT, make_rebuttals  # noqa: E402  (the same seeded rebuttals)

UNLIMITED = (1_000_000, 1.0)
SCORER = "judge"


class Run:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.acknowledged: list[int] = []
        self.completed_in_window = 0
        self.refused = 0


GUILDS = tuple(range(1, 21))  # the simulated users' servers


async def user(
    number: int,
    practice: PracticeService,
    progress: ProgressService,
    texts: list[dict],
    until: float,
    think: float,
    run: Run,
    rng: random.Random,
    guilds: Sequence[int] = GUILDS,
) -> None:
    learner = Learner.discord(10_000 + number, f"user{number}")
    place = Place(guild_id=guilds[number % len(guilds)], channel_id=100)
    await asyncio.sleep(rng.random() * think)  # users do not all start at once
    cycle = 0
    while time.perf_counter() < until:
        start = time.perf_counter()
        await practice.start(learner, place)
        run.latencies["practice"].append(time.perf_counter() - start)
        await asyncio.sleep(rng.expovariate(1 / think))
        if time.perf_counter() >= until:
            break
        item = rng.choice(texts)
        start = time.perf_counter()
        result = await practice.submit(learner, place, item["text"])
        run.latencies["rebut"].append(time.perf_counter() - start)
        run.acknowledged.append(result.attempt.id)
        if time.perf_counter() < until:
            run.completed_in_window += 1
        cycle += 1
        if cycle % 5 == 0:
            start = time.perf_counter()
            await progress.report(learner.id, place.guild_id)
            run.latencies["progress"].append(time.perf_counter() - start)


FLOOD_PER_SECOND = 50  # far more than Discord lets one member send
FAIR_RATE = (30, 60.0)


async def flooder(practice: PracticeService, texts: list[dict], until: float, run: Run) -> None:
    learner, place = Learner.discord(1, "flooder"), Place(guild_id=1, channel_id=100)
    await practice.start(learner, place)
    while time.perf_counter() < until:
        try:
            await practice.submit(learner, place, texts[0]["text"])
        except SlowDownError:
            run.refused += 1
        await asyncio.sleep(1 / FLOOD_PER_SECOND)


async def load(
    db: Path, users: int, seconds: float, think: float, texts: list[dict], *, flood: bool, rebut_rate: tuple[int, float]
) -> Run:
    storage = await Storage.open(db)
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    scorer = make_scorer(SCORER)
    scorer.index(cases.default)
    practice = PracticeService(cases, storage, scorer, rebut_rate=rebut_rate, practice_rate=UNLIMITED)
    progress = ProgressService(storage, cases)
    run = Run()
    until = time.perf_counter() + seconds
    tasks = [user(n, practice, progress, texts, until, think, run, random.Random(n)) for n in range(users)]
    if flood:
        tasks.append(flooder(practice, texts, until, run))
    tasks.append(heartbeat(until, run))
    await asyncio.gather(*tasks)
    await practice.scoring.close()
    await storage.close()
    return run


HEARTBEAT = 0.05


async def heartbeat(until: float, run: Run) -> None:
    """Wakes every 50 ms and records how late: a blocked event loop shows here first."""
    while time.perf_counter() < until:
        asked = time.perf_counter()
        await asyncio.sleep(HEARTBEAT)
        run.latencies["heartbeat lateness"].append(max(0.0, time.perf_counter() - asked - HEARTBEAT))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1e3 if ordered else float("nan")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", choices=["judge", "lexical"], default="judge")
    parser.add_argument("--users", type=int, help="default: 150 with the judge, 2000 lexical")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=3.2, help="mean seconds between a user's actions")
    parser.add_argument("--fair-seconds", type=float, default=20)
    args = parser.parse_args()
    global SCORER
    SCORER = args.scorer
    args.users = args.users or (150 if args.scorer == "judge" else 2000)
    graded = DEFAULT_GRADED if DEFAULT_GRADED.exists() else ROOT / "data" / "eval" / "holdout.jsonl"
    texts = make_rebuttals(graded, 2000)

    with tempfile.TemporaryDirectory(prefix="counterpoint-load-") as folder:
        db = Path(folder) / "load.db"
        run = await load(db, args.users, args.seconds, args.think, texts, flood=False, rebut_rate=UNLIMITED)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM attempts").fetchone()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(
            f"scorer {SCORER}: {args.users} users for {args.seconds:.0f} s (think time mean {args.think} s), "
            "one process, "
            f"a real database file; Python {sys.version.split()[0]}"
        )
        acked = len(run.acknowledged)
        lost = acked - stored[0]
        duplicated = acked - len(set(run.acknowledged))
        print(
            f"rebuttals: {run.completed_in_window / args.seconds:,.0f}/s sustained over the {args.seconds:.0f} s; "
            f"{acked:,} acknowledged in all, {stored[0]:,} stored; lost {lost}, duplicated {duplicated}"
        )
        for name, values in run.latencies.items():
            print(
                f"  {name:<9} {len(values):>7,}  p50 {statistics.median(values) * 1e3:7.1f} ms  "
                f"p99 {pct(values, 0.99):7.1f} ms"
            )
        print(f"peak memory (max RSS of the process): {peak_mb:.0f} MB")

        # A limit the simulated users stay under (they rebut about every --think seconds) and a flooder does not.
        limit = FAIR_RATE
        quiet = await load(
            Path(folder) / "quiet.db", args.users, args.fair_seconds, args.think, texts, flood=False, rebut_rate=limit
        )
        flooded = await load(
            Path(folder) / "flooded.db", args.users, args.fair_seconds, args.think, texts, flood=True, rebut_rate=limit
        )
        quiet_p99, flooded_p99 = pct(quiet.latencies["rebut"], 0.99), pct(flooded.latencies["rebut"], 0.99)
        print(
            f"fairness ({args.fair_seconds:.0f} s each, REBUT_RATE {limit[0]}/{limit[1]:.0f}): "
            f"others' rebut p99 {quiet_p99:.1f} ms "
            f"without a flooder (baseline), {flooded_p99:.1f} ms with one sending {FLOOD_PER_SECOND}/s "
            f"({flooded.refused:,} refused): {flooded_p99 / quiet_p99:.2f}x"
        )


if __name__ == "__main__":
    asyncio.run(main())
