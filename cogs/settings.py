"""Server settings: who moderates, and the defaults tournaments start from."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import CounterpointBot
from bot.feedback import plural
from bot.models import GuildSettings
from bot.tournament import MAX_MINUTES, MAX_ROUNDS, MIN_MINUTES

from .common import moderator_only
from .embeds import POINT_COLOUR, fit_embed


def settings_embed(current: GuildSettings, default_case: str, disputes_channel: int | None = None) -> discord.Embed:
    embed = discord.Embed(title="Server settings", colour=POINT_COLOUR)
    role = f"<@&{current.moderator_role_id}>" if current.moderator_role_id else "none (Manage Server only)"
    embed.add_field(name="Moderator role", value=role, inline=False)
    embed.add_field(name="Default case", value=default_case)
    embed.add_field(name="Tournament rounds", value=str(current.tournament_rounds or "one per Point"))
    embed.add_field(name="Minutes per round", value=f"{current.tournament_minutes or 10:g}")
    embed.add_field(
        name="Tournament scores",
        value="shown at once" if current.tournament_show_scores else "withheld until a round closes",
    )
    channels = " ".join(f"<#{c}>" for c in current.practice_channels) or "anywhere"
    embed.add_field(name="Practice channels", value=channels, inline=False)  # many channels: cut by fit_embed
    embed.add_field(name="Leaderboard", value="on" if current.leaderboard_enabled else "off")
    embed.add_field(name="Disputes go to", value=f"<#{disputes_channel}>" if disputes_channel else "nowhere yet")
    return fit_embed(embed)


class Settings(commands.Cog):
    """Server settings (moderators change them)."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @commands.hybrid_group(name="settings", fallback="show")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def settings(self, ctx: commands.Context) -> None:
        """This server's Counterpoint settings."""
        assert ctx.guild is not None  # guild_only
        current = await self.bot.storage.guild_settings.get(ctx.guild.id)
        default_case = (await self.bot.catalog.default_for(ctx.guild.id)).id
        embed = settings_embed(current, default_case, await self.bot.disputes.channel(ctx.guild.id))
        await ctx.send(embed=embed)

    async def _change(self, ctx: commands.Context, **changes) -> GuildSettings:
        assert ctx.guild is not None  # every caller is moderator_only, which refuses DMs
        current = await self.bot.storage.guild_settings.get(ctx.guild.id)
        updated = replace(current, **changes)
        await self.bot.storage.guild_settings.save(updated)
        return updated

    @settings.command(name="channels")
    @moderator_only()
    @app_commands.describe(action="add or remove a channel, or clear (practice anywhere)", channel="The channel")
    async def channels(
        self,
        ctx: commands.Context,
        action: Literal["add", "remove", "clear"],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Where `practice` is allowed (everywhere when none are set)."""
        assert ctx.guild is not None  # moderator_only refuses DMs
        current = (await self.bot.storage.guild_settings.get(ctx.guild.id)).practice_channels
        if action == "clear":
            chosen: tuple[int, ...] = ()
        else:
            target = (channel or ctx.channel).id
            chosen = (
                tuple(dict.fromkeys([*current, target]))
                if action == "add"
                else tuple(c for c in current if c != target)
            )
        await self._change(ctx, practice_channels=chosen)
        where = " ".join(f"<#{c}>" for c in chosen) or "anywhere"
        await ctx.send(f"Practice is allowed: {where}.")

    @settings.command(name="scores")
    @moderator_only()
    async def scores(self, ctx: commands.Context, when: Literal["shown", "withheld"]) -> None:
        """Whether tournament submissions show their score at once (the default for new tournaments)."""
        await self._change(ctx, tournament_show_scores=when == "shown")
        await ctx.send(
            f"New tournaments: scores {'shown at once' if when == 'shown' else 'withheld until a round closes'}."
        )

    @settings.command(name="leaderboard")
    @moderator_only()
    async def leaderboard(self, ctx: commands.Context, state: Literal["on", "off"]) -> None:
        """Turn this server's leaderboard on or off."""
        await self._change(ctx, leaderboard_enabled=state == "on")
        await ctx.send(f"The leaderboard is {state}.")

    @settings.command(name="tournament")
    @moderator_only()
    async def tournament(
        self, ctx: commands.Context, rounds: commands.Range[int, 1, 100], minutes: commands.Range[float, 0, 100_000]
    ) -> None:
        """Default rounds and minutes per round for new tournaments."""
        if not 1 <= rounds <= MAX_ROUNDS or not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise commands.BadArgument(f"Rounds 1 to {MAX_ROUNDS}; minutes {MIN_MINUTES:g} to {MAX_MINUTES:g}.")
        await self._change(ctx, tournament_rounds=rounds, tournament_minutes=minutes)
        await ctx.send(
            f"New tournaments: {plural(rounds, 'round')} of {minutes:g} {'minute' if minutes == 1 else 'minutes'}."
        )

    @settings.command(name="modrole")
    @moderator_only()
    async def modrole(self, ctx: commands.Context, role: discord.Role | None = None) -> None:
        """Set (or, with no role, clear) the role whose members moderate Counterpoint here."""
        await self._change(ctx, moderator_role_id=role.id if role else None)
        await ctx.send(f"Moderator role: {role.mention if role else 'none; Manage Server only'}.")

    @settings.command(name="disputes")
    @moderator_only()
    @app_commands.describe(channel="Where members' disputes of their scores are posted (none: disputes are off)")
    async def disputes(self, ctx: commands.Context, channel: discord.TextChannel | None = None) -> None:
        """Set (or, with no channel, clear) the channel where moderators get members' disputes of scores."""
        assert ctx.guild is not None  # moderator_only refuses DMs
        await self.bot.disputes.set_channel(ctx.guild.id, channel.id if channel else None)
        if channel is None:
            await ctx.send("Disputes are off: members are told there is no one to send them to.")
        else:
            await ctx.send(f"Disputes of scores go to {channel.mention}; only moderators can answer them.")


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Settings(bot))
