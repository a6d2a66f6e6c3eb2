"""User stories for the practice loop in Discord, through the real bot and a real database."""

from __future__ import annotations

import logging
import sqlite3

import discord.ext.test as dpytest
from support import dm_channel, guild_channel, member, say, say_expecting_refusal

A1_PARAPHRASE = (
    "Kim would be miscalculating: the US will not be deterred and will keep pushing back "
    "against Pyongyang, and it would not back down in an escalating crisis."
)
B2_PARAPHRASE = "The allies keep asking Washington for stronger security guarantees and tighter alliance ties."


def attempts(db_path) -> list[sqlite3.Row]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute("SELECT * FROM attempts ORDER BY id").fetchall()


async def test_a_club_member_gets_a_point_with_buttons(bot, sent_payloads):
    reply = await say("!practice north-korea 1")

    embed = reply.embeds[0]
    assert embed.title == "Point 1: rebut this"
    assert "deter U.S. intervention" in embed.description
    [context] = embed.fields  # the article's framing of the Point, named for what it is
    assert context.name == "From the article" and context.value.startswith("There is a risk that North Korea")
    buttons = [c for row in sent_payloads[-1]["components"] for c in row["components"]]
    assert [b["custom_id"] for b in buttons] == [
        "cp:rebut:north-korea:1",
        "cp:hint:north-korea:1",
        "cp:new:north-korea",
    ]


async def test_a_rebuttal_in_a_server_is_scored_explained_and_stored(bot, db_path):
    await say("!practice north-korea 1")
    reply = await say(f"!rebut {A1_PARAPHRASE}")

    embed = reply.embeds[0]
    assert "17%" in embed.description and "1 of 6" in embed.description
    covered = [f for f in embed.fields if f.name.startswith("\u2705")]
    assert len(covered) == 1 and "will not be deterred" in covered[0].value
    assert any("Still missing" in f.name for f in embed.fields)

    [row] = attempts(db_path)
    assert row["learner_id"] == str(member(0).id)
    assert row["guild_id"] == guild_channel().guild.id and row["channel_id"] == guild_channel().id
    assert (row["case_id"], row["point"], row["score"]) == ("north-korea", 1, 17)
    assert row["covered"] == '["us-will-not-back-down"]'
    assert row["text"] == A1_PARAPHRASE


async def test_a_student_in_dms_answers_with_a_plain_message(bot, db_path):
    dm = await dm_channel()
    await say("!practice 2", channel=dm)
    reply = await say(B2_PARAPHRASE, channel=dm)

    assert "1 of 6" in reply.embeds[0].description
    [row] = attempts(db_path)
    assert row["guild_id"] is None and row["point"] == 2
    assert row["covered"] == '["allies-seek-closer-alliance"]'


async def test_a_plain_dm_without_a_point_gets_directions_and_stores_nothing(bot, db_path):
    reply = await say("hello there", channel=await dm_channel())
    assert "practice" in reply.content
    assert attempts(db_path) == []


async def test_a_server_point_and_a_dm_point_are_separate(bot):
    await say("!practice north-korea 1")
    dm = await dm_channel()
    await say("!practice north-korea 2", channel=dm)
    server_reply = await say(f"!rebut {A1_PARAPHRASE}")
    assert "Point 1" in server_reply.embeds[0].title


async def test_echoed_text_never_pings_anyone(bot, sent_payloads):
    await say("!practice north-korea 1")
    role_id, user_id = guild_channel().guild.default_role.id, member(1).id
    await say(f"!rebut @everyone @here <@{user_id}> <@&{role_id}> {A1_PARAPHRASE}")

    assert sent_payloads, "the bot sent nothing"
    for payload in sent_payloads:
        assert payload["allowed_mentions"] == {"parse": []}


async def test_a_restart_keeps_the_current_point(start_bot, db_path):
    await start_bot()
    student = member(0)
    await say("!practice north-korea 2", channel=await student.create_dm())

    await start_bot()  # a new process on the same database
    # dpytest's new fake Discord has new ids; the same student writes again.
    same_student = dpytest.backend.make_user(student.name, "0001", id_num=student.id)
    await dpytest.message(f"!rebut {B2_PARAPHRASE}", channel=await same_student.create_dm(), member=same_student)
    reply = dpytest.get_message()

    assert "Point 2" in reply.embeds[0].title
    assert [row["point"] for row in attempts(db_path)] == [2]


async def test_hint_and_answer_are_sent_privately(bot):
    await say("!practice north-korea 1")
    private = await say("!answer")
    assert private.channel.id == (await dm_channel()).id
    assert "How the article answers Point 1" in private.embeds[0].title
    assert len(private.embeds[0].fields) == 6
    assert dpytest.get_message().content == "Sent to you privately."

    hint = await say("!hint")
    assert hint.channel.id == (await dm_channel()).id
    assert hint.content.startswith("\U0001f4a1")


async def test_skip_moves_to_the_other_point(bot):
    await say("!practice north-korea 1")
    reply = await say("!skip")
    assert reply.embeds[0].title == "Point 2: rebut this"


async def test_cases_lists_the_shipped_case(bot):
    reply = await say("!cases")
    assert "north-korea" in reply.embeds[0].fields[0].name


# --- bad input: a clear message, nothing changes --------------------------------------


async def test_rebutting_without_a_point_says_how_to_start(bot, db_path):
    reply = await say_expecting_refusal("!rebut The US will not back down.")
    assert "practice" in reply.content
    assert attempts(db_path) == []


async def test_an_empty_rebuttal_is_refused(bot, db_path):
    await say("!practice north-korea 1")
    reply = await say_expecting_refusal("!rebut")
    assert "Missing `text`" in reply.content
    assert attempts(db_path) == []


async def test_a_whitespace_dm_rebuttal_is_refused(bot, db_path):
    dm = await dm_channel()
    await say("!practice 1", channel=dm)
    reply = await say("   \u200b  ", channel=dm)
    assert "empty" in reply.content
    assert attempts(db_path) == []


async def test_a_huge_rebuttal_is_refused_and_not_stored(bot, db_path):
    await say("!practice north-korea 1")
    reply = await say_expecting_refusal("!rebut " + "The US will not back down. " * 300)
    assert "limit is 4,000" in reply.content
    assert attempts(db_path) == []


async def test_an_unknown_case_lists_the_cases(bot):
    reply = await say_expecting_refusal("!practice atlantis")
    assert "no case 'atlantis'" in reply.content and "north-korea" in reply.content


async def test_an_unknown_point_lists_the_points(bot):
    reply = await say_expecting_refusal("!practice north-korea 7")
    assert "no Point 7" in reply.content and "1, 2" in reply.content


async def test_a_non_owner_cannot_sync(bot):
    reply = await say_expecting_refusal("!sync")
    assert "owner" in reply.content


async def test_an_unexpected_failure_apologises_logs_and_keeps_serving(bot, db_path, caplog, monkeypatch):
    await say("!practice north-korea 1")

    def broken_score(*args):
        raise RuntimeError("scorer exploded")

    monkeypatch.setattr(bot.practice.scorer, "score_many", broken_score)
    with caplog.at_level(logging.ERROR, logger="counterpoint"):
        reply = await say_expecting_refusal(f"!rebut {A1_PARAPHRASE}")
    assert reply.content.startswith("Sorry, something went wrong")
    assert "scorer exploded" not in reply.content
    assert "scorer exploded" in caplog.text  # the traceback is in the log

    monkeypatch.undo()
    reply = await say(f"!rebut {A1_PARAPHRASE}", author=0)
    assert "1 of 6" in reply.embeds[0].description
    assert len(attempts(db_path)) == 1


async def test_a_flooding_member_is_slowed_down_politely_and_others_are_not(start_bot, db_path):
    await start_bot(rebut_rate=(3, 60.0))
    await say("!practice north-korea 1")
    for _ in range(3):
        await say(f"!rebut {A1_PARAPHRASE}")
    reply = await say_expecting_refusal(f"!rebut {A1_PARAPHRASE}")
    assert reply.content.startswith("Slow down a little: you can do that again in")
    assert len(attempts(db_path)) == 3  # the refused one is not stored

    await say("!practice north-korea 1", author=1)
    assert "1 of 6" in (await say(f"!rebut {A1_PARAPHRASE}", author=1)).embeds[0].description
