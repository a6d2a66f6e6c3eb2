"""Warnings about a case that loads but will not work well: what `cases validate` adds
to the loader's errors.

A warning does not stop a case from loading; it tells the author what a learner
would run into: two counterarguments the scorer cannot tell apart, a summary or
hint that gives the answer away by quoting it, a Point with only one
counterargument, a reference too short to stand alone, a reference so long it
may hold several reasons, or TODOs left from an import. With the file's text,
:func:`located_warnings` names the line to review for each.
"""

from __future__ import annotations

from .cases import Case
from .fragments import MIN_CONTENT_WORDS, is_fragment
from .scoring import COVERAGE_THRESHOLD, CaseIndex
from .text import normalize, split_sentences, words

#: A summary or hint sharing a run of this many words with the source quotes it.
QUOTE_RUN = 6
#: A counterargument whose source is longer than this (words, or sentences) may hold several reasons.
LONG_SOURCE_WORDS = 90
LONG_SOURCE_SENTENCES = 5

#: A comment the importer leaves where it is unsure; `cases validate` repeats it with its line.
REVIEW_MARK = "# review:"

#: Where a warning points: ("point", number), ("arg", id), ("source", id, text), or None for the file.
Anchor = tuple[str, ...] | None


def quality_warnings(case: Case) -> list[str]:
    return [message for _, message in _warnings(case)]


def located_warnings(case: Case, text: str) -> list[tuple[int | None, str]]:
    """Each warning with the line of ``text`` (the case file) to review, where one can be found."""
    lines = text.splitlines()
    notes = [
        (number, line.strip()[len(REVIEW_MARK) :].strip())
        for number, line in enumerate(lines, start=1)
        if line.strip().startswith(REVIEW_MARK)
    ]
    return notes + [(_line(lines, anchor), message) for anchor, message in _warnings(case)]


def _line(lines: list[str], anchor: Anchor) -> int | None:
    if anchor is None:
        return None
    if anchor[0] == "point":
        in_point = False
        for number, line in enumerate(lines, start=1):
            bare_line = line.replace(" ", "")
            if bare_line == "[[points]]":
                in_point = True
            elif in_point and bare_line == f"number={anchor[1]}":
                return number
        return None
    start = next((n for n, line in enumerate(lines, start=1) if line.replace(" ", "") == f'id="{anchor[1]}"'), None)
    if start is None or anchor[0] == "arg":
        return start
    needle = anchor[2][:40].replace('"', '\\"')
    for number in range(start, len(lines) + 1):
        if lines[number - 1].strip().startswith("[[") and number > start:
            break
        if needle in lines[number - 1]:
            return number
    return start


def _warnings(case: Case) -> list[tuple[Anchor, str]]:
    warnings: list[tuple[Anchor, str]] = []
    index = CaseIndex(case)
    for point in case.points:
        where = f"Point {point.number}"
        if len(point.counterarguments) == 1:
            warnings.append(
                (
                    ("point", str(point.number)),
                    f"{where}: only one counterargument; a score can then only be 0 or 100 (an import may have "
                    "merged several reasons into one: review the Point)",
                )
            )
        for arg in point.counterarguments:
            for field in ("summary", "hint"):
                text = getattr(arg, field)
                if "TODO" in text:
                    warnings.append((("arg", arg.id), f"{where}: '{arg.id}' {field} still says TODO"))
                elif _quotes(text, arg.source):
                    message = (
                        f"{where}: '{arg.id}' {field} quotes the article word for word; shown as a hint or an "
                        "answer summary it gives the claim away"
                    )
                    warnings.append((("arg", arg.id), message))
            sentences = [s for t in arg.source for s in split_sentences(normalize(t))]
            if len(sentences) >= LONG_SOURCE_SENTENCES or len(" ".join(sentences).split()) > LONG_SOURCE_WORDS:
                message = (
                    f"{where}: '{arg.id}' source is long ({len(sentences)} sentences) and may hold several reasons; "
                    "split it into one counterargument per reason"
                )
                warnings.append((("source", arg.id, arg.source[0]), message))
            for text in [*arg.phrasings, *sentences]:
                if is_fragment(text):
                    message = (
                        f"{where}: '{arg.id}' has a fragment, \"{text[:60]}\" (under {MIN_CONTENT_WORDS} content "
                        "words): the scorer does not match against it alone; write the reason as a whole sentence"
                    )
                    warnings.append((("source", arg.id, text), message))
            for text in (*arg.phrasings, arg.summary):
                if "TODO" in text:
                    continue
                shares = index.similarities(point.number, text)
                for other, share in shares.items():
                    if other != arg.id and share >= COVERAGE_THRESHOLD:
                        message = (
                            f"{where}: '{arg.id}' phrasing \"{text[:60]}\" also covers '{other}' ({share:.0%}); "
                            "the scorer cannot tell them apart"
                        )
                        warnings.append((("source", arg.id, text), message))
    if "TODO" in case.attribution:
        warnings.append((None, "attribution still says TODO"))
    return warnings


def _quotes(text: str, sources: tuple[str, ...]) -> bool:
    tokens = words(normalize(text))
    runs = {tuple(tokens[i : i + QUOTE_RUN]) for i in range(len(tokens) - QUOTE_RUN + 1)}
    for source in sources:
        source_tokens = words(normalize(source))
        if any(tuple(source_tokens[i : i + QUOTE_RUN]) in runs for i in range(len(source_tokens) - QUOTE_RUN + 1)):
            return True
    return False
