"""How close an imported article comes to a hand-made case, and how it scores.

    .venv/bin/python benchmarks/import_quality.py [--article FILE] [--case FILE] [--graded FILE]

Imports the article with `counterpoint cases import`'s code, edits nothing, and
compares it with the hand-made case: Points found, counterarguments per Point,
and how the article's sentences are grouped into counterarguments (pairwise:
of the pairs of source sentences within a Point, the share both cases put
together, or both apart). Then both cases score the graded rebuttals.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from bot.cases import CaseLibrary, load_case_file
from bot.config import SHIPPED_CASES_DIR
from bot.evaluation import evaluate, read_graded
from bot.importer import import_article
from bot.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def grouping(case) -> dict[int, dict[str, str]]:
    """Point -> {normalised source sentence: the counterargument it belongs to}."""
    return {
        p.number: {" ".join(normalize(s).split()): a.id for a in p.counterarguments for s in a.source}
        for p in case.points
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=SHARED / "seed" / "article.txt")
    parser.add_argument("--case", type=Path, default=SHIPPED_CASES_DIR / "north-korea.toml")
    parser.add_argument("--graded", type=Path, default=SHARED / "eval" / "dev_rebuttals.jsonl")
    args = parser.parse_args()

    handmade = load_case_file(args.case)
    _, imported = import_article(args.article.read_text("utf-8"), handmade.id)
    print(f"Points: hand-made {len(handmade.points)}, imported {len(imported.points)}")
    hand_groups, import_groups = grouping(handmade), grouping(imported)
    agree = pairs = covered = total = 0
    for point in handmade.points:
        hand = hand_groups[point.number]
        mine = import_groups.get(point.number, {})
        print(
            f"Point {point.number}: counterarguments hand-made {len(point.counterarguments)}, "
            f"imported {len(imported.point(point.number).counterarguments) if point.number in import_groups else 0}"
        )
        total += len(hand)
        covered += sum(s in mine for s in hand)
        for a, b in combinations([s for s in hand if s in mine], 2):
            pairs += 1
            agree += (hand[a] == hand[b]) == (mine[a] == mine[b])
    print(
        f"source sentences found: {covered}/{total}; grouping agreement (pairs of sentences): "
        f"{agree}/{pairs} = {agree / pairs:.2f}"
    )

    items = read_graded(args.graded)
    for label, case in (("hand-made", handmade), ("imported, unedited", imported)):
        report = evaluate(items, CaseLibrary([replace(case, version=label)]))
        print(
            f"{label:<20} spearman {report.spearman:.3f}  pairwise {report.pairwise:.3f}  "
            f"max adversarial {report.max_adversarial}  max negated {report.max_negated}  "
            f"copies flagged {report.copies_flagged}/{report.copies}"
        )


if __name__ == "__main__":
    main()
