"""The ArgKP-2021 key-point matching benchmark, scored with the bot's own matcher.

Each (topic, stance) becomes a one-Point case whose counterarguments are the
key points, so the matcher is exactly the one that scores rebuttals. The
metric follows the shared task's evaluation script (``track_1_kp_matching.py``):
each argument keeps its best key point; per (topic, stance) the top half of
arguments by score are kept; average precision over them (as scikit-learn's
``average_precision_score``), unlabelled pairs counting as wrong (strict) or
right (relaxed); mAP is the mean over groups.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cases import Case, Counterargument, Point
from .evaluation import tied_runs
from .scoring import CaseIndex

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Argument:
    id: str
    text: str
    topic: str
    stance: int


@dataclass(frozen=True)
class KeyPoint:
    id: str
    text: str
    topic: str
    stance: int


@dataclass(frozen=True)
class ArgKPSplit:
    arguments: tuple[Argument, ...]
    key_points: tuple[KeyPoint, ...]
    labels: dict[tuple[str, str], int]  # (arg_id, key_point_id) -> 1 match / 0 no match


@dataclass(frozen=True)
class ArgKPResult:
    map_strict: float
    map_relaxed: float
    groups: int
    arguments: int


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: is this an ArgKP-2021 folder?")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_split(directory: Path, split: str) -> ArgKPSplit:
    """Read ``arguments_``, ``key_points_`` and ``labels_{split}.csv`` from ``directory``."""
    if split not in SPLITS:
        raise ValueError(f"unknown split '{split}'; choose from {', '.join(SPLITS)}")
    arguments = tuple(
        Argument(r["arg_id"], r["argument"], r["topic"], int(r["stance"]))
        for r in _rows(directory / f"arguments_{split}.csv")
    )
    key_points = tuple(
        KeyPoint(r["key_point_id"], r["key_point"], r["topic"], int(r["stance"]))
        for r in _rows(directory / f"key_points_{split}.csv")
    )
    labels = {(r["arg_id"], r["key_point_id"]): int(r["label"]) for r in _rows(directory / f"labels_{split}.csv")}
    return ArgKPSplit(arguments, key_points, labels)


def _case_id(key_point_id: str) -> str:
    return key_point_id.lower().replace("_", "-")


def topic_case(topic: str, stance: int, key_points: Sequence[KeyPoint]) -> Case:
    """A one-Point case: the topic as the claim, the key points as its counterarguments."""
    arguments = tuple(
        Counterargument(id=_case_id(kp.id), summary=kp.text, hint="-", source=(kp.text,), phrasings=())
        for kp in key_points
    )
    return Case(
        id=f"argkp-{abs(hash((topic, stance))) % 10**8}",
        title=topic,
        attribution="ArgKP-2021",
        side="pro" if stance > 0 else "con",
        points=(Point(1, topic, topic, arguments),),
        version="argkp",
    )


#: Ranking calibration, settled on train and dev (see docs/scoring.md): an argument whose words
#: the key point explains (precision) and that beats the runner-up key point clearly
#: (margin) is a more confident match.
PRECISION_WEIGHT = 0.25
MARGIN_WEIGHT = 0.5


def predict(data: ArgKPSplit) -> dict[str, dict[str, float]]:
    """``{arg_id: {key_point_id: score}}``, the shared task's prediction format.

    The score is the matcher's similarity (the bot's own), plus the
    calibration above for ranking arguments against each other.
    """
    by_group: dict[tuple[str, int], list[KeyPoint]] = defaultdict(list)
    for kp in data.key_points:
        by_group[(kp.topic, kp.stance)].append(kp)
    predictions: dict[str, dict[str, float]] = {}
    prepared = {}
    for group, kps in by_group.items():
        index = CaseIndex(topic_case(*group, kps), claim_is_rival=False)
        prepared[group] = (index, kps, {kp.id: index.terms(kp.text) for kp in kps})
    for argument in data.arguments:
        entry = prepared.get((argument.topic, argument.stance))
        if entry is None:
            continue
        index, kps, kp_terms = entry
        similarity = index.similarities(1, argument.text)
        shares = {kp.id: similarity[_case_id(kp.id)] for kp in kps}
        ordered = sorted(shares.values(), reverse=True) + [0.0, 0.0]
        arg_terms = index.terms(argument.text)
        scores = {}
        for kp in kps:
            share = shares[kp.id]
            runner_up = ordered[1] if share == ordered[0] else ordered[0]
            precision = len(arg_terms & kp_terms[kp.id]) / max(1, len(arg_terms))
            scores[kp.id] = round(share + PRECISION_WEIGHT * precision + MARGIN_WEIGHT * (share - runner_up), 6)
        predictions[argument.id] = scores
    return predictions


#: The judged ranking, settled on train and dev (docs/scoring.md): the judge's probability
#: that the argument makes the key point, plus this share of their cosine similarity.
COSINE_WEIGHT = 0.5


def predict_judged(data: ArgKPSplit, threads: int = 1) -> dict[str, dict[str, float]]:
    """``{arg_id: {key_point_id: score}}`` from the default scorer's models (:mod:`bot.neural`)."""
    from .negation import spell_out_negations
    from .neural import MAKES, shared_models

    encoder, judge = shared_models(threads)
    by_group: dict[tuple[str, int], list[KeyPoint]] = defaultdict(list)
    for kp in data.key_points:
        by_group[(kp.topic, kp.stance)].append(kp)
    jobs = [(a, kp) for a in data.arguments for kp in by_group.get((a.topic, a.stance), [])]
    verdicts = judge.probabilities([(spell_out_negations(a.text), spell_out_negations(kp.text)) for a, kp in jobs])
    texts = sorted({a.text for a, _ in jobs} | {kp.text for _, kp in jobs})
    vectors = dict(zip(texts, encoder.embed(texts), strict=True))
    predictions: dict[str, dict[str, float]] = defaultdict(dict)
    for (argument, kp), verdict in zip(jobs, verdicts, strict=True):
        cosine = float(vectors[argument.text] @ vectors[kp.text])
        predictions[argument.id][kp.id] = round(float(verdict[MAKES]) + COSINE_WEIGHT * cosine, 6)
    return dict(predictions)


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """scikit-learn's ``average_precision_score``: sum over distinct thresholds of
    (recall step) x precision, tied scores entering together."""
    positives = sum(labels)
    if positives == 0:
        return 0.0
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ap = 0.0
    true_pos = false_pos = 0
    previous_recall = 0.0
    for start, end in tied_runs(scores, order):
        for k in range(start, end + 1):
            if labels[order[k]]:
                true_pos += 1
            else:
                false_pos += 1
        recall = true_pos / positives
        ap += (recall - previous_recall) * (true_pos / (true_pos + false_pos))
        previous_recall = recall
    return ap


def mean_average_precision(data: ArgKPSplit, predictions: dict[str, dict[str, float]]) -> ArgKPResult:
    groups: dict[tuple[str, int], list[tuple[float, int, int, bool]]] = defaultdict(list)
    for argument in data.arguments:
        candidates = predictions.get(argument.id) or {}
        if candidates:
            kp_id, score = max(candidates.items(), key=lambda item: item[1])
            label = data.labels.get((argument.id, kp_id))
            strict, relaxed = (0, 1) if label is None else (label, label)
        else:  # no prediction: a dummy key point, always wrong
            score, strict, relaxed = 0.0, 0, 0
            kp_id = None
        groups[(argument.topic, argument.stance)].append((score, strict, relaxed, kp_id is None))

    strict_aps, relaxed_aps = [], []
    for rows in groups.values():
        kept = sorted(rows, key=lambda r: -r[0])[: int(len(rows) * 0.5)]
        scores = [0.99 if dummy else score for score, _, _, dummy in kept]
        strict_aps.append(average_precision([r[1] for r in kept], scores))
        relaxed_aps.append(average_precision([r[2] for r in kept], scores))
    count = len(groups) or 1
    return ArgKPResult(sum(strict_aps) / count, sum(relaxed_aps) / count, len(groups), len(data.arguments))


def write_predictions(predictions: dict[str, dict[str, float]], path: Path) -> None:
    path.write_text(json.dumps(predictions), "utf-8")


def render_result(split: str, result: ArgKPResult) -> Iterable[str]:
    yield f"ArgKP-2021 {split}: {result.arguments} arguments in {result.groups} topic/stance groups"
    yield f"mAP strict  {result.map_strict:.3f}"
    yield f"mAP relaxed {result.map_relaxed:.3f}"
