"""Warnings about a case that loads but will not work well: what `cases validate` adds
to the loader's errors.

A warning does not stop a case from loading; it tells the author what a learner
would run into: two counterarguments the scorer cannot tell apart, a summary or
hint that gives the answer away by quoting it, a Point with only one
counterargument, a reference too short to stand alone, or TODOs left from an
import.
"""

from __future__ import annotations

from .cases import Case
from .judging import MIN_CONTENT_WORDS, is_fragment
from .scoring import COVERAGE_THRESHOLD, CaseIndex
from .text import normalize, split_sentences, words

#: A summary or hint sharing a run of this many words with the source quotes it.
QUOTE_RUN = 6


def quality_warnings(case: Case) -> list[str]:
    warnings: list[str] = []
    index = CaseIndex(case)
    for point in case.points:
        where = f"Point {point.number}"
        if len(point.counterarguments) == 1:
            warnings.append(f"{where}: only one counterargument; a score can then only be 0 or 100")
        for arg in point.counterarguments:
            for field in ("summary", "hint"):
                text = getattr(arg, field)
                if "TODO" in text:
                    warnings.append(f"{where}: '{arg.id}' {field} still says TODO")
                elif _quotes(text, arg.source):
                    warnings.append(
                        f"{where}: '{arg.id}' {field} quotes the article word for word; shown as a hint or an "
                        "answer summary it gives the claim away"
                    )
            references = [*arg.phrasings, *(s for t in arg.source for s in split_sentences(normalize(t)))]
            for text in references:
                if is_fragment(text):
                    warnings.append(
                        f"{where}: '{arg.id}' has a fragment, \"{text[:60]}\" (under {MIN_CONTENT_WORDS} content "
                        "words): the scorer does not match against it alone; write the reason as a whole sentence"
                    )
            for text in (*arg.phrasings, arg.summary):
                if "TODO" in text:
                    continue
                shares = index.similarities(point.number, text)
                for other, share in shares.items():
                    if other != arg.id and share >= COVERAGE_THRESHOLD:
                        warnings.append(
                            f"{where}: '{arg.id}' phrasing \"{text[:60]}\" also covers '{other}' ({share:.0%}); "
                            "the scorer cannot tell them apart"
                        )
    if "TODO" in case.attribution:
        warnings.append("attribution still says TODO")
    return warnings


def _quotes(text: str, sources: tuple[str, ...]) -> bool:
    tokens = words(normalize(text))
    runs = {tuple(tokens[i : i + QUOTE_RUN]) for i in range(len(tokens) - QUOTE_RUN + 1)}
    for source in sources:
        source_tokens = words(normalize(source))
        if any(tuple(source_tokens[i : i + QUOTE_RUN]) in runs for i in range(len(source_tokens) - QUOTE_RUN + 1)):
            return True
    return False
