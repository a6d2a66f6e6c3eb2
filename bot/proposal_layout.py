"""A rejected proposal: a thesis rejecting a proposal, then the reasons for rejecting it, each led by a dash.

``I believe that a ban on scooters is not warranted. I have come to this conclusion for several reasons:``,
then ``-Most riders are careful. ...``, ``– Who would enforce it? ...``: a column that answers a proposal
without ever stating the other side's claim. The thesis is the paragraph right before the first dash-led
one; it announces the reasons (``for several reasons:``, ``for the following reasons``, ``Here's why:``) and
rejects the proposal in that sentence or the one before it: a denial (``X is not warranted``, ``X would not
help``), an adjective undone (``X is unnecessary``) or the writer's stand (``I oppose X``). The one Point is
the proposal stated positively (``A ban on scooters is warranted.``, ``X should go ahead.``), and each
dash-led paragraph (a hyphen glued to the first word or a spaced dash, ``-``, ``–``, ``—``; or a bullet)
gives one reason or more: its first sentence states the reason and the next explains it, so
:mod:`bot.importer` keeps the two together. Paragraphs between two dash-led ones carry the reason before
them on; the list ends with the last dash-led paragraph, or at a paragraph that sums up (``In short``,
``For these reasons``).
Where the thesis sentence holds more than the rejection (``the parking rules may need to be
tightened but that X is not warranted``), it is a reason too, the first. A text cut off mid-word ends
with an unfinished sentence: the last reason, cut off, is left out whole.

Read only where the thesis rejects something and two dash-led reasons or more follow it.

Gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns the lines into answer paragraphs
as it does for every layout.
"""

from __future__ import annotations

import re

from .text import has_content, is_finished, split_sentences
from .unlabelled_layouts import DENIAL, undo_denial

#: A reason's lead: a dash, glued to the word or spaced, or a bullet; then the reason ("-----" is a rule).
_LEAD = re.compile(r"^\s*(?:[-\u2013\u2014]|[*\u2022](?=\s))\s*(?P<rest>[\"'A-Za-z].*?)\s*$")
#: "for several reasons", "for the following three reasons".
_FOR_REASONS = (
    r"\bfor (?:the following|these|several|many|some|various|a (?:few|number of|couple of)|two|three|four|five|six)"
    r"(?: \w+)? reasons\b"
)
#: The thesis announces the reasons that follow.
_ANNOUNCES = re.compile(
    _FOR_REASONS + r"|\breasons?(?: (?:are|is))?\s*:|\bhere(?:'s| is| are) why\b|\bas follows\s*:", re.IGNORECASE
)
#: "X is unnecessary": the adjective's "un" undone makes the proposal's claim.
_UNDONE_ADJECTIVE = re.compile(
    r"\b(?P<aux>is|are|would be|will be)\s+un(?P<adjective>necessary|warranted|justified|needed|wise|fair|workable|"
    r"enforceable|helpful|realistic)\b",
    re.IGNORECASE,
)
#: The writer's stand against the proposal: "I oppose X", "we are against X".
_OPPOSED = re.compile(
    r"\b(?:I|we)\s+(?:\w+ly\s+)?(?:oppose|reject|(?:am|are)\s+(?:against|opposed to)|(?:cannot|can't|do not|"
    r"don't)\s+support)\s+(?P<proposal>[^,;:.]{3,}?)\s*(?=[,;:.]|$|\bbecause\b|" + _FOR_REASONS + ")",
    re.IGNORECASE,
)
#: Where a clause starts or ends inside the thesis sentence.
_BOUNDARY = re.compile(
    r"[,;:]|\b(?:but|because|although|though|whereas|while|since|so)\b(?:\s+that\b)?"
    r"|\b(?:believe|think|feel|say|argue|conclude|convinced|sure|clear|certain|agree|and|is)\s+that\b",
    re.IGNORECASE,
)
#: A lead-in before the rejected clause: "I believe", "we think".
_LEAD_IN = re.compile(r"^(?:I|we)\s+(?:\w+ly\s+)?(?:believe|think|feel|argue|maintain|would argue)\s+", re.IGNORECASE)
#: A paragraph that sums up ends the list of reasons.
_SUMS_UP = re.compile(
    r"^(?:in short|in sum|in conclusion|to sum up|to conclude|ultimately|in the end|all in all|the bottom line|"
    r"for (?:all )?(?:these|those) reasons|that is why|this is why|that's why)\b",
    re.IGNORECASE,
)
#: The thesis sentence is a reason too where another of its clauses has this many words and a verb of its own.
MIN_REASON_WORDS = 4
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|may|might|must|should|could|would|will|can|need|needs|has|have|does|do)\b", re.I
)
#: Fewer reasons than this, and the text is not read as this layout.
MIN_REASONS = 2


def rejected_proposal(lines: list[str]) -> list[tuple[str, list[str]]]:
    """[(the proposal, stated positively, the lines of the reasons against it)], or nothing where the text
    has no thesis rejecting a proposal followed by two dash-led reasons or more."""
    first = next((i for i, line in enumerate(lines) if _LEAD.match(line)), None)
    if first is None:
        return []
    end = first
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    thesis = split_sentences(" ".join(line.strip() for line in lines[start:end]))
    announced = [i for i, sentence in enumerate(thesis) if _ANNOUNCES.search(sentence)]
    if not announced:
        return []
    found = next(
        (
            (thesis[i], rejected)
            for i in (announced[-1], announced[-1] - 1)
            if i >= 0 and (rejected := _rejected(thesis[i])) is not None
        ),
        None,
    )
    if found is None:
        return []
    sentence, (claim, span) = found
    reasons = _reasons(lines[first:])
    if sum(1 for reason in reasons if any(line.strip() for line in reason)) < MIN_REASONS:
        return []
    answer = [sentence, ""] if _holds_more(sentence, span) else []
    for reason in reasons:
        answer += [*reason, ""]
    return [(claim, answer)]


def _rejected(sentence: str) -> tuple[str, tuple[int, int]] | None:
    """The proposal a sentence rejects, stated positively, and where the rejection stands in the sentence."""
    opposed = _OPPOSED.search(sentence)
    if opposed:
        proposal = opposed.group("proposal").strip()
        if has_content(proposal):
            return _as_claim(f"{proposal} should go ahead"), opposed.span()
    for pattern in (_UNDONE_ADJECTIVE, DENIAL):
        for match in reversed(list(pattern.finditer(sentence))):  # the last: a thesis ends on its rejection
            start = max((b.end() for b in _BOUNDARY.finditer(sentence, 0, match.start())), default=0)
            after = _BOUNDARY.search(sentence, match.end())
            end = after.start() if after else len(sentence)
            clause = _LEAD_IN.sub("", sentence[start:end].strip(" .!"))
            subject = clause[: max(clause.lower().find(match.group(0).lower()), 0)]
            if len(subject.split()) < 2 or not has_content(subject):
                continue  # "It is not needed.": what it rejects is not in the clause
            if pattern is _UNDONE_ADJECTIVE:
                claim = clause.replace(match.group(0), f"{match.group('aux')} {match.group('adjective')}")
            else:
                claim = undo_denial(clause) or ""
            if claim:
                return _as_claim(claim), (start, end)
    return None


def _as_claim(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?")) else ".")


def _holds_more(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the thesis sentence gives a reason besides rejecting the proposal: another clause of
    four words or more with a verb ("the parking rules may need to be tightened"; "After months of
    reading the reports" is none)."""
    rest = _ANNOUNCES.sub(" ", sentence[: span[0]] + " " + sentence[span[1] :])
    clauses = (_LEAD_IN.sub("", part.strip(" .!")) for part in _BOUNDARY.split(rest))
    return any(
        len(clause.split()) >= MIN_REASON_WORDS and has_content(clause) and _VERB.search(clause) for clause in clauses
    )


def _reasons(lines: list[str]) -> list[list[str]]:
    """The lines of each dash-led reason, its dash gone: a reason runs to the next one, the last to the end
    of its own paragraph (left out where it ends mid-word); a paragraph that sums up ends the list."""
    reasons: list[list[str]] = []
    paragraph_start = True
    for line in lines:
        lead = _LEAD.match(line)
        if lead:
            reasons.append([lead.group("rest")])
        elif paragraph_start and line.strip() and _SUMS_UP.match(line.strip()):
            break
        elif line.strip() or reasons[-1][-1:] != [""]:
            reasons[-1].append(line)
        paragraph_start = not line.strip()
    last = reasons[-1]
    ends = next((i for i, line in enumerate(last) if not line.strip()), len(last))
    del last[ends:]  # the list ends with its last dash-led paragraph: what follows is the column's close
    if not is_finished(" ".join(last).strip()):
        reasons.pop()  # cut off mid-word: what is left of the reason is its lead at most, not the reason
    return reasons
