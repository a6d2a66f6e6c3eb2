"""A big tournament round submitted through several bot processes at once, on one database.

    .venv/bin/python benchmarks/tournament_cluster.py [--participants 500] [--processes 2] [--db PATH_OR_URL]

The parent creates a tournament, registers every participant and opens round 1.
Then N worker processes (each its own TournamentService and database
connection, as the shards of one bot would be) submit their share of the
participants all at the same instant, through the code path the cog uses
(rebuttal checks, scoring, the transactional store); once every process has
its acknowledgements, all of them try to close the round at the same moment,
as two processes' deadline timers or a moderator and a timer might. Printed: each
process's submit->stored p50 / p99, the whole round's wall time, how many rows
the round holds (each participant exactly once?), and how many processes got to
announce the close (exactly one?). The baseline, in the same run, is one
process submitting everyone.

``--db``: a SQLite file (several processes on one machine) or a ``postgresql://``
URL (default: a new temporary SQLite file). Scored with the lexical matcher, so
that the database, not the models, is what is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.practice import PracticeService
from bot.scorers import make_scorer
from bot.storage import Storage
from bot.tournament import TournamentService

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tournament_load import rebuttals  # noqa: E402  (the same seeded rebuttals)

FIRST_USER = 1000


def service_for(storage: Storage) -> TournamentService:
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    return TournamentService(storage, cases, PracticeService(cases, storage, make_scorer("lexical")))


async def prepare(db: str, participants: int) -> int:
    """A tournament with everyone registered and round 1 open; its id."""
    storage = await Storage.open(db)
    service = service_for(storage)
    t = await service.create(1, time.time_ns() % 1_000_000_000, "Cluster load", created_by=1, minutes=60)
    for user in range(participants):
        await service.join(t, FIRST_USER + user, f"player{user}")
    await service.start(t)
    await storage.close()
    return t.id


async def submit_share(
    db: str, tournament_id: int, users: list[int], texts: list[str], start_at: float, all_submitted
) -> dict:
    storage = await Storage.open(db)
    service = service_for(storage)
    tournament = await storage.tournaments.get(tournament_id)
    assert tournament is not None
    latencies: list[float] = []

    async def one(user: int) -> None:
        began = time.perf_counter()
        await service.submit(tournament, FIRST_USER + user, f"player{user}", texts[user])
        latencies.append(time.perf_counter() - began)

    await asyncio.sleep(max(0.0, start_at - time.time()))  # every process starts at the same instant
    began = time.perf_counter()
    await asyncio.gather(*(one(user) for user in users))
    wall = time.perf_counter() - began
    all_submitted.wait()  # every process acknowledged: now they race to close the round
    closed = await service.close_round(tournament, 1) is not None
    await storage.close()
    return {"latencies": sorted(latencies), "wall": wall, "closed": closed}


def worker(db: str, tournament_id: int, users: list[int], texts: list[str], start_at: float, barrier, out) -> None:
    out.put(asyncio.run(submit_share(db, tournament_id, users, texts, start_at, barrier)))


async def stored(db: str, tournament_id: int) -> tuple[int, int, int, bool]:
    """Rows of the round, distinct participants among them, the highest version, whether it is closed."""
    storage = await Storage.open(db)
    row = await storage.database.fetch_one(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS d, MAX(versions) AS v"
        " FROM tournament_submissions WHERE tournament_id = $1",
        tournament_id,
    )
    assert row is not None
    count, distinct, versions = row["n"], row["d"], row["v"]
    current = await storage.tournaments.round(tournament_id, 1)
    await storage.close()
    return count, distinct, versions, current is not None and not current.is_open


def run(db: str, participants: int, processes: int, texts: list[str]) -> dict:
    tournament_id = asyncio.run(prepare(db, participants))
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    barrier = context.Barrier(processes)
    start_at = time.time() + 3.0  # time for every process to start and connect
    shares = [list(range(participants))[i::processes] for i in range(processes)]
    workers = [
        context.Process(target=worker, args=(db, tournament_id, share, texts, start_at, barrier, out))
        for share in shares
    ]
    for w in workers:
        w.start()
    results = [out.get(timeout=300) for _ in workers]
    for w in workers:
        w.join()
    count, distinct, versions, closed = asyncio.run(stored(db, tournament_id))
    return {
        "results": results,
        "exactly_once": count == distinct == participants and versions == 1,
        "rows": count,
        "closes": sum(r["closed"] for r in results),
        "round_closed": closed,
        "wall": max(r["wall"] for r in results),
    }


def describe(label: str, outcome: dict, participants: int) -> str:
    lines = [
        f"{label}: all {participants} stored in {outcome['wall'] * 1e3:,.0f} ms "
        f"({participants / outcome['wall']:,.0f}/s); rows {outcome['rows']}, each participant exactly once: "
        f"{'yes' if outcome['exactly_once'] else 'NO'}; round closed: {'yes' if outcome['round_closed'] else 'NO'}, "
        f"announced by {outcome['closes']} process(es) (must be 1)"
    ]
    for number, result in enumerate(outcome["results"]):
        lat = result["latencies"]
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        lines.append(
            f"  process {number}: {len(lat)} submissions, submit->stored p50 {statistics.median(lat) * 1e3:.1f} ms, "
            f"p99 {p99 * 1e3:.1f} ms"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--db", help="a SQLite file or a postgresql:// URL; default: a new temporary SQLite file")
    args = parser.parse_args()
    texts = rebuttals(args.participants)
    with tempfile.TemporaryDirectory(prefix="counterpoint-bench-") as folder:
        db = args.db or str(Path(folder) / "cluster.db")
        engine = "PostgreSQL" if db.startswith("postgres") else "SQLite"
        print(f"{args.participants} participants, one round, {engine}; Python {sys.version.split()[0]}")
        baseline = run(db, args.participants, 1, texts)
        print(describe("baseline: 1 process", baseline, args.participants))
        several = run(db, args.participants, args.processes, texts)
        print(describe(f"{args.processes} processes at once", several, args.participants))
        print(f"ratio {args.processes}/1 (round wall time): {baseline['wall'] / several['wall']:.2f}x")
        if not (several["exactly_once"] and several["closes"] == 1 and several["round_closed"]):
            raise SystemExit("FAILED: a submission was lost or doubled, or the round was not closed exactly once")


if __name__ == "__main__":
    main()
