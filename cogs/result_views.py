"""The buttons under a practice result: Try again, Hint, Show answer, Next Point, and in a server
Dispute this score (see :mod:`cogs.disputes`).

Each custom id carries the action, the member who owns the result, the case and
the Point, so the buttons keep working after a restart. Only that member may
use them; anyone else is refused privately. The services enforce the rest (a
Point locked by the member's open tournament round, rate limits).
"""

from __future__ import annotations

import re

import discord

from bot.client import send_ephemeral
from bot.models import AttemptResult

from .common import guarded, learner_of, place_of
from .disputes import DisputeButton
from .embeds import answer_embed
from .practice import _CASE, NewPointButton, RebutButton, _focused, _service


def result_view(result: AttemptResult, owner_id: int) -> discord.ui.View:
    """The buttons under the feedback embed of ``owner_id``'s attempt."""
    view = discord.ui.View(timeout=None)
    case_id, point = result.attempt.case_id, result.point.number
    for button in RESULT_BUTTONS:
        view.add_item(button(owner_id, case_id, point))
    if result.attempt.guild_id is not None:  # in DMs there are no moderators to dispute a score with
        view.add_item(DisputeButton(owner_id, result.attempt.id))
    return view


class _ResultButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"cp:r[ahsn]:(?P<owner>\d+):(?P<case>{_CASE}):(?P<point>\d+)",
):
    """A button under one member's result for one Point."""

    code: str
    label: str
    emoji: str
    style = discord.ButtonStyle.secondary

    def __init__(self, owner_id: int, case_id: str, point: int):
        super().__init__(
            discord.ui.Button(
                label=self.label,
                style=self.style,
                emoji=self.emoji,
                custom_id=f"cp:r{self.code}:{owner_id}:{case_id}:{point}",
            )
        )
        self.owner_id, self.case_id, self.point = owner_id, case_id, point

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["owner"]), match["case"], int(match["point"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            await send_ephemeral(interaction, "These buttons are for the member who sent this rebuttal.")
            return
        await self.act(interaction)

    async def act(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class TryAgainButton(_ResultButton, template=rf"cp:ra:(?P<owner>\d+):(?P<case>{_CASE}):(?P<point>\d+)"):
    code, label, emoji, style = "a", "Try again", "\u270d\ufe0f", discord.ButtonStyle.primary

    async def act(self, interaction: discord.Interaction) -> None:
        async def action() -> None:  # refused before the modal opens if a round of the member's is on this Point
            await _service(interaction).ensure_unlocked(learner_of(interaction.user), self.case_id, self.point)

        await guarded(interaction, action)
        if not interaction.response.is_done():
            await RebutButton(self.case_id, self.point).callback(interaction)  # the same modal


class ResultHintButton(_ResultButton, template=rf"cp:rh:(?P<owner>\d+):(?P<case>{_CASE}):(?P<point>\d+)"):
    code, label, emoji = "h", "Hint", "\U0001f4a1"

    async def act(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service, learner, place = await _focused(interaction, self.case_id, self.point)
            text, label = await service.numbered_hint(learner, place)
            await send_ephemeral(interaction, f"\U0001f4a1 **{label}**: {text}")

        await guarded(interaction, action)


class ShowAnswerButton(_ResultButton, template=rf"cp:rs:(?P<owner>\d+):(?P<case>{_CASE}):(?P<point>\d+)"):
    code, label, emoji = "s", "Show answer", "\U0001f4d6"

    async def act(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service, learner, place = await _focused(interaction, self.case_id, self.point)
            prompt = await service.answer(learner, place)
            await interaction.response.send_message(embed=answer_embed(prompt.case, prompt.point), ephemeral=True)

        await guarded(interaction, action)


class NextPointButton(_ResultButton, template=rf"cp:rn:(?P<owner>\d+):(?P<case>{_CASE}):(?P<point>\d+)"):
    code, label, emoji = "n", "Next Point", "\u23ed\ufe0f"

    async def act(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            learner = learner_of(interaction.user)
            place = place_of(interaction.guild, interaction.channel)
            prompt = await service.next_after(learner, place, self.case_id, self.point)
            await NewPointButton.post(interaction, prompt)

        await guarded(interaction, action)


RESULT_BUTTONS = (TryAgainButton, ResultHintButton, ShowAnswerButton, NextPointButton)
