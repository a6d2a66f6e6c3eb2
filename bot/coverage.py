"""What a scorer says about a rebuttal, and the plumbing every scorer shares.

Both scorers (the lexical matcher of :mod:`bot.scoring` and the judged scorer
of :mod:`bot.judging`) answer with a :class:`Coverage`; everything downstream
(feedback, progress, tournaments, storage) reads only these types.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from .cases import Case, Point

FLAG_EMPTY = "empty"
FLAG_TOO_SHORT = "too_short"
FLAG_COPIED = "copied"
FLAG_STUFFING = "stuffing"

#: What each flag means, in the words shown to the user.
FLAG_MEANINGS = {
    FLAG_EMPTY: "The rebuttal is empty.",
    FLAG_TOO_SHORT: "The rebuttal is very short: make a full argument.",
    FLAG_COPIED: "Parts were copied from the article; copied sentences earn no credit. Put it in your own words.",
    FLAG_STUFFING: "This reads like a list of keywords, not an argument; keyword lists earn no credit.",
}


@dataclass(frozen=True)
class Match:
    """A covered counterargument and the rebuttal's words that earned it."""

    counterargument_id: str
    excerpt: str
    similarity: float  # 0..1: weighted share of the best reference's terms found


@dataclass(frozen=True)
class Opposition:
    """A counterargument the rebuttal argues against, and the words that do it."""

    counterargument_id: str
    excerpt: str


@dataclass(frozen=True)
class Coverage:
    """The verdict on one rebuttal to one Point.

    ``opposed``, ``answers_points`` and ``agrees`` say why credit was not given
    (the judged scorer fills them; the lexical one leaves them empty): sentences
    that argue the opposite of a counterargument, Points other than this one that
    sentences answer, and whether a sentence argues for the Point itself.
    """

    score: int  # 0..100
    covered: tuple[Match, ...]
    missed: tuple[str, ...]
    flags: frozenset[str] = field(default_factory=frozenset)
    opposed: tuple[Opposition, ...] = ()
    answers_points: tuple[int, ...] = ()
    agrees: bool = False

    @property
    def covered_ids(self) -> tuple[str, ...]:
        return tuple(m.counterargument_id for m in self.covered)

    def to_dict(self) -> dict:
        """The JSON shape printed by ``counterpoint score``."""
        return {
            "score": self.score,
            "covered": list(self.covered_ids),
            "missed": list(self.missed),
            "matches": [
                {"id": m.counterargument_id, "excerpt": m.excerpt, "similarity": round(m.similarity, 3)}
                for m in self.covered
            ],
            "flags": sorted(self.flags),
            "opposed": [{"id": o.counterargument_id, "excerpt": o.excerpt} for o in self.opposed],
            "answers_points": list(self.answers_points),
            "agrees": self.agrees,
        }


class _PointScorer(Protocol):
    def score(self, point_number: int, text: str) -> Coverage: ...


IndexT = TypeVar("IndexT", bound=_PointScorer)


def point_number(point: Point | int) -> int:
    return point.number if isinstance(point, Point) else point


class CachingScorer(Generic[IndexT]):
    """Scores rebuttals for any number of cases, preparing each case (version) once.

    Keeps the ``capacity`` most recently used indexes: servers upload new
    versions, and an old version no longer used should not stay in memory.
    A subclass says how a case is prepared (:meth:`_build`).
    """

    name: str

    def __init__(self, capacity: int = 256, indexes: OrderedDict[tuple, IndexT] | None = None) -> None:
        self.capacity = capacity
        self._indexes: OrderedDict[tuple, IndexT] = OrderedDict() if indexes is None else indexes

    def _build(self, case: Case) -> IndexT:
        raise NotImplementedError

    def _key(self, case: Case) -> tuple:
        return (case.id, case.version)

    def index(self, case: Case) -> IndexT:
        key = self._key(case)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = self._build(case)
            while len(self._indexes) > self.capacity:
                self._indexes.popitem(last=False)
        else:
            self._indexes.move_to_end(key)
        return index

    def score(self, case: Case, point: Point | int, text: str) -> Coverage:
        return self.index(case).score(point_number(point), text)
