"""Tournaments in Discord: `tournament ...` commands, deadline timers, and recovery after
a restart. The Join/Leave and Submit buttons and the submission modal are in
:mod:`cogs.tournament_views`, the embeds in :mod:`cogs.tournament_embeds`.

Submissions are private: the round's button opens a modal, `/tournament submit`
answers ephemerally, and in DMs `tournament submit` (or a plain message while
the member is in exactly one open round) works too. A prefix submission typed
in the channel is deleted where the bot may, and its author warned.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import CounterpointBot
from bot.feedback import explain, plural, shorten
from bot.models import Tournament
from bot.tournament import OpenedRound, TournamentError, TournamentService
from bot.tournament_results import RoundResult

from .common import guarded_reply, moderator_only, send_private
from .embeds import feedback_embed
from .tournament_delivery import FeedbackDelivery
from .tournament_embeds import receipt_text, registration_embed, results_embed, round_embed, standings_embed
from .tournament_live import LiveCounts
from .tournament_views import RegistrationButton, SubmitButton, registration_view, round_view

log = logging.getLogger("counterpoint.tournament")


# --- the cog -----------------------------------------------------------------------------------


class Tournaments(commands.Cog):
    """Timed rebuttal tournaments run by moderators."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot
        self._timers: dict[tuple[int, int], asyncio.Task] = {}
        self._recovery: asyncio.Task | None = None
        self.deliveries = FeedbackDelivery(bot)
        self.live = LiveCounts(bot.tournaments)

    @property
    def service(self) -> TournamentService:
        return self.bot.tournaments

    async def cog_load(self) -> None:
        self._recovery = asyncio.create_task(self._recover_when_ready())

    async def cog_unload(self) -> None:
        for task in [*self._timers.values(), self._recovery]:
            if task is not None:
                task.cancel()
        self.deliveries.cancel()
        self.live.cancel()

    async def _recover_when_ready(self) -> None:
        await self.bot.wait_until_ready()
        await self.recover()

    async def recover(self) -> None:
        """Close rounds whose deadline passed while the bot was down, say so, and re-arm the rest."""
        recovery = await self.service.recover()
        for result in recovery.closed:
            await self._announce(
                result, note="The bot was offline at the deadline; only submissions received before it count."
            )
        for tournament, open_round in recovery.still_open:
            self.arm(tournament, open_round.number, open_round.deadline)

    def arm(self, tournament: Tournament, round_number: int, deadline: float) -> None:
        """Close the round at its deadline, by itself (in the one process that keeps its server's time)."""
        if not self.service.keeps_time_for(tournament):
            return
        tournament_id = tournament.id
        key = (tournament_id, round_number)
        if key not in self._timers or self._timers[key].done():
            self._timers[key] = asyncio.create_task(self._close_at(tournament_id, round_number, deadline))

    async def _close_at(self, tournament_id: int, round_number: int, deadline: float) -> None:
        try:
            await asyncio.sleep(max(0.0, deadline - self.service.clock()))
            await self.close_and_announce(tournament_id, round_number)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Closing round %s of tournament %s failed", round_number, tournament_id)
        finally:
            self._timers.pop((tournament_id, round_number), None)

    async def close_and_announce(self, tournament_id: int, round_number: int) -> RoundResult | None:
        """What a deadline timer does when it fires: close the round if due and post its results."""
        result = await self.service.close_if_due(tournament_id, round_number)
        if result is not None:
            await self._announce(result)
        return result

    async def _announce(self, result: RoundResult, note: str | None = None) -> None:
        channel = self.bot.get_channel(result.tournament.channel_id)
        if channel is None:
            log.warning("Channel %s of tournament %s is gone", result.tournament.channel_id, result.tournament.id)
            return
        assert isinstance(channel, discord.abc.Messageable)  # a tournament is created in a text channel
        fresh = await self.service.storage.tournaments.get(result.tournament.id)
        assert fresh is not None  # tournaments are never deleted
        last = result.round.number >= fresh.rounds
        waiting = fresh.state == "running" and not last and fresh.current_round == result.round.number
        posted = await channel.send(content=note, embed=results_embed(result, waiting=waiting))
        self.deliveries.start(result, posted, waiting)
        if fresh.state == "running" and last:
            await self.service.end(fresh)  # the last deadline ends the tournament
            await channel.send(embed=await self._standings(fresh, final=True))

    # --- commands ---------------------------------------------------------------------------

    @commands.hybrid_group(name="tournament", fallback="status")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def tournament(self, ctx: commands.Context) -> None:
        """The open tournament in this channel."""
        t = await self.service.in_channel(ctx.channel.id)
        count = len(await self.service.participants(t))
        state = "registration open" if t.state == "registration" else f"round {t.current_round} of {t.rounds}"
        await ctx.send(f"**{discord.utils.escape_markdown(t.name)}**: {state}, {plural(count, 'participant')}.")

    @tournament.command(name="create")
    @commands.guild_only()
    @moderator_only()
    @app_commands.describe(
        name="The tournament's name",
        case="Case id (default: the server's)",
        rounds="Number of rounds",
        minutes="Minutes per round",
        shuffle="Shuffle the Points (the seed is kept)",
        show_scores="Show each submission's score at once",
        late_join="Allow joining after the start",
    )
    async def create(
        self,
        ctx: commands.Context,
        name: str,
        case: str | None = None,
        rounds: commands.Range[int, 1, 100] | None = None,
        minutes: commands.Range[float, 0, 100_000] | None = None,
        shuffle: bool = False,
        show_scores: bool | None = None,
        late_join: bool = False,
    ) -> None:
        """Moderators: open a tournament in this channel for registration."""
        assert ctx.guild is not None  # guild_only
        if show_scores is None:
            show_scores = (await self.bot.storage.guild_settings.get(ctx.guild.id)).tournament_show_scores
        t = await self.service.create(
            ctx.guild.id,
            ctx.channel.id,
            name,
            ctx.author.id,
            case_id=case,
            rounds=rounds,
            minutes=minutes,
            shuffle=shuffle,
            show_scores=show_scores,
            late_join=late_join,
        )
        title = (await self.bot.catalog.get(t.case_id, t.guild_id)).title
        posted = await ctx.send(
            embed=registration_embed(t.name, title, t.rounds, t.minutes, 0), view=registration_view(t.id)
        )
        self.live.track_registration(t.id, posted)

    @tournament.command(name="join")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def join(self, ctx: commands.Context) -> None:
        """Join this channel's tournament."""
        t = await self.service.in_channel(ctx.channel.id)
        count = await self.service.join(t, ctx.author.id, ctx.author.display_name)
        await ctx.send(f"{ctx.author.display_name} joined {t.name} ({plural(count, 'participant')}).")
        await self._registration_changed(t, count)

    @tournament.command(name="leave")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def leave(self, ctx: commands.Context) -> None:
        """Leave this channel's tournament before it starts."""
        t = await self.service.in_channel(ctx.channel.id)
        count = await self.service.leave(t, ctx.author.id)
        await ctx.send(f"{ctx.author.display_name} left {t.name} ({plural(count, 'participant')}).")
        await self._registration_changed(t, count)

    async def _registration_changed(self, t: Tournament, count: int) -> None:
        """The registration embed's count, as the Join and Leave buttons keep it."""
        title = (await self.bot.catalog.get(t.case_id, t.guild_id)).title
        await self.live.registration_changed(t.id, registration_embed(t.name, title, t.rounds, t.minutes, count))

    @tournament.command(name="start")
    @commands.guild_only()
    @moderator_only()
    async def start(self, ctx: commands.Context) -> None:
        """Moderators: close registration and open round 1."""
        opened = await self.service.start(await self.service.in_channel(ctx.channel.id))
        await self._release(ctx, opened)

    @tournament.command(name="next")
    @commands.guild_only()
    @moderator_only()
    async def next_round(self, ctx: commands.Context) -> None:
        """Moderators: close the current round now and open the next (after the last: finish)."""
        t = await self.service.in_channel(ctx.channel.id)
        result, opened = await self.service.advance(t)
        if result is not None:
            await self._post_results(ctx, result)
        if opened is None:
            await ctx.send(embed=await self._standings(t, final=True))
        else:
            await self._release(ctx, opened)

    @tournament.command(name="end")
    @commands.guild_only()
    @moderator_only()
    async def end(self, ctx: commands.Context) -> None:
        """Moderators: close the current round and post the final standings."""
        t = await self.service.in_channel(ctx.channel.id)
        result = await self.service.end(t)
        if result is not None:
            await self._post_results(ctx, result)
        await ctx.send(embed=await self._standings(t, final=True))

    @tournament.command(name="cancel")
    @commands.guild_only()
    @moderator_only()
    async def cancel(self, ctx: commands.Context) -> None:
        """Moderators: stop the tournament; nothing more is scored."""
        t = await self.service.in_channel(ctx.channel.id)
        await self.service.cancel(t)
        await ctx.send(f"{t.name} is cancelled.")

    @tournament.command(name="submit")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(text="Your rebuttal to the current round's Point")
    async def submit(self, ctx: commands.Context, *, text: str) -> None:
        """Submit your rebuttal privately (slash command, or in a DM to me)."""
        if ctx.guild is not None and ctx.interaction is None:
            await self._hide_public_submission(ctx)
        if ctx.guild is None:
            candidates = await self.service.open_for(ctx.author.id)
            if len(candidates) != 1:
                raise TournamentError(
                    "You have no open round to answer."
                    if not candidates
                    else "You are in several open rounds: use the Submit button in each tournament's channel."
                )
            t = candidates[0]
        else:
            t = await self.service.in_channel(ctx.channel.id)
        receipt = await self.service.submit(t, ctx.author.id, ctx.author.display_name, text)
        self.live.submitted(t.id, receipt.round)
        await send_private(ctx, content=receipt_text(receipt))

    async def _hide_public_submission(self, ctx: commands.Context) -> None:
        """A rebuttal typed in the channel: remove it so others cannot read it (where allowed), and say so.
        Whether it was accepted is told to the author privately, by the submission itself."""
        try:
            await ctx.message.delete()
            warning = "I deleted your rebuttal from the channel so others cannot read it."
        except (discord.Forbidden, discord.NotFound):
            warning = "your rebuttal is visible in the channel (I may not delete messages here)."
        await ctx.send(f"{ctx.author.display_name}: {warning} Submit privately: `/tournament submit`, or DM me.")

    @tournament.command(name="results")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def results(self, ctx: commands.Context, round_number: commands.Range[int, 1, 100]) -> None:
        """A closed round's ranking (this channel's open tournament, else its latest)."""
        t = await self.service.latest_in(ctx.channel.id)
        current = await self.service.round_of(t, round_number)
        if current.is_open:
            raise TournamentError(f"Round {round_number} is still open.")
        await ctx.send(embed=results_embed(await self.service.results(t, round_number)))

    @tournament.command(name="standings")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def standings(self, ctx: commands.Context) -> None:
        """Cumulative standings over the closed rounds (this channel's open tournament, else its latest)."""
        t = await self.service.latest_in(ctx.channel.id)
        await ctx.send(embed=await self._standings(t, final=False))

    @tournament.command(name="feedback")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @commands.guild_only()
    async def feedback(self, ctx: commands.Context, round_number: commands.Range[int, 1, 100]) -> None:
        """Your own full feedback for a round, privately (this channel's open tournament, else its latest)."""
        t = await self.service.latest_in(ctx.channel.id)
        submission, point, coverage = await self.service.feedback(t, ctx.author.id, round_number)
        await send_private(ctx, embed=feedback_embed(point, explain(point, coverage), submission.name))

    @tournament.command(name="adjust")
    @commands.guild_only()
    @moderator_only()
    async def adjust(
        self,
        ctx: commands.Context,
        member: discord.Member,
        round_number: commands.Range[int, 1, 100],
        score: commands.Range[int, 0, 100],
        *,
        reason: str,
    ) -> None:
        """Moderators: override a score (the original is kept; the change is logged)."""
        t = await self.service.in_channel(ctx.channel.id)
        original = await self.service.adjust(t, member.id, round_number, score, reason, ctx.author.id)
        await ctx.send(
            f"Round {round_number}: {member.mention}'s score is now {score}% "
            f"(was {original.score}%). Reason: {shorten(reason, 200)}"
        )
        if not (await self.service.round_of(t, round_number)).is_open:  # its results are out: post them again
            await ctx.send(embed=results_embed(await self.service.results(t, round_number), amended=True))

    @tournament.command(name="export")
    @commands.guild_only()
    @moderator_only()
    async def export(self, ctx: commands.Context) -> None:
        """Moderators: CSVs of every submission and of the standings."""
        t = await self.service.latest_in(ctx.channel.id)
        per_round, final = await self.service.export(t)
        slug = re.sub(r"[^a-z0-9]+", "-", t.name.lower()).strip("-") or "tournament"
        await ctx.send(
            content=f"{t.name}: submissions and standings.",
            files=[
                discord.File(io.BytesIO(per_round.encode("utf-8")), filename=f"{slug}-rounds.csv"),
                discord.File(io.BytesIO(final.encode("utf-8")), filename=f"{slug}-standings.csv"),
            ],
        )

    async def _post_results(self, ctx: commands.Context, result: RoundResult) -> None:
        """A round a moderator closed: its results in the channel, each player's feedback by DM."""
        self.deliveries.start(result, await ctx.send(embed=results_embed(result)))

    async def _standings(self, t: Tournament, final: bool) -> discord.Embed:
        closed = await self.service.rounds_closed(t)
        return standings_embed(t.name, await self.service.standings(t), final=final, any_closed=closed > 0)

    async def _release(self, ctx: commands.Context, opened: OpenedRound) -> None:
        participants = len(await self.service.participants(opened.tournament))
        posted = await ctx.send(embed=round_embed(opened, participants), view=round_view(opened))
        self.live.track_round(opened.tournament.id, opened.round.number, posted)
        self.arm(opened.tournament, opened.round.number, opened.round.deadline)

    # --- DMs: a plain message while in exactly one open round is a submission ------------

    @commands.Cog.listener()
    async def on_tournament_submission(self, tournament_id: int, round_number: int) -> None:
        """A submission through the modal (:mod:`cogs.tournament_views`), which has no cog at hand."""
        self.live.submitted(tournament_id, round_number)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return
        if (await self.bot.get_context(message)).prefix is not None:
            return
        tournament = await self.service.tournament_for_dm(message.author.id)
        if tournament is None:
            return

        async def take() -> None:
            receipt = await self.service.submit(
                tournament, message.author.id, message.author.display_name, message.content
            )
            self.live.submitted(tournament.id, receipt.round)
            await message.channel.send(receipt_text(receipt))

        await guarded_reply(message, take)


async def setup(bot: CounterpointBot) -> None:
    bot.add_dynamic_items(RegistrationButton, SubmitButton)
    await bot.add_cog(Tournaments(bot))


async def teardown(bot: CounterpointBot) -> None:
    bot.remove_dynamic_items(RegistrationButton, SubmitButton)
