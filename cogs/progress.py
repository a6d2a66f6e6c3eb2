"""Progress in Discord: progress (with a chart), history, feedback, due, leaderboard,
privacy, forget-me, and the moderators' leaderboard reset.

In a server these show that server's practice; in DMs, the learner's own
practice everywhere. Another member's private practice is never shown.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands

from bot.chart import render_progress_chart
from bot.client import CounterpointBot
from bot.feedback import explain, plural, shorten
from bot.models import Attempt
from bot.practice import PracticeError
from bot.progress import PERIODS, Leaderboard, ProgressReport, ProgressService, ScheduledPoint

from .common import OnlyFor, learner_of, send_private
from .embeds import DESCRIPTION_LIMIT, FIELD_VALUE_LIMIT, POINT_COLOUR, TITLE_LIMIT, feedback_embed, fit_embed

log = logging.getLogger("counterpoint.progress")
PAGE_SIZE = 10


def progress_embed(report: ProgressReport) -> discord.Embed:
    where = "everywhere" if report.everywhere else "in this server"
    embed = discord.Embed(title=shorten(f"{report.learner_name}'s progress ({where})", 256), colour=POINT_COLOUR)
    embed.add_field(name="Attempts", value=str(report.attempts))
    embed.add_field(name="Points practised", value=str(len(report.points)))
    embed.add_field(
        name="Streak",
        value=f"{plural(report.current_streak, 'day')} \u00b7 longest {plural(report.longest_streak, 'day')}",
    )
    trend = report.trend
    average = f"{report.recent_average:.0f}% over the last {min(report.attempts, 10)}"
    if trend is not None:
        arrow = "\u25b2" if trend > 0 else "\u25bc" if trend < 0 else "\u25b6"
        average += f" ({arrow} {trend:+.0f} vs the 10 before)"
    embed.add_field(name="Average coverage", value=average, inline=False)
    points = "\n".join(
        f"{p.case_id} Point {p.point}: best {p.best}%, latest {p.latest}% ({plural(p.attempts, 'try', 'tries')})"
        for p in report.points
    )
    embed.add_field(name="By Point", value=shorten(points, FIELD_VALUE_LIMIT), inline=False)
    weakest = [r for r in report.hit_rates if r.rate < 1][:3]
    if weakest:
        lines = "\n".join(f"{r.rate:.0%} \u00b7 {r.summary}" for r in weakest)
        embed.add_field(name="You keep missing", value=shorten(lines, FIELD_VALUE_LIMIT), inline=False)
    return fit_embed(embed)


def leaderboard_embed(board: Leaderboard, page: int) -> discord.Embed:
    pages = max(1, -(-len(board.rows) // PAGE_SIZE))
    embed = discord.Embed(title=f"Leaderboard ({board.period})", colour=POINT_COLOUR)
    rows = board.rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    scale = f" of {board.possible:,}" if board.possible else ""
    embed.description = (
        "\n".join(
            f"**{r.rank}.** {discord.utils.escape_markdown(r.learner_name)} \u2014 {r.total:,}{scale} "
            f"({plural(r.attempts, 'attempt')})"
            for r in rows
        )
        or "No practice in this period yet."
    )
    embed.set_footer(text=f"Page {page + 1}/{pages} \u00b7 score: sum over Points of each member's best coverage")
    return fit_embed(embed)


def history_embed(name: str, attempts: list[Attempt]) -> discord.Embed:
    lines = [
        f"`#{a.id}` <t:{int(a.created_at)}:R> \u00b7 {a.case_id} Point {a.point} \u00b7 **{a.score}%**"
        for a in attempts
    ]
    return fit_embed(
        discord.Embed(
            title=shorten(f"{name}'s latest attempts", TITLE_LIMIT),
            description=shorten("\n".join(lines), DESCRIPTION_LIMIT - 70)
            + "\n\nSee one again with `feedback <number>` or the menu below.",
            colour=POINT_COLOUR,
        )
    )


def schedule_embed(scheduled: list[ScheduledPoint], now: float) -> discord.Embed:
    lines = [
        f"{'**due now**' if s.due <= now else f'<t:{int(s.due)}:R>'} \u00b7 {s.case_id} Point {s.point}: "
        f"{shorten(s.claim, 80)}"
        for s in scheduled[:20]
    ]
    embed = discord.Embed(title="Your practice schedule", description="\n".join(lines), colour=POINT_COLOUR)
    embed.set_footer(text="practice with no Point picks the one due first.")
    return fit_embed(embed)


class LeaderboardPages(discord.ui.View):
    """Previous/next buttons over a leaderboard longer than one page."""

    def __init__(self, board: Leaderboard):
        super().__init__(timeout=300)
        self.board = board
        self.page = 0
        self.pages = max(1, -(-len(board.rows) // PAGE_SIZE))
        self._update_buttons()

    def _update_buttons(self) -> None:  # not _refresh: discord.py's View calls its own _refresh(components)
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._update_buttons()
        await interaction.response.edit_message(embed=leaderboard_embed(self.board, self.page), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary, emoji="\u25c0\ufe0f")
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary, emoji="\u25b6\ufe0f")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)


class AttemptPicker(OnlyFor):
    """A menu under the history: pick an attempt to see its full feedback again."""

    def __init__(self, owner_id: int, service: ProgressService, options: list[discord.SelectOption]):
        super().__init__(owner_id)
        self.service = service
        self.pick.options = options  # type: ignore[assignment]  # discord.py select decorator typing

    @discord.ui.select(placeholder="See an attempt's full feedback")
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        attempt, point, coverage = await self.service.feedback(
            int(select.values[0]), str(interaction.user.id), interaction.guild.id if interaction.guild else None
        )
        await interaction.client.practice.ensure_unlocked(  # type: ignore[attr-defined]
            learner_of(interaction.user), attempt.case_id, attempt.point
        )
        embed = feedback_embed(point, explain(point, coverage), attempt.learner_name)
        await interaction.response.send_message(embed=embed, ephemeral=True)


class ForgetConfirmation(OnlyFor):
    def __init__(self, owner_id: int, service: ProgressService):
        super().__init__(owner_id, timeout=60)
        self.service = service

    @discord.ui.button(label="Delete all my data", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        removed = await self.service.forget(str(interaction.user.id))
        self.stop()
        await interaction.response.edit_message(
            content=f"Done: {plural(removed, 'record')} deleted. Counterpoint keeps nothing of yours now.", view=None
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Nothing was deleted.", view=None)


class Progress(commands.Cog):
    """See how you are doing, what is due, and how the server ranks."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @property
    def service(self) -> ProgressService:
        return self.bot.progress

    def _target(self, ctx: commands.Context, member: discord.Member | discord.User | None) -> discord.abc.User:
        if member is not None and ctx.guild is None and member.id != ctx.author.id:
            raise commands.BadArgument("In DMs you can only see your own practice.")
        return member or ctx.author

    @commands.hybrid_command(name="progress")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(member="Whose progress (default: yours)")
    async def progress(self, ctx: commands.Context, member: discord.Member | None = None) -> None:
        """Your practice so far, with a chart: scores, trend, streaks, what you keep missing."""
        target = self._target(ctx, member)
        report = await self.service.report(str(target.id), ctx.guild.id if ctx.guild else None)
        if report is None:
            whose = "You have" if target.id == ctx.author.id else f"{target.display_name} has"
            await ctx.send(f"{whose} no practice {'here ' if ctx.guild else ''}yet. Start with `practice`.")
            return
        locked = await self.bot.practice.locked_points(learner_of(ctx.author))  # no summaries of a round's Point
        report = replace(report, hit_rates=tuple(h for h in report.hit_rates if (h.case_id, h.point) not in locked))
        png = await asyncio.to_thread(render_progress_chart, report)
        embed = progress_embed(report)
        embed.set_image(url="attachment://progress.png")
        await ctx.send(embed=embed, file=discord.File(io.BytesIO(png), filename="progress.png"))

    @commands.hybrid_command(name="history")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(member="Whose attempts (default: yours)", count="How many (1-25, default 10)")
    async def history(
        self, ctx: commands.Context, member: discord.Member | None = None, count: commands.Range[int, 1, 25] = 10
    ) -> None:
        """Your latest attempts; pick one to see its full feedback again."""
        target = self._target(ctx, member)
        attempts = await self.service.history(str(target.id), ctx.guild.id if ctx.guild else None, count)
        if not attempts:
            await ctx.send("No attempts to show yet. Start with `practice`.")
            return
        embed = history_embed(target.display_name, attempts)
        options = [
            discord.SelectOption(
                label=f"#{a.id} \u00b7 Point {a.point} \u00b7 {a.score}%",
                value=str(a.id),
                description=shorten(a.text, 100),
            )
            for a in attempts
        ]
        await ctx.send(embed=embed, view=AttemptPicker(ctx.author.id, self.service, options))

    @commands.hybrid_command(name="feedback")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(attempt="The attempt's number, from `history`")
    async def feedback(self, ctx: commands.Context, attempt: commands.Range[int, 1, 2**62]) -> None:
        """One attempt's full feedback, again."""
        stored, point, coverage = await self.service.feedback(
            attempt, str(ctx.author.id), ctx.guild.id if ctx.guild else None
        )
        await self.bot.practice.ensure_unlocked(learner_of(ctx.author), stored.case_id, stored.point)
        await ctx.send(embed=feedback_embed(point, explain(point, coverage), stored.learner_name))

    @commands.hybrid_command(name="due")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def due(self, ctx: commands.Context) -> None:
        """Which Points are due for practice, and when."""
        scheduled = await self.service.schedule(str(ctx.author.id))
        if not scheduled:
            await send_private(
                ctx, content="Nothing is scheduled yet: every Point you practise is scheduled by how well it went."
            )
            return
        embed = schedule_embed(scheduled, time.time())
        await send_private(ctx, embed=embed)

    @commands.hybrid_command(name="leaderboard")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    @app_commands.describe(period="week, month or all (this season)")
    async def leaderboard(self, ctx: commands.Context, period: str = "all") -> None:
        """The server's ranking: each member's best coverage summed over Points."""
        assert ctx.guild is not None  # guild_only
        if not (await self.bot.storage.guild_settings.get(ctx.guild.id)).leaderboard_enabled:
            raise PracticeError("The leaderboard is turned off on this server.")
        board = await self.service.leaderboard(ctx.guild.id, period.lower())
        view = LeaderboardPages(board) if len(board.rows) > PAGE_SIZE else None
        if view:
            await ctx.send(embed=leaderboard_embed(board, 0), view=view)
        else:
            await ctx.send(embed=leaderboard_embed(board, 0))

    @leaderboard.autocomplete("period")
    async def _period_autocomplete(self, interaction: discord.Interaction, current: str):
        return [app_commands.Choice(name=p, value=p) for p in PERIODS if current.lower() in p]

    @commands.hybrid_command(name="privacy")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(setting="share: your DM practice counts on server leaderboards; private: it does not")
    async def privacy(self, ctx: commands.Context, setting: str | None = None) -> None:
        """Whether your private (DM) practice counts on server leaderboards. Default: private."""
        learner = str(ctx.author.id)
        if setting is not None:
            if setting.lower() not in ("share", "private"):
                raise commands.BadArgument("Choose `share` or `private`.")
            await self.service.set_shares_private(learner, setting.lower() == "share")
        shared = await self.service.shares_private(learner)
        state = "counts on the leaderboards of servers where you practise" if shared else "stays private"
        await send_private(
            ctx, content=f"Your DM practice {state}. Change it with `privacy share` or `privacy private`."
        )

    @commands.hybrid_command(name="export-me")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def export_me(self, ctx: commands.Context) -> None:
        """A JSON file of everything Counterpoint keeps about you, sent privately."""
        data = await self.service.export(str(ctx.author.id))
        payload = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
        await send_private(
            ctx,
            content=(
                f"Your data: {plural(len(data['attempts']), 'attempt')} "
                f"and {plural(len(data['schedule']), 'scheduled Point')}."
            ),
            file=discord.File(io.BytesIO(payload), filename="counterpoint-data.json"),
        )

    @commands.hybrid_command(name="forget-me")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def forget_me(self, ctx: commands.Context) -> None:
        """Delete everything Counterpoint keeps about you (asks first)."""
        await send_private(
            ctx,
            content=(
                "This deletes all your attempts, schedules, sessions and settings, and your tournament entries "
                "and submissions, everywhere. It cannot be undone."
            ),
            view=ForgetConfirmation(ctx.author.id, self.service),
        )

    @commands.hybrid_command(name="reset-leaderboard")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    async def reset_leaderboard(self, ctx: commands.Context) -> None:
        """Moderators: start a new leaderboard season. The old one is archived; no attempt is deleted."""
        assert ctx.guild is not None  # guild_only
        season = await self.service.reset_leaderboard(ctx.guild.id, ctx.author.id)
        await ctx.send(f"Season {season} has started; the previous season is archived.")


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Progress(bot))
