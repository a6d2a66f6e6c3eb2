"""Each participant's own feedback, sent by DM when a round closes. Not an extension:
``cogs.tournament`` starts a delivery after posting a round's results.

The DMs go out in a task of their own, so closing the round (and opening the next)
never waits on them. A member whose DMs are closed is skipped and logged, and the
posted results are amended to say how many could not be reached and what to use instead.
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.client import CounterpointBot
from bot.feedback import explain
from bot.tournament import TournamentError
from bot.tournament_results import RoundResult

from .embeds import feedback_embed
from .tournament_embeds import results_embed

log = logging.getLogger("counterpoint.tournament")

#: DMs sent at once; discord.py queues the rest behind its rate limits anyway.
CONCURRENT_DMS = 5


class FeedbackDelivery:
    """The DM deliveries in flight, so the cog can cancel them on unload (and tests can wait)."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot
        self.tasks: set[asyncio.Task] = set()

    def start(self, result: RoundResult, posted: discord.Message, waiting: bool = False) -> asyncio.Task:
        """DM every participant of ``result`` their feedback; then amend ``posted`` if some could not be."""
        task = asyncio.create_task(self._deliver(result, posted, waiting))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def wait(self) -> None:
        """Until every delivery started so far is done."""
        while self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)

    def cancel(self) -> None:
        for task in self.tasks:
            task.cancel()

    async def _deliver(self, result: RoundResult, posted: discord.Message, waiting: bool) -> None:
        try:
            gate = asyncio.Semaphore(CONCURRENT_DMS)

            async def one(user_id: int) -> bool:
                async with gate:
                    return await self._send(result, user_id)

            sent = await asyncio.gather(*(one(p.user_id) for p in result.placings))
            unreached = sent.count(False)
            if unreached:
                await posted.edit(embed=results_embed(result, waiting=waiting, unreached=unreached))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception(
                "Sending the feedback of round %s of tournament %s failed", result.round.number, result.tournament.id
            )

    async def _send(self, result: RoundResult, user_id: int) -> bool:
        """One participant's feedback by DM; False where their DMs are closed (or they are gone)."""
        t, number = result.tournament, result.round.number
        try:
            submission, point, coverage = await self.bot.tournaments.feedback(t, user_id, number)
        except TournamentError:  # their submission is gone since (forget-me): nothing to send
            return True
        guild = self.bot.get_guild(t.guild_id)
        try:
            user = (guild.get_member(user_id) if guild else None) or await self.bot.fetch_user(user_id)
            await user.send(
                content=f"{t.name}, round {number}: your feedback.",
                embed=feedback_embed(point, explain(point, coverage), submission.name),
            )
        except discord.HTTPException as error:  # DMs closed (403), the user gone (404), Discord failing
            log.info("Could not DM %s their feedback for round %s of tournament %s: %s", user_id, number, t.id, error)
            return False
        return True
