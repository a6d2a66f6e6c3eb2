"""The buttons under a practice result (Try again, Hint, Show answer, Next Point), through the
real bot and database, with the stand-in for Discord's side of an interaction."""

from __future__ import annotations

import sqlite3

import discord
import discord.ext.test as dpytest
from support import A5, PressedBy, dm_channel, guild_channel, member, say

from cogs.practice import RebuttalModal
from cogs.result_views import NextPointButton, ResultHintButton, ShowAnswerButton, TryAgainButton

A1 = (
    "Kim would be miscalculating: the US will not be deterred and will keep pushing back "
    "against Pyongyang, and it would not back down in an escalating crisis."
)


def buttons(payload: dict) -> list[str]:
    return [c["custom_id"] for row in payload["components"] for c in row["components"]]


def result_ids(owner: int, point: int = 1) -> list[str]:
    return [f"cp:r{code}:{owner}:north-korea:{point}" for code in "ahsn"]


def press(bot, index: int = 0, channel=None) -> PressedBy:
    channel = channel or guild_channel()
    return PressedBy(bot, member(index), getattr(channel, "guild", None), channel)


async def test_every_practice_result_carries_the_owners_buttons(bot, sent_payloads):
    await say("!practice north-korea 1")
    await say(f"!rebut {A1}")
    # in a server, Dispute this score follows (with the attempt's id): see test_discord_disputes
    *ids, dispute = buttons(sent_payloads[-1])
    assert ids == result_ids(member(0).id) and dispute.startswith(f"cp:rd:{member(0).id}:")

    dm = await dm_channel(1)
    await say("!practice north-korea 2", channel=dm, author=1)
    await say(A5, channel=dm, author=1)  # a DM rebuttal
    assert buttons(sent_payloads[-1]) == result_ids(member(1).id, 2)

    modal = RebuttalModal("north-korea", 1, 4000)
    modal.text._value = A1
    submitted = press(bot)
    await modal.on_submit(submitted)
    view = submitted.response.sent[0]["view"]
    assert [item.custom_id for item in view.children][:4] == result_ids(member(0).id)
    # the ids outlive a restart: each is matched back to its button
    for cls, custom_id in zip(
        (TryAgainButton, ResultHintButton, ShowAnswerButton, NextPointButton), result_ids(5), strict=True
    ):
        match = cls.__discord_ui_compiled_template__.fullmatch(custom_id)
        item = await cls.from_custom_id(None, None, match)
        assert (item.owner_id, item.case_id, item.point) == (5, "north-korea", 1)


async def test_hint_comes_from_the_latest_misses_and_says_which_point_and_hint(bot):
    await say("!practice north-korea 1")
    await say(f"!rebut {A1}")  # covers one of six
    point = bot.cases.get("north-korea").point(1)
    missed = [arg.hint for arg in point.counterarguments if arg.id != "us-will-not-back-down"]
    first, second = press(bot), press(bot)
    await ResultHintButton(member(0).id, "north-korea", 1).callback(first)
    await ResultHintButton(member(0).id, "north-korea", 1).callback(second)
    assert first.response.sent[0]["content"] == f"\U0001f4a1 **Point 1 \u00b7 hint 1/5**: {missed[0]}"
    assert second.response.sent[0]["content"] == f"\U0001f4a1 **Point 1 \u00b7 hint 2/5**: {missed[1]}"
    assert first.response.sent[0]["ephemeral"] is True


async def test_show_answer_try_again_and_next_point(bot, db_path):
    await say("!practice north-korea 1")
    await say(f"!rebut {A1}")
    owner = member(0).id

    shown = press(bot)
    await ShowAnswerButton(owner, "north-korea", 1).callback(shown)
    [reply] = shown.response.sent
    assert reply["ephemeral"] is True and reply["embed"].title == "How the article answers Point 1"

    moved = press(bot)
    await NextPointButton(owner, "north-korea", 1).callback(moved)
    [reply] = moved.response.sent
    assert reply["embed"].title.startswith("Point ") and "Point 1:" not in reply["embed"].title
    assert len(reply["view"].children) == 3

    again = press(bot)  # Try again goes back to Point 1, even after moving on
    await TryAgainButton(owner, "north-korea", 1).callback(again)
    modal = again.response.modal
    assert isinstance(modal, RebuttalModal) and modal.point == 1
    modal.text._value = A5
    await modal.on_submit(press(bot))
    with sqlite3.connect(db_path) as conn:
        assert [p for (p,) in conn.execute("SELECT point FROM attempts ORDER BY id")] == [1, 1]


async def test_only_the_owner_may_use_a_results_buttons(bot, db_path):
    await say("!practice north-korea 1")
    await say(f"!rebut {A1}")
    for cls in (TryAgainButton, ResultHintButton, ShowAnswerButton, NextPointButton):
        other = press(bot, 1)
        await cls(member(0).id, "north-korea", 1).callback(other)
        [reply] = other.response.sent
        assert reply["ephemeral"] is True and "for the member who sent this rebuttal" in reply["content"]
        assert other.response.modal is None and "embed" not in reply


async def test_a_results_buttons_respect_the_members_open_tournament_round(start_bot):
    bot = await start_bot()
    role = dpytest.backend.make_role(
        "Staff", guild_channel().guild, permissions=discord.Permissions(manage_guild=True).value
    )
    await dpytest.add_role(member(0), role)
    dm = await dm_channel(1)
    await say("!practice north-korea 1", author=1, channel=dm)
    await say(f"!rebut {A1}", author=1, channel=dm)
    await say('!tournament create "Quiet cup" north-korea 2 5')
    await say("!tournament join", author=1)
    await say("!tournament start")  # round 1 is on Point 1
    await dpytest.empty_queue()

    for cls in (TryAgainButton, ResultHintButton, ShowAnswerButton):
        pressed = press(bot, 1, dm)
        await cls(member(1).id, "north-korea", 1).callback(pressed)
        assert pressed.response.modal is None
        assert "whose open round is on Point 1" in pressed.response.sent[0]["content"]
    moved = press(bot, 1, dm)
    await NextPointButton(member(1).id, "north-korea", 1).callback(moved)
    assert "Point 1:" not in moved.response.sent[0]["embed"].title  # not the round's Point
