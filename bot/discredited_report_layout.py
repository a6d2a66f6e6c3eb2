"""A post that argues for doing away with something and discredits the report its defenders cite.

No headings, no labels, and no "Critics say": the other side's case is the evidence they put out, named in
scare quotes as the writer doubts it (``The "report" was merely a short statement ...``, ``this "study"``),
and what it found, reported in a sentence of the same paragraph (``... the survey, which, according to the
group, found that two-thirds of voters want to keep it.``). The finding is a Point: the paragraph's
sentences before it discredit it (who made it, how old or thin it is), and what follows it says how far it
spread (its context); where the paragraph opens with the finding, the sentences after it discredit it. The
finding's own sentence is a reason too where it says more than the finding (``The link to the survey is
broken, and ...``).

The post's thesis, in its opening (``America should likely do away with the one cent coin.``), rejects
what the defenders want: stated positively (``America should keep the one cent coin.``), it is a Point too,
answered by the opening's other sentences and the paragraphs up to the finding's. A thesis is a "should"
sentence that abolishes ("do away with", "get rid of", "scrap", "stop making" ...) or denies ("should not").

Tried after the op-ed, when it finds no claim reported in prose: the scare quotes and the finding's
sentence are both needed, so a post citing a study of its own is not read as this.
"""

from __future__ import annotations

import re

from .text import paragraphs_of, split_sentences

#: The other side's evidence in scare quotes: 'The "report"', 'a "new study."'.
_SCARE_QUOTED = re.compile(
    r'"(?:new |latest |recent )?(?:report|study|survey|poll|research|findings?|analysis|data|evidence|science)'
    r'[.,!?]?"',
    re.IGNORECASE,
)
#: What the evidence found: "... found that <finding>".
_FINDING = re.compile(
    r"\b(?:found|finds|showed|shows|concluded|concludes|revealed|reveals|claimed|claims)\s+that\s+"
    r"(?P<finding>[^;]{12,}?)[.!]?$"
)
#: The thesis: "<someone> should (likely) do away with <it>", "... should not <do it>".
_THESIS = re.compile(
    r"(?:^|(?<=[-,;:]\s))(?P<who>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+should\s+(?:\w+ly\s+)?"
    r"(?P<turn>do away with|get rid of|abolish|scrap|ditch|retire|eliminate|phase out|"
    r"stop(?= \w+ing\b)|not|never)\s+(?P<rest>[^.;!?]{3,120})"
)
#: Before the finding, a clause of the writer's own ("The link to the survey is broken, and ..."), not the
#: report named ('A "study" released by X').
_CLAUSE = re.compile(r"\b(?:is|are|was|were|has|have|had|does|do|did)\b|,\s+(?:and|but)\b")
_KEEPS = {"not": "", "never": "", "stop": "keep"}
#: The thesis comes in the post's opening paragraphs.
OPENING_PARAGRAPHS = 2
#: The thesis sentence is a reason of its own where this many words come before the thesis in it.
REASON_WORDS = 3


def discredited_report(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(claim, context, answer lines): the post's thesis reversed and each finding of a scare-quoted report."""
    paragraphs = paragraphs_of(lines)
    found = [(index, finding) for index, p in enumerate(paragraphs) if (finding := _finding(p))]
    if not found:
        return []
    out: list[tuple[str, str, list[str]]] = []
    first = found[0][0]
    thesis = next(
        ((i, t) for i, p in enumerate(paragraphs[: min(OPENING_PARAGRAPHS, first)]) if (t := _thesis(p))), None
    )
    if thesis:
        index, (claim, sentence) = thesis
        opening = [s for s in split_sentences(paragraphs[index]) if s != sentence]
        answers = [" ".join(opening), *paragraphs[index + 1 : first]]
        out.append((claim, "", [line for a in answers if a for line in (a, "")]))
    return out + [(claim, context, [answer, ""]) for _, (claim, context, answer) in found]


def _finding(paragraph: str) -> tuple[str, str, str] | None:
    """The finding of a scare-quoted report the paragraph reports, the context and the answer."""
    if not _SCARE_QUOTED.search(paragraph):
        return None
    sentences = split_sentences(paragraph)
    at = next((i for i, s in enumerate(sentences) if _FINDING.search(s)), None)
    if at is None:
        return None
    match = _FINDING.search(sentences[at])
    assert match is not None
    finding = match.group("finding").strip()
    claim = finding[:1].upper() + finding[1:] + "."
    before, after = sentences[:at], sentences[at + 1 :]
    lead = re.sub(r",?\s*(?:which|that)?,?\s*(?:according to [^,]{2,60},)?\s*$", "", sentences[at][: match.start()])
    own = [sentences[at]] if _CLAUSE.search(lead) else []  # more than 'A "study" by X found that ...'
    if before:
        return claim, " ".join(after), " ".join(before + own)
    return claim, "", " ".join(own + after)


def _thesis(paragraph: str) -> tuple[str, str] | None:
    """The claim the opening's thesis rejects, stated positively, and the thesis sentence where it is no reason."""
    for sentence in split_sentences(paragraph):
        match = _THESIS.search(sentence)
        if not match:
            continue
        turn = match.group("turn")
        keeps = _KEEPS.get(turn.split()[0], "keep")
        claim = " ".join(part for part in (match.group("who"), "should", keeps, match.group("rest").strip()) if part)
        before = sentence[: match.start()].strip(" -,;:")
        reason = len(before.split()) >= REASON_WORDS
        return claim[:1].upper() + claim[1:] + ".", "" if reason else sentence
    return None
