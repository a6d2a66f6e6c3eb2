"""Bare headings that report other people's claims, each answered by a paragraph that rejects it.

A page that answers other writers' advice or myth-busting often gives each claim a one-line heading
with no label and no full stop ("Your body will tell you when you need hydration"), and under it a
paragraph that first reports the claim at second hand ("You may read that ...", "Many sites will
say ...", "Some say ...", "You'll hear ...") and then turns against it ("In my view this is
dangerous thinking.", "That may be true for ..., but ...", "Not so.", "But ..."). The heading is the
claim; the report sentence sets it out (the context); the answer runs from the turn on. A heading
whose paragraph reports nothing, or reports and then agrees ("I don't disagree with this"), is the
page's own subheading or a claim it grants: it is left out, and so is a trailing link line ("See:
Hiking Boots"). The paragraph's first sentence must report and the next must turn, so a page of
ordinary headings and prose does not read as this layout.
"""

from __future__ import annotations

import re

from .oped_layout import reported_claims
from .text import as_lines, paragraphs_of, split_sentences
from .unlabelled_layouts import as_claim

#: A heading longer than this is a sentence of prose.
MAX_HEADING_WORDS = 15
#: Who the claim is heard from, besides the op-ed layout's reporters ("critics say", "it is often claimed").
_SOURCES = (
    r"(?:sites|websites|web sites|articles|blogs|bloggers|guides|books|experts|people|folks|writers|authors|"
    r"gurus|coaches|pundits|posts|forums|videos|influencers|commentators|sources|pages)"
)
#: "You may read that X", "Many sites will say X", "Some say X", "You'll hear X", "Most guides tell you X".
_REPORT = re.compile(
    r"^(?:(?:but|and|now|still|of course|often|sometimes),?\s+)?(?:"
    r"you(?:'ll| will| may| might| can| could| often| sometimes)?\s+(?:often\s+|sometimes\s+|also\s+)?"
    r"(?:read|hear|see|find|be told|have heard|have read|have been told)(?:\s+(?:it\s+)?(?:said|claimed|written))?"
    r"|(?:many|most|some|several|lots of|plenty of|a lot of|countless|other|the)\s+(?:\w+\s+)?"
    + _SOURCES
    + r"\s+(?:will\s+|may\s+|might\s+|often\s+|sometimes\s+|like to\s+|love to\s+)?"
    r"(?:say|says|tell you|tells you|claim|claims|argue|argues|insist|insists|suggest|suggests|recommend|"
    r"recommends|advise|advises|warn|warns|state|states)"
    r"|some(?:one)?\s+(?:will\s+|may\s+)?(?:say|says|claim|claims|argue|argues)"
    r"|(?:it is|it's) (?:often|commonly|widely|sometimes|frequently) (?:said|claimed|written|suggested|argued)"
    r"|(?:the )?(?:common|conventional|popular|received) (?:wisdom|advice|view) (?:is|says)"
    r")\b",
    re.IGNORECASE,
)
#: The sentence after the report turns against it: the writer's view, a concession with "but", a denial.
_TURN = re.compile(
    r"^(?:in my (?:view|opinion|experience|book)|i (?:disagree|doubt|think (?:this|that|it) is|"
    r"would (?:argue|say|disagree))|not so|not really|not quite|nonsense|wrong|rubbish|don't believe it|"
    r"but\b|however|yet\b|actually|in fact|in reality|the truth is|on the contrary|"
    r"(?:this|that|it)(?:'s| is| was)\s+(?:simply\s+|just\s+|plain\s+)?(?:wrong|false|untrue|not true|nonsense|"
    r"a myth|dangerous|misleading|bad advice|overstated|overblown|an oversimplification|half true)|"
    r"(?:this|that|it|which)(?: theory| advice| idea| claim)?\s+(?:may|might|could|can)\s+(?:well\s+)?"
    r"(?:be|sound|seem|hold)\s+(?:true|right|so|fine|reasonable|correct|good)\b.*\bbut\b)",
    re.IGNORECASE,
)
#: A page's pointer to another page, closing a paragraph: "See: Hiking Boots", "Read more: ...".
_POINTER = re.compile(r"^(?:see(?: also)?|read(?: more)?|related|more|further reading)\s*:", re.IGNORECASE)


def reported_headings(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(heading, the report sentence, the answer's paragraphs) for each bare heading whose paragraph reports
    the heading's claim and then turns against it; nothing where fewer than two do."""
    found = []
    for heading, body in _sections(lines):
        paragraphs = paragraphs_of(body)
        if not paragraphs:
            continue
        sentences = split_sentences(paragraphs[0])
        if len(sentences) < 2 or not _reports(sentences[0]) or not _TURN.match(sentences[1]):
            continue
        answer = [sentences[1], " ".join(sentences[2:]), *paragraphs[1:]]
        answer = [" ".join(s for s in split_sentences(p) if not _POINTER.match(s)) for p in answer]
        found.append((as_claim(heading, lines), sentences[0], as_lines(p for p in answer if p)))  # paragraphs apart
    return found if len(found) >= 2 else []


def _reports(sentence: str) -> bool:
    return bool(_REPORT.match(sentence) or reported_claims(sentence))


def _sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    # Where the page has blank lines, a heading has one before it; where it has none, every line is a paragraph.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    spaced = bool(filled) and any(not line.strip() for line in lines[filled[0] : filled[-1]])
    for i, line in enumerate(lines):
        if _is_heading(lines, i, spaced):
            sections.append((re.sub(r"^\s*#{1,6}\s*", "", line).strip(" *_"), []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def _is_heading(lines: list[str], i: int, spaced: bool) -> bool:
    """A short line opening with a capital, with no end punctuation; on a page with blank lines, after a
    blank line, the start or as a Markdown heading (not a hard-wrapped paragraph's next line)."""
    text = re.sub(r"^\s*#{1,6}\s*", "", lines[i]).strip(" *_")
    after_break = not spaced or i == 0 or not lines[i - 1].strip()
    return (
        2 <= len(text.split()) <= MAX_HEADING_WORDS
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":", "!", "?"))
        and (after_break or bool(re.match(r"^\s*#{1,6}\s", lines[i])))
    )
