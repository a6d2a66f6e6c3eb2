"""Inline verdicts: the other side's claim as a sentence, a verdict in capitals denying it, then the answer.

``... bats are blind. UNTRUE. All bats can see. ...``: a myth page's items, each a claim sentence (often the
tail of a lead the page shows elsewhere, after an ellipsis), then a verdict of a word or two in capitals,
a sentence of its own (``UNTRUE.``, ``FALSE!``, ``NOPE.``, ``NOT TRUE.``), then the answer, running on in
the same paragraph and the paragraphs after it up to the next item's claim. A verdict in ordinary case
counts only as an exclamation (``False!``, ``Wrong again!``): ``False.`` or ``No.`` is too often a
sentence of the prose. A numbered list's items read the same way (``1. <claim> [False! <answer>]``):
the number is no sentence of either, and brackets round the verdict and its answer are dropped.
A line of its own that holds no words (``|``, ``*``, ``~~~``: the cells of a table, a page's dividers)
ends an item: what follows it belongs to the next item, and where no verdict follows (an aside, a joke)
to no item.

Only a verdict that denies the claim makes a Point. A hedge (``HMMM.``, ``MAYBE.``, ``SORT OF.``) or a
confirmation (``TRUE.``, ``YES.``) still ends the item before it, but its own item is left out: the page
does not say the claim is wrong, so it is no claim for a student to rebut. Capitals that are no verdict
(``NASA.``) are read as a sentence of the answer. The layout is read only where two items or more are
denied and answered.

Gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns the lines into answer paragraphs
as it does for every layout.
"""

from __future__ import annotations

import re

from .text import has_content, split_sentences

#: Verdicts that deny the claim before them.
DENIALS = frozenset(
    {"UNTRUE", "FALSE", "WRONG", "NOPE", "NO", "NOT", "NAH", "INCORRECT", "MYTH", "FICTION", "BUSTED", "DEBUNKED"}
    | {"NONSENSE", "RUBBISH", "NOT TRUE", "NOT SO", "NOT REALLY", "NO WAY", "WRONG AGAIN"}
)
#: Verdicts that end an item but deny nothing: a hedge or a confirmation.
NOT_DENIALS = frozenset(
    {"MAYBE", "PERHAPS", "PARTLY", "SOMETIMES", "DEPENDS", "IT DEPENDS", "SORT OF", "KIND OF", "TRUE", "YES"}
    | {"PARTLY TRUE", "HALF TRUE", "MOSTLY TRUE", "DOUBTFUL", "UNCLEAR", "WELL"}
)
#: A verdict sentence: one or two words in capitals and its end mark ("UNTRUE.", "NOT TRUE!"), or in
#: ordinary case as an exclamation ("False!", "False again!"); an opening bracket may enclose it and its answer.
_VERDICT = re.compile(
    r"^[\[(]?(?:(?P<word>[A-Z]{2,}(?: [A-Z]{2,})?)\s*[.!]+|(?P<exclaimed>[A-Z][a-z]+(?: [a-z]+)?)\s*!+)$"
)
#: "FALSE AGAIN": the page's second denial is still a denial.
_AGAIN = re.compile(r" AGAIN$")
#: A list item's number standing as a sentence of its own ("1.", "2)").
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]$")
#: "HMMM", "HMM": a hedge however many letters it is spelt with.
_HUM = re.compile(r"^H+M+$")
#: A line with no words on it: a divider between items.
_DIVIDER = re.compile(r"^\W+$")
#: Dots or an ellipsis opening the claim: the page's lead, elided.
_ELLIPSIS = re.compile(r"^(?:\.{2,}|\u2026)\s*")
#: Fewer items denied and answered than this, and the text is not read as this layout.
MIN_ITEMS = 2


def verdict(sentence: str) -> str:
    """ "deny", "other" (a hedge or a confirmation) or "" (no verdict) for one sentence."""
    match = _VERDICT.match(sentence.strip())
    if not match:
        return ""
    word = match.group("word") or match.group("exclaimed").upper()
    if word in DENIALS or _AGAIN.sub("", word) in DENIALS:
        return "deny"
    if word in NOT_DENIALS or _HUM.match(word):
        return "other"
    return ""


def verdict_items(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each item whose verdict denies its claim; nothing where fewer than two
    such items have an answer."""
    items: list[tuple[str, bool, list[str]]] = []  # claim, denied, answer lines
    open_item = False  # the last item still takes what follows: no divider since its verdict
    for paragraph, divided in _paragraphs(lines):
        if divided:
            open_item = False
        sentences = [s for s in split_sentences(paragraph) if re.search(r"\w", s) and not _ITEM_NUMBER.match(s)]
        marks = [verdict(s) for s in sentences]
        at = [i for i in range(1, len(sentences)) if marks[i] and not marks[i - 1]]
        claims = [i - 1 for i in at]
        leading = sentences[: claims[0]] if claims else sentences
        if open_item and leading:
            items[-1][2].extend(["", " ".join(leading)])  # a paragraph of its own
        for n, claim_at in enumerate(claims):
            ends = claims[n + 1] if n + 1 < len(claims) else len(sentences)
            answer = _unbracketed(" ".join(sentences[claim_at + 2 : ends]))
            items.append((sentences[claim_at], marks[claim_at + 1] == "deny", [answer] if answer else []))
            open_item = True
    found = [(_as_claim(claim), answer) for claim, denied, answer in items if denied and answer]
    found = [(claim, answer) for claim, answer in found if has_content(claim)]
    return found if len(found) >= MIN_ITEMS else []


def _paragraphs(lines: list[str]) -> list[tuple[str, bool]]:
    """The text's paragraphs, each with whether a divider line comes before it (since the paragraph before)."""
    paragraphs: list[tuple[str, bool]] = []
    current: list[str] = []
    divided = False
    for line in [*lines, ""]:
        divider = bool(_DIVIDER.match(line.strip()))
        if line.strip() and not divider:
            current.append(line.strip())
            continue
        if current:
            paragraphs.append((" ".join(current), divided))
            current, divided = [], False
        divided = divided or divider
    return paragraphs


def _unbracketed(answer: str) -> str:
    """The answer without the closing bracket its verdict opened ("[False! ... year.]")."""
    for opening, closing in ("[]", "()"):
        if answer.endswith(closing) and opening not in answer:
            return answer[:-1].rstrip()
    return answer


def _as_claim(sentence: str) -> str:
    """The claim as a sentence of its own: the lead's ellipsis gone, a capital to open it."""
    claim = _ELLIPSIS.sub("", sentence).strip()
    return claim[:1].upper() + claim[1:]
