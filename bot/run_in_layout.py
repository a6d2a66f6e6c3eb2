"""Run-in leads: the other side's claim opens a paragraph after a label, and the paragraph goes on to answer it.

``Myth #1: Board games bring families together. My brother taught me chess ...``: the claim is the first
sentence after the label (``Myth``, ``Claim`` or ``Objection``, numbered or not), and the answer is the rest
of that paragraph and the paragraphs after it, up to the next lead. A lead alone on its line in such an
article ("Myth #5: Games are fun.") is read the same way, its answer in the lines after it.

Where the page's title or opening names what follows as the other side's myths (or excuses, objections...),
a bare list number is label enough (``1. Feeding makes birds dependent on feeders. Studies have shown ...``):
such a page numbers its myths, not its own advice.

The layout is read only where at least two leads run on into their answer: a label with only its claim
after it is a heading, which :mod:`bot.article_layouts` reads as Myth/Fact. A page cut off by a scraper
ends mid-sentence ("... the fact my minor was p"): that unfinished last sentence is no reason and is left out.

A quoted remark opening a paragraph is a lead of its own (:func:`quoted_leads`): ``"I'm too tired." Get to
bed earlier, and a gentle workout beats none.`` on a page naming its excuses, each answered in the rest of
its own paragraph (what follows the last one is the page's sign-off, not its answer).

A page scraped with its subheadings run into its paragraphs (:func:`run_together_leads`) has its label a few
words in and no full stop after the claim: ``Temperature facts Myth: Hot water is necessary Many believe
that ...``. The subheading goes, and the claim ends where a capitalised word opens the next sentence.

Gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns the lines into answer paragraphs
as it does for every layout.
"""

from __future__ import annotations

import re

from .last_resort_layout import reported_claim
from .text import is_finished, split_sentences

_LEAD = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*)?(?:\d{1,2}[.)]\s+)?(?:Myth|Claim|Objection)\s*(?:#?\s*\d+)?\s*[:.\-\u2013\u2014]"
    r"\s*(?:\*\*)?\s*(?P<rest>\S.*?)\s*$",
    re.IGNORECASE,
)
#: A bare list number opening a paragraph: a lead only on a page that names its claims.
_NUMBER_LEAD = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*)?\d{1,2}[.)]\s+(?:\*\*)?(?P<rest>\S.*?)\s*$")
#: A quoted remark opening a paragraph, its answer after it on the same line (quotes straight once normalized).
#: Its closing comma, full stop or exclamation goes (the speaker's tone); a question keeps its mark.
_QUOTED_LEAD = re.compile(r'^\s*"(?P<claim>[^"]{4,200}?)[\s,.!]*"\s*(?P<rest>[^\s"].*?)\s*$')
#: What runs on after the claim is an answer when it is at least this long; a shorter tail is the claim's own.
MIN_ANSWER_WORDS = 4


def run_in_leads(lines: list[str], numbers_lead: bool = False) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each lead; nothing where fewer than two leads run on into their answer.
    With ``numbers_lead`` (the page names its claims), a bare list number opens a lead too."""
    sections: list[list[str]] = []
    for line in lines:
        lead = _LEAD.match(line) or (_NUMBER_LEAD.match(line) if numbers_lead else None)
        if lead:
            sections.append([lead.group("rest")])
        elif sections:
            sections[-1].append(line)
    found = [_claim_and_answer(body) for body in sections]
    if sum(ran_on for _, _, ran_on in found) < 2:
        return []
    drop_unfinished_end(found[-1][1])
    return [(claim, answer) for claim, answer, _ in found if claim]


def _claim_and_answer(body: list[str]) -> tuple[str, list[str], bool]:
    """The lead's first sentence, the answer lines after it, and whether the answer runs on from the lead."""
    ends = next((i for i, line in enumerate(body) if not line.strip()), len(body))
    sentences = split_sentences(" ".join(line.strip() for line in body[:ends]))  # a lead may wrap onto the next line
    if not sentences:
        return "", [], False
    tail = " ".join(sentences[1:])
    claim = " ".join(sentences[0].split())  # "players  -  especially children": a dash, spaced when normalized
    return claim, [tail, *body[ends:]], len(tail.split()) >= MIN_ANSWER_WORDS


def drop_unfinished_end(answer: list[str]) -> None:
    """The last sentence of the text taken out of ``answer`` where it stops with no end: the page was cut off."""
    last = next((i for i in range(len(answer) - 1, -1, -1) if answer[i].strip()), None)
    if last is None:
        return
    sentences = split_sentences(answer[last])
    if sentences and not is_finished(sentences[-1]):
        answer[last] = " ".join(sentences[:-1])


def quoted_leads(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each paragraph opening with a quoted remark and answering it in the rest
    of the paragraph; nothing where fewer than two do."""
    found: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        lead = _QUOTED_LEAD.match(line) if i == 0 or not lines[i - 1].strip() else None
        if not lead:
            continue
        ends = next((j for j in range(i + 1, len(lines)) if not lines[j].strip()), len(lines))
        answer = " ".join([lead.group("rest"), *(line.strip() for line in lines[i + 1 : ends])])
        if len(answer.split()) >= MIN_ANSWER_WORDS - 1:  # "Suck it up, Princess, get on some other equipment."
            found.append((_as_statement(lead.group("claim")), [answer]))
    return found if len(found) >= 2 else []


def _as_statement(remark: str) -> str:
    """A quoted remark as a claim: a capital to open it and an end mark to close it."""
    remark = " ".join(remark.split())
    return remark[:1].upper() + remark[1:] + ("" if remark.endswith("?") else ".")


#: A subheading run into its paragraph, then the label: "Temperature facts Myth: Hot water is necessary Many ...".
_RUN_TOGETHER = re.compile(r"^\s*(?:[\w'\-]+\s+){1,5}?(?:Myth|MYTH)\s*[:\-\u2013\u2014]\s+(?P<rest>\S.*?)\s*$")
#: A capitalised word right after a lowercase one, with no end mark between: the next sentence has begun.
_NEXT_SENTENCE = re.compile(r"(?<=[a-z0-9%)])\s+(?=[A-Z][a-z]+\b)")
_GUESSED_END = "the claim ran on into its answer with no full stop; check where it ends"
#: The claim of a run-together lead has at least this many words: a name ("You need Vitamin C") cuts it no sooner.
MIN_RUN_TOGETHER_CLAIM_WORDS = 3


def run_together_leads(lines: list[str]) -> list[tuple[str, str, list[str], str]]:
    """(claim, context, answer lines, review note) for each paragraph whose label comes a few words in, after
    a subheading run into it; nothing where fewer than two paragraphs are so. Where the claim ends is a guess,
    so the note asks the coach to check it; a first sentence saying the claim again at second hand ("Many
    believe that hot water is essential ...") sets it out: the context."""
    found: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        lead = _RUN_TOGETHER.match(line) if i == 0 or not lines[i - 1].strip() else None
        if not lead:
            if found:
                found[-1][1].append(line)
            continue
        rest = lead.group("rest")
        first = split_sentences(rest)[0]
        cuts = [
            m.start()
            for m in _NEXT_SENTENCE.finditer(first)
            if len(first[: m.start()].split()) >= MIN_RUN_TOGETHER_CLAIM_WORDS
        ]
        end = cuts[0] if cuts else len(first)
        found.append((rest[:end].strip().rstrip(".") + ".", [rest[end:].strip()]))
    if sum(len(" ".join(body).split()) >= MIN_ANSWER_WORDS for _, body in found) < 2:
        return []
    drop_unfinished_end(found[-1][1])
    out = []
    for claim, body in found:
        opening = split_sentences(body[0])
        context = opening[0] if len(opening) > 1 and reported_claim(opening[0]) else ""
        answer = [" ".join(opening[1:]), *body[1:]] if context else body
        out.append((claim, context, answer, _GUESSED_END))
    return out
