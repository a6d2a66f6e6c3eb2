"""A rebuttal on its way through the judged scorer (:mod:`bot.judging`): its sentences and clauses, the
candidates the encoder and the term matcher found in them, and what the judge read of each. Plain data
and the few pure functions over it; the scoring is :class:`bot.judging.JudgedIndex`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .case_references import Closeness
from .cases import Point
from .coverage import Coverage
from .text import has_negation, words


@dataclass(frozen=True)
class Candidate:
    """A sentence the judge is asked about, and why."""

    window: str
    counterargument_id: str
    reference: int  # what the judge reads it against: the counterargument's nearest reference
    strength: float  # cosine similarity, or the lexical share
    lexical: bool  # found by the lexical matcher (shared terms), not by the encoder
    closeness: Closeness


@dataclass
class Draft:
    """One rebuttal on its way through :meth:`JudgedIndex.score_many`."""

    point: Point
    lexical: Coverage
    windows: list[str]
    vectors: np.ndarray | None = None
    candidates: list[Candidate] = field(default_factory=list)
    answers_points: set[int] = field(default_factory=set)
    agrees: bool = False
    verdicts: list[np.ndarray] = field(default_factory=list)  # the judge's, one per candidate
    claim_readings: list[np.ndarray] = field(default_factory=list)  # beside the Point's claim, one per candidate
    summary_readings: list[np.ndarray] = field(default_factory=list)  # beside the reason's summary
    reversed: set[int] = field(default_factory=set)  # candidates a second look found reversed
    cleared: set[int] = field(default_factory=set)  # candidates a second look cleared
    #: per window: what its words say of the Point's reasons (:meth:`JudgedIndex._what_the_words_say`)
    word_readings: dict[str, WordReading] = field(default_factory=dict)
    clauses: list[tuple[str, str]] = field(default_factory=list)  # (sentence, one of its clauses)
    clause_vectors: np.ndarray | None = None
    #: candidates a clause found (its judge reads the clause), each with the sentence it is a clause of
    clause_of: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WordReading:
    """What a window's words say of the Point's reasons, read once by the term matcher."""

    restated: frozenset[str]  # said in the reason's own words, the same way round (:data:`Rule.restated`)
    turned: dict[str, float]  # per reason one of its sentences turns a term of: its share, polarity aside
    kept: dict[str, float]  # per reason: the matcher's share of its terms said the same way round


#: Where a sentence's clauses meet: a semicolon, a colon, a dash, a comma, or before "and", "but", "because", "so".
_CLAUSE_JOINT = re.compile(r";\s+|:\s+|\s+[-\u2013\u2014]\s+|,\s+|\s+(?=(?:and|but|because|so)\s)")


def clauses_of(sentence: str, min_words: int) -> list[str]:
    """The parts of ``sentence`` between its clause joints that have ``min_words`` words or more, where
    there are two such parts at least (else none: the sentence is one clause)."""
    if min_words <= 0:
        return []
    parts = [part.strip(" ,;:") for part in _CLAUSE_JOINT.split(sentence)]
    parts = [part for part in parts if len(words(part)) >= min_words]
    return parts if len(parts) >= 2 else []


#: A reading the judge was not asked for: the credit model is never consulted on it.
NOT_READ = np.full(3, np.nan)


def three(reading: np.ndarray) -> tuple[float, float, float]:
    return (float(reading[0]), float(reading[1]), float(reading[2]))


def sentences_arguing_the_other_side(draft: Draft) -> dict[str, set[str]]:
    """The sentences a second look found arguing the opposite of a reason (and which reasons),
    where no negation word can have misled the judge.

    Such a sentence argues the Point's side ("Turbine prices have climbed 20 to 40 percent since
    2008, and wind electricity still loses to conventional sources on price."), so it makes no
    other reason either: not by the words it shares with a sibling, nor where the judge reads it as
    making its nearest reference (it misreads quantities turned round: "turbines sit far closer
    than 300 metres to homes" read as making "turbines are sited at least 300 metres away"). The
    judge's *opposite* is trusted this far only without a negation, which it misreads ("The drones
    don't even have a stinger" read as the opposite of its reason).
    """
    found: dict[str, set[str]] = {}
    for k in draft.reversed:
        candidate = draft.candidates[k]
        if not has_negation(candidate.window):
            found.setdefault(candidate.window, set()).add(candidate.counterargument_id)
    return found
