"""Glue shared by the cogs. Not an extension."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord.ext import commands

from bot.client import APOLOGY, ExplainedCheckFailure, send_ephemeral, user_message_for
from bot.models import Learner, Place
from bot.practice import USER_ERRORS

log = logging.getLogger("counterpoint")


def learner_of(user: discord.abc.User) -> Learner:
    return Learner.discord(user.id, user.display_name)


def place_of(guild: discord.Guild | None, channel: discord.abc.Snowflake | None) -> Place:
    return Place(guild.id if guild else None, getattr(channel, "id", None))


async def guarded(interaction: discord.Interaction, action: Callable[[], Awaitable[None]]) -> None:
    """Run a component's action: user errors become private replies, bugs an apology and a log entry."""
    try:
        await action()
    except USER_ERRORS as error:
        await send_ephemeral(interaction, str(error))
    except Exception:
        log.exception("Component %s failed", interaction.data.get("custom_id") if interaction.data else None)
        await send_ephemeral(interaction, APOLOGY)


async def guarded_reply(message: discord.Message, action: Callable[[], Awaitable[None]]) -> None:
    """Run the handling of a plain message (a DM): user errors are answered, bugs apologised for and logged."""
    try:
        await action()
    except USER_ERRORS as error:
        await message.channel.send(str(error))
    except Exception:
        log.exception("Handling a message from %s failed", message.author.id)
        await message.channel.send(APOLOGY)


async def send_private(ctx: commands.Context, **kwargs) -> discord.Message | None:
    """Ephemeral for slash commands; a DM for prefix commands in a server; as is in DMs.

    A command that sends several private messages leaves one note in the channel, not one each.
    """
    if ctx.interaction is not None or ctx.guild is None:
        return await ctx.send(ephemeral=True, **kwargs)
    # The note answers the command's message, which may be gone (a rebuttal typed in the channel
    # is deleted): Discord rejects a reply to a missing message unless told to send it plainly.
    reference = ctx.message.to_reference(fail_if_not_exists=False)
    noted = getattr(ctx, _NOTED, False)
    setattr(ctx, _NOTED, True)
    try:
        sent = await ctx.author.send(**kwargs)
    except discord.Forbidden:
        if not noted:
            await ctx.send("I could not DM you; use the slash command to see it privately.", reference=reference)
        return None
    if not noted:
        await ctx.send("Sent to you privately.", reference=reference)
    return sent


#: Set on a command's context once its "sent to you privately" note is out.
_NOTED = "_counterpoint_private_note_sent"


class OnlyFor(discord.ui.View):
    """A view whose buttons answer only the member it was made for."""

    def __init__(self, owner_id: int, *, timeout: float = 180):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message("These buttons are not for you.", ephemeral=True)
            return False
        return True

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item) -> None:
        message = user_message_for(error)
        if message is None:
            log.error("View item %s failed", item, exc_info=error)
            message = APOLOGY
        await send_ephemeral(interaction, message)


async def case_choices(bot, interaction: discord.Interaction, current: str) -> list[discord.app_commands.Choice[str]]:
    """Slash-command autocomplete for a case argument: the cases usable where it is typed."""
    library = await bot.catalog.library_for(interaction.guild_id)
    typed = current.lower()
    return [
        discord.app_commands.Choice(name=c.title[:100], value=c.id)
        for c in library
        if typed in c.id or typed in c.title.lower()
    ][:25]


async def is_moderator(bot, member: discord.abc.User, guild: discord.Guild | None) -> bool:
    """Manage Server permission, or the server's configured moderator role."""
    if guild is None or not isinstance(member, discord.Member):
        return False
    if member.guild_permissions.manage_guild:
        return True
    settings = await bot.storage.guild_settings.get(guild.id)
    return settings.moderator_role_id is not None and any(r.id == settings.moderator_role_id for r in member.roles)


class NotModerator(ExplainedCheckFailure):
    def __init__(self) -> None:
        super().__init__("Only moderators can do that: members with Manage Server or the server's moderator role.")


def moderator_only():
    """Command check: a server moderator (see :func:`is_moderator`)."""

    async def predicate(ctx: commands.Context) -> bool:
        if ctx.guild is None:
            raise commands.NoPrivateMessage()
        if not await is_moderator(ctx.bot, ctx.author, ctx.guild):
            raise NotModerator()
        return True

    return commands.check(predicate)
