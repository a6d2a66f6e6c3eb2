"""Reading the article behind a case in Discord: paged text where the case ships it, else the
source, its link and each Point's summary; privately, in servers and DMs."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import discord
import discord.ext.test as dpytest
import pytest
from support import PressedBy, dm_channel, guild_channel, member, say, say_expecting_refusal
from test_discord_cases import CLUB_CASE, case_file, upload

#: Twenty numbered paragraphs of about 330 characters: three pages of 3,000 characters.
PARAGRAPHS = [
    f"Paragraph {n}. " + " ".join(f"Rested teams in trial {n} kept their output level in week {w}." for w in range(6))
    for n in range(1, 21)
]
TEXT_SOURCE = f'''
[source]
title = "Why the Four-Day Week Works"
author = "Ada Writer"
publication = "Workplace Review"
date = 2024-03-01
url = "https://example.org/four-day-week"
license = "CC BY 4.0"
text = """
{chr(10).join(p + chr(10) for p in PARAGRAPHS)}"""
'''
CASE_WITH_TEXT = CLUB_CASE + TEXT_SOURCE


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def view_under(bot, message: discord.Message) -> discord.ui.View:
    """The view the bot attached to ``message``, as discord.py keeps it to route button presses."""
    return bot._connection._view_store._synced_message_views[message.id]


async def test_the_shipped_case_shows_its_source_and_each_points_summary_not_the_text(bot):
    reply = await say("!article")
    assert dpytest.get_message().content == "Sent to you privately."  # in the channel, after the DM
    assert reply.channel.id == (await dm_channel(0)).id
    [embed] = reply.embeds
    assert embed.title == "The Case Against Attacking North Korea" and embed.url is None  # the case gives no link
    assert "The National Interest" in embed.footer.text and "Copyrighted" in embed.footer.text
    assert "not shipped with this case" in embed.description and "look it up by its title" in embed.description
    assert "**Point 1: With nuclear-tipped ICBMs" in embed.description
    assert "stability-instability paradox" in embed.description  # Point 1's summary
    assert "draw the allies together" in embed.description  # Point 2's
    assert "Crispin Rovere and I discuss" not in embed.description  # the article's own words stay out


async def test_in_a_dm_the_article_comes_in_the_dm(bot):
    dm = await dm_channel(1)
    reply = await say("!article north-korea", author=1, channel=dm)
    assert reply.channel.id == dm.id and reply.embeds[0].footer.text.startswith("Page 1 of 1")


async def test_a_shipped_text_is_paged_with_buttons_only_its_reader_can_press(moderated, tmp_path):
    await upload(case_file(tmp_path, CASE_WITH_TEXT))
    await say("!practice four-day-week 1", author=1)
    reply = await say("!article", author=1)  # the case of bob's current Point, in his DMs
    await dpytest.empty_queue()
    embed = reply.embeds[0]
    assert embed.title == "Why the Four-Day Week Works" and embed.url == "https://example.org/four-day-week"
    assert embed.footer.text == (
        "Page 1 of 3 \u00b7 By Ada Writer \u00b7 Workplace Review \u00b7 Published 2024-03-01 \u00b7 License: CC BY 4.0"
    )
    assert embed.description.startswith(PARAGRAPHS[0]) and len(embed.description) <= 3000

    view = view_under(moderated, reply)
    assert [b.label for b in view.children] == ["Previous", "1/3", "Next"]
    assert view.previous.disabled and view.position.disabled and not view.next.disabled
    shown = [embed.description]
    for _ in range(2):
        press = PressedBy(moderated, member(1), None, reply.channel)
        await view.next.callback(press)
        shown.append(press.response.edited["embed"].description)
    assert press.response.edited["embed"].footer.text.startswith("Page 3 of 3")
    assert view.next.disabled and view.position.label == "3/3"
    assert "\n\n".join(shown) == "\n\n".join(PARAGRAPHS)  # every paragraph once, in order, whole

    back = PressedBy(moderated, member(1), None, reply.channel)
    await view.previous.callback(back)
    assert back.response.edited["embed"].description == shown[1]

    stranger = PressedBy(moderated, member(0), None, reply.channel)
    assert await view.interaction_check(stranger) is False
    assert "not for you" in stranger.response.sent[0]["content"]


async def test_an_unknown_case_is_named_with_those_that_exist(bot):
    reply = await say_expecting_refusal("!article nowhere")
    assert "There is no case 'nowhere'. Available: north-korea." in reply.content


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('[source]\nurl = "example.org/article"', "field 'source.url': 'example.org/article' is not a web address"),
        ('[source]\ndate = "1 March 2024"', "field 'source.date': '1 March 2024' is not an ISO date"),
        ('[source]\ntext = "The whole article."', "field 'source.text': needs source.license beside it"),
        (
            '[source]\nauthor = "Ada"\nwriter = "Ada"',
            "field 'source.writer': has no field 'writer'; its fields are title, author",
        ),
        ('source = "https://example.org"', "field 'source': must be a table"),
    ],
)
async def test_a_malformed_source_table_is_refused_and_nothing_is_stored(
    moderated, tmp_path, db_path, source, expected
):
    top_level = source.startswith("source =")  # a plain key, before the tables
    path = case_file(tmp_path, CLUB_CASE.replace("side = ", f"{source}\nside = ") if top_level else CLUB_CASE + source)
    with pytest.raises(discord.ext.commands.CommandError):
        await dpytest.message("!case upload", member=member(0), attachments=[path])
    assert expected.split(": ", 1)[1] in dpytest.get_message().content
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM guild_cases").fetchone()[0] == 0


async def test_an_open_rounds_point_keeps_its_summary_hidden(moderated):
    dm = await dm_channel(1)
    await say('!tournament create "Quiet cup" north-korea 2 5')
    await say("!tournament join", author=1)
    await say("!tournament start")  # round 1 is on Point 1

    reply = await say("!article north-korea", author=1, channel=dm)
    assert "Hidden while a round of Quiet cup is on this Point." in reply.embeds[0].description
    assert "stability-instability paradox" not in reply.embeds[0].description
    assert "draw the allies together" in reply.embeds[0].description  # Point 2 is not in play


async def test_a_shipped_text_waits_until_an_open_round_on_its_case_closes(moderated, tmp_path):
    await upload(case_file(tmp_path, CASE_WITH_TEXT))
    await say('!tournament create "Text cup" four-day-week 1 5')
    await say("!tournament join", author=1)
    await say("!tournament start")
    refusal = await say_expecting_refusal("!article four-day-week", author=1)
    assert "can be read once the round closes" in refusal.content and not refusal.embeds


@dataclass
class SlashContext:
    """Stands in for the context discord.py builds from a slash command's interaction."""

    bot: discord.Client
    author: discord.abc.User
    guild: discord.Guild | None
    channel: discord.abc.Messageable
    interaction: object = object()
    sent: list[dict] = field(default_factory=list)

    async def send(self, content=None, **kwargs):
        self.sent.append({"content": content, **kwargs})


async def test_the_slash_command_answers_ephemerally(bot):
    cog = bot.get_cog("Article")
    ctx = SlashContext(bot, member(0), guild_channel().guild, guild_channel())
    await cog.article.callback(cog, ctx)
    [reply] = ctx.sent
    assert reply["ephemeral"] is True and reply["embed"].title == "The Case Against Attacking North Korea"
