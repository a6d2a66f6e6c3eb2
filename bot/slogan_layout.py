"""Quoted slogans in capitals: a slide deck or debate page that quotes the other side's slogans, each answered.

``"SCOOTERS CUT TRAFFIC." www.citydebates.org In my view, ...``: a line opens with the other side's
slogan, in double quotes and capitals, and the author's answer runs on after it in the same line, or starts
on the next; it goes on, a line a paragraph (a slide's lines, flattened), up to the next slogan. A credit
for the slogan right after its closing quote (a bare web address, ``www.citydebates.org``, ``(citydebates.org)``,
``Source: citydebates.org``) is no part of the answer and goes. The slogan is the claim, written as a
sentence: its capitals in lowercase but for ``I`` and the names the article spells with a capital inside
its own sentences; its exclamation is the other side's tone, a full stop; a question stays a question.

A line of capitals in quotes is read as a slogan only where two such lines or more are answered: one
quoted line is any article's quotation. A text cut off mid-word ends with an unfinished sentence, no
reason, which is left out.

Gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns the lines into answer paragraphs
as it does for every layout.
"""

from __future__ import annotations

import re

from .run_in_layout import drop_unfinished_end
from .text import STOP_WORDS, split_sentences

#: A line that opens with a quotation (a bullet mark before it may stay from a list), and what follows it.
_SLOGAN = re.compile(r"^\s*(?:[-*\u2022]\s*)?\"(?P<slogan>[^\"]{6,200}?)\"\s*(?P<rest>.*?)\s*$")
#: A bare web address: "www.citydebates.org", "citydebates.org", "https://example.net/page".
_ADDRESS = r"(?:https?://\S+|(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?)"
#: The slogan's credit, right after its quote: an address, bare, in brackets, or after "Source:" or a dash.
_CREDIT = re.compile(
    r"^(?:(?:[-\u2013\u2014]\s*)?(?:(?:source|via|from)\s*:?\s*)?"
    + _ADDRESS
    + r"|[(\[]\s*(?:source\s*:?\s*)?"
    + _ADDRESS
    + r"\s*[)\]])[.,;:]?(?=\s|$)\s*",
    re.IGNORECASE,
)
#: A slogan has at least this many words; fewer ("NO.", "WHY?") is an exclamation.
MIN_SLOGAN_WORDS = 3
#: Fewer slogans answered than this, and the text is not read as this layout.
MIN_SLOGANS = 2


def quoted_slogans(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each slogan; nothing where fewer than two slogans are answered."""
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _SLOGAN.match(line)
        if match and _in_capitals(match.group("slogan")):
            answer = _CREDIT.sub("", match.group("rest"), count=1)
            sections.append((match.group("slogan").strip(), [answer] if answer else []))
        elif sections:
            sections[-1][1].extend(["", line])  # a slide's lines: each a paragraph of its own
    if sections:
        drop_unfinished_end(sections[-1][1])
    answered = [(slogan, body) for slogan, body in sections if any(line.strip() for line in body)]
    if len(answered) < MIN_SLOGANS:
        return []
    names = _names([line for _, body in sections for line in body])
    return [(_as_claim(slogan, names), body) for slogan, body in answered]


def _in_capitals(slogan: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", slogan)
    return len(slogan.split()) >= MIN_SLOGAN_WORDS and letters.isupper()


def _names(answers: list[str]) -> dict[str, str]:
    """Words the answers write with a capital inside their sentences (not first in one), by their lowercase:
    names and acronyms ("NHS"), which keep their spelling in a slogan written in capitals. Stop words are
    none ("ARE", in capitals for emphasis)."""
    names: dict[str, str] = {}
    for sentence in split_sentences("\n".join(answers)):
        for word in sentence.split()[1:]:
            word = word.strip("\"'()[],.;:!?")
            if word[:1].isupper() and len(word) > 1 and word.lower() not in STOP_WORDS:
                names.setdefault(word.lower(), word)
    return names


def _as_claim(slogan: str, names: dict[str, str]) -> str:
    """The slogan as a sentence: "SCOOTERS CUT TRAFFIC!" -> "Scooters cut traffic."."""
    words = []
    for word in slogan.split():
        core = re.sub(r"^\W+|\W+$", "", word)
        if core == "I" or re.match(r"^I'", core):
            words.append(word)
        else:
            spelt = names.get(core.lower(), core.lower())
            words.append(word.replace(core, spelt) if core else word)
    claim = " ".join(words)
    claim = claim[:1].upper() + claim[1:]
    claim = re.sub(r"!+$", ".", claim.rstrip())
    return claim if claim[-1:] in ".?" else claim + "."
