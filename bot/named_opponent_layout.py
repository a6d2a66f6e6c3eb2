"""A reply to a named opponent: a column or letter answering one person's argument, reported in the third person.

The opening names the opponent and what they argue (``..., Jane Doe, who argues that X, ...``,
``Jane Doe argues that X.``, ``According to Jane Doe, X.``); later sentences report more of it by name or
pronoun (``Doe cites X.``, ``She says the scheme "will cost millions."``). Each run of reporting sentences
is a Point, answered by the sentences after it up to the next report. Where the writer then turns to a
case of their own, its reasons marked in sequence (``First of all, ...``, ``The main advantage ...``,
``To begin with ...``), those paragraphs, up to the end, answer the opponent's first claim: the
proposal they argued for.

The claim is what is reported (``that X``: X, quotation marks gone); a sentence that cites or points to
something keeps its words, and is the context where the run also states a claim. Each of the writer's
reasons in sequence leads its paragraph (``bot.importer``'s ``_LEADS_OPEN_REASONS``).

Tried before the plain op-ed, whose ``She says "..."`` would take one report for the whole, and only with
two reports at least, the opponent named in the opening, the writer's own voice ("I", "my") in the text
and no one else's claims reported ("Critics say ..."), so a report quoted in passing makes no Point and
an op-ed answering a side at large stays an op-ed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .oped_layout import reported_claims
from .text import split_sentences

#: A person's name: one to three capitalized words ("Jarom Norris", "Dr Smith").
_NAME = r"(?P<name>[A-Z][a-z][\w'\-]*(?:\s+[A-Z][\w'\-]+){0,2})"
_SAYS = (
    r"(?:argues|argued|says|said|claims|claimed|contends|contended|insists|insisted|maintains|maintained|"
    r"believes|believed|thinks|writes|wrote|suggests|suggested|asserts|asserted|warns|warned|complains|"
    r"complained|tells us|told us|would have us believe)"
)
#: Reporting verbs whose object is a thing, not a statement: the sentence keeps its words.
_CITES = r"(?:cites|cited|points to|pointed to|calls for|called for|blames|blamed|invokes|invoked)"
_ADVERB = r"(?:\w+ly\s+|also\s+|even\s+|then\s+)?"
_CONNECTIVE = r"(?i:(?:but|and|yet|still|now|of course|then|next|finally|further|later)\s*,?\s+)?"
#: "..., Jarom Norris, who argues that fireworks should go, ...": the opponent and their thesis in one clause.
_WHO_ARGUES = re.compile(
    _NAME + r",?\s+who\s+" + _ADVERB + r"(?P<verb>" + _SAYS + r"|" + _CITES + r")\s+(?:that\s+)?"
    r"(?P<claim>[^,;:]{12,}?)\s*(?:[,;:]|[.!]?$)"
)
_BY_NAME = re.compile(
    r"^" + _CONNECTIVE + _NAME + r"\s+" + _ADVERB + r"(?P<verb>" + _SAYS + r"|" + _CITES + r")\s+(?:that\s+)?"
    r"(?P<claim>.{8,})$"
)
_ACCORDING_TO = re.compile(r"^" + _CONNECTIVE + r"(?i:according to)\s+" + _NAME + r",\s+(?P<claim>.{12,})$")
_PRONOUN = re.compile(
    r"^" + _CONNECTIVE + r"(?P<name>he|she)\s+" + _ADVERB + r"(?P<verb>" + _SAYS + r"|" + _CITES + r")\s+"
    r"(?:that\s+)?(?P<claim>.{8,})$",
    re.I,
)
#: The writer's own case, its reasons in sequence: "First of all, ...", "The main advantage of X is ...".
_OWN_CASE = re.compile(
    r"^(?:first of all|first(?:ly)?,|to begin with|for one thing|for starters|to start with|"
    r"(?:but\s+)?(?:the|one|another)\s+(?:main\s+|biggest\s+|real\s+|first\s+|greatest\s+)?"
    r"(?:advantage|benefit|reason|upside)s?\s+(?:of|to|for|is)\b)",
    re.I,
)
_WRITER = re.compile(r"\b(?:I|my|me)\b")
#: Words that open a sentence but name nobody: "The", "This", "Research", ...
_NOT_A_NAME = frozenset(
    "the this that these those it there here research science evidence history experience studies data "
    "everyone everybody nobody someone people critics some many most others".split()
)


@dataclass(frozen=True)
class _Report:
    text: str
    cited: bool  # "Doe cites X": a sentence naming what they rely on, kept as written; not a statement of theirs


#: "Parents argued": one word in the plural with a verb in the past is a group (the op-ed's), not a person.
_GROUP_IN_PAST = re.compile(r"[A-Z][a-z]+s (?:\w+ed|said|wrote|thought|told us)")


#: Reports needed at least, the first in the opening paragraphs.
MIN_REPORTS = 2
OPENING_PARAGRAPHS = 2


def named_opponent_reply(paragraphs: list[str]) -> list[tuple[str, str, list[str]]]:
    """(claim, context, answer lines) for each run of reports of the named opponent, answered after it; nothing
    where the text also reports others ("Critics say ..."): it answers a side, and the op-ed layout reads it."""
    if not any(_WRITER.search(p) for p in paragraphs):
        return []
    names: set[str] = set()
    points: list[tuple[list[_Report], list[list[str]]]] = []  # (reports, answer paragraphs of sentences)
    own_case = others = False
    for index, paragraph in enumerate(paragraphs):
        own_case = own_case or bool(points and _OWN_CASE.match(paragraph))
        answer: list[str] = []
        reported_here = False  # reports run on within a paragraph; a new paragraph's report is a new Point
        for sentence in split_sentences(paragraph):
            claim = None if own_case else _report(sentence, names, opening=index < OPENING_PARAGRAPHS)
            if claim is not None:
                if answer:  # the sentences since the last report answer it
                    points[-1][1].append(answer)
                    answer = []
                if not points or points[-1][1] or not reported_here:
                    points.append(([], []))
                points[-1][0].append(claim)
                reported_here = True
            else:
                others = others or bool(reported_claims(sentence))
                if points and not own_case:
                    answer.append(sentence)
        if own_case and points:
            points[0][1].append(split_sentences(paragraph))
        elif answer:
            points[-1][1].append(answer)
    if others or sum(len(reports) for reports, _ in points) < MIN_REPORTS:
        return []
    return [(*_claim_and_context(reports), _as_lines(answer)) for reports, answer in points if answer]


def _claim_and_context(reports: list[_Report]) -> tuple[str, str]:
    """What the opponent states is the claim; what they cite sets it out, the context ("Doe cites the costs.
    She says the plan "will cost millions.""), unless they state nothing."""
    stated = [r.text for r in reports if not r.cited]
    cited = [r.text for r in reports if r.cited]
    return (" ".join(stated), " ".join(cited)) if stated else (" ".join(cited), "")


def _report(sentence: str, names: set[str], opening: bool) -> _Report | None:
    """The claim a sentence reports of the opponent, learning their name from the opening; else None."""
    for pattern in (_WHO_ARGUES, _BY_NAME, _ACCORDING_TO, _PRONOUN):
        match = pattern.search(sentence) if pattern is _WHO_ARGUES else pattern.match(sentence)
        if not match:
            continue
        name = match.group("name")
        if pattern is _PRONOUN:
            if not names:
                continue
        elif name.split()[0].lower() in _NOT_A_NAME or _GROUP_IN_PAST.fullmatch(
            f"{name} {match.groupdict().get('verb')}"
        ):
            continue  # nobody named, or a group
        elif opening:
            names.update(name.split())
        elif not set(name.split()) & names:
            continue
        if re.fullmatch(_CITES, match.groupdict().get("verb") or ""):
            return _Report(sentence.strip(), cited=True)
        return _Report(_as_claim(match.group("claim")), cited=False)
    return None


def _as_claim(text: str) -> str:
    text = re.sub(r"[\"\u201c\u201d]", "", text).strip().strip(",;: ")
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else text + "."


def _as_lines(paragraphs: list[list[str]]) -> list[str]:
    """Answer paragraphs as lines, a blank line between them."""
    return [line for paragraph in paragraphs for line in (" ".join(paragraph), "")]
