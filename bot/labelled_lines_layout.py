"""Talking points as runs of labelled lines: the other side's phrasings after a label, then the answer after its own.

A campaign page answers each talking point of the other side with a run of lines, each opening with a label::

    You'll also hear it as: "scooters are a menace on pavements" · "nobody wears a helmet"
    Where it comes from: taxi lobby leaflets and a few local newspapers.
    What's actually true: Injury rates per trip are lower than for cycling. ...
    <an unlabelled paragraph going on with the answer>
    The tell: <a closing argument>

The run opens at a label that gives the other side's phrasings (``You'll also hear it as``, ``Also heard as``,
``You may hear``, ``What they say``, ``The talking point``); its claim is the phrasings, quoted or not, one
after another (a page may state the claim only as these variants, its own heading missing). The answer is the
text after an answer label (``What's actually true``, ``The reality``, ``The truth``, ``The facts``, ``Fact``,
``In reality``) and every line after it, labelled or not, up to the next run, a label's words left out
("The tell:" goes on answering the claim). A line that says where the claim comes from (``Where it comes
from``, ``Origin``, ``Who says it``, ``Why people believe it``) is no answer: it says who makes the claim, not
why it is wrong, and is left out, as is everything between the phrasings and the answer label.

The layout is read only where a run has both labels; a run with no answer (a page cut off) makes no Point.
Lines follow each other with no blank line between them, so a line that ends a sentence is a paragraph of
its own. Gives (claim, answer lines); :mod:`bot.article_layouts` makes the answer's paragraphs.
"""

from __future__ import annotations

import re

from .text import is_finished

_LABELLED_LINE = (
    r"^\s*(?:#{{1,6}}\s*)?(?:\*\*)?(?:{words})\s*(?:\*\*)?\s*(?::|\s[\u2013\u2014-]\s)\s*(?:\*\*)?\s*(?P<rest>.*?)\s*$"
)


def labelled_line(words: str) -> re.Pattern[str]:
    """A line opening with a label, ``words`` the label's alternatives ("What they say", "He says"), in any
    case, bold or as a Markdown heading, then a colon or a dash: its text after the label is the group ``rest``.
    Shared with the other layouts of labelled lines."""
    return re.compile(_LABELLED_LINE.format(words=words), re.IGNORECASE)


#: The other side's phrasings: "You'll also hear it as:", "Also heard as:", "What they say:".
_VARIANTS = labelled_line(
    r"you(?:'ll| will| may| might| can)? (?:also )?hear(?: it)?(?: as| said| put)?(?: as)?"
    r"|(?:also )?heard as|(?:also )?(?:said|put) as|what they say|the talking point|talking point\s*#?\s*\d*"
)
#: The answer: "What's actually true:", "The reality:", "The truth:", "The facts:".
_ANSWER = labelled_line(
    r"what(?:'s| is) (?:actually |really )?(?:true|the truth|going on)"
    r"|the (?:actual |real )?(?:reality|truth|facts?)|reality|truth|facts?|in (?:reality|fact)"
)
#: Where the claim comes from: who says it, not why it is wrong.
_ORIGIN = labelled_line(
    r"where (?:it|this|that) comes? from|origins?|who says (?:it|this|so)|sources?"
    r"|why (?:people|they) (?:believe|say) (?:it|this)|why it (?:persists|sticks)"
)
#: A quoted phrasing (quotation marks are straight once the text is normalized).
_QUOTED = re.compile(r'"([^"]{3,300})"')
#: Phrasings given unquoted, one after another: a middle dot, a bullet or a slash between them.
_SEPARATOR = re.compile(r"\s+[\u00b7\u2022|/]\s+")


def variants(text: str) -> list[str]:
    """The phrasings after the label, without their quotation marks or separators."""
    quoted = [q.strip() for q in _QUOTED.findall(text)]
    found = quoted or [part.strip(" .;") for part in _SEPARATOR.split(text)]
    return [phrasing for phrasing in found if re.search(r"[A-Za-z]{2,}", phrasing)]


def claim_of(phrasings: list[str]) -> str:
    """The talking point as one sentence: its phrasings, one after another."""
    parts = [p.strip().rstrip(".,;:!") for p in phrasings]
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "." if text else ""


def is_label_line(line: str) -> bool:
    """One of this layout's labelled lines: no title, no heading of another layout."""
    return bool(_VARIANTS.match(line) or _ANSWER.match(line) or _ORIGIN.match(line))


def labelled_talking_points(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each run of phrasings answered after an answer label; nothing where no run
    has both labels."""
    runs: list[tuple[list[str], list[tuple[str, bool]] | None]] = []  # phrasings; answer lines, each labelled or not
    skipping = False  # inside a "Where it comes from" line and what runs on from it
    for line in lines:
        opens = _VARIANTS.match(line)
        if opens:
            runs.append((variants(opens.group("rest")), None))
            skipping = False
            continue
        if not runs:
            continue
        phrasings, answer = runs[-1]
        answer_label = _ANSWER.match(line)
        if answer is None:
            if answer_label:
                runs[-1] = (phrasings, [(answer_label.group("rest"), True)])
            continue
        if _ORIGIN.match(line):
            skipping = True
        elif answer_label or _LEAD_LABEL.match(line):
            skipping = False
            answer.append((_LEAD_LABEL.sub("", line), True))
        elif not skipping:
            answer.append((line, False))
    found: list[tuple[str, list[str]]] = []
    for phrasings, answer in runs:
        if phrasings and answer:
            found += _taken_up(phrasings, answer)
    return [(claim, lines) for claim, lines in found if claim and any(line.strip() for line in lines)]


#: "Cold-weather performance?": a paragraph of the answer opening with a short question names what it takes up.
_LEAD_QUESTION = re.compile(r"^\s*(?P<question>[^.!?]{3,60}\?)\s+\S")
_LEAD_QUESTION_WORDS = 5
_MINOR = frozenset(
    "about also and are but can does for from how into its not that the this what when why will with".split()
)


def _taken_up(phrasings: list[str], answer: list[tuple[str, bool]]) -> list[tuple[str, list[str]]]:
    """The talking point and its answer; and, where an unlabelled paragraph of the answer opens with a short question
    that names one of the phrasings, and that phrasing alone ("Cold-weather performance?" where one phrasing says
    the claim fails in the cold), that phrasing as a claim of its own, answered by that paragraph."""
    own: dict[int, list[str]] = {}
    rest: list[str] = []
    for text, labelled in answer:
        lead = None if labelled else _LEAD_QUESTION.match(text)
        words = _content_words(lead.group("question")) if lead else set()
        named = [i for i, p in enumerate(phrasings) if words & _content_words(p)]
        if (
            lead
            and len(lead.group("question").split()) <= _LEAD_QUESTION_WORDS
            and len(named) == 1
            and len(phrasings) - len(own) > 1
        ):
            own.setdefault(named[0], []).append(text[lead.end("question") :].strip())
        else:
            rest.append(text)
    main = claim_of([p for i, p in enumerate(phrasings) if i not in own])
    return [(main, _as_paragraphs(rest))] + [(claim_of([phrasings[i]]), _as_paragraphs(own[i])) for i in sorted(own)]


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _MINOR}


#: Any other short label opening a line after the answer ("The tell:", "Bottom line:"): its words go.
_LEAD_LABEL = re.compile(r"^\s*(?:\*\*)?(?:[A-Z][\w']*(?:\s+[\w']+){0,3})\s*(?:\*\*)?\s*:\s+(?=\S)")


def _as_paragraphs(answer: list[str]) -> list[str]:
    """The answer's lines, a blank line after each that ends a sentence: lines that follow each other with no
    blank line between them are each a paragraph where each ends a sentence."""
    out: list[str] = []
    for line in answer:
        out.append(line)
        if line.strip() and is_finished(line):  # a line ending a sentence: the next is a paragraph of its own
            out.append("")
    return out
