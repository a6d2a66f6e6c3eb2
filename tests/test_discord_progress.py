"""User stories for progress, history, schedules, leaderboards, privacy and forgetting."""

from __future__ import annotations

import json
import sqlite3

import discord
import discord.ext.test as dpytest
import pytest
from support import (
    A2_A5,
    A5,
    B2,
    PressedBy,
    dm_channel,
    drawn_figures,
    guild_channel,
    member,
    say,
    say_expecting_refusal,
)


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest writes sent attachments to the working folder


async def practise(text: str, point: int, *, author: int = 0, channel=None) -> discord.Message:
    await say(f"!practice north-korea {point}", author=author, channel=channel)
    return await say(f"!rebut {text}", author=author, channel=channel)


def rows_of(db_path, learner_id: str) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return {
            table: conn.execute(f"SELECT COUNT(*) FROM {table} WHERE learner_id = ?", (learner_id,)).fetchone()[0]
            for table in ("attempts", "sessions", "schedule", "learner_settings")
        }


async def test_progress_before_any_practice_is_a_friendly_message(bot):
    reply = await say("!progress")
    assert "no practice here yet" in reply.content
    assert not reply.attachments


def sent_embed(payloads: list[dict]) -> discord.Embed:
    """The last embed sent, from the wire payload (dpytest drops embeds sent with a file)."""
    return discord.Embed.from_dict(payloads[-1]["embeds"][0])


async def test_progress_shows_the_numbers_and_a_small_chart(bot, sent_payloads):
    await practise(A5, 1)
    await practise(A2_A5, 1)
    await practise(B2, 2)
    reply = await say("!progress")

    embed = sent_embed(sent_payloads)
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Attempts"] == "3" and fields["Points practised"] == "2"
    assert "best 33%, latest 33% (2 tries)" in fields["By Point"]
    assert "1 day \u00b7" in fields["Streak"]
    assert "You keep missing" in fields
    [chart] = reply.attachments
    assert chart.filename == "progress.png" and embed.image.url == "attachment://progress.png"
    png = open(chart.url.removeprefix("file://"), "rb").read()
    assert png.startswith(b"\x89PNG") and len(png) < 200_000


async def test_the_charts_legend_leaves_the_newest_points_uncovered_and_its_times_say_utc(bot, monkeypatch):
    drawn = drawn_figures(monkeypatch)
    for text, point in ((A5, 1), (B2, 2), (A2_A5, 1), (A2_A5, 1)):  # the newest, best, at the bottom right of old
        await practise(text, point)
    await say("!progress")

    [figure] = drawn
    [axes] = figure.axes
    renderer = figure.canvas.get_renderer()
    legends = [*figure.legends, *([axes.get_legend()] if axes.get_legend() else [])]
    assert legends and not any(
        legend.get_window_extent(renderer).overlaps(axes.get_window_extent(renderer)) for legend in legends
    )
    assert "UTC" in axes.get_xlabel()


async def test_server_progress_counts_this_servers_practice_and_dms_count_everything(bot, sent_payloads):
    await practise(A5, 1)  # in the server
    dm = await dm_channel()
    await practise(B2, 2, channel=dm)

    await say("!progress")
    assert {f.name: f.value for f in sent_embed(sent_payloads).fields}["Attempts"] == "1"
    await say("!progress", channel=dm)
    private = sent_embed(sent_payloads)
    assert {f.name: f.value for f in private.fields}["Attempts"] == "2"
    assert "everywhere" in private.title


async def test_a_member_cannot_see_anothers_private_practice(bot):
    dm = await dm_channel(1)
    await practise(B2, 2, author=1, channel=dm)
    reply = await say(f"!progress <@{member(1).id}>")
    assert "has no practice here yet" in reply.content


async def test_history_lists_attempts_and_feedback_shows_one_again(bot):
    await practise(A5, 1)
    reply = await say("!history")
    assert "Point 1" in reply.embeds[0].description and "**17%**" in reply.embeds[0].description

    with sqlite3.connect(bot.storage.path) as conn:
        (attempt_id,) = conn.execute("SELECT id FROM attempts").fetchone()
    again = await say(f"!feedback {attempt_id}")
    covered = [f for f in again.embeds[0].fields if f.name.startswith("\u2705")]
    assert len(covered) == 1 and "strategic depth" in covered[0].value


async def test_feedback_of_someone_elses_dm_attempt_is_not_found(bot):
    await practise(B2, 2, author=1, channel=await dm_channel(1))
    with sqlite3.connect(bot.storage.path) as conn:
        (attempt_id,) = conn.execute("SELECT id FROM attempts").fetchone()
    reply = await say_expecting_refusal(f"!feedback {attempt_id}")
    assert f"no attempt #{attempt_id}" in reply.content


async def test_due_lists_the_schedule_with_discord_timestamps(bot):
    await practise(A5, 1)
    reply = await say("!due", channel=await dm_channel())
    assert "Point 1" in reply.embeds[0].description
    assert "<t:" in reply.embeds[0].description and ":R>" in reply.embeds[0].description


async def test_practice_without_a_point_brings_back_the_weakest_due_one(bot):
    from bot.models import Learner, Place

    service = bot.practice
    learner, place = Learner.discord(5, "sam"), Place()
    await service.start(learner, place, "north-korea", 1)
    await service.submit(learner, place, "I am not sure about this one at all, honestly.")  # 0%: due in an hour
    await service.start(learner, place, "north-korea", 2)
    full = (
        "Allies have not lost faith in Washington or distanced themselves from it. They sought stronger security "
        "guarantees and tighter alliance relationships. New military capabilities were deployed and dialogues on "
        "deterrence and assurance set up. The ICBM will not reverse that trend; it will reinforce it. After the test "
        "US bombers flew with South Korean and Japanese fighter jets in a show of force and unity. Pyongyang's "
        "provocations bring the allies closer together."
    )
    assert (await service.submit(learner, place, full)).coverage.score == 100  # due in days
    assert (await service.start(learner, place)).point.number == 1


async def test_the_leaderboard_ranks_members_and_keeps_dm_practice_private_unless_shared(bot):
    await practise(A2_A5, 1, author=0)  # 33
    await practise(A5, 1, author=1)  # 17
    await practise(B2, 2, author=1, channel=await dm_channel(1))  # private: 17 more if shared

    board = (await say("!leaderboard")).embeds[0].description.splitlines()
    assert board == [
        "**1.** alice\\_0\\_nick \u2014 33 of 200 (1 attempt)",
        "**2.** bob \u2014 17 of 200 (1 attempt)",
    ]  # named as in his latest attempt (a DM)

    await say("!privacy share", author=1, channel=await dm_channel(1))
    board = (await say("!leaderboard week")).embeds[0].description.splitlines()
    # bob: 17 in the server and 17 from DMs he now shares
    assert board == ["**1.** bob \u2014 34 of 200 (2 attempts)", "**2.** alice\\_0\\_nick \u2014 33 of 200 (1 attempt)"]


async def test_an_unknown_period_lists_the_valid_ones(bot):
    reply = await say_expecting_refusal("!leaderboard fortnight")
    assert "week, month, all" in reply.content


async def test_a_long_leaderboard_is_paginated(bot, sent_payloads):
    from bot.models import Learner, Place

    place = Place(guild_channel().guild.id, guild_channel().id)
    for number in range(12):
        learner = Learner.discord(1000 + number, f"member{number}")
        await bot.practice.start(learner, place, "north-korea", 1)
        await bot.practice.submit(learner, place, A5)
    reply = await say("!leaderboard")
    assert reply.embeds[0].footer.text.startswith("Page 1/2")
    buttons = [c for row in sent_payloads[-1]["components"] for c in row["components"]]
    assert [b["label"] for b in buttons] == ["Previous", "Next"]


async def test_only_moderators_reset_the_leaderboard_and_the_old_season_is_kept(bot, db_path):
    await practise(A5, 1)
    reply = await say_expecting_refusal("!reset-leaderboard")
    assert "Manage Guild" in reply.content

    moderator_role = dpytest.backend.make_role(
        "Moderators", guild_channel().guild, permissions=discord.Permissions(manage_guild=True).value
    )
    await dpytest.add_role(member(0), moderator_role)
    reply = await say("!reset-leaderboard")
    assert "Season 2 has started" in reply.content
    assert "No practice in this period yet." in (await say("!leaderboard")).embeds[0].description
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1  # archived, not deleted


async def test_forget_me_deletes_every_row_after_confirmation(bot, db_path):
    await practise(A5, 1)
    await practise(B2, 2, channel=await dm_channel())
    await say("!privacy share", channel=await dm_channel())
    learner_id = str(member(0).id)
    assert sum(rows_of(db_path, learner_id).values()) >= 5

    prompt = await say("!forget-me", channel=await dm_channel())
    assert "cannot be undone" in prompt.content
    # dpytest cannot press buttons: press the confirmation the command sends, built the same way.
    from cogs.progress import ForgetConfirmation

    confirmation = ForgetConfirmation(member(0).id, bot.progress)
    someone_else = PressedBy(bot, member(1), None, await dm_channel(1))
    assert not await confirmation.interaction_check(someone_else)
    press = PressedBy(bot, member(0), None, await dm_channel())
    await confirmation.confirm.callback(press)
    assert "deleted" in press.response.edited["content"]
    assert rows_of(db_path, learner_id) == {"attempts": 0, "sessions": 0, "schedule": 0, "learner_settings": 0}


async def test_history_in_dms_covers_all_of_ones_practice(bot):
    await practise(A5, 1)
    dm = await dm_channel()
    await practise(B2, 2, channel=dm)
    reply = await say("!history", channel=dm)
    assert reply.embeds[0].description.count("Point ") == 2


async def test_the_leaderboard_is_for_servers(bot):
    reply = await say_expecting_refusal("!leaderboard", channel=await dm_channel())
    assert "only works in a server" in reply.content


async def test_export_me_sends_ones_own_data_privately(bot):
    await practise(A5, 1)
    await practise(B2, 2, author=1)
    reply = await say("!export-me", channel=await dm_channel())
    [attachment] = reply.attachments
    data = json.loads(open(attachment.url.removeprefix("file://"), encoding="utf-8").read())
    assert [a["text"] for a in data["attempts"]] == [A5]
    assert data["learner_id"] == str(member(0).id) and data["schedule"][0]["point"] == 1
