"""Several bot processes on one database: load.py's simulated users, in N worker processes at once.

    .venv/bin/python benchmarks/cluster_load.py --processes 2 [--scorer judge|lexical] [--users N]
        [--seconds 30] [--think 3.2] [--db PATH_OR_URL]

Each worker process is one bot process of a sharded deployment: it opens the database itself
(``Storage.open``, as ``counterpoint run`` does), builds the same services (PracticeService with its
scorer, ProgressService) and runs ``--users`` simulated users of its own (load.py's: get a Point,
think, rebut, now and then look at their progress), in servers that its shard holds (shard w of N,
by Discord's formula). All the processes share ONE database: ``--db``, a SQLite file or a
``postgresql://`` URL (where the storage layer takes one), by default a new SQLite file in a
temporary folder.

It runs one process alone first, the baseline, then N at once on the same database (other users),
each phase's processes starting their measured window together. Prints, per process: rebuttals/s
sustained, rebut p50/p99, practice p99, heartbeat lateness p99, peak memory (max RSS); then per
phase the totals, lost and duplicated attempts (every acknowledged attempt id against the rows
stored for those users, read back through the storage layer), and the ratio of the N-process
throughput to the baseline's. ``--users`` is per process: N processes are offered N times the load.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.models import Learner, Place
from bot.practice import PracticeService
from bot.progress import ProgressService
from bot.scorers import make_scorer
from bot.shards import shard_of
from bot.storage import Storage

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (the simulated users, the percentiles)
from scoring_speed import DEFAULT_GRADED, ROOT, make_rebuttals  # noqa: E402

#: Each phase's users get ids of their own, so a phase's rows are told apart from the last one's.
PHASE_STRIDE = 1_000_000


@dataclass(frozen=True)
class Job:
    """What one worker process does (pickled to it)."""

    worker: int
    processes: int
    db: str
    scorer: str
    first_user: int  # this worker's users are first_user, first_user + 1, ...
    users: int
    seconds: float = 0.0
    think: float = 3.2
    rebuttals_each: int | None = None  # instead of a timed window: each user rebuts exactly this often

    @property
    def guilds(self) -> tuple[int, ...]:
        """Twenty servers on this worker's shard: its users practise only where it would get their events."""
        guilds = tuple(((k * self.processes + self.worker) << 22) for k in range(1, 21))
        assert all(shard_of(g, self.processes) == self.worker for g in guilds)
        return guilds

    def learners(self) -> list[str]:
        return [Learner.discord(10_000 + n, "").id for n in range(self.first_user, self.first_user + self.users)]


@dataclass
class Report:
    """What one worker measured."""

    worker: int
    seconds: float
    completed_in_window: int
    latencies: dict[str, list[float]]
    acknowledged: list[int]
    learners: list[str]
    peak_mb: float
    error: str | None = None

    @property
    def per_second(self) -> float:
        return self.completed_in_window / self.seconds if self.seconds else 0.0


@dataclass
class Tally:
    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    missing: list[int] = field(default_factory=list)


# --- in a worker process -------------------------------------------------------------------------


def work(job: Job, start_together, reports) -> None:
    """A worker process's body: set up, wait for the others, run, report (errors included)."""
    try:
        report = asyncio.run(_serve(job, start_together))
    except BaseException:
        report = Report(job.worker, 0, 0, {}, [], [], 0, error=traceback.format_exc())
    reports.put(report)


async def _serve(job: Job, start_together) -> Report:
    storage = await Storage.open(job.db)
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    scorer = make_scorer(job.scorer)
    scorer.index(cases.default)
    practice = PracticeService(cases, storage, scorer, rebut_rate=load.UNLIMITED, practice_rate=load.UNLIMITED)
    progress = ProgressService(storage, cases)
    texts = make_rebuttals(DEFAULT_GRADED if DEFAULT_GRADED.exists() else ROOT / "data/eval/holdout.jsonl", 2000)
    run = load.Run()
    await asyncio.to_thread(start_together.wait)  # every process is ready: the window opens for all at once
    try:
        if job.rebuttals_each is not None:
            await asyncio.gather(*(_rebut(job, n, practice, texts, run) for n in range(job.users)))
            seconds = 0.0
        else:
            until = time.perf_counter() + job.seconds
            numbers = range(job.first_user, job.first_user + job.users)
            await asyncio.gather(
                *(
                    load.user(n, practice, progress, texts, until, job.think, run, random.Random(n), job.guilds)
                    for n in numbers
                ),
                load.heartbeat(until, run),
            )
            seconds = job.seconds
    finally:
        await practice.scoring.close()
        await storage.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Report(
        job.worker, seconds, run.completed_in_window, dict(run.latencies), run.acknowledged, job.learners(), peak_mb
    )


async def _rebut(job: Job, offset: int, practice: PracticeService, texts: list[dict], run: load.Run) -> None:
    number = job.first_user + offset
    learner = Learner.discord(10_000 + number, f"user{number}")
    place = Place(guild_id=job.guilds[offset % len(job.guilds)], channel_id=100)
    for turn in range(job.rebuttals_each or 0):
        await practice.start(learner, place)
        result = await practice.submit(learner, place, texts[(number + turn) % len(texts)]["text"])
        run.acknowledged.append(result.attempt.id)


# --- in the parent -----------------------------------------------------------------------------------


def run_phase(jobs: list[Job], timeout: float = 600) -> list[Report]:
    """Run the jobs in worker processes at once (spawned: no state shared but the database)."""
    context = multiprocessing.get_context("spawn")
    start_together, reports = context.Barrier(len(jobs)), context.Queue()
    workers = [context.Process(target=work, args=(job, start_together, reports)) for job in jobs]
    for worker in workers:
        worker.start()
    collected = [reports.get(timeout=timeout) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    failed = [r.error for r in collected if r.error]
    if failed:
        raise RuntimeError("a worker process failed:\n" + failed[0])
    return sorted(collected, key=lambda r: r.worker)


async def tally(db: str, reports: list[Report], after_id: int) -> Tally:
    """Every acknowledged attempt id against the rows stored for the same users in this phase
    (ids above ``after_id``: a database given with --db may hold earlier runs' rows)."""
    acknowledged = [attempt_id for r in reports for attempt_id in r.acknowledged]
    storage = await Storage.open(db)
    try:
        stored: list[int] = []
        for learner_id in {learner for r in reports for learner in r.learners}:
            stored.extend(a.id for a in await storage.attempts.of(learner_id, None) if a.id > after_id)
    finally:
        await storage.close()
    unique = set(acknowledged)
    missing = sorted(unique - set(stored))
    # Twice the same id acknowledged, or a row stored that nobody was told about: both are copies.
    duplicated = (len(acknowledged) - len(unique)) + (len(stored) - len(set(stored))) + len(set(stored) - unique)
    return Tally(len(acknowledged), len(stored), len(missing), duplicated, missing)


def prepare(db: str) -> int:
    """Create (or migrate) the database, before the workers race to open it; the highest attempt
    id in it so far (what a phase stores comes after)."""

    async def highest_id() -> int:
        storage = await Storage.open(db)
        try:
            return int(await storage.database.fetch_value("SELECT COALESCE(MAX(id), 0) AS top FROM attempts"))
        finally:
            await storage.close()

    return asyncio.run(highest_id())


def jobs_for(processes: int, phase: int, args: argparse.Namespace, db: str) -> list[Job]:
    return [
        Job(w, processes, db, args.scorer, phase * PHASE_STRIDE + w * args.users, args.users, args.seconds, args.think)
        for w in range(processes)
    ]


def describe(label: str, reports: list[Report], counted: Tally) -> float:
    total = sum(r.per_second for r in reports)
    for r in reports:
        rebut, practice = r.latencies.get("rebut", []), r.latencies.get("practice", [])
        lateness = r.latencies.get("heartbeat lateness", [])
        print(
            f"  process {r.worker + 1}/{len(reports)}: {r.per_second:7,.0f} rebuttals/s, "
            f"rebut p50 {load.pct(rebut, 0.5):6.1f} ms p99 {load.pct(rebut, 0.99):7.1f} ms, "
            f"practice p99 {load.pct(practice, 0.99):6.1f} ms, heartbeat late p99 {load.pct(lateness, 0.99):5.1f} ms, "
            f"peak {r.peak_mb:4.0f} MB, {len(r.acknowledged):,} acknowledged"
        )
    print(
        f"  {label}: {total:,.0f} rebuttals/s in all; {counted.acknowledged:,} acknowledged, "
        f"{counted.stored:,} stored; lost {counted.lost}, duplicated {counted.duplicated}"
    )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--scorer", choices=["judge", "lexical"], default="judge")
    parser.add_argument("--users", type=int, help="per process; default: 150 with the judge, 2000 lexical")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=3.2, help="mean seconds between a user's actions")
    parser.add_argument("--db", help="a SQLite file or a postgresql:// URL; default: a new temporary SQLite file")
    args = parser.parse_args()
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    args.users = args.users or (150 if args.scorer == "judge" else 2000)

    with tempfile.TemporaryDirectory(prefix="counterpoint-cluster-") as folder:
        db = args.db or str(Path(folder) / "cluster.db")
        print(
            f"scorer {args.scorer}, {args.users} users per process for {args.seconds:.0f} s (think time mean "
            f"{args.think} s), one database ({'a temporary SQLite file' if not args.db else db}); "
            f"Python {sys.version.split()[0]}, {multiprocessing.cpu_count()} CPUs"
        )
        print("1 process (the baseline):")
        before = prepare(db)
        baseline_reports = run_phase(jobs_for(1, 1, args, db))
        baseline = describe("1 process", baseline_reports, asyncio.run(tally(db, baseline_reports, before)))
        print(f"{args.processes} processes at once, one database:")
        before = prepare(db)
        cluster_reports = run_phase(jobs_for(args.processes, 2, args, db))
        together = describe(
            f"{args.processes} processes", cluster_reports, asyncio.run(tally(db, cluster_reports, before))
        )
        print(
            f"throughput {args.processes} processes / 1 process: {together / baseline:.2f}x "
            f"({together:,.0f} / {baseline:,.0f} rebuttals/s, measured in this run)"
        )


if __name__ == "__main__":
    main()
