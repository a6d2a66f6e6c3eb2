"""Judge training pairs from this repository's own graded article sets.

    .venv/bin/python training/graded_pairs.py --out build/graded.jsonl [--eval-batches [--leave-out articles-9 ...]]

The mini cases teach the judge on sentences written to be training data; these
pairs come from rebuttals written as students write (long sentences, two reasons
in one, reversals in the writer's own words), graded by hand. Each sentence of a
graded rebuttal is matched, as the bot matches it, to its nearest reference in
the case (the encoder, cosine :data:`bot.judging.Rule.about` or more); where that
reference belongs to a counterargument of the rebuttal's Point, the grade says
what the sentence does to that reason:

* a reversed-claim item (kind ``negated``): OPPOSITE;
* an honest item whose ``claims`` list the reason: MAKES;
* an honest item whose ``claims`` leave it out: NEITHER (about it, not making it).

Each labelled sentence is paired with every reference of its reason. Copies,
keyword lists and items that argue for the Point (``agree``) give no pairs.

It reads the sets written as training data, ``training/data/graded/*/`` (the
same format as the evaluation batches). With ``--eval-batches`` it also reads
the ``data/eval/articles*`` batches (``--leave-out`` keeps folders out): a
batch used so is no longer a fair measure of the judge trained on it. It
never reads ``../shared/eval``: the external sets and the shipped case's sets
stay measures.

Runs with the bot's environment (it needs the encoder), not the training one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cases import CaseLibrary  # noqa: E402
from bot.evaluation import GradedItem, article_batches, read_graded  # noqa: E402
from bot.judging import DEFAULT_RULE, JudgedIndex  # noqa: E402
from bot.neural import MAKES, NEITHER, OPPOSITE, Encoder, Judge  # noqa: E402
from bot.text import normalize, split_sentences  # noqa: E402

#: Kinds whose sentences say nothing about a reason's truth either way.
SKIPPED_KINDS = frozenset({"agree", "copy", "stuffing", "gibberish", "offtopic", "wrongpoint"})


def label_of(item: GradedItem, argument_id: str) -> int | None:
    """What ``item``'s grade says a sentence about ``argument_id`` does, or None when it says nothing."""
    if item.kind in SKIPPED_KINDS or item.claims is None:
        return None
    if item.kind == "negated":
        return OPPOSITE
    return MAKES if argument_id in item.claims else NEITHER


def pairs_of(items: list[GradedItem], index: JudgedIndex, encoder: Encoder) -> list[tuple[str, str, int]]:
    """The labelled (sentence, reference) pairs of one case's graded items."""
    pairs = []
    for item in items:
        sentences = split_sentences(normalize(item.text))
        if not sentences:
            continue
        for sentence, (owner, _, cosine) in zip(sentences, index.nearest(encoder.embed(sentences)), strict=True):
            if cosine < index.rule.about or owner.point != item.point or owner.counterargument_id is None:
                continue
            label = label_of(item, owner.counterargument_id)
            if label is not None:
                pairs += [(sentence, reference, label) for reference in index.references_of(owner)]
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--eval-batches", action="store_true", help="also the data/eval/articles* batches")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="FOLDER")
    args = parser.parse_args()
    encoder, judge = Encoder(), Judge()
    library = CaseLibrary.from_directory(ROOT / "data" / "cases")
    pairs: list[tuple[str, str, int]] = []
    folders = sorted((ROOT / "training" / "data" / "graded").glob("*/"))
    if args.eval_batches:
        folders += article_batches(ROOT / "data" / "eval")
    for folder in folders:
        if folder.name in args.leave_out:
            continue
        for path in sorted(folder.glob("*.jsonl")):
            items = read_graded(path)
            cases = library.with_cases_beside(path)
            for case_id in sorted({item.case for item in items}):
                index = JudgedIndex(cases.get(case_id), encoder, judge, DEFAULT_RULE)
                pairs += pairs_of([i for i in items if i.case == case_id], index, encoder)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(p) + "\n" for p in pairs), "utf-8")
    counts = [sum(1 for p in pairs if p[2] == label) for label in (NEITHER, MAKES, OPPOSITE)]
    print(f"{len(pairs)} pairs (neither / makes / opposite: {counts}) -> {args.out}")


if __name__ == "__main__":
    main()
