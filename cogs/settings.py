"""Server settings: who moderates, and the defaults tournaments start from."""

from __future__ import annotations

from dataclasses import replace

import discord
from discord.ext import commands

from bot.client import CounterpointBot

from .common import moderator_only
from .embeds import POINT_COLOUR


class Settings(commands.Cog):
    """Server settings (moderators change them)."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @commands.hybrid_group(name="settings", fallback="show")
    @commands.guild_only()
    async def settings(self, ctx: commands.Context) -> None:
        """This server's Counterpoint settings."""
        current = await self.bot.storage.guild_settings(ctx.guild.id)
        embed = discord.Embed(title="Server settings", colour=POINT_COLOUR)
        role = f"<@&{current.moderator_role_id}>" if current.moderator_role_id else "none (Manage Server only)"
        embed.add_field(name="Moderator role", value=role, inline=False)
        embed.add_field(name="Default case", value=(await self.bot.catalog.default_for(ctx.guild.id)).id)
        embed.add_field(name="Tournament rounds", value=str(current.tournament_rounds or "one per Point"))
        embed.add_field(name="Minutes per round", value=str(current.tournament_minutes or 10))
        await ctx.send(embed=embed)

    @settings.command(name="modrole")
    @moderator_only()
    async def modrole(self, ctx: commands.Context, role: discord.Role | None = None) -> None:
        """Set (or, with no role, clear) the role whose members moderate Counterpoint here."""
        current = await self.bot.storage.guild_settings(ctx.guild.id)
        await self.bot.storage.save_guild_settings(replace(current, moderator_role_id=role.id if role else None))
        await ctx.send(f"Moderator role: {role.mention if role else 'none; Manage Server only'}.")


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Settings(bot))
