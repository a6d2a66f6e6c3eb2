"""Owner-only maintenance: syncing slash commands on request, never at every start."""

from __future__ import annotations

from typing import Literal

from discord.ext import commands

from bot.client import CounterpointBot
from bot.feedback import plural


class Owner(commands.Cog):
    """Commands for the bot's owner."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @commands.command(name="sync")
    @commands.is_owner()
    async def sync(self, ctx: commands.Context, scope: Literal["global", "here", "clear"] = "global") -> None:
        """Publish slash commands: `global` (up to an hour to appear), `here` (this server, at once), `clear` (remove them here)."""  # noqa: E501 -- one line: it is the help text and its summary
        if scope != "global" and ctx.guild is None:
            raise commands.NoPrivateMessage()
        if scope == "global":
            synced = await self.bot.tree.sync()
        elif scope == "here":
            assert ctx.guild is not None  # refused above for every scope but global
            self.bot.tree.copy_global_to(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
        else:
            self.bot.tree.clear_commands(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
        await ctx.send(f"Synced {plural(len(synced), 'slash command')} ({scope}).")


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Owner(bot))
