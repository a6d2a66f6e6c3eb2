"""Fragments: references too short to stand for a reason alone.

A phrasing or article sentence of a single content word ("What strategy?", "We're healthy until we're
not.") would hand out credit for one shared word, or win the contrast against the right reason. The
scorers leave fragments out; ``cases validate`` names them so the author can write the reason whole.
"""

from __future__ import annotations

from dataclasses import replace

from .cases import Case, Counterargument
from .text import STOP_WORDS, normalize, split_sentences, words

#: References with fewer content words than this are fragments: they never stand alone.
MIN_CONTENT_WORDS = 2


def is_fragment(text: str) -> bool:
    """Too short to stand for a reason alone: fewer than :data:`MIN_CONTENT_WORDS` content words."""
    return sum(word not in STOP_WORDS for word in words(text)) < MIN_CONTENT_WORDS


def without_fragments(case: Case) -> Case:
    """``case`` with its fragment phrasings and article sentences left out (the summaries stay)."""

    def whole(arg: Counterargument) -> Counterargument:
        sources = tuple(
            " ".join(s for s in split_sentences(normalize(text)) if not is_fragment(s)) for text in arg.source
        )
        return replace(
            arg, source=tuple(s for s in sources if s), phrasings=tuple(p for p in arg.phrasings if not is_fragment(p))
        )

    points = tuple(replace(p, counterarguments=tuple(whole(a) for a in p.counterarguments)) for p in case.points)
    return replace(case, points=points)
