"""A blog reply to one quoted passage: the passage's claims are the Points, the reply's paragraphs answer them.

The post opens by naming a piece of writing ("Here's an article in Slate ... by Ron Rosenbaum.", "In her
column, Jane Doe argues ..."), announces a quotation in a short line ending in a colon ("Here's a taste:",
"He writes:"), quotes one passage of it (a paragraph, or Markdown ``>`` lines), and answers it in plain
paragraphs that never restate what they answer. Each claim of the passage is a sentence of it (a short
one, "It's called reading.", goes on with the one before) or an aside set off by dashes inside one
("those who do X - uselessly doing Y - could ..."), whose parentheses go.

Which claim a reply paragraph answers is told by the words they share, the words of the post's title and
opening left out (every paragraph names its topic): in the reply's order, each paragraph takes the claim
it shares most with of those not yet taken, a reply taking the passage's claims up one by one. A
paragraph that shares too little with every claim left goes on answering the claim of the paragraph
before it. The reply's last sentence, where the page cut it off mid-word, is left out. The announcement
"He writes:" alone does not make the layout: the opening must name the piece ("article", "column" ...).
"""

from __future__ import annotations

import re

from .negation import bare
from .text import analyze, as_lines, is_finished, split_sentences

#: A short line announcing the quotation: "Here's a taste:", "He writes:", "An excerpt:"; not "Here's why:".
_ANNOUNCES = re.compile(
    r"^[^.!?]{0,60}\b(?:taste|excerpt|extract|passage|snippet|sample|quote|quoting|bit|writes|wrote|says|said|"
    r"argues|argued|claims|claimed|puts it|opines|asserts|declares)\b[^.!?]{0,30}:$",
    re.IGNORECASE,
)
ANNOUNCE_WORDS = 12
#: The opening names a piece of writing that the passage is quoted from.
_PIECE = re.compile(
    r"\b(?:article|column|op-?ed|essay|editorial|piece|blog post|post|commentary|opinion piece|story|speech)\b",
    re.IGNORECASE,
)
#: ... and whose: a capitalised name after the first word (an author, a publication).
_NAMED = re.compile(r"\s[A-Z][a-z]+")
#: The announcement comes within the post's first paragraphs (its title, the sentence naming the piece).
OPENING_PARAGRAPHS = 5
#: A dash-set aside of a sentence of the passage: " - uselessly filling empty boxes - ".
_ASIDE = re.compile(r"\s+-{1,2}\s+(?P<aside>[^-]{8,200}?)\s+-{1,2}\s+")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
#: A sentence this short goes on with the one before ("It's called reading.").
CODA_WORDS = 6
#: A reply paragraph answers a claim it shares at least this many key terms with.
MIN_SHARED = 2
#: A passage and a reply this short are no exchange of arguments.
MIN_PASSAGE_WORDS = 20


def quoted_passage(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(claim, context, answer lines) for each claim of the quoted passage that a reply paragraph answers."""
    paragraphs = _paragraphs(lines)
    for index, paragraph in enumerate(paragraphs[:OPENING_PARAGRAPHS]):
        last = (split_sentences(paragraph) or [""])[-1]
        opening = " ".join(paragraphs[: index + 1])
        if _ANNOUNCES.match(last) and len(last.split()) <= ANNOUNCE_WORDS and _names_a_piece(opening):
            passage, reply = _passage_and_reply(paragraphs[index + 1 :])
            if len(passage.split()) >= MIN_PASSAGE_WORDS and reply:
                return _answered(_claims(passage), reply, _terms(opening))
    return []


def _names_a_piece(opening: str) -> bool:
    return any(_PIECE.search(s) and _NAMED.search(s) for s in split_sentences(opening))


def _passage_and_reply(paragraphs: list[str]) -> tuple[str, list[str]]:
    """The quoted passage (Markdown ``>`` paragraphs, else the one paragraph after the announcement), then
    the reply's paragraphs."""
    quoted = 0
    while quoted < len(paragraphs) and paragraphs[quoted].startswith(">"):
        quoted += 1
    quoted = quoted or 1
    passage = " ".join(p.lstrip("> ") for p in paragraphs[:quoted]).strip().strip('"').strip()
    reply = [p for p in paragraphs[quoted:] if not p.startswith(">")]
    if reply and not is_finished(reply[-1]):  # the page was cut off in the reply's last sentence
        reply[-1] = " ".join(s for s in split_sentences(reply[-1]) if is_finished(s))
    return passage, [p for p in reply if p]


def _claims(passage: str) -> list[str]:
    """The passage's claims: its sentences, each dash-set aside a claim of its own after its sentence."""
    claims: list[str] = []
    asides = [m.group("aside") for m in _ASIDE.finditer(passage)]
    for sentence in split_sentences(_ASIDE.sub(" ", passage)):
        if claims and len(sentence.split()) <= CODA_WORDS:
            claims[-1] += " " + sentence
        else:
            claims.append(sentence)
    return [c for c in (_as_claim(c) for c in claims + asides) if c]


def _as_claim(text: str) -> str:
    text = _PARENTHESES.sub("", text).strip(" ,;-")
    if len(text.split()) < 3:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else text + "."


def _answered(claims: list[str], reply: list[str], topic: set[str]) -> list[tuple[str, str, list[str]]]:
    """Each claim with the reply paragraphs that answer it, in the passage's order."""
    shared = {
        (p, c): len((_terms(paragraph) & _terms(claim)) - topic)
        for p, paragraph in enumerate(reply)
        for c, claim in enumerate(claims)
    }
    answers: dict[int, int] = {}  # reply paragraph -> the claim it answers
    for p in range(len(reply)):
        free = [c for c in range(len(claims)) if c not in answers.values()]
        best = max(free, key=lambda c: shared[p, c], default=None)  # the first of equals
        if best is not None and shared[p, best] >= MIN_SHARED:
            answers[p] = best
        elif p - 1 in answers:
            answers[p] = answers[p - 1]  # the reply goes on with the claim before
    found = []
    for c, claim in enumerate(claims):
        lines = as_lines(paragraph for p, paragraph in enumerate(reply) if answers.get(p) == c)
        if lines:
            found.append((claim, "", lines))
    return found


def _terms(text: str) -> set[str]:
    return {bare(term) for term in analyze(text).terms}


def _paragraphs(lines: list[str]) -> list[str]:
    """The text's paragraphs; one quoted in Markdown keeps the ``>`` of its first line only."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip() if not current else line.strip().lstrip("> "))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs
