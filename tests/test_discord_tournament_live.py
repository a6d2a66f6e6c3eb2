"""A tournament that says what is happening: each player's feedback by DM when a round closes
(without holding up the round), a live count of submissions and registrations, and
adjusted scores marked where they are shown."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from types import SimpleNamespace

import discord
import discord.ext.test as dpytest
from support import A5, B2, Clock, delivered, dm_channel, guild_channel, member, say, tournament_cog


def dms_closed_for(monkeypatch, *closed: int) -> None:
    """Members (by index) who accept no DMs from server members: Discord answers 403."""
    send = discord.Member.send
    ids = {member(index).id for index in closed}

    async def refusing(self, *args, **kwargs):
        if self.id in ids:
            raise discord.Forbidden(
                SimpleNamespace(status=403, reason="Forbidden"), "Cannot send messages to this user"
            )
        return await send(self, *args, **kwargs)

    monkeypatch.setattr(discord.Member, "send", refusing)


async def running(bot, monkeypatch, players=(1, 2, 3), rounds=2) -> tuple[Clock, object]:
    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(bot.tournaments, "clock", clock)
    await say(f'!tournament create "Club night" north-korea {rounds} 5')
    for player in players:
        await say("!tournament join", author=player)
    await say("!tournament start")
    for task in list(tournament_cog(bot)._timers.values()):
        task.cancel()  # the test closes rounds itself
    await delivered(bot)
    return clock, await bot.tournaments.in_channel(guild_channel().id)


# --- feedback by DM -------------------------------------------------------------------------


async def test_each_player_gets_their_own_feedback_by_dm_and_closed_dms_are_counted(club, monkeypatch):
    bot = club
    await running(bot, monkeypatch)
    dms_closed_for(monkeypatch, 3)
    for player in (1, 3):
        await say(f"!tournament submit {A5}", author=player, channel=await dm_channel(player))

    results = await say("!tournament next")
    assert "round 1 results" in results.embeds[0].title
    _, dms = await delivered(bot)

    assert [dm.channel.id for dm in dms] == [(await dm_channel(1)).id]  # bob's; dev's DMs are closed
    assert dms[0].content == "Club night, round 1: your feedback."
    feedback = dms[0].embeds[0]
    assert "rebuttal to Point 1" in feedback.title and any(f.name.startswith("\u2705") for f in feedback.fields)
    amended = await guild_channel().fetch_message(results.id)
    note = [f.value for f in amended.embeds[0].fields if f.name == "Feedback by DM"]
    assert note == ["1 player could not be sent their feedback by DM: use `tournament feedback 1`."]


async def test_a_slow_dm_does_not_hold_up_the_round(club, monkeypatch):
    bot = club
    clock, tournament = await running(bot, monkeypatch)
    await say(f"!tournament submit {A5}", author=1, channel=await dm_channel(1))
    release = asyncio.Event()
    send = discord.Member.send

    async def slow(self, *args, **kwargs):
        await release.wait()  # Discord taking its time with bob's DM
        return await send(self, *args, **kwargs)

    monkeypatch.setattr(discord.Member, "send", slow)
    clock.now += 301
    await tournament_cog(bot).close_and_announce(tournament.id, 1)  # the deadline
    assert "round 1 results" in dpytest.get_message().embeds[0].title
    opened = await say("!tournament next")  # the next round opens while the DM is still on its way
    assert "round 2 of 2" in opened.embeds[0].title
    assert tournament_cog(bot).deliveries.tasks

    release.set()
    _, dms = await delivered(bot)
    assert [dm.content for dm in dms] == ["Club night, round 1: your feedback."]


# --- live counts ----------------------------------------------------------------------------


def field(message: discord.Message, name: str) -> str:
    return next(f.value for f in message.embeds[0].fields if f.name == name)


async def test_the_round_embed_counts_submissions_as_they_arrive_with_few_edits(club, monkeypatch):
    bot = club
    tournament_cog(bot).live.interval = 2.0  # seconds between two edits of one round's embed (5 in production)
    clock, tournament = await running(bot, monkeypatch)
    posted = [m async for m in guild_channel().history(limit=20) if m.embeds and "round 1 of 2" in m.embeds[0].title]
    assert field(posted[0], "Submitted") == "0 of 3"
    edits, edit = [], discord.Message.edit

    async def recorded(self, **kwargs):
        edits.append((asyncio.get_running_loop().time(), kwargs["embed"]))
        return await edit(self, **kwargs)

    monkeypatch.setattr(discord.Message, "edit", recorded)

    for player in (1, 2, 3):  # three submissions well inside one interval; bob's twice
        await say(f"!tournament submit {A5}", author=player, channel=await dm_channel(player))
    await say(f"!tournament submit {B2}", author=1, channel=await dm_channel(1))
    await tournament_cog(bot).live.wait()

    assert field(await guild_channel().fetch_message(posted[0].id), "Submitted") == "3 of 3"  # the final count
    assert 1 <= len(edits) < 4  # the first at once, those arriving during an interval folded into one
    assert all(later[0] - earlier[0] >= 2.0 for earlier, later in pairwise(edits))


async def test_typed_join_and_leave_update_the_registration_count(club):
    created = await say('!tournament create "Club night"')
    assert field(created, "Participants") == "0"
    for player in (1, 2):
        await say("!tournament join", author=player)
    assert field(await guild_channel().fetch_message(created.id), "Participants") == "2"
    await say("!tournament leave", author=1)
    assert field(await guild_channel().fetch_message(created.id), "Participants") == "1"


# --- adjusted scores --------------------------------------------------------------------------


async def test_an_overridden_score_is_marked_and_the_rounds_results_are_posted_again(club, monkeypatch):
    bot = club
    await running(bot, monkeypatch, players=(1, 2))
    for player in (1, 2):
        await say(f"!tournament submit {A5}", author=player, channel=await dm_channel(player))
    await say("!tournament next")  # round 1's results; round 2 opens
    await delivered(bot)

    confirmed = await say(f"!tournament adjust <@{member(2).id}> 1 75 clearest delivery")
    assert "now 75%" in confirmed.content
    amended = dpytest.get_message().embeds[0]  # the round's results, posted again
    assert amended.title == "Club night: round 1 results (amended)"
    cleo, bob, legend = amended.description.splitlines()
    assert cleo == f"**1.** <@{member(2).id}> \u2014 75%\u2020 (1 covered)"
    assert "\u2020" not in bob and legend == "\u2020 adjusted by a moderator"

    standings = (await say("!tournament standings")).embeds[0].description.splitlines()
    assert standings[0].startswith(f"**1.** <@{member(2).id}> \u2014 75\u2020 ")
    assert "\u2020" not in standings[1] and standings[-1] == "\u2020 adjusted by a moderator"
    results = (await say("!tournament results 1")).embeds[0].description
    assert "75%\u2020" in results  # and whenever the results are asked for
