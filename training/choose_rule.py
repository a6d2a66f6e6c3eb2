"""Choose the judged scorer's rule (bot.judging.Rule) for a judge, on the seen graded sets.

    .venv/bin/python training/choose_rule.py [--judge DIR] [--about 0.45 0.5 ...]
        [--second-look 0.5 0.7 ...] [--opposite-margin 0.3 0.4 ...] [--near-copy 2 0.8 ...]
        [--restated 0 3 ...] [--claim-lean 0 0.03 ...] [--no-credit] [--top N]

The rule's numbers were fitted to the judge they were measured with, so a new
judge is compared with the shipped one only after each has its own rule. This
scores every graded rebuttal of the article sets that are no longer blind (the
external sets and ``data/eval/articles*``, pooled) and of the shipped case
(dev and holdouts, which must stay at Spearman 0.90 or more) under each rule of
the grid, and prints the rules best first by pooled Spearman. Each model
reading is computed once and reused across the grid (a few minutes in all on
2 cores). A set written after the rule is chosen is its first honest measure:
run ``counterpoint eval`` on it once, with the rule chosen here.

Each rule carries the shipped credit model (``bot/resources/credit.json``), fitted
under the shipped rule's numbers; ``--no-credit`` chooses the hand-set rule alone, and a
rule chosen so needs its credit model refitted (``training/fit_credit.py``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cases import Case, CaseLibrary, Point  # noqa: E402
from bot.coverage import Coverage, point_number  # noqa: E402
from bot.evaluation import EvalReport, GradedItem, article_batches, evaluate, read_graded  # noqa: E402
from bot.judging import DEFAULT_RULE, JudgedIndex, Rule  # noqa: E402
from bot.neural import RESOURCES, Encoder, Judge  # noqa: E402

SHIPPED_CASE_FLOOR = 0.90


class RememberingJudge(Judge):
    """A judge that reads each (sentence, reference) pair once for the whole grid."""

    def __init__(self, directory: Path):
        super().__init__(directory)
        self._readings: dict[tuple[str, str], np.ndarray] = {}

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        missing = [p for p in dict.fromkeys(pairs) if p not in self._readings]
        if missing:
            self._readings.update(zip(missing, super().probabilities(missing), strict=True))
        return np.array([self._readings[p] for p in pairs])


class RememberingEncoder(Encoder):
    """An encoder that embeds each text once for the whole grid."""

    def __init__(self, directory: Path = RESOURCES / "encoder") -> None:
        super().__init__(directory)
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, super().embed(missing), strict=True))
        return np.array([self._vectors[t] for t in texts])


class RuleScorer:
    """Scores as the bot does, with one rule and the given models; each rebuttal once (the
    pooled figures and each folder's read the same rebuttals)."""

    def __init__(self, encoder: Encoder, judge: Judge, rule: Rule):
        self._encoder, self._judge, self._rule = encoder, judge, rule
        self._indexes: dict[str, JudgedIndex] = {}
        self._scored: dict[tuple[str, int, str], Coverage] = {}

    def score(self, case: Case, point: Point | int, text: str) -> Coverage:
        key = (case.id, point_number(point), text)
        if key not in self._scored:
            if case.id not in self._indexes:
                self._indexes[case.id] = JudgedIndex(case, self._encoder, self._judge, self._rule)
            self._scored[key] = self._indexes[case.id].score(key[1], text)
        return self._scored[key]


def sets_in(
    folders: Sequence[Path], cases: CaseLibrary, prefix: str = ""
) -> tuple[dict[str, list[GradedItem]], CaseLibrary]:
    """The graded items of each folder (keyed ``prefix`` + its name), and ``cases`` with the cases beside them."""
    sets: dict[str, list[GradedItem]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            sets.setdefault(prefix + folder.name, []).extend(read_graded(path))
            cases = cases.with_cases_beside(path)
    return sets, cases


def graded_sets(leave_out: Sequence[str] = ()) -> tuple[dict[str, list[GradedItem]], list[GradedItem], CaseLibrary]:
    """The seen article sets by folder, the shipped case's sets, and every case they need."""
    folders = [ROOT.parent / "shared" / "eval" / "external", *article_batches(ROOT / "data" / "eval")]
    folders = [f for f in folders if f.name not in leave_out]
    articles, cases = sets_in(folders, CaseLibrary.from_directory(ROOT / "data" / "cases"))
    shipped_files = [
        ROOT.parent / "shared" / "eval" / "dev_rebuttals.jsonl",
        *(ROOT / "data" / "eval").glob("holdout*"),
    ]
    shipped = [item for path in sorted(shipped_files) for item in read_graded(path)]
    return articles, shipped, cases


def line(rule: Rule, pooled: EvalReport, per_set: dict[str, EvalReport], shipped: EvalReport) -> str:
    sets = " ".join(f"{name} {report.spearman:.3f}" for name, report in per_set.items())
    floor = "" if shipped.spearman >= SHIPPED_CASE_FLOOR else "  (shipped case below 0.90)"
    return (
        f"about {rule.about:.2f} second look {rule.second_look:.2f} margin {rule.opposite_margin:.2f} "
        f"near copy {rule.near_copy:.2f} restated {rule.restated} claim lean {rule.claim_lean:.2f} | "
        f"pooled {pooled.spearman:.3f} pw {pooled.pairwise:.3f} P {pooled.claim_precision:.3f} "
        f"R {pooled.claim_recall:.3f} | {sets} | shipped case {shipped.spearman:.3f}{floor}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judge", type=Path, default=RESOURCES / "judge", help="a folder with judge.onnx")
    parser.add_argument("--encoder", type=Path, default=RESOURCES / "encoder", help="a folder with encoder.onnx")
    parser.add_argument("--about", type=float, nargs="+", default=[DEFAULT_RULE.about])
    parser.add_argument("--second-look", type=float, nargs="+", default=[DEFAULT_RULE.second_look])
    parser.add_argument("--opposite-margin", type=float, nargs="+", default=[DEFAULT_RULE.opposite_margin])
    parser.add_argument("--near-copy", type=float, nargs="+", default=[DEFAULT_RULE.near_copy])
    parser.add_argument("--restated", type=int, nargs="+", default=[DEFAULT_RULE.restated])
    parser.add_argument("--claim-lean", type=float, nargs="+", default=[DEFAULT_RULE.claim_lean])
    parser.add_argument("--no-credit", action="store_true", help="the hand-set rule alone, no credit model")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--leave-out", nargs="*", default=[], metavar="FOLDER", help="blind sets not to score (e.g. articles-5)"
    )
    args = parser.parse_args()

    articles, shipped_items, cases = graded_sets(args.leave_out)
    encoder, judge = RememberingEncoder(args.encoder), RememberingJudge(args.judge)
    pooled_items = [item for items in articles.values() for item in items]
    results = []
    grid = itertools.product(
        args.about, args.second_look, args.opposite_margin, args.near_copy, args.restated, args.claim_lean
    )
    for about, second_look, margin, near_copy, restated, claim_lean in grid:
        rule = Rule(about, second_look, margin, near_copy, restated, claim_lean)
        if args.no_credit:
            rule = replace(rule, credit=None)
        scorer = RuleScorer(encoder, judge, rule)
        pooled = evaluate(pooled_items, cases, scorer)
        per_set = {name: evaluate(items, cases, scorer) for name, items in articles.items()}
        results.append((pooled.spearman, line(rule, pooled, per_set, evaluate(shipped_items, cases, scorer))))
        print(results[-1][1], flush=True)
    print(f"\nbest {args.top} by pooled Spearman ({len(pooled_items)} rebuttals, {len(articles)} folders):")
    for _, text in sorted(results, reverse=True)[: args.top]:
        print(text)


if __name__ == "__main__":
    main()
