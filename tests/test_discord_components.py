"""The Point embed's buttons and the rebuttal modal.

dpytest has no interactions, so these tests stand in for Discord's side of an
interaction (who pressed, where, and the response channel back) with a small
recording object; the buttons, modal, services and database are the real ones.
"""

from __future__ import annotations

import sqlite3

from support import A5, PressedBy, dm_channel, guild_channel, member

from cogs.practice import HintButton, NewPointButton, RebutButton, RebuttalModal


def stored_attempts(db_path):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT learner_id, guild_id, point, score FROM attempts").fetchall()


async def test_rebut_button_opens_a_modal_whose_answer_is_scored_and_stored(bot, db_path):
    channel = guild_channel()
    press = PressedBy(bot, member(0), channel.guild, channel)
    await RebutButton("north-korea", 1).callback(press)
    modal = press.response.modal
    assert isinstance(modal, RebuttalModal) and modal.text.max_length == 4000

    submit = PressedBy(bot, member(0), channel.guild, channel)
    modal.text._value = A5
    await modal.on_submit(submit)

    [reply] = submit.response.sent
    assert "1 of 6" in reply["embed"].description and reply["ephemeral"] is False
    assert stored_attempts(db_path) == [(str(member(0).id), channel.guild.id, 1, 17)]


async def test_a_modal_rebuttal_in_dms_is_private(bot, db_path):
    dm = await dm_channel()
    modal = RebuttalModal("north-korea", 1, 4000)
    modal.text._value = A5
    submit = PressedBy(bot, member(0), None, dm)
    await modal.on_submit(submit)
    assert submit.response.sent[0]["ephemeral"] is True
    assert stored_attempts(db_path)[0][1] is None


async def test_an_empty_modal_is_refused_privately_and_nothing_is_stored(bot, db_path):
    channel = guild_channel()
    modal = RebuttalModal("north-korea", 2, 4000)
    modal.text._value = "   "
    submit = PressedBy(bot, member(0), channel.guild, channel)
    await modal.on_submit(submit)
    [reply] = submit.response.sent
    assert "empty" in reply["content"] and reply["ephemeral"] is True
    assert stored_attempts(db_path) == []


async def test_hint_button_hints_privately_about_that_point(bot):
    channel = guild_channel()
    press = PressedBy(bot, member(1), channel.guild, channel)
    await HintButton("north-korea", 2).callback(press)
    [reply] = press.response.sent
    assert reply["ephemeral"] is True
    assert (
        reply["content"].removeprefix("\U0001f4a1 ") == bot.cases.get("north-korea").point(2).counterarguments[0].hint
    )


async def test_new_point_button_posts_a_point_with_its_own_buttons(bot):
    channel = guild_channel()
    press = PressedBy(bot, member(0), channel.guild, channel)
    await NewPointButton("north-korea").callback(press)
    [reply] = press.response.sent
    assert reply["embed"].title.startswith("Point ")
    assert len(reply["view"].children) == 3


async def test_a_button_for_a_case_that_no_longer_exists_explains_itself(bot):
    channel = guild_channel()
    press = PressedBy(bot, member(0), channel.guild, channel)
    await HintButton("retired-case", 1).callback(press)
    [reply] = press.response.sent
    assert "no case 'retired-case'" in reply["content"] and reply["ephemeral"] is True
