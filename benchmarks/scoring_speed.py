"""How fast the scorer is, against the naive rapidfuzz baseline, in one run.

    .venv/bin/python benchmarks/scoring_speed.py [--count 20000] [--graded FILE]

Builds ``--count`` distinct rebuttals (seeded) from the graded development
rebuttals: sentences recombined across rebuttals of the same Point, with typos
and filler, so the scorer's caches do not make the run easier than real use.
Then it scores them

* through ``counterpoint score --jsonl`` (a real process: start-up, case load
  and index build, JSON in and out, all included);
* in-process through ``CaseIndex.score``, timing each rebuttal for p50/p99;
* with the naive baseline of issue 3: every rebuttal sentence against every
  sentence of the article with rapidfuzz's ``token_set_ratio`` (batched with
  ``process.cdist``, its fastest form, so the baseline is not a straw man); a
  counterargument of the Point is covered when one of its source sentences
  matches at 50 or more (the article is ``--article``; without it, the
  sentences the case holds);

and prints the rates and their ratios. Single-threaded throughout.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

from bot.cases import Case, load_case_file
from bot.config import SHIPPED_CASES_DIR
from bot.scoring import CaseIndex
from bot.text import normalize, split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GRADED = ROOT.parent / "shared" / "eval" / "dev_rebuttals.jsonl"
DEFAULT_ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
CHUNK = 1_000
FILLER = ["Thank you, chair.", "Let me be clear.", "I respect my opponent.", "To sum up:", "Honestly,"]


def make_rebuttals(graded: Path, count: int, seed: int = 7) -> list[dict]:
    """``count`` distinct rebuttals recombined from the graded set's sentences."""
    rng = random.Random(seed)
    by_point: dict[int, list[str]] = {}
    for line in graded.read_text("utf-8").splitlines():
        item = json.loads(line)
        by_point.setdefault(item["point"], []).extend(split_sentences(normalize(item["text"])))
    points = sorted(by_point)
    rebuttals = []
    for number in range(count):
        point = rng.choice(points)
        sentences = rng.sample(by_point[point], k=min(len(by_point[point]), rng.randint(1, 6)))
        if rng.random() < 0.3:
            sentences.insert(0, rng.choice(FILLER))
        text = " ".join(_typo(s, rng) if rng.random() < 0.3 else s for s in sentences)
        rebuttals.append({"id": f"r{number}", "point": point, "text": f"{text} ({number})"})
    return rebuttals


def _typo(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    i = rng.randrange(len(words))
    word = words[i]
    if len(word) > 4:
        j = rng.randrange(1, len(word) - 1)
        words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


class NaiveBaseline:
    """Each rebuttal sentence against each article sentence; token_set_ratio >= 50 covers."""

    def __init__(self, case: Case, article: str | None):
        case_sentences = [
            s
            for p in case.points
            for text in (p.claim, p.context, *(x for a in p.counterarguments for x in a.source))
            for s in split_sentences(normalize(text))
        ]
        sentences = split_sentences(normalize(article)) if article else case_sentences
        self.sentences = [utils.default_process(s) for s in sentences]
        # Which counterargument each article sentence is a source of, if any.
        owner = {}
        for p in case.points:
            for arg in p.counterarguments:
                for text in arg.source:
                    for s in split_sentences(normalize(text)):
                        owner[utils.default_process(s)] = (p.number, arg.id)
        self.owner = [owner.get(s) for s in self.sentences]
        self.totals = {p.number: len(p.counterarguments) for p in case.points}

    def only_sources(self) -> NaiveBaseline:
        """A stronger variant: only sentences that are some counterargument's source."""
        kept = [(s, o) for s, o in zip(self.sentences, self.owner, strict=True) if o]
        variant = object.__new__(NaiveBaseline)
        variant.sentences, variant.owner = [s for s, _ in kept], [o for _, o in kept]
        variant.totals = self.totals
        return variant

    def score(self, point: int, text: str) -> int:
        sentences = [utils.default_process(s) for s in split_sentences(text)]
        if not sentences:
            return 0
        # rapidfuzz's batch comparison in C: the fastest way to run this rule.
        matches = process.cdist(sentences, self.sentences, scorer=fuzz.token_set_ratio, score_cutoff=50)
        covered = {
            self.owner[column][1]
            for column in np.flatnonzero(matches.any(axis=0))
            if self.owner[column] and self.owner[column][0] == point
        }
        return round(100 * len(covered) / self.totals[point])


def time_baseline(baseline: NaiveBaseline, rebuttals: list[dict]) -> float:
    start = time.perf_counter()
    for item in rebuttals:
        baseline.score(item["point"], item["text"])
    return time.perf_counter() - start


def time_cli(rebuttals: list[dict]) -> float:
    payload = "".join(json.dumps(r) + "\n" for r in rebuttals)
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "bot", "score", "--case", "north-korea", "--jsonl"],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    lines = run.stdout.splitlines()
    assert len(lines) == len(rebuttals) and json.loads(lines[-1])["id"] == rebuttals[-1]["id"]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--graded", type=Path, default=DEFAULT_GRADED)
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    args = parser.parse_args()

    case = load_case_file(SHIPPED_CASES_DIR / "north-korea.toml")
    rebuttals = make_rebuttals(args.graded, args.count)

    start = time.perf_counter()
    index = CaseIndex(case)
    build_ms = (time.perf_counter() - start) * 1000

    article = args.article.read_text("utf-8") if args.article.exists() else None
    baseline = NaiveBaseline(case, article)
    sources_only = baseline.only_sources()

    # This machine's speed drifts by 10-20% over seconds, so the paths take turns on
    # chunks of 1,000 and the ratios compare like with like.
    latencies: list[float] = []
    in_process = naive = naive_sources = 0.0
    for chunk_start in range(0, len(rebuttals), CHUNK):
        chunk = rebuttals[chunk_start : chunk_start + CHUNK]
        start = time.perf_counter()
        for item in chunk:
            t = time.perf_counter()
            index.score(item["point"], item["text"])
            latencies.append(time.perf_counter() - t)
        in_process += time.perf_counter() - start
        naive += time_baseline(baseline, chunk)
        naive_sources += time_baseline(sources_only, chunk)
    latencies.sort()

    # The command runs once over everything (one start-up, as a user would run it),
    # between two baseline runs whose mean is its yardstick.
    before = time_baseline(baseline, rebuttals)
    cli = time_cli(rebuttals)
    naive_around_cli = (before + time_baseline(baseline, rebuttals)) / 2

    n = len(rebuttals)
    print(f"rebuttals: {n:,} (seeded, distinct); one core; Python {sys.version.split()[0]}")
    print(
        f"baseline compares against {len(baseline.sentences)} article sentences"
        f" ({'the seed article' if article else 'the case'})"
    )
    print(f"case index built once:            {build_ms:8.1f} ms")
    print(f"naive baseline (token_set_ratio): {n / naive:8,.0f} rebuttals/s")
    print(f"  variant, {len(sources_only.sentences)} source sentences only:  {n / naive_sources:8,.0f} rebuttals/s")
    print(
        f"scorer, in-process:               {n / in_process:8,.0f} rebuttals/s   "
        f"ratio to baseline {naive / in_process:.2f}x"
        f" (to the variant {naive_sources / in_process:.2f}x)"
    )
    print(
        f"counterpoint score --jsonl:       {n / cli:8,.0f} rebuttals/s   "
        f"ratio to baseline {naive_around_cli / cli:.2f}x"
        f"   (whole process: start-up, load, JSON; baseline around it {n / naive_around_cli:,.0f}/s)"
    )
    print(
        f"single rebuttal latency:          p50 {latencies[n // 2] * 1e3:.3f} ms, "
        f"p99 {latencies[int(n * 0.99)] * 1e3:.3f} ms, max {latencies[-1] * 1e3:.3f} ms"
    )


if __name__ == "__main__":
    main()
