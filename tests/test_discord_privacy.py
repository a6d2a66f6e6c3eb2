"""forget-me leaves nothing of a member's in any table; export-me includes everything it would delete.

The check enumerates the tables from the engine's catalogue, so a table added later is covered
without anyone remembering to add it here. Both engines.
"""

from __future__ import annotations

import json

import discord
import discord.ext.test as dpytest
import pytest
from support import B2, BOTH_ENGINES, PressedBy, dm_channel, every_table, guild_channel, member, query, say

from bot.config import SHIPPED_CASES_DIR
from cogs.disputes import ConfirmButton, DisputeButton

MARKER = "Zqxmarker"  # in the member's name and in every text of theirs
A5 = f"North Korea will never match the forces of Russia or China and has no strategic depth, says {MARKER}."
pytestmark = BOTH_ENGINES


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest writes sent attachments to the working folder


def traces_of(db, user_id: int, marker: str) -> list[str]:
    """Every (table, column) holding the member's id (as a value, or inside a text) or the marker."""
    found = []
    tables = every_table(db)
    assert "tournament_submissions" in tables and len(tables) >= 11
    for table, (columns, rows) in tables.items():
        for row in rows:
            for column, value in zip(columns, row, strict=True):
                if value == user_id or (
                    isinstance(value, str) and (str(user_id) in value or marker.lower() in value.lower())
                ):
                    found.append(f"{table}.{column}")
    return sorted(set(found))


async def press_forget(bot, index: int) -> str:
    from cogs.progress import ForgetConfirmation

    prompt = await say("!forget-me", author=index, channel=await dm_channel(index))
    assert "tournament entries and submissions" in prompt.content
    press = PressedBy(bot, member(index), None, await dm_channel(index))
    await ForgetConfirmation(member(index).id, bot.progress).confirm.callback(press)
    return press.response.edited["content"]


@pytest.fixture
async def everywhere(start_bot):
    """Member 2 (named with the marker, a moderator) has left rows in every table that can hold them:
    practice in the server and in DMs, a schedule, a setting, a tournament they created, entered and
    were adjusted in, an adjustment they made to bob's score, a season they reset, a case they uploaded."""
    bot = await start_bot()
    guild = guild_channel().guild
    user = dpytest.backend.make_user(f"{MARKER}Name", "0042")
    dpytest.get_config().members.append(dpytest.backend.make_member(user, guild))
    staff = dpytest.backend.make_role("Staff", guild, permissions=discord.Permissions(manage_guild=True).value)
    for index in (0, 2):
        await dpytest.add_role(member(index), staff)
    dm = await dm_channel(2)

    await say("!practice north-korea 1", author=2)
    await say(f"!rebut {A5}", author=2)
    await say("!practice north-korea 2", author=2, channel=dm)
    await say(f"!rebut {MARKER} thinks the allies want guarantees.", author=2, channel=dm)
    await say("!hint", author=2, channel=dm)
    await say("!privacy share", author=2, channel=dm)
    await say("!reset-leaderboard", author=2)
    toml = (SHIPPED_CASES_DIR / "north-korea.toml").read_text(encoding="utf-8")
    await bot.catalog.upload(
        guild.id, toml.replace('id = "north-korea"', 'id = "club-copy"', 1).encode(), "club.toml", member(2).id
    )

    await say('!tournament create "Marker cup" north-korea 1 5', author=2)
    for index in (1, 2):
        await say("!tournament join", author=index)
    await say("!tournament start", author=2)
    await say(f"!tournament submit {A5}", author=2, channel=dm)
    await say(f"!tournament submit {B2}", author=1, channel=await dm_channel(1))
    await say(f"!tournament adjust <@{member(1).id}> 1 40 fair enough", author=2)
    await say(f"!tournament adjust <@{member(2).id}> 1 90 {MARKER} argued well", author=0)
    await say("!tournament end", author=2)

    mods = dpytest.backend.make_text_channel("mods", guild)
    await say(f"!settings disputes <#{mods.id}>", author=2)
    await dispute(bot, 2, f"{MARKER} made the point about the allies.")
    await say("!practice north-korea 1", author=1)
    await say(f"!rebut {B2}", author=1)
    bobs = await dispute(bot, 1, "It deserves more.")
    await ConfirmButton(bobs).callback(PressedBy(bot, member(2), guild, mods))  # member 2 answers bob's dispute
    await dpytest.empty_queue()
    assert len(traces_of(bot.storage.location, member(2).id, MARKER)) >= 12  # the fixture reaches every kind of row
    return bot


async def dispute(bot, index: int, reason: str) -> int:
    """``index`` disputes the score of their latest attempt in the server; returns the dispute's id."""
    [latest] = await bot.storage.attempts.of(str(member(index).id), guild_channel().guild.id, limit=1)
    pressed = PressedBy(bot, member(index), guild_channel().guild, guild_channel())
    await DisputeButton(member(index).id, latest.id).callback(pressed)
    modal = pressed.response.modal
    modal.reason._value = reason
    await modal.on_submit(PressedBy(bot, member(index), guild_channel().guild, guild_channel()))
    stored = await bot.disputes.store.of_attempt(latest.id)
    assert stored is not None
    return stored.id


async def test_forget_me_leaves_the_members_id_and_words_in_no_row_of_any_table(everywhere, db):
    bot = everywhere
    tournament = await bot.storage.tournaments.latest_in(guild_channel().id)
    assert [s.user_id for s in await bot.tournaments.standings(tournament)] == [member(2).id, member(1).id]

    reply = await press_forget(bot, 2)
    assert "deleted" in reply and "nothing of yours" in reply

    assert traces_of(db, member(2).id, MARKER) == []
    # Their place in past standings is gone and the others move up; the others' rows are untouched.
    [bob] = await bot.tournaments.standings(tournament)
    assert (bob.user_id, bob.rank, bob.total) == (member(1).id, 1, 40)
    assert query(db, "SELECT reason, moderator_id FROM score_adjustments") == [("fair enough", 0)]
    assert query(db, "SELECT created_by FROM tournaments") == [(0,)]
    # their own dispute is gone; the one they answered for bob stays, unsigned
    assert query(db, "SELECT user_id, resolved_by, confirmed FROM disputes") == [(member(1).id, 0, 1)]
    assert "club-copy" in [c.id for c in await bot.catalog.library_for(guild_channel().guild.id)]


async def test_export_me_holds_what_forget_me_would_delete(everywhere):
    reply = await say("!export-me", author=2, channel=await dm_channel(2))
    [attachment] = reply.attachments
    data = json.loads(open(attachment.url.removeprefix("file://"), encoding="utf-8").read())
    [submission] = data["tournament_submissions"]
    assert submission["text"] == A5 and submission["round"] == 1 and isinstance(submission["covered"], list)
    assert [e["tournament"] for e in data["tournaments_entered"]] == ["Marker cup"]
    assert [a["reason"] for a in data["score_adjustments_of_yours"]] == [f"{MARKER} argued well"]
    assert [a["reason"] for a in data["score_adjustments_made"]] == ["fair enough"]
    assert [t["name"] for t in data["tournaments_created"]] == ["Marker cup"]
    assert len(data["seasons_ended"]) == 1 and data["cases_uploaded"][0]["case_id"] == "club-copy"
    assert len(data["attempts"]) == 2
    assert [d["reason"] for d in data["disputes_of_yours"]] == [f"{MARKER} made the point about the allies."]
    assert [d["confirmed"] for d in data["disputes_resolved"]] == [1]
    assert str(member(1).id) not in json.dumps(data)  # nobody else's id
