"""What a rebuttal's verdict says to the learner, independent of where it is shown.

The cogs turn a :class:`Feedback` into an embed and the terminal into text, so
both explain the same things in the same words.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .cases import Point
from .scoring import FLAG_MEANINGS, Coverage


@dataclass(frozen=True)
class CoveredItem:
    summary: str
    your_words: str
    similarity: float


@dataclass(frozen=True)
class Feedback:
    score: int
    total: int
    covered: tuple[CoveredItem, ...]
    missed_hints: tuple[str, ...]
    flag_notes: tuple[str, ...]
    #: Why sentences earned nothing: the opposite of a counterargument, another Point, the Point itself.
    why_not: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        return f"You made {len(self.covered)} of {plural(self.total, 'counterargument')}."


def explain(point: Point, coverage: Coverage) -> Feedback:
    """Pair each covered counterargument with the learner's words, and each missed one with a hint."""
    by_id = {arg.id: arg for arg in point.counterarguments}
    covered = tuple(CoveredItem(by_id[m.counterargument_id].summary, m.excerpt, m.similarity) for m in coverage.covered)
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
    return Feedback(coverage.score, len(point.counterarguments), covered, missed, notes, tuple(why_not))


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
    if feedback.covered:
        lines.append(("", "Covered:"))
        for item in feedback.covered:
            lines.append(("  + ", item.summary))
            lines.append(("      ", f'your words: "{shorten(item.your_words, 160)}"'))
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
