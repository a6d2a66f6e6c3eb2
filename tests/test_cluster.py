"""Three bot processes writing to one database at once: every acknowledged rebuttal is stored, once."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from cluster_load import Job, prepare, run_phase, tally  # noqa: E402  (the load benchmark's worker processes)
from support import BOTH_ENGINES  # noqa: E402

from bot.storage import Storage  # noqa: E402

PROCESSES, USERS, EACH = 3, 10, 30  # 300 rebuttals a process, ten members at a time in each


@BOTH_ENGINES
def test_three_processes_writing_300_rebuttals_each_to_one_database_store_all_900_once(db):
    db = str(db)  # a SQLite file's path, or a PostgreSQL database's URL: the processes are given it alike
    before = prepare(db)
    jobs = [
        Job(w, PROCESSES, db, "lexical", first_user=w * USERS, users=USERS, rebuttals_each=EACH)
        for w in range(PROCESSES)
    ]
    reports = run_phase(jobs, timeout=120)

    assert [len(r.acknowledged) for r in reports] == [300, 300, 300]
    counted = asyncio.run(tally(db, reports, before))
    assert (counted.acknowledged, counted.stored, counted.lost, counted.duplicated) == (900, 900, 0, 0)

    async def rows() -> int:
        storage = await Storage.open(db)
        try:
            return await storage.attempts.count()
        finally:
            await storage.close()

    assert asyncio.run(rows()) == 900  # and nothing else was written
    acknowledged = {attempt_id for r in reports for attempt_id in r.acknowledged}
    assert len(acknowledged) == 900  # no id handed to two processes
