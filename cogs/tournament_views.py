"""The tournament's buttons (Join/Leave, Submit rebuttal) and the submission modal.
Not an extension: ``cogs.tournament`` registers the dynamic items."""

from __future__ import annotations

import re

import discord

from bot.tournament import OpenedRound, TournamentError, TournamentService

from .common import guarded
from .tournament_embeds import receipt_text, registration_embed

# --- buttons and the modal -----------------------------------------------------------------


def _service(interaction: discord.Interaction) -> TournamentService:
    return interaction.client.tournaments  # type: ignore[attr-defined]


class RegistrationButton(discord.ui.DynamicItem[discord.ui.Button], template=r"cp:t(?P<action>join|leave):(?P<id>\d+)"):
    def __init__(self, action: str, tournament_id: int):
        super().__init__(
            discord.ui.Button(
                label="Join" if action == "join" else "Leave",
                style=discord.ButtonStyle.success if action == "join" else discord.ButtonStyle.secondary,
                custom_id=f"cp:t{action}:{tournament_id}",
            )
        )
        self.action, self.tournament_id = action, tournament_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(match["action"], int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            tournament = await service.storage.tournaments.get(self.tournament_id)
            if tournament is None or not tournament.is_open:
                raise TournamentError("That tournament is over.")
            if self.action == "join":
                count = await service.join(tournament, interaction.user.id, interaction.user.display_name)
                message = f"You are in {tournament.name}."
            else:
                count = await service.leave(tournament, interaction.user.id)
                message = f"You have left {tournament.name}."
            case = await service.catalog.get(tournament.case_id, tournament.guild_id)
            await interaction.response.edit_message(
                embed=registration_embed(tournament.name, case.title, tournament.rounds, tournament.minutes, count)
            )
            await interaction.followup.send(message, ephemeral=True)

        await guarded(interaction, action)


def registration_view(tournament_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RegistrationButton("join", tournament_id))
    view.add_item(RegistrationButton("leave", tournament_id))
    return view


class SubmissionModal(discord.ui.Modal, title="Your rebuttal"):
    def __init__(self, tournament_id: int, round_number: int, max_chars: int):
        super().__init__(title=f"Round {round_number} rebuttal"[:45])
        self.tournament_id, self.round_number = tournament_id, round_number  # the round it answers, and no other
        self.text: discord.ui.TextInput[SubmissionModal] = discord.ui.TextInput(
            label="Your rebuttal", style=discord.TextStyle.paragraph, max_length=min(max_chars, 4000)
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            tournament = await service.storage.tournaments.get(self.tournament_id)
            if tournament is None:
                raise TournamentError("That tournament no longer exists.")
            receipt = await service.submit(
                tournament, interaction.user.id, interaction.user.display_name, self.text.value, self.round_number
            )
            interaction.client.dispatch("tournament_submission", tournament.id, receipt.round)  # the live count
            await interaction.response.send_message(receipt_text(receipt), ephemeral=True)

        await guarded(interaction, action)


class SubmitButton(discord.ui.DynamicItem[discord.ui.Button], template=r"cp:tsubmit:(?P<id>\d+):(?P<round>\d+)"):
    def __init__(self, tournament_id: int, round_number: int):
        super().__init__(
            discord.ui.Button(
                label="Submit rebuttal",
                style=discord.ButtonStyle.primary,
                emoji="\u270d\ufe0f",
                custom_id=f"cp:tsubmit:{tournament_id}:{round_number}",
            )
        )
        self.tournament_id, self.round_number = tournament_id, round_number

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["id"]), int(match["round"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            await service.open_round_named(self.tournament_id, self.round_number)  # a button of a past round says so
            max_chars = service.practice.max_rebuttal_chars
            await interaction.response.send_modal(SubmissionModal(self.tournament_id, self.round_number, max_chars))

        await guarded(interaction, action)


def round_view(opened: OpenedRound) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(SubmitButton(opened.tournament.id, opened.round.number))
    return view
