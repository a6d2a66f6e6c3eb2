"""Live state on the tournament's posted embeds. Not an extension: ``cogs.tournament`` owns one.

The round embed's "Submitted" count is edited as submissions arrive, at most once every
:data:`EDIT_INTERVAL` seconds per round (Discord rate-limits edits, and a burst before a
deadline would queue dozens): a submission arriving during the wait is folded into the next
edit, and the count is read from the database just before each edit, so the last one is right.
The registration embed's count is edited on ``tournament join`` / ``leave`` typed as commands,
as the buttons already do.

The messages are remembered in memory: after a restart, older embeds keep the count they had.
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.tournament import TournamentService

from .tournament_embeds import SUBMITTED, submitted_text

log = logging.getLogger("counterpoint.tournament")

#: The least time between two edits of one round's embed, in seconds.
EDIT_INTERVAL = 5.0


class LiveCounts:
    def __init__(self, service: TournamentService):
        self.service = service
        self.interval = EDIT_INTERVAL
        self._rounds: dict[tuple[int, int], discord.Message] = {}
        self._registrations: dict[int, discord.Message] = {}
        self._dirty: set[tuple[int, int]] = set()
        self._last_edit: dict[tuple[int, int], float] = {}
        self._updaters: dict[tuple[int, int], asyncio.Task] = {}

    def track_round(self, tournament_id: int, number: int, message: discord.Message) -> None:
        self._rounds[(tournament_id, number)] = message

    def track_registration(self, tournament_id: int, message: discord.Message) -> None:
        self._registrations[tournament_id] = message

    def submitted(self, tournament_id: int, number: int) -> None:
        """A submission was stored: bring the round's count up to date, soon."""
        key = (tournament_id, number)
        if key not in self._rounds:
            return
        self._dirty.add(key)
        updater = self._updaters.get(key)
        if updater is None or updater.done():
            self._updaters[key] = asyncio.create_task(self._update(key))

    async def _update(self, key: tuple[int, int]) -> None:
        loop = asyncio.get_running_loop()
        try:
            while key in self._dirty:
                wait = self._last_edit.get(key, float("-inf")) + self.interval - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)  # what arrives meanwhile is folded into this edit
                self._dirty.discard(key)
                tournament_id, number = key
                count = len(
                    {s.user_id for s in await self.service.storage.tournaments.submissions(tournament_id, number)}
                )
                participants = len(await self.service.storage.tournaments.participants(tournament_id))
                message = self._rounds[key]
                embed = message.embeds[0].copy()
                for index, field in enumerate(embed.fields):
                    if field.name == SUBMITTED:
                        embed.set_field_at(index, name=SUBMITTED, value=submitted_text(count, participants))
                self._rounds[key] = await message.edit(embed=embed)
                self._last_edit[key] = loop.time()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Updating the submission count of round %s of tournament %s failed", key[1], key[0])

    async def registration_changed(self, tournament_id: int, embed: discord.Embed) -> None:
        """The registration embed, with its new count, where it was posted."""
        message = self._registrations.get(tournament_id)
        if message is not None:
            self._registrations[tournament_id] = await message.edit(embed=embed)

    async def wait(self) -> None:
        """Until every pending edit is done."""
        while pending := [t for t in self._updaters.values() if not t.done()]:
            await asyncio.gather(*pending, return_exceptions=True)

    def cancel(self) -> None:
        for task in self._updaters.values():
            task.cancel()
