"""Measuring the scorer against hand-graded rebuttals.

The graded-set format and the figures are those of ``shared/eval/README.md``:
Spearman correlation of score with grade (all items but copies), pairwise order
agreement on pairs whose grades differ by 0.3 or more, the highest score among
adversarial items and among negated ones, and whether every copy was flagged.
Where items list the ``claims`` they make, also claim-level precision and
recall: how many credited counterarguments were really made, and how many made
were credited.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cases import Case, CaseLibrary
from .coverage import FLAG_COPIED, Coverage
from .scoring import Scorer

ADVERSARIAL_KINDS = frozenset({"offtopic", "gibberish", "stuffing", "agree", "wrongpoint"})
PAIR_MIN_GRADE_GAP = 0.3


@dataclass(frozen=True)
class GradedItem:
    id: str
    case: str
    point: int
    text: str
    grade: float
    kind: str
    claims: tuple[str, ...] | None = None  # the counterargument ids it makes, where graded so


@dataclass(frozen=True)
class ScoredItem:
    item: GradedItem
    coverage: Coverage


@dataclass(frozen=True)
class EvalReport:
    items: tuple[ScoredItem, ...]
    spearman: float
    pairwise: float
    pair_count: int
    max_adversarial: int
    max_negated: int
    copies_flagged: int
    copies: int
    claim_precision: float | None = None
    claim_recall: float | None = None


#: A batch folder holding a file of this name has not had its first sight: the scripts that
#: choose or tune anything (rules, training pairs, import benchmarks) leave it out.
BLIND_MARKER = "BLIND"


def article_batches(directory: Path) -> list[Path]:
    """The ``articles*`` batch folders in ``directory`` in the order they were written
    (articles, articles-2, ..., articles-10), each a few cases with their graded rebuttals;
    not those still blind (:data:`BLIND_MARKER`)."""
    folders = sorted(directory.glob("articles*"), key=lambda folder: int(folder.name.partition("-")[2] or 1))
    return [folder for folder in folders if not (folder / BLIND_MARKER).exists()]


def read_graded(path: Path) -> list[GradedItem]:
    """Read a graded set (JSON lines); a malformed line is a ValueError naming its number."""
    return parse_graded(path.read_text("utf-8"), str(path))


def parse_graded(text: str, source: str = "<graded>", max_chars: int | None = None) -> list[GradedItem]:
    """The graded rebuttals in ``text`` (JSON lines); a malformed line is a ValueError naming its number.

    With ``max_chars``, a rebuttal longer than that is malformed too: the bot would refuse it.
    """
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise TypeError(f"expected a JSON object, not {type(raw).__name__}")
            item = GradedItem(
                str(raw["id"]),
                str(raw["case"]),
                int(raw["point"]),
                str(raw["text"]),
                float(raw["grade"]),
                str(raw.get("kind", "")),
                None if raw.get("claims") is None else tuple(str(c) for c in raw["claims"]),
            )
            if max_chars is not None and len(item.text) > max_chars:
                raise ValueError(f"the text is {len(item.text):,} characters; the limit is {max_chars:,}")
            items.append(item)
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{source}:{number}: not a graded rebuttal ({error})") from None
    return items


def claim_ids(claims: Sequence[str], case: Case, point: int) -> set[str]:
    """``claims`` as the case's counterargument ids. A graded set may name them by
    position instead (``A1`` is Point 1's first, ``B3`` Point 2's third), as the
    shipped case's sets do."""
    ids = {arg.id for arg in case.point(point).counterarguments}
    out = set()
    for claim in claims:
        if claim not in ids and len(claim) >= 2 and claim[0].isalpha() and claim[1:].isdigit():
            arguments = case.point(ord(claim[0].upper()) - ord("A") + 1).counterarguments
            claim = arguments[int(claim[1:]) - 1].id if int(claim[1:]) <= len(arguments) else claim
        out.add(claim)
    return out


def claim_precision_recall(scored: Sequence[ScoredItem], cases: CaseLibrary) -> tuple[float | None, float | None]:
    """Over items that list their claims (copies left out): credited-and-made over credited, and over made."""
    hits = credited = made = 0
    for s in scored:
        if s.item.claims is None or s.item.kind == "copy":
            continue
        truth = claim_ids(s.item.claims, cases.get(s.item.case), s.item.point)
        given = set(s.coverage.covered_ids)
        hits += len(truth & given)
        credited += len(given)
        made += len(truth)
    if not any(s.item.claims is not None for s in scored):
        return None, None
    return (hits / credited if credited else 1.0), (hits / made if made else 1.0)


def evaluate(items: Sequence[GradedItem], cases: CaseLibrary, scorer=None) -> EvalReport:
    """Score every item with ``scorer`` (anything with ``score(case, point, text)``; the lexical one by default)."""
    scorer = scorer or Scorer()
    scored = tuple(ScoredItem(item, scorer.score(cases.get(item.case), item.point, item.text)) for item in items)
    ranked = [s for s in scored if s.item.kind != "copy"]
    scores = [s.coverage.score for s in ranked]
    grades = [s.item.grade for s in ranked]
    agree, pairs = pairwise_agreement(scores, grades, PAIR_MIN_GRADE_GAP)
    copies = [s for s in scored if s.item.kind == "copy"]
    precision, recall = claim_precision_recall(scored, cases)
    return EvalReport(
        items=scored,
        spearman=spearman(scores, grades),
        pairwise=agree,
        pair_count=pairs,
        max_adversarial=max((s.coverage.score for s in scored if s.item.kind in ADVERSARIAL_KINDS), default=0),
        max_negated=max((s.coverage.score for s in scored if s.item.kind == "negated"), default=0),
        copies_flagged=sum(FLAG_COPIED in s.coverage.flags for s in copies),
        copies=len(copies),
        claim_precision=precision,
        claim_recall=recall,
    )


def tied_runs(values: Sequence[float], order: Sequence[int]) -> Iterator[tuple[int, int]]:
    """The (first, last) positions in ``order`` of each run of equal values, in order."""
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        yield start, end
        start = end + 1


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    for start, end in tied_runs(values, order):
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson on average ranks); 0 when either side is constant."""
    rx, ry = average_ranks(x), average_ranks(y)
    n = len(rx)
    if n < 2:
        return 0.0
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def pairwise_agreement(scores: Sequence[float], grades: Sequence[float], gap: float) -> tuple[float, int]:
    """Share of pairs (grades at least ``gap`` apart) the scores order the same way; ties count as wrong."""
    pairs = agree = 0
    for i in range(len(grades)):
        for j in range(len(grades)):
            if grades[i] - grades[j] >= gap - 1e-9:
                pairs += 1
                agree += scores[i] > scores[j]
    return (agree / pairs if pairs else 0.0), pairs


def render_report(report: EvalReport, verbose: bool = False) -> Iterable[str]:
    if verbose:
        yield f"{'id':<8} {'kind':<11} {'grade':>5} {'score':>5}  flags / covered"
        for s in report.items:
            flags = ",".join(sorted(s.coverage.flags))
            covered = " ".join(s.coverage.covered_ids)
            opposed = "".join(f" !{o.counterargument_id}" for o in s.coverage.opposed)
            yield (
                f"{s.item.id:<8} {s.item.kind:<11} {s.item.grade:>5.2f} {s.coverage.score:>5}  "
                f"[{flags}] {covered}{opposed}"
            )
        yield ""
    yield f"items                 {len(report.items)}"
    yield f"spearman              {report.spearman:.3f}   (all but copies; target >= 0.80)"
    yield (
        f"pairwise order        {report.pairwise:.3f}   "
        f"({report.pair_count} pairs with grades >= 0.3 apart; target >= 0.85)"
    )
    yield (
        f"max adversarial score {report.max_adversarial:>5}   "
        "(offtopic, gibberish, stuffing, agree, wrongpoint; target <= 15)"
    )
    yield f"max negated score     {report.max_negated:>5}   (reversed claims; target <= 20)"
    yield f"copies flagged        {report.copies_flagged}/{report.copies}"
    if report.claim_precision is not None:
        yield (
            f"claim precision       {report.claim_precision:.3f}   "
            "(credited counterarguments really made; target >= 0.90)"
        )
        yield (
            f"claim recall          {report.claim_recall:.3f}   "
            "(counterarguments made that were credited; target >= 0.80)"
        )
