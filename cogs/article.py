"""``article [case]``: the article behind the current case, paged, privately.

Where the case ships the article's text, its paragraphs are shown a page at a time with
Previous / Next buttons; elsewhere the source, its link and each Point's summary. A Point that an
open tournament round is on keeps its summary hidden (and a shipped text waits for the round).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.article import ArticleReading, case_to_read, paginate, reading_of
from bot.client import CounterpointBot

from .common import OnlyFor, case_choices, learner_of, place_of, send_private
from .embeds import POINT_COLOUR, fit_embed

#: Characters of the article on one page: well inside an embed's 4,096, and a screenful to read.
PAGE_CHARS = 3000


def article_pages(reading: ArticleReading) -> list[str]:
    """The reading's pages, as embed descriptions."""
    if reading.shipped:
        return paginate([section.text for section in reading.sections], PAGE_CHARS)
    blocks = [reading.note, *(f"**{section.heading}**\n{section.text}" for section in reading.sections)]
    return paginate(blocks, PAGE_CHARS)


def article_embed(reading: ArticleReading, pages: list[str], index: int) -> discord.Embed:
    embed = discord.Embed(title=reading.title, url=reading.url or None, description=pages[index], colour=POINT_COLOUR)
    embed.set_footer(text=" \u00b7 ".join((f"Page {index + 1} of {len(pages)}", *reading.details)))
    return fit_embed(embed)


class ArticlePages(OnlyFor):
    """Previous / Next over the article's pages, with the page number between them."""

    def __init__(self, owner_id: int, reading: ArticleReading, pages: list[str]):
        super().__init__(owner_id, timeout=900)
        self.reading, self.pages, self.page = reading, pages, 0
        self._update_buttons()

    def _update_buttons(self) -> None:  # not _refresh: discord.py's View calls its own _refresh(components)
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= len(self.pages) - 1
        self.position.label = f"{self.page + 1}/{len(self.pages)}"

    def embed(self) -> discord.Embed:
        return article_embed(self.reading, self.pages, self.page)

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary, emoji="\u25c0\ufe0f")
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="1/1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        """Only shows the page number; never pressed."""

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary, emoji="\u25b6\ufe0f")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)


class Article(commands.Cog):
    """Read the article a case comes from."""

    def __init__(self, bot: CounterpointBot):
        self.bot = bot

    @commands.hybrid_command(name="article")  # type: ignore[arg-type]  # discord.py hybrid decorator typing
    @app_commands.describe(case="Case id (see /cases); default: the case of your current Point")
    async def article(self, ctx: commands.Context, case: str | None = None) -> None:
        """The article of your current case (privately): its text, or its link and each Point's summary."""
        learner, place = learner_of(ctx.author), place_of(ctx.guild, ctx.channel)
        chosen = await case_to_read(self.bot.practice, learner, place, case)
        hidden = {  # a running round's Point: in this server, and for the member's own rounds anywhere
            **await self.bot.tournaments.points_in_play(place.guild_id, chosen.id),
            **await self.bot.practice.locked_points(learner, chosen.id),
        }
        reading = reading_of(chosen, hidden)
        pages = article_pages(reading)
        if len(pages) == 1:
            await send_private(ctx, embed=article_embed(reading, pages, 0))
            return
        view = ArticlePages(ctx.author.id, reading, pages)
        await send_private(ctx, embed=view.embed(), view=view)

    @article.autocomplete("case")
    async def _case_autocomplete(self, interaction: discord.Interaction, current: str):
        return await case_choices(self.bot, interaction, current)


async def setup(bot: CounterpointBot) -> None:
    await bot.add_cog(Article(bot))
