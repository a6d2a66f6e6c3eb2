"""How the models' readings become credit: the judged scorer's :class:`Rule`, and the
:class:`CreditModel` that gets a second opinion on each sentence the rule would credit.

Pure and small (numpy only). The judged scorer (:mod:`bot.judging`) settles first what the words
can settle (a copy, a reason restated in its own words, a near copy turned round, a sentence found
arguing the other side). What is left, the sentence's :class:`Reading`, earns its reason if it does
not lean to the Point's side, if the hand-set rule (:func:`earns_by_hand`: the judge reads it as
making the reason, or it shares the reason's terms) credits it, and if the credit model agrees. The
model is a logistic regression fitted on graded rebuttals (``training/fit_credit.py``) that weighs
every signal at once where the hand rule looks at one or two: how near the sentence sits to the
Point's own claim against the reason (a reversal argues the claim), the lexical matcher's share of
the reason's terms, how the judge reads it beside the reason's nearest reference, its summary and
the Point's claim, the sentence's length, whether another sentence of the same rebuttal was
found arguing the other side, and whether the candidate is a clause of its sentence. Its weights,
means, scales and threshold are data (``bot/resources/credit.json``), written by the fitting script
beside the figures it measured.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from .neural import MAKES, NEITHER, OPPOSITE, RESOURCES, ModelUnavailable

DEFAULT_CREDIT_FILE = RESOURCES / "credit.json"


@dataclass(frozen=True)
class Reading:
    """What the scorer knows about one sentence as a candidate for one reason of a Point."""

    lexical: bool  #: found by the lexical matcher (the reason's terms), not by the encoder
    share: float  #: the lexical matcher's share of the reason's terms (0 for the encoder's candidates)
    nearest: tuple[float, float, float]  #: the judge beside the reason's nearest reference (neither, makes, opposite)
    cleared: bool  #: a second look cleared a reading of *opposite*
    to_reason: float  #: cosine similarity to the reason's nearest reference
    to_claim: float  #: ... to the Point's own claim or context
    to_sibling: float  #: ... to the Point's other reasons (-1 if none)
    to_other_point: float  #: ... to anything of another Point (-1 if none)
    negation: bool  #: has a negation word
    words: int
    self_opposite: float  #: how the judge reads the reason's own paraphrases beside that reference (its bias)
    claim: tuple[float, float, float]  #: the judge beside the Point's claim
    summary: tuple[float, float, float]  #: the judge beside the reason's summary
    #: the lexical matcher's share of the reason's terms the sentence says the same way round (0..1)
    kept: float = 0.0
    #: the share of a reference's terms the sentence has, polarity aside, where it turns one of them
    #: round (0 where it turns none): a reversal keeps most of its reason's words
    turned: float = 0.0
    #: the reason's nearest reference has a negation word: a sentence that differs from it in that
    #: ("Study after study has shown masks catch ..." beside "No study has proved masks absorb ...")
    #: more often reverses it than one that agrees
    reference_negation: bool = False
    #: another sentence of the same rebuttal was found arguing the opposite of a reason: a student who
    #: argues the Point's side in one sentence mostly does in the next, where the judge can read a
    #: reversal as making its reason ("Its prices sit at or below regular retail" beside "the campus
    #: bookstore marks its prices up")
    others_reversed: bool = False
    #: the candidate is a clause of its sentence, found nearest this reason where the whole sentence is nearest
    #: another ("Old residue can wreck the formula, ..., and it could end in a skin reaction.")
    clause: bool = False

    def features(self) -> dict[str, float]:
        """The model's inputs, by name."""
        return {
            "lexical": float(self.lexical),
            "share": self.share,
            "makes": self.nearest[MAKES],
            "neither": self.nearest[NEITHER],
            "opposite": self.nearest[OPPOSITE],
            "cleared": float(self.cleared),
            "to_reason": self.to_reason,
            "lean": self.to_claim - self.to_reason,
            "sibling": self.to_reason - self.to_sibling,
            "other_point": self.to_reason - self.to_other_point,
            "negation": float(self.negation),
            "log_words": math.log1p(self.words),
            "self_opp": self.self_opposite,
            "claim_makes": self.claim[MAKES],
            "claim_opp": self.claim[OPPOSITE],
            "sum_makes": self.summary[MAKES],
            "sum_opp": self.summary[OPPOSITE],
            "sum_neither": self.summary[NEITHER],
            "kept": self.kept,
            "turned": self.turned,
            "negation_differs": float(self.negation != self.reference_negation),
            "others_reversed": float(self.others_reversed),
            "clause": float(self.clause),
        }


#: Every feature :meth:`Reading.features` gives.
FEATURES = (
    "lexical", "share", "makes", "neither", "opposite", "cleared", "to_reason", "lean", "sibling", "other_point",
    "negation", "log_words", "self_opp", "claim_makes", "claim_opp", "sum_makes", "sum_opp", "sum_neither",
    "kept", "turned", "negation_differs", "others_reversed", "clause",
)  # fmt: skip


@dataclass(frozen=True)
class CreditModel:
    """Logistic regression on standardised features: a sentence earns its reason when the
    probability reaches ``threshold``."""

    names: tuple[str, ...]
    intercept: float
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float = 0.5

    def __post_init__(self) -> None:
        unknown = set(self.names) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown credit features: {', '.join(sorted(unknown))}")
        if not len(self.names) == len(self.weights) == len(self.mean) == len(self.scale):
            raise ValueError("a credit model needs one weight, mean and scale per feature")

    def probability(self, reading: Reading) -> float:
        """How likely, by the graded rebuttals it was fitted on, the sentence makes its reason."""
        features = reading.features()
        x = (np.array([features[n] for n in self.names]) - self.mean) / self.scale
        return 1.0 / (1.0 + math.exp(-(self.intercept + float(x @ np.array(self.weights)))))

    def earns(self, reading: Reading) -> bool:
        return self.probability(reading) >= self.threshold

    def to_json(self, **about: object) -> str:
        """The model as the file :meth:`load` reads; ``about`` (how it was fitted, what it measured)
        is kept beside it for the reader."""
        return json.dumps(
            {
                "about": about,
                "names": self.names,
                "intercept": self.intercept,
                "weights": self.weights,
                "mean": self.mean,
                "scale": self.scale,
                "threshold": self.threshold,
            },
            indent=1,
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_CREDIT_FILE) -> CreditModel:
        """The model in ``path``; :class:`~bot.neural.ModelUnavailable`, naming the file, if it is
        missing or malformed (like a missing ONNX file: the judged scorer cannot run without it)."""
        try:
            raw = json.loads(path.read_text("utf-8"))
            return cls(
                tuple(raw["names"]),
                float(raw["intercept"]),
                tuple(float(w) for w in raw["weights"]),
                tuple(float(m) for m in raw["mean"]),
                tuple(float(s) for s in raw["scale"]),
                float(raw["threshold"]),
            )
        except FileNotFoundError:
            raise ModelUnavailable(f"the scorer's credit model file {path} is missing") from None
        except (ValueError, KeyError, TypeError) as error:
            raise ModelUnavailable(f"the scorer's credit model file {path} is malformed: {error}") from None


def earns_by_hand(reading: Reading) -> bool:
    """The rule before the credit model (session 12). Shared terms are evidence of their own: the
    judge only has to rule out a reversal. A sentence merely *about* the reason must be read as making
    it, more than as neither and, unless a second look cleared its reading as the opposite, more than
    as the opposite (an off-topic sentence read 0.25 / 0.25 / 0.50 earned on the makes-neither tie
    alone)."""
    if reading.lexical:
        return True
    makes, neither, opposite = reading.nearest[MAKES], reading.nearest[NEITHER], reading.nearest[OPPOSITE]
    return makes >= neither and (reading.cleared or makes >= opposite)


@cache
def default_credit_model() -> CreditModel:
    """The shipped credit model, read once."""
    return CreditModel.load()


@dataclass(frozen=True)
class Rule:
    """How the models' readings become credit. Its numbers were chosen together with the
    judge and encoder they were measured on (``training/choose_rule.py``); new models need their own."""

    #: Cosine similarity a sentence needs to its nearest reference to be about it at all.
    about: float = 0.40
    #: A sentence the judge reads as the opposite of its nearest reference at least this likely
    #: gets a second look; below it, it is taken as read (most sentences are: cheap).
    second_look: float = 0.5
    #: How much more likely than the case's own paraphrases (on average) a sentence must read
    #: as the opposite of a reference for that reference to count it as the opposite.
    opposite_margin: float = 0.4
    #: A sentence sharing at least this share of a reference's weighted terms (polarity aside),
    #: one of them turned round ("fares will never pay" against "fares will pay"), argues the
    #: opposite whatever the judge reads: a judge taught that a copy makes itself can read such a
    #: near copy as making it. Above 1: never.
    near_copy: float = 0.8
    #: A sentence of at least this many terms, each said the same way round in one reference of a
    #: reason, earns that reason whatever the judge reads (it misreads some negations). 0: never.
    restated: int = 3
    #: A sentence whose cosine similarity to the Point's own claim (or context) comes within this of
    #: its similarity to a reason leans to the Point's side: it earns that reason only by restating it
    #: in the reason's own words (reversals the judge reads as *making* their reason mostly lean so;
    #: honest answers mostly do not). Below -1: never.
    claim_lean: float = 0.03
    #: A sentence's clauses of at least this many words are candidates too, each for the reason it is nearest
    #: where that is not the whole sentence's (a sentence listing two reasons); 0: never.
    clause_words: int = 4
    #: A second opinion on a sentence the hand-set rule (:func:`earns_by_hand`) credits; None: the
    #: hand-set rule alone, under which the model was fitted.
    credit: CreditModel | None = field(default_factory=default_credit_model)

    def earns(self, reading: Reading, second_opinion: bool = True) -> bool:
        """Whether a sentence the words leave open earns the reason it was read against: not if it
        leans to the Point's side, then by the hand-set rule, then (with ``second_opinion``) only if
        the credit model agrees. The model withholds credit and never grants it: left to decide alone
        it credited what the hand rule rightly refused (a sentence the judge reads as the opposite of
        its reason, cleared only because a negation confuses the judge), and measured lower
        (docs/scoring.md, session 13)."""
        if reading.to_claim >= reading.to_reason - self.claim_lean:
            return False
        if not earns_by_hand(reading):
            return False
        return not second_opinion or self.credit is None or self.credit.earns(reading)


DEFAULT_RULE = Rule()
