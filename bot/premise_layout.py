"""Premises and their rejections: an argument page of Parlia (parlia.com), "an encyclopaedia of opinion".

Every such page has one form::

    <the debate it belongs to, a question>
    <the argument's claim: the page's title>
    <a standfirst>
    The Argument
    <the claim's case, in its proponents' voice>
    Counter arguments
    <paragraphs answering the claim>
    [P1] <a premise of the claim>. [P2] <another>. [P3] ...
    Rejecting the premises
    [Rejecting P1] <an answer to P1> [Rejecting P3] <an answer to P3> ...

Point 1 is the page's claim: its title, the last short line before "The Argument" (or the first premise)
that is neither a question nor a sentence of prose; with none, the first sentence of "The Argument". The
counter arguments answer it, and what "The Argument" says besides restating the claim is its context. Each
premise a label rejects is a Point of its own, answered by the text after the label, up to the next label,
a heading, a footnote list or the page's footer ("This page was last edited ..."). The label is taken at
its word: an answer goes to the premise it names, even where it reads as an answer to another.
``[Rejecting P1 and P2]`` makes one Point of both premises (its claim the two sentences, which the draft
asks to write as one); ``[Accepting P2]`` makes none, and the text after it answers nothing. Premises no
label rejects make no Point. Footnote markers (``travel.[1]``) go.

The layout is read only where a line opens with a premise (``[P1] ...``) and the page has a rejection
label or a "Counter arguments" heading. Gives (claim, context, answer lines) and the page's claim as its
title; :mod:`bot.article_layouts` turns the lines into answer paragraphs as it does for every layout.
"""

from __future__ import annotations

import re

from .negation import bare
from .text import analyze, split_sentences

_PREMISE = re.compile(r"\[\s*P(\d{1,2})\s*\]\s*")
_LABEL = re.compile(
    r"\[\s*(?P<verb>Rejecting|Accepting)\s+(?P<names>P\d{1,2}(?:\s*(?:,\s*and|,|&|\band\b)\s*P\d{1,2})*)\s*\]\s*:?\s*",
    re.IGNORECASE,
)
_ARGUMENT = re.compile(r"^\s*(?:#{1,6}\s*)?the argument\s*$", re.IGNORECASE)
_COUNTER = re.compile(r"^\s*(?:#{1,6}\s*)?counter[\s-]?arguments?\s*:?\s*$", re.IGNORECASE)
_FOOTER = re.compile(r"^\s*this page was last (?:edited|modified|updated)\b", re.IGNORECASE)
#: "[1] NASA budget, 2019": a footnote's target, not an answer.
_REFERENCE = re.compile(r"^\s*\[\d{1,3}\]")
#: "travel.[1] Instead": a footnote marker in a sentence.
_MARKER = re.compile(r"\s*\[\d{1,3}\]")
#: "# source: URL": a comment, not the page's title.
_COMMENT = re.compile(r"^\s*(?:#|//|<!--)\s*[a-z][\w-]{0,19}:\s*\S")
#: A line this short with no end mark is a heading ("Rejecting the premises", "Further reading").
HEADING_WORDS = 8
#: A title is at most this long.
TITLE_WORDS = 20
#: A sentence of "The Argument" holding this share of the claim's key terms restates it: no context.
RESTATES = 0.5


def premise_page(lines: list[str]) -> tuple[str, list[tuple[str, str, list[str]]]]:
    """The page's claim and (claim, context, answer lines) for it and each rejected premise; ("", [])
    where the text is not such a page."""
    starts = [i for i, line in enumerate(lines) if _PREMISE.match(line)]
    labelled = any(_LABEL.search(line) for line in lines)
    countered = [i for i, line in enumerate(lines) if _COUNTER.match(line)]
    if not starts or not (labelled or countered):
        return "", []
    premises: dict[int, str] = {}
    for i in starts:
        parts = _PREMISE.split(_clean(lines[i]))  # ["", "1", "text", "2", "text", ...]
        premises.update(
            (int(number), text.strip()) for number, text in zip(parts[1::2], parts[2::2], strict=True) if text.strip()
        )
    argument = next((i for i, line in enumerate(lines) if _ARGUMENT.match(line)), None)
    argued = _section(lines, argument + 1) if argument is not None else []
    claim = _title(lines[: min(i for i in (argument, *countered, starts[0]) if i is not None)])
    if not claim and argued:
        claim = split_sentences(" ".join(argued))[0]
    found: list[tuple[str, str, list[str]]] = []
    if claim and countered:
        sentence = claim if re.search(r"[.!?]$", claim) else claim + "."  # the title, as the claim's sentence
        found.append((sentence, _context(claim, argued), _section(lines, countered[0] + 1)))
    for names, answer in _rejections(lines):
        if all(n in premises for n in names):
            found.append((" ".join(premises[n] for n in names), "", answer))
    return claim, [item for item in found if any(line.strip() for line in item[2])]


def _clean(line: str) -> str:
    return _MARKER.sub("", line).strip()


def _ends_answer(line: str) -> bool:
    """A heading, a footnote's target, the footer or a line of premises: what no answer runs on into."""
    text = line.strip()
    heading = 0 < len(text.split()) <= HEADING_WORDS and not re.search(r"[.!?:;,\"')\u201d\u2019]$", text)
    return bool(heading and not _LABEL.search(text)) or bool(
        _REFERENCE.match(text) or _FOOTER.match(text) or _PREMISE.match(text)
    )


def _section(lines: list[str], start: int) -> list[str]:
    """The lines from ``start`` up to the next heading, label, premise line or footer."""
    out: list[str] = []
    for line in lines[start:]:
        if _ends_answer(line) or _LABEL.search(line):
            break
        out.append(_clean(line))
    return out


def _rejections(lines: list[str]) -> list[tuple[tuple[int, ...], list[str]]]:
    """(the premises a label rejects, the answer's lines), the answers to the same premises together,
    in the order of the premises."""
    answers: dict[tuple[int, ...], list[str]] = {}
    current: list[str] | None = None  # the open rejection's lines; None after an acceptance or a heading
    for line in lines:
        if _ends_answer(line):
            current = None
            continue
        pieces = _LABEL.split(line)  # text, verb, names, text, verb, names, text ...
        if current is not None and pieces[0].strip():
            current.append(_clean(pieces[0]))
        elif current is not None and not line.strip():
            current.append("")
        for verb, names, text in zip(pieces[1::3], pieces[2::3], pieces[3::3], strict=True):
            if verb.lower() != "rejecting":
                current = None
                continue
            key = tuple(sorted({int(n) for n in re.findall(r"\d+", names)}))
            current = answers.setdefault(key, [])
            if current:
                current.append("")  # a second answer to the same premise: a paragraph of its own
            current.append(_clean(text))
    return sorted(answers.items())


def _title(lines: list[str]) -> str:
    """The last short line that is no comment, question or sentence of prose: the argument's own title."""
    titles = [
        text
        for line in lines
        if (text := re.sub(r"^#{1,6}\s*", "", line.strip()).strip("*_ "))
        and 2 <= len(text.split()) <= TITLE_WORDS
        and not _COMMENT.match(line)
        and "://" not in text
        and not re.search(r"[.?!:;]$", text)
    ]
    return titles[-1] if titles else ""


def _context(claim: str, argued: list[str]) -> str:
    """What "The Argument" says besides restating the claim."""
    terms = {bare(t) for t in analyze(claim).terms}
    kept = [
        sentence
        for sentence in split_sentences(" ".join(line for line in argued if line.strip()))
        if not terms or len(terms & {bare(t) for t in analyze(sentence).terms}) / len(terms) < RESTATES
    ]
    return " ".join(kept)
