"""Fit the judged scorer's credit model (bot.credit.CreditModel) on the seen graded sets.

    .venv/bin/python training/fit_credit.py [--threshold 0.55] [--l2 1.0] [--write]

Each graded rebuttal of the article batches that are no longer blind
(``data/eval/articles*``) and of the sets written as training data
(``training/data/graded/``) is scored under the hand-set rule (``Rule(credit=None)``),
and every sentence the words leave open is kept with its reading
(:meth:`bot.judging.JudgedIndex.readings`) and a label: does the item's ``claims``
list that reason? A logistic regression (L2, on standardised features) is fitted to
those labels. The external sets (``../shared/eval/external``) and the shipped
case's sets are never fitted on: they are only measured.

It prints, first, each article batch scored by a model fitted *without* that
batch (leave one folder out) and those pooled with the external sets, the honest
figure to compare with the shipped model's; then the external sets and the
shipped case under the model fitted on every batch. ``--write`` saves that model
to ``bot/resources/credit.json`` with the figures. A few minutes on 2 cores
(each model reading is computed once).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from choose_rule import RememberingEncoder, RememberingJudge, RuleScorer, graded_sets, sets_in  # noqa: E402

from bot.cases import CaseLibrary  # noqa: E402
from bot.credit import DEFAULT_CREDIT_FILE, FEATURES, CreditModel  # noqa: E402
from bot.evaluation import GradedItem, claim_ids, evaluate  # noqa: E402
from bot.judging import DEFAULT_RULE, JudgedIndex, Rule  # noqa: E402
from bot.neural import RESOURCES  # noqa: E402

#: (folder, features, label) per sentence the words left open
Record = tuple[str, np.ndarray, int]


def records(sets: dict[str, list[GradedItem]], cases: CaseLibrary, encoder, judge) -> list[Record]:
    """Every open sentence of every item that lists its claims (copies left out), read under the hand rule."""
    indexes: dict[str, JudgedIndex] = {}
    out: list[Record] = []
    hand_rule = Rule(credit=None)
    for folder, items in sets.items():
        for item in items:
            if item.claims is None or item.kind == "copy":
                continue
            case = cases.get(item.case)
            if case.id not in indexes:
                indexes[case.id] = JudgedIndex(case, encoder, judge, hand_rule)
            truth = claim_ids(item.claims, case, item.point)
            for arg_id, reading in indexes[case.id].readings(item.point, item.text):
                features = reading.features()
                out.append((folder, np.array([features[n] for n in FEATURES]), int(arg_id in truth)))
    return out


def fit(rows: list[Record], l2: float, threshold: float, names: tuple[str, ...] = FEATURES) -> CreditModel:
    """L2-regularised logistic regression by Newton's method, on the standardised features ``names``."""
    x = np.array([r[1] for r in rows])[:, [FEATURES.index(n) for n in names]]
    y = np.array([r[2] for r in rows], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag([0.0, *np.ones(len(names))])  # the intercept is not penalised
    for _ in range(100):
        p = 1 / (1 + np.exp(-z @ w))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return CreditModel(
        names, float(w[0]), tuple(w[1:].tolist()), tuple(mean.tolist()), tuple(scale.tolist()), threshold
    )


class FolderScorer:
    """Scores each item with the model fitted without its folder (a RuleScorer per model)."""

    def __init__(self, scorers: dict[str, RuleScorer], folder_of_case: dict[str, str]):
        self._scorers, self._folder_of_case = scorers, folder_of_case

    def score(self, case, point, text):
        return self._scorers[self._folder_of_case[case.id]].score(case, point, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=0.55, help="probability at which a sentence earns")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--features", nargs="+", default=list(FEATURES), choices=FEATURES, metavar="NAME")
    parser.add_argument(
        "--write", action="store_true", help=f"save the model fitted on every batch to {DEFAULT_CREDIT_FILE}"
    )
    args = parser.parse_args()

    articles, shipped, cases = graded_sets()
    extra, cases = sets_in(sorted((ROOT / "training" / "data" / "graded").iterdir()), cases, prefix="graded/")
    batches = [name for name in articles if name != "external"]
    encoder, judge = RememberingEncoder(), RememberingJudge(RESOURCES / "judge")
    rows = records({name: articles[name] for name in batches} | extra, cases, encoder, judge)
    print(f"{len(rows)} open sentences from {len(batches)} batches and {len(extra)} training sets", flush=True)

    names = tuple(args.features)
    models = {name: fit([r for r in rows if r[0] != name], args.l2, args.threshold, names) for name in batches}
    models["all"] = everything = fit(rows, args.l2, args.threshold, names)
    scorers = {name: RuleScorer(encoder, judge, Rule(credit=model)) for name, model in models.items()}
    folder_of_case = {item.case: "all" for item in [*articles["external"], *shipped]}
    folder_of_case |= {item.case: name for name in batches for item in articles[name]}
    scorer = FolderScorer(scorers, folder_of_case)
    shipped_model = RuleScorer(encoder, judge, DEFAULT_RULE)

    pooled_items = [item for items in articles.values() for item in items]
    figures = {}
    for label, items in (("pooled (batches left out one at a time)", pooled_items), ("external", articles["external"])):
        new, now = evaluate(items, cases, scorer), evaluate(items, cases, shipped_model)
        figures[label] = round(new.spearman, 3)
        print(
            f"{label}: {new.spearman:.3f} (the shipped model: {now.spearman:.3f}) pairwise {new.pairwise:.3f} "
            f"P {new.claim_precision:.3f} R {new.claim_recall:.3f} worst reversal {new.max_negated}"
        )
    ship = evaluate(shipped, cases, scorer)
    figures["shipped case"] = round(ship.spearman, 3)
    print(f"shipped case: {ship.spearman:.3f} adversarial {ship.max_adversarial} reversal {ship.max_negated}")
    print("per batch:", " ".join(f"{n}: {evaluate(articles[n], cases, scorer).spearman:.3f}" for n in batches))
    print("weights:", " ".join(f"{n} {w:+.2f}" for n, w in zip(names, everything.weights, strict=True)))
    if args.write:
        about = {
            "fitted on": f"{len(rows)} open sentences of {len(batches)} article batches and {len(extra)} training sets",
            "command": " ".join(["training/fit_credit.py", *sys.argv[1:]]),
            "l2": args.l2,
            "measured": figures,
        }
        DEFAULT_CREDIT_FILE.write_text(everything.to_json(**about) + "\n", "utf-8")
        print(f"written to {DEFAULT_CREDIT_FILE}")


if __name__ == "__main__":
    main()
