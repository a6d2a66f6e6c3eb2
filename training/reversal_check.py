"""How well a judge tells real reversed claims from honest ones, on graded rebuttals.

    .venv/bin/python training/reversal_check.py JUDGE_DIR [GRADED.jsonl ...]

Mini case D measures a judge on clean, written-to-order sentences; this measures
it on the sentences of real graded rebuttals, as the bot meets them. Each
sentence of a reversed-claim item (kind ``negated``) and of an honest one (full,
partial, terse, informal, typos, bullets, ramble) is paired with its nearest
summary or phrasing among its Point's counterarguments (the encoder's cosine,
0.5 at least); an honest sentence counts only where the grader says it makes
that counterargument. Printed: the AUC of the judge's P(opposite) for telling
the two apart, and the share of each read as *opposite* at a few thresholds.

Without files it reads the external sets and this repo's first three article
batches (which are for measuring and choosing, never for training). Nothing is
trained or tuned here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cases import CaseLibrary  # noqa: E402
from bot.evaluation import claim_ids, read_graded  # noqa: E402
from bot.negation import spell_out_negations  # noqa: E402
from bot.neural import MAKES, OPPOSITE, Encoder, Judge  # noqa: E402
from bot.text import normalize, split_sentences  # noqa: E402

HONEST_KINDS = {"full", "partial", "terse", "informal", "typos", "bullets", "ramble"}
ABOUT = 0.5


def default_sets() -> list[Path]:
    folders = [ROOT.parent / "shared" / "eval" / "external"] + [
        ROOT / "data" / "eval" / name for name in ("articles", "articles-2", "articles-3")
    ]
    return sorted(p for folder in folders for p in folder.glob("*.jsonl"))


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Probability that a random reversal outscores a random honest sentence (ties count half).

    Written out because this runs in the bot's environment, which has no scikit-learn
    (train_judge.py, in the training one, uses its roc_auc_score)."""
    positive, negative = scores[labels == 1], scores[labels == 0]
    above = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    return float(above / (len(positive) * len(negative)))


def sentence_pairs(files: list[Path], encoder: Encoder) -> tuple[list[tuple[str, str]], np.ndarray]:
    """(sentence, nearest reference) pairs and their labels: 1 reversed, 0 honest."""
    cases = CaseLibrary.from_directory(ROOT / "data" / "cases")
    pairs: list[tuple[str, str]] = []
    labels: list[int] = []
    for path in files:
        cases = cases.with_cases_beside(path)
        for item in read_graded(path):
            if item.kind != "negated" and item.kind not in HONEST_KINDS:
                continue
            case = cases.get(item.case)
            point = case.point(item.point)
            references = [(a.id, text) for a in point.counterarguments for text in (a.summary, *a.phrasings)]
            made = claim_ids(item.claims or [], case, item.point)
            sentences = split_sentences(normalize(item.text))
            similarity = encoder.embed(sentences) @ encoder.embed([text for _, text in references]).T
            for row, sentence in enumerate(sentences):
                nearest = int(similarity[row].argmax())
                owner, reference = references[nearest]
                if similarity[row, nearest] < ABOUT or (item.kind != "negated" and owner not in made):
                    continue
                pairs.append((sentence, reference))
                labels.append(int(item.kind == "negated"))
    return pairs, np.array(labels)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    judge = Judge(Path(sys.argv[1]))
    files = [Path(p) for p in sys.argv[2:]] or default_sets()
    pairs, labels = sentence_pairs(files, Encoder())
    readings = judge.probabilities([(spell_out_negations(a), spell_out_negations(b)) for a, b in pairs])
    reversed_, honest = readings[labels == 1], readings[labels == 0]
    print(f"{sys.argv[1]}: {len(reversed_)} reversed-claim sentences, {len(honest)} honest ones")
    print(
        f"  AUC of P(opposite) {auc(labels, readings[:, OPPOSITE]):.3f}, "
        f"of P(opposite) - P(makes) {auc(labels, readings[:, OPPOSITE] - readings[:, MAKES]):.3f}"
    )
    for threshold in (0.5, 0.7, 0.9):
        share = [float(np.mean((r.argmax(1) == OPPOSITE) & (r[:, OPPOSITE] >= threshold))) for r in (reversed_, honest)]
        print(f"  read opposite at {threshold}: reversed {share[0]:.2f}, honest {share[1]:.2f}")


if __name__ == "__main__":
    main()
