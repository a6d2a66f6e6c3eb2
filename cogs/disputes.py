"""Disputes: the member's "Dispute this score" button and modal; the moderators' message with
Confirm score and Correct; the member told by DM. The rules are in :mod:`bot.disputes`.

Every custom id carries the ids it needs (the owner and attempt, or the dispute), so the
buttons keep working after a restart. Disputes happen only in servers: in DMs there are no
moderators, and a DM result has no Dispute button.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

import discord

from bot.client import CounterpointBot, send_ephemeral
from bot.disputes import MAX_REASON_CHARS, DisputeCase, DisputeService
from bot.feedback import shorten, shorten_words

from .common import NotModerator, guarded, is_moderator
from .embeds import CLAIM_LIMIT, FIELD_VALUE_LIMIT, POINT_COLOUR, fit_embed

log = logging.getLogger("counterpoint")

OPEN_COLOUR, CONFIRMED_COLOUR, CORRECTED_COLOUR = discord.Colour.gold(), discord.Colour.green(), POINT_COLOUR
#: A select menu holds at most this many options (Discord's limit).
MAX_OPTIONS = 25


def _service(interaction: discord.Interaction) -> DisputeService:
    return interaction.client.disputes  # type: ignore[attr-defined]


# --- the member's side -----------------------------------------------------------------


class DisputeButton(discord.ui.DynamicItem[discord.ui.Button], template=r"cp:rd:(?P<owner>\d+):(?P<attempt>\d+)"):
    """Under a result in a server: send the score, with a reason, to the server's moderators."""

    def __init__(self, owner_id: int, attempt_id: int):
        super().__init__(
            discord.ui.Button(
                label="Dispute this score",
                style=discord.ButtonStyle.secondary,
                emoji="\u2696\ufe0f",
                custom_id=f"cp:rd:{owner_id}:{attempt_id}",
            )
        )
        self.owner_id, self.attempt_id = owner_id, attempt_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["owner"]), int(match["attempt"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            await send_ephemeral(interaction, "These buttons are for the member who sent this rebuttal.")
            return

        async def action() -> None:  # refused before the modal opens: no channel, already disputed
            guild_id = interaction.guild.id if interaction.guild else None
            await _service(interaction).check_can_dispute(self.attempt_id, interaction.user.id, guild_id)
            await interaction.response.send_modal(DisputeModal(self.attempt_id))

        await guarded(interaction, action)


class DisputeModal(discord.ui.Modal, title="Dispute this score"):
    """One line: why the score is wrong."""

    def __init__(self, attempt_id: int):
        super().__init__()
        self.attempt_id = attempt_id
        self.reason: discord.ui.TextInput[DisputeModal] = discord.ui.TextInput(
            label="Why is the score wrong? (one line)",
            style=discord.TextStyle.short,
            placeholder="e.g. My second sentence makes the point about the allies.",
            max_length=MAX_REASON_CHARS,
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            guild_id = interaction.guild.id if interaction.guild else None
            case, channel_id = await service.open(self.attempt_id, interaction.user.id, guild_id, self.reason.value)
            try:
                message = await _post(interaction.client, channel_id, case)
            except Exception:
                await service.withdraw(case.dispute.id)  # the moderators never saw it: nothing is kept
                raise
            if message is None:
                await service.withdraw(case.dispute.id)
                await send_ephemeral(
                    interaction,
                    f"I could not post in the disputes channel <#{channel_id}>, so nothing was sent. "
                    "Ask a moderator to check my permissions there, or to set another with `settings disputes`.",
                )
                return
            await service.posted(case.dispute.id, message.channel.id, message.id)
            await send_ephemeral(
                interaction,
                "Your dispute is with the moderators. I will DM you when one of them has looked at it "
                "(your score stays as it is meanwhile).",
            )

        await guarded(interaction, action)


async def _post(client: discord.Client, channel_id: int, case: DisputeCase) -> discord.Message | None:
    channel = client.get_channel(channel_id)
    if not isinstance(channel, discord.abc.Messageable):
        return None
    try:
        return await channel.send(
            embed=dispute_embed(case),
            view=moderator_view(case.dispute.id),
            allowed_mentions=discord.AllowedMentions.none(),  # the rebuttal and reason are the member's words
        )
    except discord.HTTPException:
        log.warning("Could not post dispute %s in channel %s", case.dispute.id, channel_id)
        return None


# --- the moderators' side -------------------------------------------------------------


def dispute_embed(case: DisputeCase) -> discord.Embed:
    """What the moderators read: the Point's claim, the rebuttal, the score and what was credited, the reason;
    once answered, the outcome."""
    dispute, attempt = case.dispute, case.dispute.attempt
    colour = OPEN_COLOUR if dispute.is_open else CONFIRMED_COLOUR if dispute.confirmed else CORRECTED_COLOUR
    embed = discord.Embed(
        title=f"Dispute #{dispute.id}: a score on Point {attempt.point}",
        description=f"> {shorten_words(case.point.claim, CLAIM_LIMIT)}",
        colour=colour,
    )
    embed.add_field(name="Member", value=f"<@{dispute.user_id}>")
    embed.add_field(name="Case", value=shorten(attempt.case_id, FIELD_VALUE_LIMIT))
    embed.add_field(name="Rebuttal", value=shorten(attempt.text, FIELD_VALUE_LIMIT), inline=False)
    credited = ", ".join(case.labels(attempt.covered)) or "nothing"
    embed.add_field(name=f"Scored {attempt.score}%", value=shorten(f"Credited: {credited}", FIELD_VALUE_LIMIT))
    embed.add_field(name="Their reason", value=shorten(dispute.reason, FIELD_VALUE_LIMIT), inline=False)
    if not dispute.is_open:
        embed.add_field(name="Outcome", value=shorten(outcome_line(case, moderator=True), FIELD_VALUE_LIMIT))
    embed.set_footer(text="The member's stored score is not changed; the answer is kept to measure the scorer.")
    return fit_embed(embed)


def outcome_line(case: DisputeCase, *, moderator: bool) -> str:
    dispute = case.dispute
    by = f" by <@{dispute.resolved_by}>" if moderator and dispute.resolved_by else ""
    when = f" <t:{int(dispute.resolved_at or 0)}:R>" if moderator else ""
    if dispute.confirmed:
        return f"\u2705 Score confirmed{by}{when}."
    made = ", ".join(case.labels(dispute.claims or ())) or "none of the counterarguments"
    return f"\u270f\ufe0f Corrected{by}{when}: {dispute.corrected_score}%. Really made: {made}."


def moderator_view(dispute_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ConfirmButton(dispute_id))
    view.add_item(CorrectButton(dispute_id))
    return view


async def _for_moderators(interaction: discord.Interaction, action: Callable[[], Awaitable[None]]) -> None:
    """Run a moderators' component action; anyone else is refused privately."""
    if not await is_moderator(interaction.client, interaction.user, interaction.guild):
        await send_ephemeral(interaction, str(NotModerator()))
        return
    await guarded(interaction, action)


class ConfirmButton(discord.ui.DynamicItem[discord.ui.Button], template=r"cp:dc:(?P<dispute>\d+)"):
    def __init__(self, dispute_id: int):
        super().__init__(
            discord.ui.Button(label="Confirm score", style=discord.ButtonStyle.success, custom_id=f"cp:dc:{dispute_id}")
        )
        self.dispute_id = dispute_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["dispute"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            case = await _service(interaction).confirm(self.dispute_id, interaction.user.id)
            await send_ephemeral(interaction, "Confirmed: the score stands. The member will be told.")
            await _announce(interaction.client, case)

        await _for_moderators(interaction, action)


class CorrectButton(discord.ui.DynamicItem[discord.ui.Button], template=r"cp:dx:(?P<dispute>\d+)"):
    def __init__(self, dispute_id: int):
        super().__init__(
            discord.ui.Button(label="Correct", style=discord.ButtonStyle.primary, custom_id=f"cp:dx:{dispute_id}")
        )
        self.dispute_id = dispute_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["dispute"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            case = await _service(interaction).open_case(self.dispute_id)
            view = discord.ui.View(timeout=None)
            view.add_item(CorrectSelect.for_case(case))
            await interaction.response.send_message(
                "Which counterarguments did the rebuttal really make? (Those credited are ticked.)",
                view=view,
                ephemeral=True,
            )

        await _for_moderators(interaction, action)


class CorrectSelect(discord.ui.DynamicItem[discord.ui.Select], template=r"cp:dk:(?P<dispute>\d+)"):
    """The Point's counterarguments, those credited pre-selected; choosing saves the correction."""

    def __init__(self, dispute_id: int, options: list[discord.SelectOption] | None = None):
        options = options or []
        super().__init__(
            discord.ui.Select(
                custom_id=f"cp:dk:{dispute_id}",
                placeholder="The counterarguments really made",
                min_values=0,
                max_values=max(1, len(options)),
                options=options,
            )
        )
        self.dispute_id = dispute_id

    @classmethod
    def for_case(cls, case: DisputeCase) -> CorrectSelect:
        credited = set(case.dispute.attempt.covered)
        options = [
            discord.SelectOption(
                label=shorten(arg.label or arg.summary, 100),
                value=arg.id,
                description=shorten(arg.summary, 100),
                default=arg.id in credited,
            )
            for arg in case.point.counterarguments[:MAX_OPTIONS]
        ]
        return cls(case.dispute.id, options)

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(int(match["dispute"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            data: dict = dict(interaction.data or {})  # the chosen values, as Discord sent them
            made = [str(v) for v in data.get("values", [])]
            case = await _service(interaction).correct(self.dispute_id, interaction.user.id, made)
            await interaction.response.edit_message(
                content=f"Saved. {outcome_line(case, moderator=False)} The member will be told.", view=None
            )
            await _announce(interaction.client, case)

        await _for_moderators(interaction, action)


async def _announce(client: discord.Client, case: DisputeCase) -> None:
    """Show the outcome on the moderators' message and tell the member by DM; a failure of either is logged."""
    dispute = case.dispute
    channel = client.get_channel(dispute.channel_id) if dispute.channel_id else None
    if isinstance(channel, discord.abc.Messageable) and dispute.message_id:
        try:
            message = await channel.fetch_message(dispute.message_id)
            await message.edit(embed=dispute_embed(case), view=None)
        except discord.HTTPException:
            log.warning("Could not show the outcome of dispute %s on its message", dispute.id)
    attempt = dispute.attempt
    text = (
        f"A moderator looked at your dispute of your Point {attempt.point} rebuttal ({attempt.case_id}, "
        f"scored {attempt.score}%): {outcome_line(case, moderator=False)} Your stored score stays as it was; "
        "the answer helps measure the scorer."
    )
    try:
        user = client.get_user(dispute.user_id) or await client.fetch_user(dispute.user_id)
        await user.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException:
        log.warning("Could not DM member %s the outcome of dispute %s", dispute.user_id, dispute.id)


DISPUTE_ITEMS = (DisputeButton, ConfirmButton, CorrectButton, CorrectSelect)


async def setup(bot: CounterpointBot) -> None:
    bot.add_dynamic_items(*DISPUTE_ITEMS)


async def teardown(bot: CounterpointBot) -> None:
    bot.remove_dynamic_items(*DISPUTE_ITEMS)
