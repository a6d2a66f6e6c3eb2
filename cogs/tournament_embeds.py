"""Tournament embeds and replies. Not an extension: ``cogs.tournament`` imports it.
Every embed ends with :func:`cogs.embed_limits.fit_embed`.

Members are shown as mentions (:func:`member`), one name per person everywhere: Discord
renders each as the member's current name in the server, and embeds never ping."""

from __future__ import annotations

import discord

from bot.feedback import plural, shorten
from bot.tournament import OpenedRound, Receipt
from bot.tournament_results import RoundResult, Standing

from .embeds import DESCRIPTION_LIMIT, POINT_COLOUR, TITLE_LIMIT, fit_embed

#: The round embed's field that counts submissions (kept live by :mod:`cogs.tournament_live`).
SUBMITTED = "Submitted"


def submitted_text(count: int, participants: int) -> str:
    return f"{count} of {participants}"


#: Marks a score a moderator overrode (``tournament adjust``), with its legend below the list.
ADJUSTED = "\u2020"
ADJUSTED_LEGEND = f"{ADJUSTED} adjusted by a moderator"


def member(user_id: int) -> str:
    """How a member is named in tournament messages (not the name stored when they joined or submitted,
    which differs between a server nickname and a DM)."""
    return f"<@{user_id}>"


def registration_embed(name: str, case_title: str, rounds: int, minutes: float, count: int) -> discord.Embed:
    embed = discord.Embed(title=shorten(f"\U0001f3c6 {name}: registration open", TITLE_LIMIT), colour=POINT_COLOUR)
    embed.description = (
        f"Case: **{case_title}** \u00b7 {plural(rounds, 'round')} of {minutes:g} minute{'' if minutes == 1 else 's'}.\n"
        "Press **Join** (or `tournament join`). Submissions are private; results come when each round closes."
    )
    embed.add_field(name="Participants", value=str(count))
    return fit_embed(embed)


def round_embed(opened: OpenedRound, participants: int) -> discord.Embed:
    """The round's Point, deadline and how to submit; its "Submitted" count is kept live
    (:mod:`cogs.tournament_live`)."""
    t, r = opened.tournament, opened.round
    embed = discord.Embed(
        title=shorten(f"{t.name}: round {r.number} of {t.rounds}", TITLE_LIMIT),
        description=shorten(f"Rebut this Point:\n> {opened.point.claim}", DESCRIPTION_LIMIT),
        colour=POINT_COLOUR,
    )
    embed.add_field(name="Deadline", value=f"<t:{int(r.deadline)}:t> (<t:{int(r.deadline)}:R>)")
    embed.add_field(name="How to submit", value="Press **Submit rebuttal**, or `/tournament submit`, or DM me.")
    embed.add_field(name=SUBMITTED, value=submitted_text(0, participants))
    return fit_embed(embed)


def results_embed(
    result: RoundResult, waiting: bool = False, unreached: int = 0, amended: bool = False
) -> discord.Embed:
    """``waiting``: the round closed by its deadline and the next opens only when a moderator says so.
    ``unreached``: how many players could not be sent their feedback by DM. ``amended``: reposted
    after a moderator overrode a score."""
    lines = [
        f"**{p.rank}.** {member(p.user_id)} \u2014 {p.score}%{ADJUSTED if p.adjusted else ''} ({p.covered} covered)"
        for p in result.placings
    ] or ["No submissions."]
    if any(p.adjusted for p in result.placings):
        lines.append(ADJUSTED_LEGEND)
    embed = discord.Embed(
        title=shorten(
            f"{result.tournament.name}: round {result.round.number} results{' (amended)' if amended else ''}",
            TITLE_LIMIT,
        ),
        description=shorten("\n".join(lines), DESCRIPTION_LIMIT),
        colour=POINT_COLOUR,
    )
    if waiting:
        embed.add_field(
            name="Next",
            value=f"Round {result.round.number + 1} of {result.tournament.rounds} opens when a moderator runs "
            "`tournament next`.",
            inline=False,
        )
    if unreached:
        embed.add_field(
            name="Feedback by DM",
            value=f"{plural(unreached, 'player')} could not be sent their feedback by DM: "
            f"use `tournament feedback {result.round.number}`.",
            inline=False,
        )
    embed.set_footer(text=f"Your full feedback: tournament feedback {result.round.number}")
    return fit_embed(embed)


def standings_embed(name: str, standings: list[Standing], final: bool, any_closed: bool = True) -> discord.Embed:
    """``any_closed``: whether any round has closed; before that there is nothing to rank."""
    if not any_closed:
        lines = ["No round has closed yet: standings start when round 1 closes."]
    else:
        lines = [
            f"**{s.rank}.** {member(s.user_id)} \u2014 {s.total}{ADJUSTED if s.adjusted else ''}"
            f" ({s.covered} covered, {plural(s.rounds, 'round')})"
            for s in standings
        ] or ["Nobody yet."]
        if any(s.adjusted for s in standings):
            lines.append(ADJUSTED_LEGEND)
    embed = discord.Embed(
        title=shorten(f"{name}: {'final standings' if final else 'standings'}", TITLE_LIMIT),
        description=shorten("\n".join(lines), DESCRIPTION_LIMIT),
        colour=POINT_COLOUR,
    )
    embed.set_footer(text="Total coverage over closed rounds; ties: counterarguments covered, then time taken.")
    return fit_embed(embed)


def receipt_text(receipt: Receipt) -> str:
    verb = "replaced your earlier submission" if receipt.replaced else "is in"
    text = f"Your rebuttal for {receipt.tournament.name}, round {receipt.round}, {verb}."
    if receipt.coverage is None:
        return text + " Scores come out when the round closes."
    return text + f" Score: {receipt.coverage.score}% ({len(receipt.coverage.covered)} covered)."
