"""Questions and answers: each entry a line of its own, answered by the paragraphs after it.

An entry is a paragraph of one line (a blank line or the start of the text before it) that is either

* one question (``Q: Isn't wind too costly?`` or just the question), or
* a worry in the asker's own voice, one sentence: ``I fear my kid won't go back to school.``,
  ``I worry that ...``, ``I'm afraid ...``, ``We're concerned that ...``, ``My biggest concern is that ...``.
  The worry is the claim, its "I fear (that)" gone where a statement follows (``My kid won't go back to
  school.``); "I worry about the cost." is kept as written.

The paragraphs up to the next entry answer it; a last sentence cut off mid-word (a page retrieved short)
is no answer. Two entries answered at least, so an article asking one question in passing is not an FAQ.

A page scraped with each answer run on after its numbered or labelled question (``1. Do roundabouts work?
Yes, over 1,000 ...``) reads the same, where two paragraphs at least open so: the question is the entry (its
number or label gone), the rest of its paragraph the first line of the answer.

A page of one entry (:func:`question_answered_by_numbered_reasons`) asks its question in its title ("FAQ 3:
Why do my containers need to be clean and dry, even when I'm refilling?") and answers with a numbered list
of reasons ("1. To protect you. ...").
"""

from __future__ import annotations

import re

from .article_details import COMMENT
from .text import is_finished, split_sentences

_HEADING = r"^\s*(?:#{1,6}\s*)?(?:\*\*)?"
#: "Q:", "Question 3.": an entry's own label before its question.
_Q_LABEL = r"Q(?:uestion)?\s*\d*\s*[:.]\s*"
_QUESTION = re.compile(_HEADING + r"(?:" + _Q_LABEL + r")?(.{8,200}\?)(?:\*\*)?\s*$")
#: "I fear", "I'm worried", "We are afraid", "My main concern is": how a worry in the asker's voice opens.
_WORRIER = (
    r"(?:(?:I|we)\s+(?:\w+ly\s+)?(?:fear|worry|dread)|(?:I'm|I am|we're|we are)\s+(?:\w+ly\s+|so\s+|very\s+)?"
    r"(?:afraid|worried|concerned|scared|nervous|anxious|terrified)"
    r"|(?:my|our)\s+(?:\w+\s+)?(?:concern|worry|fear)\s+is)"
)
_WORRY = re.compile(_HEADING + r"(?P<worry>(?P<opening>" + _WORRIER + r")\b\s*(?P<rest>[^?]{8,200}?[.!]))(?:\*\*)?\s*$")
#: After the opening, what the worry is about rather than what is feared: "I worry about ...", "afraid of ...".
_ABOUT = re.compile(r"^(?:about|of|for|over|at|with|by|when|whether|if)\b", re.IGNORECASE)
#: A line this long is a paragraph, not an entry.
ENTRY_WORDS = 30
#: Entries answered at least.
MIN_ENTRIES = 2
#: "FAQ 3:", "Q:": the page's own label before its one question.
_ENTRY_LABEL = re.compile(r"^\s*(?:#{1,6}\s*)?(?:FAQ|Q(?:uestion)?)\s*#?\d*\s*[:.\-]\s*", re.IGNORECASE)
_NUMBERED_REASON = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
#: A paragraph opening with its numbered or labelled question and running on into the answer (unnumbered,
#: a blog's rhetorical questions would read so: "Am I missing something here? What kind of message ...").
_RUN_IN = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|" + _Q_LABEL + r")(?P<question>[A-Z][^?]{8,200}\?)\s+(?P<answer>\S.*)$")


def faq_entries(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each entry, where two at least are answered; else nothing."""
    lines = _run_in_apart(lines)
    sections: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        claim = _entry(line) if i == 0 or not lines[i - 1].strip() else None
        if claim is not None:
            sections.append((claim, []))
        elif sections:
            sections[-1][1].append(line)
    if sections:
        _drop_cut_off(sections[-1][1])
    answered = [s for s in sections if any(line.strip() for line in s[1])]
    if len(answered) < MIN_ENTRIES:
        return []
    return [(claim, body) for claim, body in sections if len(split_sentences(claim)) == 1]


def _run_in_apart(lines: list[str]) -> list[str]:
    """Each paragraph that opens with a one-sentence question and runs on into its answer, as the question's
    line and the answer's, where two paragraphs at least are so; else ``lines`` as they are."""
    split: dict[int, tuple[str, ...]] = {}
    for i, line in enumerate(lines):
        if not _opens_paragraph(lines, i):
            continue
        found = _RUN_IN.match(line)
        if found and len(found["question"].split()) <= ENTRY_WORDS and len(split_sentences(found["question"])) == 1:
            # a blank line between the question and a comment line before it, as the entries are read
            split[i] = (
                ("", found["question"], found["answer"])
                if i and lines[i - 1].strip()
                else (found["question"], found["answer"])
            )
    if len(split) < MIN_ENTRIES:
        return lines
    return [part for i, line in enumerate(lines) for part in (split[i] if i in split else (line,))]


def _opens_paragraph(lines: list[str], i: int) -> bool:
    """Line ``i`` starts the text, or follows a blank line or a comment (the ``# source:`` line)."""
    return i == 0 or not lines[i - 1].strip() or bool(COMMENT.match(lines[i - 1]))


def _entry(line: str) -> str | None:
    if len(line.split()) > ENTRY_WORDS:
        return None
    if question := _QUESTION.match(line):
        return question.group(1).strip()
    worry = _WORRY.match(line)
    if not worry or len(split_sentences(worry.group("worry"))) != 1:
        return None
    rest = re.sub(r"^that\s+", "", worry.group("rest").strip(), flags=re.IGNORECASE)
    if _ABOUT.match(rest):
        return worry.group("worry").strip()
    return rest[:1].upper() + rest[1:]


def _drop_cut_off(body: list[str]) -> None:
    """The last sentence gone where the page was cut off in it ("... they will begin to")."""
    filled = [i for i, line in enumerate(body) if line.strip()]
    if filled and not is_finished(body[filled[-1]].strip()):
        body[filled[-1]] = " ".join(split_sentences(body[filled[-1]])[:-1])


def question_answered_by_numbered_reasons(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(the title's question, its numbered reasons as paragraphs): one entry, where the title asks a question
    and a list numbered from 1 answers it with two reasons or more; else nothing. A reason is its numbered
    line (a closing line run on after the last is no reason)."""
    filled = [line.strip() for line in lines if line.strip() and not COMMENT.match(line)]
    if not filled:
        return []
    question = _ENTRY_LABEL.sub("", filled[0]).strip()
    if not question.endswith("?") or len(question.split()) > ENTRY_WORDS:
        return []
    reasons = [m for line in filled[1:] if (m := _NUMBERED_REASON.match(line))]
    if len(reasons) < MIN_ENTRIES or [int(m.group(1)) for m in reasons] != list(range(1, len(reasons) + 1)):
        return []
    return [(question, [line for m in reasons for line in (m.group(2), "")])]
