"""A case's references, embedded once: what a rebuttal's sentence can be *about*, and how near it is.

Every counterargument's summary, phrasings and article sentences, and every Point's claim and
context, are the references; each belongs to one :class:`Owner`. The judged scorer
(:mod:`bot.judging`) asks which owner a sentence is nearest across the whole case, which of a
reason's references it is nearest, and how near it sits to a reason's rivals (the Point's claim,
sibling reasons, other Points). Pure numpy over the encoder's vectors; no judge here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .cases import Case
from .fragments import is_fragment
from .neural import Encoder
from .text import normalize, split_sentences


@dataclass(frozen=True)
class Owner:
    """What a sentence can be about: a counterargument, or (id None) a Point's own claim."""

    point: int
    counterargument_id: str | None


@dataclass(frozen=True)
class Closeness:
    """Cosine similarities of a sentence to one reason and to what competes with it."""

    to_reason: float  # its nearest reference of the reason
    to_claim: float  # the Point's own claim or context
    to_sibling: float  # the Point's other reasons (-1 if none)
    to_other_point: float  # anything of another Point (-1 if none)


class CaseReferences:
    """The references of one case, each owner's in a run of :attr:`texts`, with their embeddings."""

    def __init__(self, case: Case, encoder: Encoder):
        owners: list[Owner] = []
        texts: list[str] = []
        starts: list[int] = []
        for point in case.points:
            claim = [point.claim, *split_sentences(normalize(point.context))]
            groups = [(Owner(point.number, None), claim)]
            for arg in point.counterarguments:
                sources = [s for text in arg.source for s in split_sentences(normalize(text))]
                groups.append((Owner(point.number, arg.id), [arg.summary, *arg.phrasings, *sources]))
            for owner, group in groups:
                group = [t for t in group if "TODO" not in t] or group  # an imported draft's placeholders
                whole = [t for t in group if not is_fragment(t)] or group[:1]
                owners.append(owner)
                starts.append(len(texts))
                texts.extend(whole)
        self.owners = owners
        self.texts = texts
        #: Each owner's references are ``texts[start:end]``.
        self.spans = list(zip(starts, [*starts[1:], len(texts)], strict=True))
        self._span_of = dict(zip(owners, self.spans, strict=True))
        self._owner_index = np.repeat(np.arange(len(owners)), [end - start for start, end in self.spans])
        self.vectors = encoder.embed(texts)

    def span(self, owner: Owner) -> tuple[int, int]:
        """Where ``owner``'s references are in :attr:`texts`."""
        return self._span_of[owner]

    def span_around(self, reference: int) -> tuple[int, int]:
        """The span of the owner reference ``reference`` belongs to."""
        return self.spans[self._owner_index[reference]]

    def of(self, owner: Owner) -> list[str]:
        """The texts the judge reads a sentence about ``owner`` against; a reason's first is its summary,
        or where that is a placeholder or a fragment (an imported draft's "TODO: ..."), its first whole
        phrasing or article sentence."""
        start, end = self._span_of[owner]
        return self.texts[start:end]

    def reason_spans(self) -> Iterator[tuple[int, int]]:
        """The span of every counterargument (not the Points' claims)."""
        return (span for owner, span in zip(self.owners, self.spans, strict=True) if owner.counterargument_id)

    def nearest(self, vectors: np.ndarray) -> list[tuple[Owner, int, float]]:
        """Per sentence (its embedding): the owner of its nearest reference in the whole case,
        that reference's index and their cosine similarity."""
        if not len(vectors):
            return []
        similarity = vectors @ self.vectors.T
        best = similarity.argmax(axis=1)
        return [(self.owners[self._owner_index[b]], int(b), float(similarity[row, b])) for row, b in enumerate(best)]

    def closest(self, vector: np.ndarray, owner: Owner) -> int:
        """The index of ``owner``'s reference nearest a sentence (its embedding)."""
        start, end = self._span_of[owner]
        return start + int((self.vectors[start:end] @ vector).argmax())

    def closeness(self, vector: np.ndarray, point: int, arg_id: str) -> Closeness:
        """How near a sentence (its embedding) is to the reason ``arg_id`` of Point ``point`` and to its rivals."""
        similarity = self.vectors @ vector
        nearest = {"reason": -1.0, "claim": -1.0, "sibling": -1.0, "other": -1.0}
        for owner, (start, end) in zip(self.owners, self.spans, strict=True):
            if owner.point != point:
                rival = "other"
            elif owner.counterargument_id is None:
                rival = "claim"
            else:
                rival = "reason" if owner.counterargument_id == arg_id else "sibling"
            nearest[rival] = max(nearest[rival], float(similarity[start:end].max()))
        return Closeness(nearest["reason"], nearest["claim"], nearest["sibling"], nearest["other"])
