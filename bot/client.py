"""The Discord bot: :func:`create_bot` is the single place a bot is built.

This is the only module of ``bot`` that imports discord.py. It wires the
services (reached as ``bot.practice``, ``bot.storage``, ``bot.cases``, ``bot.disputes``),
loads the cogs, and handles every command error once, here.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from .cases import CaseLibrary
from .catalog import CaseCatalog
from .config import Settings
from .disputes import DisputeService
from .practice import USER_ERRORS, PracticeService
from .progress import ProgressService
from .scorers import make_scorer
from .storage import Storage
from .tournament import TournamentService

log = logging.getLogger("counterpoint")

EXTENSIONS = (
    "cogs.practice",
    "cogs.progress",
    "cogs.tournament",
    "cogs.cases",
    "cogs.article",
    "cogs.settings",
    "cogs.disputes",
    "cogs.owner",
    "cogs.help",
)

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again."


class ExplainedCheckFailure(commands.CheckFailure):
    """A failed check whose message is written for the user (shown as it is)."""


class CounterpointBot(commands.Bot):
    """A ``commands.Bot`` carrying Counterpoint's services."""

    storage: Storage
    catalog: CaseCatalog
    practice: PracticeService
    progress: ProgressService
    tournaments: TournamentService
    disputes: DisputeService

    def __init__(self, settings: Settings, cases: CaseLibrary, **sharding):
        intents = discord.Intents.default()
        # Privileged; only when the operator enabled it in the developer portal.
        # Without it, server messages reach us with content only when they
        # mention the bot, hence the mention prefix below.
        intents.message_content = settings.message_content_intent
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.command_prefix),
            intents=intents,
            # User text is echoed back in replies: nothing we send may ping anyone.
            allowed_mentions=discord.AllowedMentions.none(),
            owner_ids=set(settings.owner_ids) or None,
            help_command=commands.DefaultHelpCommand(dm_help=None),
            description="Counterpoint: practise rebutting a case, scored against the article's own counterarguments.",
            **sharding,
        )
        self.settings = settings
        self.cases = cases
        self.scorer = make_scorer(settings.scorer, settings.scorer_threads)
        self.tree.error(self.on_app_command_error)  # the tree's own way to set its on_error

    async def setup_hook(self) -> None:
        for case in self.cases:
            self.scorer.index(case)  # matching data built once, before the first rebuttal
        self.storage = await Storage.open(self.settings.db_path)
        self.catalog = CaseCatalog(self.cases, self.storage)
        self.practice = PracticeService(
            self.catalog,
            self.storage,
            self.scorer,
            max_rebuttal_chars=self.settings.max_rebuttal_chars,
            rebut_rate=self.settings.rebut_rate,
            practice_rate=self.settings.practice_rate,
        )
        self.progress = ProgressService(self.storage, self.catalog)
        self.tournaments = TournamentService(
            self.storage,
            self.catalog,
            self.practice,
            submit_rate=self.settings.rebut_rate,
            shards=self.settings.shards,
        )
        self.disputes = DisputeService(self.storage, self.catalog)
        for extension in EXTENSIONS:
            await self.load_extension(extension)

    async def close(self) -> None:
        """Stop cleanly: disconnect, stop the cogs' timers (deadlines are stored and re-armed at
        the next start), let writes in flight finish, close the database."""
        await super().close()
        for extension in list(self.extensions):
            await self.unload_extension(extension)
        practice = getattr(self, "practice", None)
        if practice is not None:
            await practice.scoring.close()
        storage = getattr(self, "storage", None)
        if storage is not None:
            await storage.close()

    # --- errors: handled once, here ----------------------------------------------------

    async def on_command_error(self, ctx: commands.Context, error: commands.CommandError) -> None:
        if isinstance(error, commands.CommandNotFound):
            return
        message = user_message_for(error)
        if message is None:
            log.error("Command %s failed", ctx.command, exc_info=error)
            message = APOLOGY
        await _reply_privately(ctx, message)

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        message = user_message_for(error)
        if message is None:
            log.error("Application command %s failed", interaction.command, exc_info=error)
            message = APOLOGY
        await send_ephemeral(interaction, message)


class ShardedCounterpointBot(CounterpointBot, commands.AutoShardedBot):
    """The same bot running only some shards (``SHARD_IDS`` of ``SHARD_COUNT``), one of several
    processes on one database. Work no Discord event starts (tournament deadlines) is done
    only for the servers of these shards: see :mod:`bot.shards`."""


def user_message_for(error: BaseException) -> str | None:
    """The message to show for an error the user can act on; ``None`` for a bug."""
    original = error
    while isinstance(
        original, (commands.CommandInvokeError, commands.HybridCommandError, app_commands.CommandInvokeError)
    ):
        original = original.original
    if isinstance(original, USER_ERRORS):
        return str(original)
    if isinstance(original, commands.MissingRequiredArgument):
        return f"Missing `{original.param.name}`. See `help` for how to use this command."
    if isinstance(original, (commands.BadArgument, commands.BadUnionArgument, app_commands.TransformerError)):
        return f"I could not read that: {original}"
    if isinstance(original, (commands.MissingPermissions, app_commands.MissingPermissions)):
        needed = ", ".join(p.replace("_", " ").title() for p in original.missing_permissions)
        return f"Only moderators can do that (it needs the {needed} permission)."
    if isinstance(original, commands.NotOwner):
        return "Only the bot's owner can do that."
    if isinstance(original, (commands.NoPrivateMessage, app_commands.NoPrivateMessage)):
        return "That only works in a server."
    if isinstance(original, ExplainedCheckFailure):
        return str(original)
    if isinstance(original, (commands.CheckFailure, app_commands.CheckFailure)):
        return "You are not allowed to do that here."
    if isinstance(original, (commands.CommandOnCooldown, app_commands.CommandOnCooldown)):
        return f"Slow down a little: try again in {original.retry_after:.0f}s."
    if isinstance(original, commands.UserInputError):
        return str(original)
    return None


async def _reply_privately(ctx: commands.Context, message: str) -> None:
    try:
        await ctx.send(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not deliver an error message in channel %s", getattr(ctx.channel, "id", None))


async def send_ephemeral(interaction: discord.Interaction, message: str, **kwargs) -> None:
    """Reply (or follow up) privately to an interaction, whatever state it is in."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, **kwargs)
        else:
            await interaction.response.send_message(message, ephemeral=True, **kwargs)
    except discord.HTTPException:
        log.warning("Could not deliver a reply to interaction %s", interaction.id)


def create_bot(settings: Settings) -> CounterpointBot:
    """Build the bot: load and validate the cases now, open storage and cogs in ``setup_hook``.

    With ``settings.shards`` it is an ``AutoShardedBot`` running those shards; without, a
    ``Bot`` and Discord's own choice. Raises :class:`bot.cases.CaseError` if a case file is
    malformed, before anything connects anywhere.
    """
    cases = CaseLibrary.from_directory(settings.cases_dir)
    plan = settings.shards
    if plan is not None:
        return ShardedCounterpointBot(settings, cases, shard_count=plan.count, shard_ids=list(plan.ids))
    return CounterpointBot(settings, cases)
