"""A club's own cases and settings, through Discord, on a real database."""

from __future__ import annotations

import sqlite3

import discord
import discord.ext.test as dpytest
import pytest
from support import dm_channel, guild_channel, member, say, say_expecting_refusal

CLUB_CASE = """
id = "four-day-week"
title = "The Four-Day Week"
attribution = "Club handout"
side = "sceptics"

[[points]]
number = 1
claim = "Shorter weeks cut output."
context = "Some tasks need people present every day."

[[points.counterarguments]]
id = "rested-output"
summary = "Rested staff produce more each hour."
hint = "What happens to each hour's work when people are rested?"
source = ["Output per hour rises when people are rested."]
phrasings = ["Rested workers get more done per hour."]

[[points.counterarguments]]
id = "trials-held"
summary = "Trials kept output level."
hint = "What did the trials find?"
source = ["Trials in several countries kept output level."]
phrasings = ["Pilot programmes showed no drop in output."]
"""


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def case_file(tmp_path, text: str = CLUB_CASE, name: str = "moderated.toml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


async def upload(path: str, author: int = 0):
    await dpytest.message("!case upload", member=member(author), attachments=[path])
    return dpytest.get_message()


async def test_a_moderator_uploads_a_case_members_practise_it_and_only_here(moderated, tmp_path):
    reply = await upload(case_file(tmp_path))
    assert "Case `four-day-week`" in reply.content and "1 Point, 2 counterarguments" in reply.content

    listing = await say("!case", author=1)
    assert any("four-day-week" in f.name for f in listing.embeds[0].fields)
    point = await say("!practice four-day-week 1", author=1)
    assert "Shorter weeks cut output" in point.embeds[0].description
    scored = await say("!rebut Rested workers get more done in each hour they work.", author=1)
    assert "1 of 2" in scored.embeds[0].description

    refused = await say_expecting_refusal("!practice four-day-week", author=1, channel=await dm_channel(1))
    assert "no case 'four-day-week'" in refused.content  # a server's case stays in that server


async def test_show_gives_students_summaries_and_moderators_the_full_text(moderated, tmp_path):
    await upload(case_file(tmp_path))
    student = await say("!case show four-day-week", author=1)
    text = student.embeds[0].fields[0].value
    assert "Rested staff produce more each hour." in text and "Output per hour rises" not in text

    moderator = await say("!case show four-day-week")
    assert moderator.channel.id == (await dm_channel(0)).id  # privately
    assert "Output per hour rises" in moderator.embeds[0].fields[0].value


async def test_a_reupload_is_a_new_version_and_old_attempts_keep_theirs(moderated, tmp_path, db_path):
    await upload(case_file(tmp_path))
    await say("!practice four-day-week 1", author=1)
    await say("!rebut Rested workers get more done in each hour they work.", author=1)
    reply = await upload(case_file(tmp_path, CLUB_CASE.replace("Club handout", "Club handout, revised")))
    assert "version" in reply.content
    with sqlite3.connect(db_path) as conn:
        versions = conn.execute("SELECT version, current FROM guild_cases ORDER BY uploaded_at").fetchall()
        (attempt_version,) = conn.execute("SELECT case_version FROM attempts").fetchone()
    assert len(versions) == 2 and [c for _, c in versions] == [0, 1]
    assert attempt_version == versions[0][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id = [not toml", "not valid TOML"),
        (CLUB_CASE.replace('id = "four-day-week"', 'id = "../etc/passwd"'), "is not a valid id"),
        (CLUB_CASE.replace("Club handout", "Club handout for @everyone"), "contains '@everyone'"),
        (CLUB_CASE.replace('id = "four-day-week"', 'id = "north-korea"'), "id of a shipped case"),
    ],
)
async def test_bad_uploads_are_refused_and_nothing_is_stored(moderated, tmp_path, db_path, text, expected):
    path = case_file(tmp_path, text)
    with pytest.raises(discord.ext.commands.CommandError):
        await dpytest.message("!case upload", member=member(0), attachments=[path])
    assert expected in dpytest.get_message().content
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM guild_cases").fetchone()[0] == 0


async def test_students_cannot_change_the_library(moderated, tmp_path):
    path = case_file(tmp_path)
    with pytest.raises(discord.ext.commands.CommandError):
        await dpytest.message("!case upload", member=member(1), attachments=[path])
    assert "Only moderators" in dpytest.get_message().content
    assert "Only moderators" in (await say_expecting_refusal("!case default north-korea", author=1)).content


async def test_default_and_remove(moderated, tmp_path):
    await upload(case_file(tmp_path))
    assert "default case here is now `four-day-week`" in (await say("!case default four-day-week")).content
    assert "Shorter weeks" in (await say("!practice", author=1)).embeds[0].description
    assert "no longer available" in (await say("!case remove four-day-week")).content
    assert "deter U.S. intervention" in (await say("!practice 1", author=1)).embeds[0].description
    refused = await say_expecting_refusal("!case remove north-korea")
    assert "shipped case" in refused.content


async def test_practice_channels_and_leaderboard_switch(moderated):
    other = dpytest.backend.make_text_channel("practice-room", guild_channel().guild)
    await say(f"!settings channels add <#{other.id}>")
    refused = await say_expecting_refusal("!practice 1", author=1)
    assert f"<#{other.id}>" in refused.content
    assert "Point 1" in (await say("!practice 1", author=1, channel=other)).embeds[0].title
    await say("!settings channels clear")
    assert "Point 1" in (await say("!practice 1", author=1)).embeds[0].title

    await say("!settings leaderboard off")
    assert "turned off" in (await say_expecting_refusal("!leaderboard", author=1)).content
    shown = await say("!settings")
    fields = {f.name: f.value for f in shown.embeds[0].fields}
    assert fields["Leaderboard"] == "off" and fields["Practice channels"] == "anywhere"
    assert "Only moderators" in (await say_expecting_refusal("!settings leaderboard on", author=1)).content


async def test_a_case_shown_in_several_messages_leaves_one_note_in_the_channel(moderated, tmp_path, sent_payloads):
    """The full text of a long case takes several DMs; the channel is told once, not once per DM."""
    source = "The article says this at length, " + "with many supporting details, " * 30 + "and ends here."
    args = "".join(
        f'\n[[points.counterarguments]]\nid = "arg-{p}-{a}"\nsummary = "Argument {a} against Point {p} here."\n'
        f'hint = "Think about reason {a}."\nsource = ["{source}"]\nphrasings = ["Reason {a} in other words."]\n'
        for p in (1,)
        for a in range(1, 7)
    )
    points = "".join(
        f'\n[[points]]\nnumber = {p}\nclaim = "Claim number {p} of the long case."\ncontext = "Context."\n'
        + args.replace("arg-1-", f"arg-{p}-").replace("against Point 1", f"against Point {p}")
        for p in (1, 2, 3)
    )
    header = 'id = "long-case"\ntitle = "A long case"\nattribution = "Club handout"\nside = "sceptics"\n'
    await upload(case_file(tmp_path, header + points, "long.toml"))

    await dpytest.message("!case show long-case", member=member(0))
    replies = [dpytest.get_message() for _ in range(dpytest.sent_queue.qsize())]
    private = [m for m in replies if m.channel.id == (await dm_channel(0)).id]
    notes = [m for m in replies if m.content == "Sent to you privately."]
    assert len(private) >= 2 and len(notes) == 1
