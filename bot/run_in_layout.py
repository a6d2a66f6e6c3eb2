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

Gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns the lines into answer paragraphs
as it does for every layout.
"""

from __future__ import annotations

import re

from .text import is_finished, split_sentences

_LEAD = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*)?(?:\d{1,2}[.)]\s+)?(?:Myth|Claim|Objection)\s*(?:#?\s*\d+)?\s*[:.\-\u2013\u2014]"
    r"\s*(?:\*\*)?\s*(?P<rest>\S.*?)\s*$",
    re.IGNORECASE,
)
#: A bare list number opening a paragraph: a lead only on a page that names its claims.
_NUMBER_LEAD = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\*\*)?\d{1,2}[.)]\s+(?:\*\*)?(?P<rest>\S.*?)\s*$")
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
