"""``help``: a short quick start in the channel instead of discord.py's full command list in DMs.

``help <command>`` keeps discord.py's page for that command (or group), also in the channel.
"""

from __future__ import annotations

from collections.abc import Mapping

import discord
from discord.ext import commands

from bot.client import CounterpointBot

from .embed_limits import fit_embed

#: The five commands a new member needs, with what each does.
START_WITH = (
    ("practice", "get a Point to rebut (`practice CASE 2` for a chosen one)"),
    ("rebut TEXT", "answer it; you get a score and feedback (in DMs, just type)"),
    ("hint", "a nudge towards a counterargument you have not made yet"),
    ("answer", "how the article itself answers the Point"),
    ("skip", "move on to another Point"),
)


class QuickStartHelp(commands.DefaultHelpCommand):
    """discord.py's help, with a quick start for plain ``help``; always answered where it was asked."""

    def __init__(self) -> None:
        super().__init__(dm_help=False)

    async def send_bot_help(self, mapping: Mapping) -> None:
        prefix = self.context.clean_prefix
        embed = discord.Embed(
            title="Counterpoint: quick start",
            description=(
                "Practise rebutting a debate case: I show you a Point the article makes, you answer it "
                "in your own words, and I score your rebuttal against the article's own counterarguments."
            ),
            colour=discord.Colour.blurple(),
        )
        embed.add_field(
            name="Start with",
            value="\n".join(f"`{prefix}{name}`: {what}" for name, what in START_WITH),
            inline=False,
        )
        group = self.context.bot.get_command("tournament")
        if isinstance(group, commands.Group):
            names = sorted(c.name for c in group.commands if not c.hidden)
            embed.add_field(
                name="Tournaments",
                value=f"`{prefix}tournament` with: " + ", ".join(f"`{n}`" for n in names),
                inline=False,
            )
        embed.set_footer(
            text=f"Also: article, cases, progress, due, leaderboard. {prefix}help COMMAND says more about one command."
        )
        await self.get_destination().send(embed=fit_embed(embed))


async def setup(bot: CounterpointBot) -> None:
    bot.help_command = QuickStartHelp()


async def teardown(bot: CounterpointBot) -> None:
    bot.help_command = commands.DefaultHelpCommand(dm_help=None)
