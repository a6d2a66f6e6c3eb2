"""What a rebuttal's verdict says to the learner, independent of where it is shown.

The cogs turn a :class:`Feedback` into an embed and the terminal into text, so
both explain the same things in the same words.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .cases import Counterargument, Point
from .coverage import FLAG_COPIED, FLAG_EMPTY, FLAG_MEANINGS, FLAG_STUFFING, FLAG_TOO_SHORT, Coverage
from .text import STOP_WORDS, split_sentences, stem, words

#: The longest quote of the learner's words shown under a counterargument.
QUOTE_LIMIT = 120
#: Shown instead of a quote already shown under an earlier counterargument.
SAME_SENTENCE = "the same sentence"


@dataclass(frozen=True)
class CoveredItem:
    summary: str
    #: The learner's sentence that best earned it, cut to :data:`QUOTE_LIMIT`; empty when ``repeat``.
    your_words: str
    similarity: float
    #: The same sentence already earned an earlier counterargument (quoted there, not again).
    repeat: bool = False
    #: The counterargument's short name (the case's ``label``), for where space is short.
    label: str = ""

    @property
    def quote(self) -> str:
        """``“the words”``, or ``the same sentence`` for a repeat."""
        return SAME_SENTENCE if self.repeat else f"“{self.your_words}”"


@dataclass(frozen=True)
class Feedback:
    score: int
    total: int
    covered: tuple[CoveredItem, ...]
    missed_hints: tuple[str, ...]
    flag_notes: tuple[str, ...]
    #: Why sentences earned nothing: the opposite of a counterargument, another Point, the Point itself.
    why_not: tuple[str, ...] = ()
    #: For a score of 0, the main reason in one line (else empty).
    reason: str = ""

    @property
    def headline(self) -> str:
        return f"You made {len(self.covered)} of {plural(self.total, 'counterargument')}."


def explain(point: Point, coverage: Coverage) -> Feedback:
    """Pair each covered counterargument with the learner's words, and each missed one with a hint."""
    by_id = {arg.id: arg for arg in point.counterarguments}
    covered, quoted = [], set()
    for m in coverage.covered:
        arg = by_id[m.counterargument_id]
        sentence = best_sentence(m.excerpt, arg)
        key = " ".join(sentence.split()).casefold()
        covered.append(
            CoveredItem(
                arg.summary,
                "" if key in quoted else shorten_words(sentence, QUOTE_LIMIT),
                m.similarity,
                repeat=key in quoted,
                label=arg.label,
            )
        )
        quoted.add(key)
    missed = tuple(by_id[arg_id].hint for arg_id in coverage.missed)
    notes = tuple(FLAG_MEANINGS[flag] for flag in sorted(coverage.flags) if flag in FLAG_MEANINGS)
    why_not = [
        f"\u201c{shorten(o.excerpt, 120)}\u201d argues the opposite of: {by_id[o.counterargument_id].summary}"
        for o in coverage.opposed
    ]
    if coverage.answers_points:
        numbers = ", ".join(str(n) for n in coverage.answers_points)
        why_not.append(f"Part of this reads like an answer to Point {numbers}, not to this one.")
    if coverage.agrees:
        why_not.append("Part of this argues for the Point rather than against it.")
    reason = zero_reason(point, coverage) if coverage.score == 0 else ""
    return Feedback(coverage.score, len(point.counterarguments), tuple(covered), missed, notes, tuple(why_not), reason)


def zero_reason(point: Point, coverage: Coverage) -> str:
    """Why a rebuttal scored 0, in one line: the first of the scorer's reasons that applies."""
    by_id = {arg.id: arg for arg in point.counterarguments}
    if coverage.flags & {FLAG_EMPTY, FLAG_TOO_SHORT}:
        return "Too short to judge: make a full argument."
    if coverage.opposed:
        return (
            f"This argues the opposite of: {shorten_words(by_id[coverage.opposed[0].counterargument_id].summary, 100)}"
        )
    if coverage.answers_points:
        numbers = " and ".join(str(n) for n in coverage.answers_points)
        return f"This reads like an answer to Point {numbers}, not to Point {point.number}."
    if coverage.agrees:
        return "This argues for the Point rather than against it."
    if FLAG_COPIED in coverage.flags:
        return "Copied from the article: put it in your own words."
    if FLAG_STUFFING in coverage.flags:
        return "A list of keywords, not an argument."
    return "None of it makes one of the article's counterarguments yet: try a hint."


def best_sentence(excerpt: str, arg: Counterargument) -> str:
    """The sentence of ``excerpt`` that shares the most words with ``arg`` (the first on a tie)."""
    sentences = split_sentences(excerpt) or [excerpt]
    if len(sentences) == 1:
        return sentences[0]

    def terms(text: str) -> set[str]:
        return {stem(w) for w in words(text) if w not in STOP_WORDS}

    wanted = set().union(*(terms(text) for text in (arg.summary, *arg.source, *arg.phrasings)))
    return max(sentences, key=lambda s: len(terms(s) & wanted))


def shorten_words(text: str, limit: int) -> str:
    """Like :func:`shorten`, on one line, cut at the end of a word rather than inside one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    if " " in cut and not text[len(cut)].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def score_bar(score: int, width: int = 10) -> str:
    """``███████░░░ 70%``: readable in a terminal and in Discord alike."""
    filled = round(max(0, min(100, score)) * width / 100)
    return "\u2588" * filled + "\u2591" * (width - filled) + f" {score}%"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis marking the cut.

    Runs of spaces are folded; line breaks are kept (lists stay lists).
    """
    text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "\u2026"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 attempt``, ``2 attempts``, ``1 try``, ``3 tries``: a count and its noun, as English says it."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def render_text(feedback: Feedback, width: int | None = None) -> str:
    """The verdict as plain text, for the terminal; with ``width``, each line is wrapped to it.

    A wrapped line keeps its indentation, and the text after a marker (``+``, ``-``)
    lines up under the text, not under the marker.
    """
    lines = [("", f"Score: {score_bar(feedback.score)}  {feedback.headline}")]
    if feedback.reason:
        lines.append(("", feedback.reason))
    if feedback.covered:
        lines.append(("", "Covered:"))
        for item in feedback.covered:
            lines.append(("  + ", item.summary))
            lines.append(("      ", f"your words: {item.quote}"))
    if feedback.missed_hints:
        lines.append(("", "Missed (hints):"))
        lines.extend(("  - ", hint) for hint in feedback.missed_hints)
    for note in (*feedback.why_not, *feedback.flag_notes):
        lines.append(("", f"Note: {note}"))
    if width is None:
        return "\n".join(prefix + text for prefix, text in lines)
    wrapped = []
    for prefix, text in lines:
        hang = " " * len(prefix) if prefix else "  "
        wrapper = textwrap.TextWrapper(
            width=max(width, len(hang) + 20),
            initial_indent=prefix,
            subsequent_indent=hang,
            break_on_hyphens=False,
        )
        wrapped.extend(wrapper.wrap(text) or [prefix])
    return "\n".join(wrapped)
