"""How close an imported article comes to its hand-made case, and how it scores.

    .venv/bin/python benchmarks/import_quality.py [--scorer judge|lexical] [--verbose] [--leave-out articles-11]

For each article with a hand-made case and graded rebuttals (the seed, the
three of ``../shared/eval/external/`` where present, and every article of the
``data/eval/articles*/`` batches), imports the article with `counterpoint cases import`'s code, edits nothing, and
compares the draft with the hand case:

* Point alignment: hand Points matched one-to-one to a draft Point whose
  source holds the same sentences (word overlap, greedy best first);
* counterargument precision and recall: within aligned Points, draft
  counterarguments matched one-to-one to hand ones whose source words they
  share (F1 of the two word sets >= 0.5). A merge of two reasons matches one
  of them (recall falls); a reason cut in halves matches once (precision falls);
* Spearman on the graded rebuttals, the draft (each rebuttal sent to the draft
  Point aligned with its hand Point; 0 where none is) beside the hand case, and
  beside the hand case with its summaries and phrasings taken out (its Points,
  grouping and article sentences only: what an import can reach without
  writing paraphrases).

Nothing here tunes anything: the graded rebuttals are only scored.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's bot/, not an installed one

from bot.cases import load_case_file
from bot.config import SHIPPED_CASES_DIR
from bot.evaluation import article_batches, read_graded, spearman
from bot.importer import ImportError_, import_article
from bot.scorers import make_scorer
from bot.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = ROOT / "data" / "eval"
#: A draft counterargument and a hand one are the same reason at this F1 of their source words.
SAME_REASON_F1 = 0.5


@dataclass(frozen=True)
class Article:
    name: str
    text: Path
    case: Path
    graded: Path


def articles(leave_out: Sequence[str] = ()) -> list[Article]:
    found = [
        Article(
            "seed (north-korea)",
            SHARED / "seed" / "article.txt",
            SHIPPED_CASES_DIR / "north-korea.toml",
            SHARED / "eval" / "dev_rebuttals.jsonl",
        ),
    ]
    for folder in (SHARED / "eval" / "external", *article_batches(EVAL)):
        if folder.name in leave_out:
            continue
        found += [
            Article(t.stem, t, t.with_suffix(".toml"), t.with_suffix(".jsonl")) for t in sorted(folder.glob("*.txt"))
        ]
    return [a for a in found if a.text.exists() and a.case.exists() and a.graded.exists()]


def word_set(texts) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", " ".join(normalize(t).lower() for t in texts)))


def f1(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match(left: list, right: list, similarity: Callable, threshold: float) -> dict[int, int]:
    """One-to-one, greedy best first: index in left -> index in right."""
    pairs = sorted(((similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)), reverse=True)
    out: dict[int, int] = {}
    taken: set[int] = set()
    for share, i, j in pairs:
        if share >= threshold and i not in out and j not in taken:
            out[i] = j
            taken.add(j)
    return out


@dataclass
class Result:
    name: str
    hand_points: int = 0
    draft_points: int = 0
    aligned: int = 0
    hand_args: int = 0
    draft_args: int = 0
    matched_args: int = 0
    hand_spearman: float = 0.0
    bare_spearman: float = 0.0  # the hand case without its summaries and phrasings
    draft_spearman: float = 0.0
    error: str = ""


def measure(article: Article, scorer, verbose: bool) -> Result:
    hand = load_case_file(article.case)
    result = Result(
        article.name, hand_points=len(hand.points), hand_args=sum(len(p.counterarguments) for p in hand.points)
    )
    items = [i for i in read_graded(article.graded) if i.kind != "copy"]
    grades = [i.grade for i in items]
    result.hand_spearman = spearman([scorer.score(hand, i.point, i.text).score for i in items], grades)
    bare = replace(
        hand,
        version=hand.version + "-bare",
        points=tuple(
            replace(p, counterarguments=tuple(replace(a, summary="TODO", phrasings=()) for a in p.counterarguments))
            for p in hand.points
        ),
    )
    result.bare_spearman = spearman([scorer.score(bare, i.point, i.text).score for i in items], grades)
    try:
        _, draft = import_article(article.text.read_text("utf-8"), hand.id)
    except ImportError_ as error:
        result.error = str(error).splitlines()[0]
        result.draft_spearman = spearman([0] * len(items), grades)
        return result
    result.draft_points = len(draft.points)
    result.draft_args = sum(len(p.counterarguments) for p in draft.points)
    point_words = lambda p: word_set([s for a in p.counterarguments for s in a.source])  # noqa: E731
    aligned = match(list(hand.points), list(draft.points), lambda h, d: f1(point_words(h), point_words(d)), 0.2)
    result.aligned = len(aligned)
    to_draft: dict[int, int] = {}
    for h, d in aligned.items():
        hand_point, draft_point = hand.points[h], draft.points[d]
        to_draft[hand_point.number] = draft_point.number
        hand_sets = [word_set(a.source) for a in hand_point.counterarguments]
        draft_sets = [word_set(a.source) for a in draft_point.counterarguments]
        pairs = match(draft_sets, hand_sets, f1, SAME_REASON_F1)
        result.matched_args += len(pairs)
        if verbose:
            print(
                f"  {article.name} Point {hand_point.number} -> draft {draft_point.number}: "
                f"hand {len(hand_sets)}, draft {len(draft_sets)}, matched {len(pairs)}"
            )
    scores = [scorer.score(draft, to_draft[i.point], i.text).score if i.point in to_draft else 0 for i in items]
    result.draft_spearman = spearman(scores, grades)
    return result


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", default=os.environ.get("SCORER", "judge"), choices=("judge", "lexical"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="FOLDER", help="blind batches not to score")
    args = parser.parse_args()
    scorer = make_scorer(args.scorer)
    results = [measure(a, scorer, args.verbose) for a in articles(args.leave_out)]
    print(f"scorer: {args.scorer}")
    print(
        f"{'article':<22} {'Points h/d/aligned':>18} {'args h/d':>9} {'P':>5} {'R':>5} "
        f"{'rho hand':>8} {'bare':>6} {'rho draft':>9} {'gap':>6}"
    )
    for r in results:
        gap = r.hand_spearman - r.draft_spearman
        print(
            f"{r.name:<22} {f'{r.hand_points}/{r.draft_points}/{r.aligned}':>18} "
            f"{f'{r.hand_args}/{r.draft_args}':>9} {_ratio(r.matched_args, r.draft_args):>5} "
            f"{_ratio(r.matched_args, r.hand_args):>5} {r.hand_spearman:>8.3f} {r.bare_spearman:>6.3f} "
            f"{r.draft_spearman:>9.3f} "
            f"{gap:>6.3f}{'  ' + r.error if r.error else ''}"
        )
    n = len(results)
    hand_points = sum(r.hand_points for r in results)
    matched = sum(r.matched_args for r in results)
    draft_points, aligned = sum(r.draft_points for r in results), sum(r.aligned for r in results)
    hand_args, draft_args = sum(r.hand_args for r in results), sum(r.draft_args for r in results)
    print(
        f"{'overall':<22} {f'{hand_points}/{draft_points}/{aligned}':>18} {f'{hand_args}/{draft_args}':>9} "
        f"{_ratio(matched, draft_args):>5} {_ratio(matched, hand_args):>5} "
        f"{sum(r.hand_spearman for r in results) / n:>8.3f} {sum(r.bare_spearman for r in results) / n:>6.3f} "
        f"{sum(r.draft_spearman for r in results) / n:>9.3f} "
        f"{sum(r.hand_spearman - r.draft_spearman for r in results) / n:>6.3f}  (means of the articles' rho)"
    )
    within = sum(r.hand_spearman - r.draft_spearman <= 0.10 for r in results)
    print(f"drafts within 0.10 of their hand case's Spearman: {within}/{n}")


if __name__ == "__main__":
    main()
