"""A server's case library: moderators upload, remove and choose the default case;
anyone can list and look at cases (the article's full text only for moderators)."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands

from bot.case_quality import quality_warnings
from bot.cases import MAX_FILE_BYTES
from bot.client import CounterpointBot
from bot.feedback import plural, shorten
from bot.importer import MAX_ARTICLE_BYTES, ImportError_, import_file

from .common import is_moderator, learner_of, moderator_only, send_private
from .embed_limits import pack_embeds
from .embeds import FIELD_VALUE_LIMIT, MAX_FIELDS, POINT_COLOUR, TITLE_LIMIT, answer_embed, cases_embed, fit_embed


def case_summary_embed(case, hidden: dict[int, str] | None = None) -> discord.Embed:
    """The case's Points and summaries; a Point in ``hidden`` (a tournament round is on it) shows
    no summaries, only why."""
    hidden = hidden or {}
    embed = discord.Embed(title=shorten(f"{case.title} ({case.id})", TITLE_LIMIT), colour=POINT_COLOUR)
    embed.description = shorten(case.attribution, 4096)
    for point in case.points[:MAX_FIELDS]:
        lines = "\n".join(f"\u2022 {arg.summary}" for arg in point.counterarguments)
        if point.number in hidden:
            lines = f"Hidden while a round of {hidden[point.number]} is on this Point."
        embed.add_field(
            name=shorten(f"Point {point.number}: {point.claim}", TITLE_LIMIT),
            value=shorten(lines, FIELD_VALUE_LIMIT),
            inline=False,
        )
    embed.set_footer(text=f"version {case.version} \u00b7 practise it with: practice {case.id}")
    return fit_embed(embed)


class Cases(commands.Cog):
    """The cases this server practises."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @commands.hybrid_group(name="case", fallback="list")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def case(self, ctx: commands.Context) -> None:
        """The cases you can practise here."""
        await ctx.send(embed=cases_embed(await self.bot.catalog.library_for(ctx.guild.id if ctx.guild else None)))

    @case.command(name="upload")
    @commands.guild_only()
    @moderator_only()
    @app_commands.describe(file="A case file (.toml); see `counterpoint cases import` to make one from an article")
    async def upload(self, ctx: commands.Context, file: discord.Attachment | None = None) -> None:
        """Moderators: add or replace one of this server's cases from a TOML file."""
        assert ctx.guild is not None  # guild_only
        attachment = file or (ctx.message.attachments[0] if ctx.message and ctx.message.attachments else None)
        if attachment is None:
            raise commands.BadArgument("Attach a case file (.toml) to the command.")
        if attachment.size > MAX_FILE_BYTES:
            raise commands.BadArgument(f"That file is over {MAX_FILE_BYTES // 1024} KB.")
        raw = await attachment.read()
        case = await self.bot.catalog.upload(ctx.guild.id, raw, attachment.filename, ctx.author.id)
        count = sum(len(p.counterarguments) for p in case.points)
        message = (
            f"Case `{case.id}` (version {case.version}) is ready here: {plural(len(case.points), 'Point')}, "
            f"{plural(count, 'counterargument')}."
        )
        warnings = quality_warnings(case)
        if warnings:
            shown = "\n".join(f"\u2022 {shorten(w, 300)}" for w in warnings[:5])
            more = f"\n\u2026 and {len(warnings) - 5} more" if len(warnings) > 5 else ""
            message += f"\n{plural(len(warnings), 'warning')} to fix before students use it:\n{shown}{more}"
        await ctx.send(shorten(message, 2000))

    @case.command(name="import")
    @commands.guild_only()
    @moderator_only()
    @app_commands.describe(file="The article: .txt, .md or .html (a saved web page)")
    async def import_(self, ctx: commands.Context, file: discord.Attachment | None = None) -> None:
        """Moderators: an article as a draft case file, sent to you privately to edit and upload."""
        attachment = file or (ctx.message.attachments[0] if ctx.message and ctx.message.attachments else None)
        if attachment is None:
            raise commands.BadArgument("Attach the article (.txt, .md or .html) to the command.")
        if attachment.size > MAX_ARTICLE_BYTES:
            raise commands.BadArgument(
                f"{attachment.filename} is {attachment.size / 2**20:.1f} MB; an article may be at most "
                f"{MAX_ARTICLE_BYTES // 2**20} MB."
            )
        await ctx.defer(ephemeral=True)
        raw = await attachment.read()
        try:  # off the event loop: an HTML page's extraction takes a moment
            imported = await asyncio.to_thread(import_file, raw, attachment.filename)
        except ImportError_ as error:
            raise commands.UserInputError(str(error)) from None
        case = imported.case
        count = sum(len(p.counterarguments) for p in case.points)
        message = (
            f"Draft case `{case.id}` from {attachment.filename}: {plural(len(case.points), 'Point')}, "
            f"{plural(count, 'candidate counterargument')}. Edit it (the TODO summaries, the hints, phrasings), "
            "then upload it with `case upload`."
        )
        if imported.warnings:
            shown = "\n".join(
                f"\u2022 {'' if line is None else f'line {line}: '}{shorten(text, 240)}"
                for line, text in imported.warnings[:8]
            )
            more = f"\n\u2026 and {len(imported.warnings) - 8} more" if len(imported.warnings) > 8 else ""
            message += f"\n{plural(len(imported.warnings), 'warning')} to review:\n{shown}{more}"
        draft = discord.File(io.BytesIO(imported.toml.encode("utf-8")), filename=f"{case.id}.toml")
        await send_private(ctx, content=shorten(message, 2000), file=draft)

    @case.command(name="remove")
    @commands.guild_only()
    @moderator_only()
    async def remove(self, ctx: commands.Context, case_id: str) -> None:
        """Moderators: take one of this server's cases out of use (past attempts keep it)."""
        assert ctx.guild is not None  # guild_only
        await self.bot.catalog.remove(ctx.guild.id, case_id)
        await ctx.send(f"Case `{case_id}` is no longer available here.")

    @case.command(name="show")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def show(self, ctx: commands.Context, case_id: str) -> None:
        """A case's Points and the summaries of its counterarguments (moderators also get the full text)."""
        case = await self.bot.catalog.get(case_id, ctx.guild.id if ctx.guild else None)
        if ctx.guild is not None and await is_moderator(self.bot, ctx.author, ctx.guild):
            # every Point, in as many messages as Discord's 6,000 characters a message need
            for number, embeds in enumerate(pack_embeds([answer_embed(case, point) for point in case.points])):
                content = f"The full text of `{case.id}` (moderators only):" if number == 0 else None
                await send_private(ctx, content=content, embeds=embeds)
            return
        hidden = {  # a running round's Point: in this server, and for its participants anywhere
            **await self.bot.tournaments.points_in_play(ctx.guild.id if ctx.guild else None, case.id),
            **await self.bot.practice.locked_points(learner_of(ctx.author), case.id),
        }
        await ctx.send(embed=case_summary_embed(case, hidden))

    @case.command(name="default")
    @commands.guild_only()
    @moderator_only()
    async def default(self, ctx: commands.Context, case_id: str) -> None:
        """Moderators: the case `practice` and `tournament create` use when none is named."""
        assert ctx.guild is not None  # guild_only
        case = await self.bot.catalog.get(case_id, ctx.guild.id)
        settings = await self.bot.storage.guild_settings.get(ctx.guild.id)
        await self.bot.storage.guild_settings.save(replace(settings, default_case=case.id))
        await ctx.send(f"The default case here is now `{case.id}` ({case.title}).")


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Cases(bot))
