"""Labelled (rebuttal text, reference) pairs for training the judge.

Three labels, the judge's classes:

* ``NEITHER`` (0): the text does not make the reference's point;
* ``MAKES`` (1): it makes it, in any words;
* ``OPPOSITE`` (2): it asserts the reverse.

Sources, none of them an evaluation set of the bot:

* ArgKP-2021 **train** (IBM, CDLA-Sharing 1.0): labelled argument / key point
  pairs give MAKES and NEITHER; a key point of the *other* stance on the same
  topic, paired with an argument, gives OPPOSITE (an argument for one side
  against a reason of the other side).
* The hand-written mini cases in ``training/data/minicases_*.jsonl``: for each
  counterargument, paraphrases (MAKES), reversals (OPPOSITE), a near miss and
  the siblings' paraphrases (NEITHER: the hard negatives that competing
  counterarguments of one Point need), and for the Point's claim, agreeing
  sentences (MAKES) and the counterarguments' paraphrases (OPPOSITE).

Pure Python and the standard library only, so it runs wherever training does.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

NEITHER, MAKES, OPPOSITE = 0, 1, 2
LABELS = ("neither", "makes", "opposite")

Pair = tuple[str, str, int]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def argkp_pairs(directory: Path, split: str, rng: random.Random, opposite_per_argument: int = 1) -> list[Pair]:
    """The split's labelled pairs, plus ``opposite_per_argument`` other-stance key points per argument."""
    arguments = {r["arg_id"]: r for r in _csv(directory / f"arguments_{split}.csv")}
    key_points = {r["key_point_id"]: r for r in _csv(directory / f"key_points_{split}.csv")}
    by_group: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kp in key_points.values():
        by_group[(kp["topic"], kp["stance"])].append(kp["key_point"])
    pairs: list[Pair] = []
    for row in _csv(directory / f"labels_{split}.csv"):
        arg, kp = arguments[row["arg_id"]], key_points[row["key_point_id"]]
        pairs.append((arg["argument"], kp["key_point"], MAKES if row["label"] == "1" else NEITHER))
    topics = sorted({kp["topic"] for kp in key_points.values()})
    for arg in arguments.values():
        # A key point of another topic: NEITHER, the judge's answer off topic.
        elsewhere = rng.choice([t for t in topics if t != arg["topic"]])
        pairs.append((arg["argument"], rng.choice(by_group[(elsewhere, rng.choice(("1", "-1")))] or ["-"]), NEITHER))
        other = "-1" if arg["stance"] == "1" else "1"
        candidates = by_group.get((arg["topic"], other), [])
        for kp in rng.sample(candidates, min(opposite_per_argument, len(candidates))):
            pairs.append((arg["argument"], kp, OPPOSITE))
    return pairs


def minicase_pairs(case: dict) -> Iterable[Pair]:
    """Every labelled pair one hand-written mini case gives."""
    arguments = case["counterarguments"]
    claim = case["claim"]
    for i, arg in enumerate(arguments):
        reference = arg["reference"]
        for text in arg["makes"]:
            yield text, reference, MAKES
            yield text, claim, OPPOSITE
            for j, sibling in enumerate(arguments):
                if j != i:
                    yield text, sibling["reference"], NEITHER
        for text in arg["opposite"]:
            yield text, reference, OPPOSITE
        for text in arg.get("near_miss", []):
            yield text, reference, NEITHER
        # The reference itself against its siblings: distinct reasons stay distinct.
        for j, sibling in enumerate(arguments):
            if j != i:
                yield reference, sibling["reference"], NEITHER
    for text in case.get("agree", []):
        yield text, claim, MAKES
        for arg in arguments:
            yield text, arg["reference"], NEITHER
    for text in case.get("new_reasons", []):
        for arg in arguments:
            yield text, arg["reference"], NEITHER


def off_topic_pairs(cases: list[dict], rng: random.Random, per_case: int = 12) -> list[Pair]:
    """Sentences of one mini case against references of another: NEITHER.

    Without them the judge only ever sees on-topic pairs, and what it answers
    for a sentence about something else entirely is anyone's guess.
    """
    pairs: list[Pair] = []
    for i, case in enumerate(cases):
        texts = [t for arg in case["counterarguments"] for t in (*arg["makes"], *arg["opposite"])]
        for _ in range(per_case):
            j = rng.randrange(len(cases) - 1)
            other = cases[j + 1 if j >= i else j]
            reference = rng.choice([*(a["reference"] for a in other["counterarguments"]), other["claim"]])
            pairs.append((rng.choice(texts), reference, NEITHER))
    return pairs


def compound_pairs(cases: list[dict], rng: random.Random) -> list[Pair]:
    """Two claims in one sentence, as students write them: each part is judged on its own.

    "<reverses A>, and <makes B>" says the OPPOSITE of A and MAKES B.
    """
    pairs: list[Pair] = []
    for case in cases:
        arguments = case["counterarguments"]
        for i, first in enumerate(arguments):
            second = arguments[(i + 1) % len(arguments)]
            for left_kind, left_label in (("opposite", OPPOSITE), ("makes", MAKES)):
                left = rng.choice(first[left_kind]).rstrip(".!?")
                right = rng.choice(second["makes"])
                sentence = f"{left}, and {right[0].lower()}{right[1:]}"
                pairs.append((sentence, first["reference"], left_label))
                pairs.append((sentence, second["reference"], MAKES))
    return pairs


def reversal_agreement_pairs(cases: list[dict]) -> list[Pair]:
    """The written reversals of a reason read beside each other: MAKES (they assert the same).

    Half of :func:`reversed_side_pairs`, the half that can only teach that a
    tell-tale word ("not", "fewer", "climbed") does not by itself make a reversal:
    both sides of each pair carry such words, and the label is MAKES.
    """
    pairs: list[Pair] = []
    for case in cases:
        for arg in case["counterarguments"]:
            reversals = arg["opposite"]
            for i, reference in enumerate(reversals):
                pairs.extend((text, reference, MAKES) for j, text in enumerate(reversals) if i != j)
    return pairs


#: The first auxiliary verb of a sentence, after which "not" negates its main clause.
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|does|do|did|has|have|had|must|may|might)\b", re.IGNORECASE
)
_NEGATED = re.compile(r"\b(?:not|never|no|nobody|nothing|none|cannot)\b|n't\b", re.IGNORECASE)
#: Where a second clause may begin: a "not" after one negates that clause, not the sentence.
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\b(?:who|which|that|because|if|when|while|since|although|though|than|but|and|or|unless)\b",
    re.IGNORECASE,
)


def negated_copy(text: str) -> str | None:
    """``text`` with "not" after its first auxiliary ("Fares will cover ..." -> "Fares will not
    cover ..."); None where it already negates something, or has a second clause that the
    "not" might land in or leave standing (the label must be right, not merely likely)."""
    found = _AUXILIARY.search(text)
    if found is None or _NEGATED.search(text) or _CLAUSE_BREAK.search(text):
        return None
    return f"{text[: found.end()]} not{text[found.end() :]}"


def negation_pairs(cases: list[dict]) -> list[Pair]:
    """Each reference and two paraphrases, negated word for word, read beside the reference: OPPOSITE.

    Identity pairs teach that a sentence makes itself; alone they also teach that a
    near copy makes its original, and a judge trained with them read "Passenger fares
    will never pay for running the trams." as making "Passenger fares will pay ..."
    (0.94). A near copy with one "not" in it is the reverse; the negated copy beside
    itself still makes itself.
    """
    pairs: list[Pair] = []
    for case in cases:
        for arg in case["counterarguments"]:
            for text in (arg["reference"], *arg["makes"][:2]):
                negated = negated_copy(text)
                if negated:
                    pairs += [(negated, arg["reference"], OPPOSITE), (negated, negated, MAKES)]
    return pairs


def reversed_side_pairs(cases: list[dict]) -> list[Pair]:
    """The same mini cases seen from the reversed side, so that no word decides the label.

    Written reversals carry tell-tale words ("not", "fewer", "climbed") that the
    paraphrases lack; trained on them alone, the judge learns the words, not the
    relation ("costs 40% less" read as the opposite of "prices fell"). Here each
    reversal in turn becomes the reference: the other reversals MAKE it (they
    assert the same: :func:`reversal_agreement_pairs`), and the original reference
    and its paraphrases are its OPPOSITE. The original reference, read as a
    rebuttal of its own paraphrase, MAKES it too.
    """
    pairs = reversal_agreement_pairs(cases)
    for case in cases:
        for arg in case["counterarguments"]:
            for reference in arg["opposite"]:
                pairs.extend((text, reference, OPPOSITE) for text in (arg["reference"], *arg["makes"][:3]))
            pairs.append((arg["reference"], arg["makes"][0], MAKES))
    return pairs


def identity_pairs(cases: list[dict]) -> list[Pair]:
    """Every sentence of the mini cases read beside itself: MAKES.

    The shipped judge reads some sentences as the *opposite of themselves* ("The
    allies have not lost faith in the US.": 0.95), most of them with a negation:
    it learned "a negation means a reversal" from written reversals. A statement
    always makes itself, whatever words it uses; these pairs say so.
    """
    pairs: list[Pair] = []
    for case in cases:
        for arg in case["counterarguments"]:
            for text in (arg["reference"], *arg["makes"], *arg["opposite"]):
                pairs.append((text, text, MAKES))
    return pairs


def read_minicases(paths: Iterable[Path]) -> list[dict]:
    cases = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases
