"""A tournament run through Discord, as a moderator and three members would, on a real database."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import discord.ext.test as dpytest
import pytest
from support import (
    A2_A5,
    A5,
    B2,
    Clock,
    PressedBy,
    delivered,
    dm_channel,
    guild_channel,
    member,
    say,
    say_expecting_refusal,
    tournament_cog,
)


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest writes sent attachments to the working folder


async def test_a_full_tournament_in_a_channel(club, sent_payloads, monkeypatch):
    bot = club
    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(bot.tournaments, "clock", clock)
    for task in list(tournament_cog(bot)._timers.values()):
        task.cancel()

    created = await say('!tournament create "Club night" north-korea 2 5')
    assert "registration open" in created.embeds[0].title
    buttons = [c["custom_id"] for row in sent_payloads[-1]["components"] for c in row["components"]]
    assert buttons[0].startswith("cp:tjoin:")

    refusal = await say_expecting_refusal("!tournament start", author=1)
    assert "Only moderators" in refusal.content
    for player in (1, 2, 3):
        joined = await say("!tournament join", author=player)
        assert f"({player} participant{'' if player == 1 else 's'})" in joined.content

    opened = await say("!tournament start")
    assert "round 1 of 2" in opened.embeds[0].title
    deadline = int(clock.now + 300)
    assert f"<t:{deadline}:R>" in opened.embeds[0].fields[0].value
    tournament = await bot.tournaments.in_channel(guild_channel().id)
    assert (tournament.id, 1) in tournament_cog(bot)._timers  # the deadline timer is armed

    # bob submits in a DM, twice (the second replaces the first); cleo through the button's modal
    dm = await dm_channel(1)
    receipt = await say(f"!tournament submit {A5}", author=1, channel=dm)
    assert "round 1, is in" in receipt.content and "Scores come out when the round closes" in receipt.content
    receipt = await say(A2_A5, author=1, channel=dm)  # a plain DM while in exactly one open round
    assert "replaced your earlier submission" in receipt.content
    press = PressedBy(bot, member(2), guild_channel().guild, guild_channel())
    from cogs.tournament_views import SubmissionModal

    modal = SubmissionModal(tournament.id, 1, 4000)
    modal.text._value = A5
    await modal.on_submit(press)
    assert press.response.sent[0]["ephemeral"] is True

    clock.now += 301  # dev is a second late
    late = await say_expecting_refusal(f"!tournament submit {A5}", author=3, channel=await dm_channel(3))
    assert "deadline for round 1 has passed" in late.content

    result = await tournament_cog(bot).close_and_announce(tournament.id, 1)  # what the timer does at the deadline
    posted = dpytest.get_message()
    assert "round 1 results" in posted.embeds[0].title
    assert posted.embeds[0].description.splitlines()[0].startswith(f"**1.** <@{member(1).id}>")
    assert [p.user_id for p in result.placings] == [member(1).id, member(2).id]  # dev's late one is not there
    _, dms = await delivered(bot)  # each player's own feedback, by DM
    assert sorted(dm.channel.id for dm in dms) == sorted([(await dm_channel(1)).id, (await dm_channel(2)).id])
    assert all(dm.content == "Club night, round 1: your feedback." for dm in dms)

    private = await say("!tournament feedback 1", author=1)  # sent by DM, then acknowledged in the channel
    assert private.channel.id == (await dm_channel(1)).id
    assert sum(f.name.startswith("\u2705") for f in private.embeds[0].fields) == 2
    assert dpytest.get_message().content == "Sent to you privately."

    second = await say("!tournament next")
    assert "round 2 of 2" in second.embeds[0].title
    await say(f"!tournament submit {B2}", author=2, channel=await dm_channel(2))
    refused = await say_expecting_refusal(f"!tournament adjust <@{member(3).id}> 1 50 strong but late")
    assert "made no submission in round 1" in refused.content
    refused = await say_expecting_refusal(f"!tournament adjust <@{member(2).id}> 1 150 typo")
    assert "between 0 and 100" in refused.content
    adjusted = await say(f"!tournament adjust <@{member(2).id}> 1 60 clearest delivery", author=0)
    assert "now 60% (was 17%)" in adjusted.content
    assert "round 1 results (amended)" in dpytest.get_message().embeds[0].title

    ended = await say("!tournament end")
    assert "round 2 results" in ended.embeds[0].title
    final = (await delivered(bot))[0][0]
    assert "final standings" in final.embeds[0].title
    standings = final.embeds[0].description.splitlines()
    assert standings[0].startswith(f"**1.** <@{member(2).id}>") and "\u2014 77" in standings[0]  # 60 adjusted + 17
    assert standings[1].startswith(f"**2.** <@{member(1).id}>") and "\u2014 33" in standings[1]

    export = await say("!tournament export")
    rounds_file, standings_file = export.attachments
    rows = list(csv.DictReader(io.StringIO(open(rounds_file.url.removeprefix("file://"), encoding="utf-8").read())))
    assert len(rows) == 3
    cleo_round_1 = next(r for r in rows if r["round"] == "1" and r["user_id"] == str(member(2).id))
    assert (cleo_round_1["score"], cleo_round_1["original_score"]) == ("60", "17")
    assert f"by {member(0).id}: clearest delivery" in cleo_round_1["adjustment"]
    assert "final" not in standings_file.filename and standings_file.filename.endswith("-standings.csv")


async def test_bad_tournament_requests_get_clear_messages(club):
    reply = await say_expecting_refusal("!tournament start")
    assert "no open tournament in this channel" in reply.content
    reply = await say_expecting_refusal('!tournament create "DM cup"', channel=await dm_channel(0))
    assert "only works in a server" in reply.content
    await say('!tournament create "Empty cup"')
    reply = await say_expecting_refusal("!tournament start")
    assert "at least one participant" in reply.content
    reply = await say_expecting_refusal('!tournament create "Second cup"')
    assert "already has an open tournament (Empty cup)" in reply.content


async def test_a_moderator_role_from_settings_counts(club):
    role = dpytest.backend.make_role("Debate staff", guild_channel().guild)
    await dpytest.add_role(member(1), role)
    assert "Only moderators" in (await say_expecting_refusal('!tournament create "Cup"', author=1)).content
    await say(f"!settings modrole <@&{role.id}>")
    assert "registration open" in (await say('!tournament create "Cup"', author=1)).embeds[0].title


RUNNER = textwrap.dedent("""
    import asyncio, sys
    from bot.cases import CaseLibrary
    from bot.config import SHIPPED_CASES_DIR
    from bot.practice import PracticeService
    from bot.storage import Storage
    from bot.tournament import TournamentService

    async def main(db, tournament_id):
        storage = await Storage.open(db)
        cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
        service = TournamentService(storage, cases, PracticeService(cases, storage))
        tournament = await storage.tournaments.get(tournament_id)
        for line in sys.stdin:  # "user_id<TAB>text", the path the cog's submit takes
            user, text = line.rstrip("\\n").split("\\t", 1)
            await service.submit(tournament, int(user), f"user{user}", text)
            print("ACK", user, flush=True)

    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
""")


async def test_killing_the_bot_mid_round_loses_no_accepted_submission(start_bot, db_path):
    bot = await start_bot()
    service = bot.tournaments
    t = await service.create(guild_channel().guild.id, guild_channel().id, "Crash cup", created_by=1, minutes=1)
    for user in range(1, 6):
        await service.join(t, user, f"user{user}")
    await service.start(t)
    await bot.storage.close()

    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(db_path), str(t.id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    acknowledged = []
    for user in (1, 2, 3):
        process.stdin.write(f"{user}\t{A5}\n")
        process.stdin.flush()
        acknowledged.append(process.stdout.readline().split()[1])
    process.send_signal(signal.SIGKILL)  # no chance to clean up
    process.wait(timeout=10)
    assert acknowledged == ["1", "2", "3"]

    bot = await start_bot()  # a new process on the same database
    # dpytest's new fake Discord has new ids; the tournament's channel is the same one in real life.
    dpytest.backend.make_text_channel("club", guild_channel().guild, id_num=t.channel_id)
    with sqlite3.connect(db_path) as conn:
        stored = [str(r[0]) for r in conn.execute("SELECT user_id FROM tournament_submissions ORDER BY user_id")]
    assert stored == acknowledged

    bot.tournaments.clock = lambda: 4_000_000_000.0  # the deadline passed while it was down
    await tournament_cog(bot).recover()
    announcement = dpytest.get_message()
    assert "offline at the deadline" in announcement.content
    assert len(announcement.embeds[0].description.splitlines()) == 3


async def test_a_rebuttal_typed_in_the_channel_is_deleted_and_its_author_warned(club):
    await say('!tournament create "Open cup"')
    await say("!tournament join", author=1)
    await say("!tournament start")
    await dpytest.message(f"!tournament submit {A5}", member=member(1))
    warning = dpytest.get_message()
    assert "I deleted your rebuttal" in warning.content and "<@" not in warning.content
    receipt = dpytest.get_message()
    assert receipt.channel.id == (await dm_channel(1)).id and "round 1, is in" in receipt.content
    history = [m async for m in guild_channel().history(limit=20)]
    assert not any(A5 in (m.content or "") for m in history)  # the rebuttal is gone from the channel
