"""The practice loop in Discord: practice, rebut, hint, answer, skip, cases.

Thin glue: each command reads the interaction, calls ``bot.practice`` and
renders the result. The Point embed carries persistent buttons (Rebut opens a
modal, Hint, New point) whose custom ids carry the case and Point, so they keep
working after a restart. In DMs, after ``practice``, a plain message is taken
as the rebuttal.
"""

from __future__ import annotations

import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.cases import ID_PATTERN
from bot.client import CounterpointBot, send_ephemeral
from bot.feedback import explain
from bot.models import AttemptResult, Learner, Place
from bot.practice import PointPrompt, PracticeError, PracticeService

from .common import case_choices, guarded, guarded_reply, learner_of, place_of, send_private
from .embeds import HINTS_SHOWN, answer_embed, cases_embed, feedback_embed, point_embed

_CASE = ID_PATTERN.pattern.strip("^$")


def point_view(prompt: PointPrompt) -> discord.ui.View:
    """The buttons under a Point embed."""
    view = discord.ui.View(timeout=None)
    view.add_item(RebutButton(prompt.case.id, prompt.point.number))
    view.add_item(HintButton(prompt.case.id, prompt.point.number))
    view.add_item(NewPointButton(prompt.case.id))
    return view


def result_embed(result: AttemptResult, author: str) -> discord.Embed:
    return feedback_embed(result.point, explain(result.point, result.coverage), author, hints_shown=HINTS_SHOWN)


def result_message(result: AttemptResult, user: discord.abc.User) -> dict:
    """The feedback embed and, under it, the owner's Try again / Hint / Show answer / Next Point buttons."""
    from .result_views import result_view  # that module builds on this one's buttons

    return {"embed": result_embed(result, user.display_name), "view": result_view(result, user.id)}


def _service(interaction: discord.Interaction) -> PracticeService:
    return interaction.client.practice  # type: ignore[attr-defined]


async def _focused(
    interaction: discord.Interaction, case_id: str, point: int
) -> tuple[PracticeService, Learner, Place]:
    """The service, the member and the place, with the member's current Point set to the one
    this button is about (it may sit under an older message)."""
    service = _service(interaction)
    learner = learner_of(interaction.user)
    place = place_of(interaction.guild, interaction.channel)
    await service.focus(learner, place, case_id, point)
    return service, learner, place


class RebuttalModal(discord.ui.Modal, title="Your rebuttal"):
    """A paragraph box for the rebuttal; submitting scores it against this Point."""

    def __init__(self, case_id: str, point: int, max_chars: int):
        super().__init__(title=f"Rebut Point {point}"[:45])
        self.case_id = case_id
        self.point = point
        self.text: discord.ui.TextInput[RebuttalModal] = discord.ui.TextInput(
            label="Your rebuttal",
            style=discord.TextStyle.paragraph,
            placeholder="Answer the Point in your own words.",
            max_length=min(max_chars, 4000),
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            learner = learner_of(interaction.user)
            place = place_of(interaction.guild, interaction.channel)
            service.check_rebuttal(self.text.value)  # refuse before touching the session
            await service.focus(learner, place, self.case_id, self.point)
            result = await service.submit(learner, place, self.text.value)
            await interaction.response.send_message(
                **result_message(result, interaction.user), ephemeral=place.is_private
            )

        await guarded(interaction, action)


class _PointButton(
    discord.ui.DynamicItem[discord.ui.Button], template=rf"cp:(?:rebut|hint):(?P<case>{_CASE}):(?P<point>\d+)"
):
    """A button acting on one Point. Its custom id carries the case and Point, so it outlives restarts."""

    action: str
    label: str
    emoji: str
    style = discord.ButtonStyle.secondary

    def __init__(self, case_id: str, point: int):
        super().__init__(
            discord.ui.Button(
                label=self.label,
                style=self.style,
                emoji=self.emoji,
                custom_id=f"cp:{self.action}:{case_id}:{point}",
            )
        )
        self.case_id, self.point = case_id, point

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(match["case"], int(match["point"]))


class RebutButton(_PointButton, template=rf"cp:rebut:(?P<case>{_CASE}):(?P<point>\d+)"):
    action, label, emoji, style = "rebut", "Rebut", "\u270d\ufe0f", discord.ButtonStyle.primary

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            max_chars = _service(interaction).max_rebuttal_chars
            await interaction.response.send_modal(RebuttalModal(self.case_id, self.point, max_chars))

        await guarded(interaction, action)


class HintButton(_PointButton, template=rf"cp:hint:(?P<case>{_CASE}):(?P<point>\d+)"):
    action, label, emoji = "hint", "Hint", "\U0001f4a1"

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service, learner, place = await _focused(interaction, self.case_id, self.point)
            await send_ephemeral(interaction, f"\U0001f4a1 {await service.hint(learner, place)}")

        await guarded(interaction, action)


class NewPointButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"cp:new:(?P<case>{_CASE})"):
    def __init__(self, case_id: str):
        super().__init__(
            discord.ui.Button(
                label="New point",
                style=discord.ButtonStyle.secondary,
                emoji="\U0001f501",
                custom_id=f"cp:new:{case_id}",
            )
        )
        self.case_id = case_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str], /):
        return cls(match["case"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def action() -> None:
            service = _service(interaction)
            learner = learner_of(interaction.user)
            place = place_of(interaction.guild, interaction.channel)
            await self.post(interaction, await service.start(learner, place, self.case_id))

        await guarded(interaction, action)

    @staticmethod
    async def post(interaction: discord.Interaction, prompt: PointPrompt) -> None:
        """Answer with a Point embed and its buttons."""
        await interaction.response.send_message(embed=point_embed(prompt.case, prompt.point), view=point_view(prompt))


class Practice(commands.Cog):
    """Practise rebutting a case's Points."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @property
    def service(self) -> PracticeService:
        return self.bot.practice

    # --- commands ---------------------------------------------------------------------

    @commands.hybrid_command(name="practice")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(case="Case id (see /cases); default: the first case", point="Point number; default: random")
    async def practice(
        self, ctx: commands.Context, case: str | None = None, point: commands.Range[int, 1, 1000] | None = None
    ) -> None:
        """Get a Point to rebut."""
        if case is not None and point is None and case.isdigit():
            point = int(case)  # `!practice 2`: a Point of the default case
            case = None
        if ctx.guild is not None:
            allowed = (await self.bot.storage.guild_settings.get(ctx.guild.id)).practice_channels
            if allowed and ctx.channel.id not in allowed:
                raise PracticeError(f"Practice happens in {' '.join(f'<#{c}>' for c in allowed)} on this server.")
        prompt = await self.service.start(learner_of(ctx.author), place_of(ctx.guild, ctx.channel), case, point)
        await ctx.send(embed=point_embed(prompt.case, prompt.point), view=point_view(prompt))

    @practice.autocomplete("case")
    async def _case_autocomplete(self, interaction: discord.Interaction, current: str):
        return await case_choices(self.bot, interaction, current)

    @commands.hybrid_command(name="rebut")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(text="Your rebuttal to your current Point")
    async def rebut(self, ctx: commands.Context, *, text: str) -> None:
        """Answer your current Point; you get a score and feedback."""
        place = place_of(ctx.guild, ctx.channel)
        result = await self.service.submit(learner_of(ctx.author), place, text)
        await ctx.send(**result_message(result, ctx.author))

    @commands.hybrid_command(name="hint")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def hint(self, ctx: commands.Context) -> None:
        """A hint towards a counterargument of your current Point (privately)."""
        text = await self.service.hint(learner_of(ctx.author), place_of(ctx.guild, ctx.channel))
        await send_private(ctx, content=f"\U0001f4a1 {text}")

    @commands.hybrid_command(name="answer")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def answer(self, ctx: commands.Context) -> None:
        """The article's own counterarguments to your current Point (privately)."""
        prompt = await self.service.answer(learner_of(ctx.author), place_of(ctx.guild, ctx.channel))
        await send_private(ctx, embed=answer_embed(prompt.case, prompt.point))

    @commands.hybrid_command(name="skip")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def skip(self, ctx: commands.Context) -> None:
        """Move on to another Point."""
        prompt = await self.service.skip(learner_of(ctx.author), place_of(ctx.guild, ctx.channel))
        await ctx.send(embed=point_embed(prompt.case, prompt.point), view=point_view(prompt))

    @commands.hybrid_command(name="cases")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    async def cases(self, ctx: commands.Context) -> None:
        """The cases you can practise."""
        await ctx.send(embed=cases_embed(await self.bot.catalog.library_for(ctx.guild.id if ctx.guild else None)))

    # --- DMs: a plain message answers the current Point ------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return
        ctx = await self.bot.get_context(message)
        if ctx.prefix is not None:
            return  # a command (or an attempt at one): the command handler answers it
        if await self.bot.tournaments.tournament_for_dm(message.author.id) is not None:
            return  # a tournament submission: the tournament cog takes it
        learner, place = learner_of(message.author), place_of(None, message.channel)

        async def answer() -> None:
            if not await self.service.has_session(learner, place):
                await message.channel.send("Hi! Send `practice` to get a Point; then just type your rebuttal here.")
                return
            result = await self.service.submit(learner, place, message.content)
            await message.channel.send(**result_message(result, message.author))

        await guarded_reply(message, answer)


async def setup(bot: CounterpointBot) -> None:
    from .result_views import RESULT_BUTTONS

    bot.add_dynamic_items(RebutButton, HintButton, NewPointButton, *RESULT_BUTTONS)
    await bot.add_cog(Practice(bot))


async def teardown(bot: CounterpointBot) -> None:
    from .result_views import RESULT_BUTTONS

    bot.remove_dynamic_items(RebutButton, HintButton, NewPointButton, *RESULT_BUTTONS)
