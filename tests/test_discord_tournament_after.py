"""What players see around a tournament's rounds: results after it ends, standings before any
round closes, one name per member, a notice that does not answer a deleted message, and a
round closed by its deadline that waits for a moderator."""

from __future__ import annotations

import discord.ext.test as dpytest
from support import A5, B2, Clock, delivered, dm_channel, guild_channel, member, say, tournament_cog


async def _two_round_tournament(bot, monkeypatch) -> tuple[Clock, object]:
    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(bot.tournaments, "clock", clock)
    await say('!tournament create "Club night" north-korea 2 5')
    for player in (1, 2):
        await say("!tournament join", author=player)
    await say("!tournament start")
    for task in list(tournament_cog(bot)._timers.values()):
        task.cancel()  # the test closes rounds itself, as the timers would
    return clock, await bot.tournaments.in_channel(guild_channel().id)


async def test_results_standings_and_feedback_stay_readable_after_the_end(club, monkeypatch):
    bot = club
    clock, tournament = await _two_round_tournament(bot, monkeypatch)
    await say(f"!tournament submit {A5}", author=1, channel=await dm_channel(1))
    await say("!tournament next")
    await delivered(bot)  # round 2 opens; round 1's feedback goes by DM
    await say(f"!tournament submit {B2}", author=1, channel=await dm_channel(1))
    await say("!tournament end")
    await delivered(bot)  # the final standings, round 2's feedback by DM

    feedback = await say("!tournament feedback 2", author=1)
    assert feedback.channel.id == (await dm_channel(1)).id
    assert feedback.embeds, "feedback for round 2 is sent after the tournament ended"
    assert dpytest.get_message().content == "Sent to you privately."
    results = await say("!tournament results 1", author=2)
    assert "round 1 results" in results.embeds[0].title
    standings = await say("!tournament standings", author=2)
    assert standings.embeds[0].title == "Club night: standings"
    assert standings.embeds[0].description.startswith(f"**1.** <@{member(1).id}>")


async def test_standings_before_any_round_closes_say_so(club, monkeypatch):
    await _two_round_tournament(club, monkeypatch)
    standings = await say("!tournament standings")
    assert "No round has closed yet" in standings.embeds[0].description
    assert "**1.**" not in standings.embeds[0].description  # no ranking of zeros


async def test_a_member_has_one_name_in_results_and_standings(club, monkeypatch):
    bot = club
    clock, tournament = await _two_round_tournament(bot, monkeypatch)
    await say(f"!tournament submit {A5}", author=1, channel=await dm_channel(1))  # named as a user in a DM
    stored = {p.user_id: p.name for p in await bot.tournaments.participants(tournament)}
    submitted = (await bot.storage.tournaments.submissions(tournament.id, 1))[0].name
    assert stored[member(1).id] != submitted  # joined with the server nickname; submitted with the user name

    clock.now += 301
    await tournament_cog(bot).close_and_announce(tournament.id, 1)
    results = dpytest.get_message().embeds[0].description.splitlines()
    await delivered(bot)
    standings = (await say("!tournament standings")).embeds[0].description.splitlines()
    bob = f"<@{member(1).id}>"
    assert results[0].startswith(f"**1.** {bob} ")
    assert standings[0].startswith(f"**1.** {bob} ")
    assert not any(name in line for line in results + standings for name in (stored[member(1).id], submitted))


async def test_a_round_closed_by_its_deadline_says_the_next_waits_for_a_moderator(club, monkeypatch):
    bot = club
    clock, tournament = await _two_round_tournament(bot, monkeypatch)
    clock.now += 301
    await tournament_cog(bot).close_and_announce(tournament.id, 1)
    posted = dpytest.get_message().embeds[0]
    assert "round 1 results" in posted.title
    waiting = [f.value for f in posted.fields if f.name == "Next"]
    assert waiting == ["Round 2 of 2 opens when a moderator runs `tournament next`."]

    await say("!tournament next")  # round 2 opens
    clock.now += 301
    await tournament_cog(bot).close_and_announce(tournament.id, 2)  # the last round: no next
    last = dpytest.get_message().embeds[0]
    assert "round 2 results" in last.title and not any(f.name == "Next" for f in last.fields)


async def test_no_notice_answers_the_deleted_rebuttal(club, sent_payloads):
    await say('!tournament create "Open cup"')
    await say("!tournament join", author=1)
    await say("!tournament start")
    typed = await dpytest.message(f"!tournament submit {A5}", member=member(1))
    history = [m async for m in guild_channel().history(limit=20)]
    assert typed.id not in [m.id for m in history]  # it was deleted
    # Discord refuses a message whose reference is missing, unless fail_if_not_exists is false.
    references = [p["message_reference"] for p in sent_payloads if p.get("message_reference")]
    assert references, "the channel is told the submission went privately"
    for reference in references:
        assert int(reference["message_id"]) != typed.id or reference.get("fail_if_not_exists") is False
    await dpytest.empty_queue()
