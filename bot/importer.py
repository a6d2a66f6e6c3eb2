"""Turning an article into a draft case.

Recognised structures (each heading on a line of its own):

* ``Point #1: <claim>`` (or ``Point 1:``), as in rebuttal articles: the first
  paragraph after the heading is the author's concession (the context); the
  following paragraphs are the counterarguments;
* ``Myth: <claim>`` followed by ``Fact: <text>``;
* ``Claim: <claim>`` followed by ``Response: <text>``;
* numbered headings, ``1. <claim>`` or ``## 1. <claim>``, each followed by
  its paragraphs.

Counterargument paragraphs are split into claims, not sentences: a sentence
that continues its neighbour (it opens with "This", "It", "Therefore"... or
shares most of its key terms) stays with it. The draft is valid as it is;
its summaries and hints are marked ``TODO`` for the author to write.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from .cases import ID_PATTERN, Case, parse_case
from .negation import bare
from .text import analyze, normalize, split_sentences

#: What the importer expects, shown when an article has none of it.
EXPECTED_STRUCTURES = """Counterpoint recognises articles structured like one of these:

  Point #1: <the claim the article rebuts>
  <a paragraph conceding what is true in it>
  <paragraphs answering it>

  Myth: <claim>            Claim: <claim>           1. <claim>
  Fact: <the answer>       Response: <the answer>   <paragraphs answering it>
"""

TODO_SUMMARY = "TODO: one line saying what this counterargument claims, in your own words"
TODO_HINT = "TODO: a question that points here without giving the answer away"

_POINT = re.compile(r"^\s*Point\s*#?\s*(\d+)\s*[:.\-]\s*(.+)$", re.IGNORECASE)
_MYTH = re.compile(r"^\s*(?:Myth|Claim)\s*(?:#?\s*\d+)?\s*:\s*(.+)$", re.IGNORECASE)
_FACT = re.compile(r"^\s*(?:Fact|Response|Reality)\s*(?:#?\s*\d+)?\s*:\s*(.*)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:#{1,6}\s*)?(\d{1,2})[.)]\s+(.+)$")
_CONTINUES = re.compile(
    r"^(this|that|these|those|it|its|they|such|therefore|thus|hence|so|which|in other words|"
    r"the latter|the former|as a result|this is)\b",
    re.IGNORECASE,
)
#: Two sentences sharing this share of the smaller one's key terms make one claim.
SAME_CLAIM_OVERLAP = 0.5
#: A sentence this short ("This is fantasy.") is a coda to the claim before it.
CODA_WORDS = 6
_LINKING_EARLY = re.compile(r"^(?:\S+\s+){0,4}\S*\b(therefore|thus|hence|consequently)\b", re.IGNORECASE)


class ImportError_(ValueError):
    """The article could not be turned into a case; the message says why and what is expected."""


@dataclass(frozen=True)
class DraftPoint:
    number: int
    claim: str
    context: str
    claims: tuple[tuple[str, ...], ...]  # each candidate counterargument: its source sentences


def read_article(text: str) -> tuple[str, list[DraftPoint]]:
    """The article's title (its first non-empty line) and its Points."""
    lines = normalize(text).splitlines()
    title = next((line.strip() for line in lines if line.strip()), "")
    for reader in (_read_points, _read_myths, _read_numbered):
        points = reader(lines)
        if points:
            return title, points
    raise ImportError_("No recognisable structure in this article.\n\n" + EXPECTED_STRUCTURES)


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _sections(lines: list[str], heading: re.Pattern) -> list[tuple[re.Match, list[str]]]:
    sections: list[tuple[re.Match, list[str]]] = []
    for line in lines:
        match = heading.match(line)
        if match:
            sections.append((match, []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def _read_points(lines: list[str]) -> list[DraftPoint]:
    points = []
    for match, body in _sections(lines, _POINT):
        paragraphs = _paragraphs(body)
        if not paragraphs:
            continue
        context, answers = _concession_and_answers(paragraphs)
        points.append(DraftPoint(int(match.group(1)), match.group(2).strip(), context, _claims(answers)))
    return [p for p in points if p.claims]


def _concession_and_answers(paragraphs: list[str]) -> tuple[str, list[str]]:
    """The first paragraph concedes; with a single paragraph, the sentences before the
    first contrast ("however", "but") do."""
    if len(paragraphs) > 1:
        return paragraphs[0], paragraphs[1:]
    sentences = split_sentences(paragraphs[0])
    turn = next(
        (i for i, s in enumerate(sentences) if i and re.search(r"\b(however|but|yet|nevertheless)\b", s, re.I)), 1
    )
    return " ".join(sentences[:turn]), [" ".join(sentences[turn:])] if sentences[turn:] else []


def _read_myths(lines: list[str]) -> list[DraftPoint]:
    points: list[DraftPoint] = []
    claim: str | None = None
    answer: list[str] = []

    def flush() -> None:
        if claim and answer:
            paragraphs = _paragraphs(answer)
            points.append(DraftPoint(len(points) + 1, claim, claim, _claims(paragraphs)))

    for line in lines:
        myth, fact = _MYTH.match(line), _FACT.match(line)
        if myth:
            flush()
            claim, answer = myth.group(1).strip(), []
        elif fact and claim:
            answer = [fact.group(1)]
        elif claim is not None and answer is not None:
            answer.append(line)
    flush()
    return [p for p in points if p.claims]


def _read_numbered(lines: list[str]) -> list[DraftPoint]:
    points = []
    for match, body in _sections(lines, _NUMBERED):
        paragraphs = _paragraphs(body)
        if paragraphs:
            points.append(
                DraftPoint(int(match.group(1)), match.group(2).strip(), match.group(2).strip(), _claims(paragraphs))
            )
    return [p for p in points if p.claims] if len(points) >= 2 else []


def _claims(paragraphs: list[str]) -> tuple[tuple[str, ...], ...]:
    """Sentences grouped into claims: a new paragraph starts one, and so does a sentence
    that neither opens as a continuation nor shares most key terms with the claim so far."""
    claims: list[list[str]] = []
    for paragraph in paragraphs:
        current: list[str] = []
        for sentence in split_sentences(paragraph):
            if current and _continues(current[-1], sentence):
                current.append(sentence)
            else:
                if current:
                    claims.append(current)
                current = [sentence]
        if current:
            claims.append(current)
    return tuple(tuple(c) for c in claims)


def _continues(previous: str, sentence: str) -> bool:
    """Whether ``sentence`` carries on the claim of ``previous`` rather than making a new one."""
    return bool(
        _CONTINUES.match(sentence)
        or _LINKING_EARLY.match(sentence)
        or len(sentence.split()) <= CODA_WORDS
        or _overlap(previous, sentence) >= SAME_CLAIM_OVERLAP
    )


def _overlap(a: str, b: str) -> float:
    terms_a = {bare(t) for t in analyze(a).terms}
    terms_b = {bare(t) for t in analyze(b).terms}
    smaller = min(len(terms_a), len(terms_b))
    return len(terms_a & terms_b) / smaller if smaller else 0.0


def slug(text: str, fallback: str = "case") -> str:
    """A valid case id from free text."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    candidate = "-".join(words)[:64].strip("-")
    return candidate if ID_PATTERN.match(candidate or "-") else fallback


def draft_toml(text: str, case_id: str | None = None) -> str:
    """A draft case file for the article; it validates as it is."""
    title, points = read_article(text)
    case_id = case_id or slug(title)
    if not ID_PATTERN.match(case_id):
        raise ImportError_(f"'{case_id}' is not a valid case id: lowercase letters, digits and dashes, at most 64.")
    out = [
        "# Draft made by `counterpoint cases import`. Edit the TODOs, add phrasings,",
        "# then check it with `counterpoint cases validate` and `counterpoint cases check`.",
        f"id = {_quote(case_id)}",
        f"title = {_quote(title)}",
        'attribution = "TODO: author, publication, date"',
        'side = "the side the article rebuts"',
    ]
    for point in points:
        out += [
            "",
            "[[points]]",
            f"number = {point.number}",
            f"claim = {_quote(point.claim)}",
            f"context = {_quote(point.context)}",
        ]
        for index, sentences in enumerate(point.claims, start=1):
            out += [
                "",
                "[[points.counterarguments]]",
                f"id = {_quote(f'p{point.number}-c{index}')}",
                f"summary = {_quote(TODO_SUMMARY)}",
                f"hint = {_quote(TODO_HINT)}",
                "source = [",
                *(f"    {_quote(s)}," for s in sentences),
                "]",
                "phrasings = []",
            ]
    return "\n".join(out) + "\n"


def import_article(text: str, case_id: str | None = None, *, source: str = "<import>") -> tuple[str, Case]:
    """The draft TOML and the case it parses to (proof that it validates)."""
    draft = draft_toml(text, case_id)
    return draft, parse_case(draft, source=source)


def _quote(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    tomllib.loads(f'x = "{escaped}"')  # fails loudly if anything slipped through
    return f'"{escaped}"'
