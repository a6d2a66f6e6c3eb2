"""How fast the default (judged) scorer is on real rebuttals, against the lexical matcher in the same run.

    .venv/bin/python benchmarks/judge_speed.py [GRADED.jsonl ...] [--repeat 3]

The rebuttals are the graded sets' own (by default every ``data/eval`` set:
the shipped case's held-out sets and the article sets, with their cases). On
one core (each model runs single-threaded), it measures

* latency: each rebuttal scored alone, as a member's rebuttal is in the bot;
  p50, p99 and the slowest;
* batch throughput: rebuttals scored 16 at a time (``score_many``), as the
  bot's scoring worker does when several arrive together;
* the lexical matcher on the same rebuttals, in-process, as the baseline;
* the process's peak memory (resident set) once everything is loaded and run.

Case preparation (embedding every reference) is timed apart: it happens once
per case version, at start-up or on first use.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from bot.cases import CaseLibrary  # noqa: E402
from bot.config import SHIPPED_CASES_DIR  # noqa: E402
from bot.evaluation import read_graded  # noqa: E402
from bot.judging import JudgedScorer  # noqa: E402
from bot.scoring import Scorer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BATCH = 16


def percentile(values: list[float], share: float) -> float:
    return float(np.percentile(np.array(values), share))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graded", nargs="*", type=Path, default=sorted((ROOT / "data" / "eval").rglob("*.jsonl")))
    parser.add_argument("--repeat", type=int, default=3, help="passes over the rebuttals (the best pass counts)")
    args = parser.parse_args()

    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    items = []
    for path in args.graded:
        items += read_graded(path)
        cases = cases.with_cases_beside(path)
    jobs = [(cases.get(i.case), i.point, i.text) for i in items]
    words = [len(i.text.split()) for i in items]
    print(
        f"{len(jobs)} rebuttals from {len(args.graded)} graded sets, {len({i.case for i in items})} cases; "
        f"{np.mean(words):.0f} words on average, {max(words)} at most"
    )

    started = time.perf_counter()
    judged = JudgedScorer(threads=1)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for case in {c.id: c for c, _, _ in jobs}.values():
        judged.index(case)
    prepared = time.perf_counter() - started
    print(f"models loaded in {loaded:.2f} s; cases prepared in {prepared:.2f} s")

    lexical = Scorer()
    for case, point, text in jobs[:50]:  # warm both
        lexical.score(case, point, text)
        judged.score(case, point, text)

    def latencies(scorer) -> list[float]:
        best: list[float] | None = None
        for _ in range(args.repeat):
            times = []
            for case, point, text in jobs:
                t = time.perf_counter()
                scorer.score(case, point, text)
                times.append(time.perf_counter() - t)
            if best is None or sum(times) < sum(best):
                best = times
        return best or []

    def batch_rate(scorer) -> float:
        best = 0.0
        for _ in range(args.repeat):
            t = time.perf_counter()
            for start in range(0, len(jobs), BATCH):
                scorer.score_many(jobs[start : start + BATCH])
            best = max(best, len(jobs) / (time.perf_counter() - t))
        return best

    judged_times, lexical_times = latencies(judged), latencies(lexical)
    judged_batch, lexical_batch = batch_rate(judged), batch_rate(lexical)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = 1000
    print()
    print(f"{'':24}{'judged (default)':>18}{'lexical':>12}{'ratio':>10}")
    for label, share in (("p50 latency, ms", 50), ("p99 latency, ms", 99), ("slowest, ms", 100)):
        j, lx = percentile(judged_times, share) * ms, percentile(lexical_times, share) * ms
        print(f"{label:24}{j:>18.1f}{lx:>12.2f}{j / lx:>9.0f}x")
    one_by_one = len(jobs) / sum(judged_times)
    print(f"{'one by one, per s':24}{one_by_one:>18.0f}{len(jobs) / sum(lexical_times):>12.0f}")
    print(
        f"{'batches of 16, per s':24}{judged_batch:>18.0f}{lexical_batch:>12.0f}{lexical_batch / judged_batch:>9.0f}x"
    )
    print(f"\npeak memory of this process: {peak_mb:.0f} MB (both scorers, the models and {len(jobs)} rebuttals)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; models single-threaded")


if __name__ == "__main__":
    main()
