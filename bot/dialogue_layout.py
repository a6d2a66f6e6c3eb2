"""A script of what the other side says and what you say back: campaign "they say / you say" pages.

A page that coaches its reader through a conversation writes both sides' turns under speaker labels::

    He says: I can pay for trees to be planted to offset my flight. That's got to be a good thing?
    You say: Not necessarily. Trees die; forests catch fire. ...
    <an unlabelled paragraph going on with the answer>

Each turn of the other side (``He says:``, ``She says:``, ``They say:``, ``They'll say:``, ``If they say:``)
answered by a turn of the reader's (``You say:``, ``We say:``, ``You could say:``, ``Your answer:``) is a
Point: its claim is the other side's turn as said, its answer the reader's turn with the paragraphs after it,
up to the next turn of the other side. A turn left unanswered (the page's closing line) makes no Point. The
layout is read only where two turns at least are answered. A turn is said, not written as a claim ("But I
really need a holiday."): the draft asks the coach to word each (:data:`bot.importer._UNMARKED_CLAIMS`).
"""

from __future__ import annotations

from .labelled_lines_layout import labelled_line

#: The other side's turn: "He says:", "They'll say:", "If they say:".
_THEIRS = labelled_line(
    r"(?:if\s+)?(?:he|she|they|someone|a sceptic|a skeptic|critics?|opponents?)"
    r"(?:'ll| will| may| might)?\s+says?"
)
#: The reader's turn: "You say:", "We say:", "You could say:", "Your answer:".
_YOURS = labelled_line(
    r"(?:you|we)(?:'ll| will| can| could| might| should)?\s+(?:say|reply|respond|answer)"
    r"|your (?:answer|reply|response)"
)
#: Turns answered at least.
MIN_ANSWERED_TURNS = 2


def dialogue_turns(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each turn of the other side the reader's turn answers; nothing where fewer
    than two are."""
    turns: list[tuple[str, list[str]]] = []
    answered: set[int] = set()
    for line in lines:
        theirs, yours = _THEIRS.match(line), _YOURS.match(line)
        if theirs:
            turns.append((theirs.group("rest"), []))
        elif turns and yours:
            answered.add(len(turns) - 1)
            turns[-1][1].append(yours.group("rest"))
        elif turns and len(turns) - 1 in answered:
            turns[-1][1].append(line)
    found = [turn for n, turn in enumerate(turns) if n in answered]
    return found if len(found) >= MIN_ANSWERED_TURNS else []
