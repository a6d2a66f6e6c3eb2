"""Embeds for practice. Not an extension: the cogs import it.

Every builder ends with :func:`cogs.embed_limits.fit_embed`, so a reply never
fails for being too large, whatever the learner wrote or a case holds.
"""

from __future__ import annotations

import discord

from bot.cases import Case, CaseLibrary, Point
from bot.feedback import Feedback, plural, score_bar, shorten, shorten_words

from .embed_limits import (  # noqa: F401  (the limits, re-exported for the other cogs)
    DESCRIPTION_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    MAX_FIELDS,
    TITLE_LIMIT,
    fit_embed,
)

POINT_COLOUR = discord.Colour.blurple()
GOOD, FAIR, POOR, NONE = discord.Colour.green(), discord.Colour.gold(), discord.Colour.orange(), discord.Colour.red()
#: The claim shown beside the score, and a covered counterargument's name, are cut to these.
CLAIM_LIMIT, SUMMARY_LIMIT = 200, 100
#: The Point embed's field holding the case's ``context``: the article's own framing of the
#: Point (what it grants, or how it introduces the claim), not the other side's words.
CONTEXT_FIELD = "From the article"
#: A practice result (which has a Hint button for the rest) lists this many hints for what is missing.
HINTS_SHOWN = 2


def score_colour(score: int) -> discord.Colour:
    """Red for nothing, orange up to a third, yellow up to two thirds, green above."""
    return NONE if score <= 0 else POOR if score <= 33 else FAIR if score <= 66 else GOOD


def point_embed(case: Case, point: Point) -> discord.Embed:
    embed = discord.Embed(
        title=shorten(f"Point {point.number}: rebut this", TITLE_LIMIT),
        description=shorten(f"> {point.claim}", DESCRIPTION_LIMIT),
        colour=POINT_COLOUR,
    )
    if point.context:  # optional: an article may grant nothing before it answers
        embed.add_field(name=CONTEXT_FIELD, value=shorten(point.context, FIELD_VALUE_LIMIT), inline=False)
    embed.set_footer(
        text=shorten(
            f"{case.title} \u00b7 {plural(len(point.counterarguments), 'counterargument')} to find \u00b7 "
            "press Rebut, or use /rebut",
            FOOTER_LIMIT,
        )
    )
    return fit_embed(embed)


def feedback_embed(point: Point, feedback: Feedback, author: str, hints_shown: int | None = None) -> discord.Embed:
    """A result that fits one phone screen: each counterargument made under its label with the
    learner's best sentence, and hints for the rest: the first ``hints_shown`` under a result with
    a Hint button, else all of them."""
    lines = [f"`{score_bar(feedback.score)}` {feedback.headline}"]
    if feedback.reason:
        lines.append(f"**Why {feedback.score}%:** {feedback.reason}")
    lines.append(f"Rebutting: *{shorten_words(point.claim, CLAIM_LIMIT)}*")
    embed = discord.Embed(
        title=shorten(f"{author}'s rebuttal to Point {point.number}", TITLE_LIMIT),
        description=shorten("\n".join(lines), DESCRIPTION_LIMIT),
        colour=score_colour(feedback.score),
    )
    fields = 0
    for item in feedback.covered:
        if fields >= MAX_FIELDS - 2:
            break
        embed.add_field(
            name=shorten(f"\u2705 {shorten_words(item.label or item.summary, SUMMARY_LIMIT)}", FIELD_NAME_LIMIT),
            value=shorten(item.quote, FIELD_VALUE_LIMIT),
            inline=False,
        )
        fields += 1
    if feedback.missed_hints:
        missed = feedback.missed_hints
        shown = missed if hints_shown is None else missed[:hints_shown]
        lines = [f"\u2022 {hint}" for hint in shown]
        if len(shown) < len(missed):
            lines.append(f"\u2026and {len(missed) - len(shown)} more: press **Hint**.")
        embed.add_field(
            name=f"\u274c Still missing ({len(missed)}): hints",
            value=shorten("\n".join(lines), FIELD_VALUE_LIMIT),
            inline=False,
        )
    if feedback.why_not or feedback.flag_notes:
        embed.add_field(
            name="\u26a0\ufe0f Notes",
            value=shorten("\n".join((*feedback.why_not, *feedback.flag_notes)), FIELD_VALUE_LIMIT),
            inline=False,
        )
    return fit_embed(embed)


def answer_embed(case: Case, point: Point) -> discord.Embed:
    embed = discord.Embed(
        title=shorten(f"How the article answers Point {point.number}", TITLE_LIMIT),
        description=shorten(f"> {point.claim}", DESCRIPTION_LIMIT),
        colour=POINT_COLOUR,
    )
    for number, arg in enumerate(point.counterarguments[:MAX_FIELDS], start=1):
        embed.add_field(
            name=shorten(f"{number}. {arg.summary}", FIELD_NAME_LIMIT),
            value=shorten(" ".join(arg.source), FIELD_VALUE_LIMIT),
            inline=False,
        )
    embed.set_footer(text=shorten(case.attribution, FOOTER_LIMIT))
    return fit_embed(embed)


def cases_embed(library: CaseLibrary) -> discord.Embed:
    embed = discord.Embed(title="Practice cases", colour=POINT_COLOUR)
    for case in list(library)[:MAX_FIELDS]:
        points = ", ".join(str(p.number) for p in case.points)
        embed.add_field(
            name=shorten(f"{case.title} (`{case.id}`)", FIELD_NAME_LIMIT),
            value=shorten(f"Points {points}. Start with `practice {case.id}`.", FIELD_VALUE_LIMIT),
            inline=False,
        )
    return fit_embed(embed)
