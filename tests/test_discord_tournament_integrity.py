"""Tournament integrity through the real bot: rounds named by submissions, no answers
during a round, a rate limit on submissions, and exports a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io

import discord
import discord.ext.test as dpytest
import pytest
from support import (
    A5,
    B2,
    BOTH_ENGINES,
    PressedBy,
    delivered,
    dm_channel,
    guild_channel,
    member,
    query,
    say,
    say_expecting_refusal,
)

pytestmark = BOTH_ENGINES


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest writes sent attachments to the working folder


def add_member(name: str) -> discord.Member:
    guild = guild_channel().guild
    user = dpytest.backend.make_user(name, "0009")
    added = dpytest.backend.make_member(user, guild)
    dpytest.get_config().members.append(added)
    return added


def read_csv(attachment) -> list[list[str]]:
    return list(csv.reader(io.StringIO(open(attachment.url.removeprefix("file://"), encoding="utf-8").read())))


# --- CSV export ---------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_is_quoted(raw):
    from bot.tournament_export import csv_safe

    assert csv_safe(raw) == "'" + raw
    assert csv_safe("plain name") == "plain name" and csv_safe(-3) == -3


async def test_exported_names_and_reasons_cannot_become_formulas(moderated):
    add_member('=HYPERLINK("http://evil.example","x")')  # member 2
    add_member("@SUM(1+1)")  # member 3
    await say('!tournament create "Formula cup" north-korea 1 5')
    for player in (2, 3):
        await say("!tournament join", author=player)
    await say("!tournament start")
    for player in (2, 3):
        await say(f"!tournament submit {A5}", author=player, channel=await dm_channel(player))
    await say(f"!tournament adjust <@{member(3).id}> 1 50 -2+3 looked fine")
    await say("!tournament end")
    await delivered(moderated)  # the final standings; the feedback by DM

    export = await say("!tournament export")
    rounds_file, standings_file = export.attachments
    cells = [cell for row in read_csv(rounds_file) + read_csv(standings_file) for cell in row]
    names = [cell for cell in cells if "HYPERLINK" in cell or "SUM(" in cell]
    assert len(names) == 4 and all(cell.startswith("'") for cell in names)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


# --- a submission names its round -----------------------------------------------------------


def submissions(db) -> list[tuple]:
    return query(db, "SELECT round, user_id FROM tournament_submissions ORDER BY round, user_id")


async def test_a_submit_window_opened_in_round_1_and_sent_after_next_is_refused(moderated, db):
    from cogs.tournament_views import SubmitButton

    await say('!tournament create "Stale cup" north-korea 2 5')
    await say("!tournament join", author=1)
    await say("!tournament start")
    tournament = await moderated.tournaments.in_channel(guild_channel().id)
    opened = PressedBy(moderated, member(1), guild_channel().guild, guild_channel())
    await SubmitButton(tournament.id, 1).callback(opened)  # bob opens round 1's window...
    modal = opened.response.modal
    assert modal is not None

    await say("!tournament next")  # ...the moderator moves on to round 2...
    dpytest.get_message()  # round 2's Point
    modal.text._value = A5
    sent = PressedBy(moderated, member(1), guild_channel().guild, guild_channel())
    await modal.on_submit(sent)  # ...and bob sends the old window
    [reply] = sent.response.sent
    assert reply["ephemeral"] is True
    assert "Round 1 of Stale cup has closed" in reply["content"] and "Round 2 is open now" in reply["content"]
    assert submissions(db) == []  # stored nowhere: not as round 2, not as round 1

    late_press = PressedBy(moderated, member(1), guild_channel().guild, guild_channel())
    await SubmitButton(tournament.id, 1).callback(late_press)  # round 1's button, pressed now
    assert (
        late_press.response.modal is None
        and "Round 1 of Stale cup has closed" in late_press.response.sent[0]["content"]
    )

    current = PressedBy(moderated, member(1), guild_channel().guild, guild_channel())
    await SubmitButton(tournament.id, 2).callback(current)
    current.response.modal.text._value = B2
    answered = PressedBy(moderated, member(1), guild_channel().guild, guild_channel())
    await current.response.modal.on_submit(answered)
    assert "round 2, is in" in answered.response.sent[0]["content"]
    assert submissions(db) == [(2, member(1).id)]


# --- no answers during a round; a rate limit on submissions ------------------------------------


async def test_a_participant_cannot_practise_the_open_rounds_point_or_read_its_answers(moderated, sent_payloads):
    from cogs.practice import HintButton

    dm = await dm_channel(1)
    assert "Point 1" in (await say("!practice north-korea 1", author=1, channel=dm)).embeds[0].title  # before the round
    await say(f"!rebut {A5}", author=1, channel=dm)
    [earlier] = await moderated.storage.attempts.of(str(member(1).id), None)
    await say("!practice north-korea 1", author=1)  # and in the server
    await say('!tournament create "Quiet cup" north-korea 2 5')
    await say("!tournament join", author=1)
    assert "round 1 of 2" in (await say("!tournament start")).embeds[0].title  # round 1 is on Point 1

    for command in ("!answer", "!hint", f"!rebut {A5}", "!practice north-korea 1"):
        for channel in (dm, None):
            refusal = await say_expecting_refusal(command, author=1, channel=channel)
            assert "You are in Quiet cup, whose open round is on Point 1" in refusal.content, command
            assert not refusal.embeds
    refusal = await say_expecting_refusal(f"!feedback {earlier.id}", author=1, channel=dm)  # past feedback too
    assert "whose open round is on Point 1" in refusal.content and not refusal.embeds
    for channel in (dm, None):  # the case's summaries: not the round's Point
        fields = {
            f.name.split(":")[0]: f.value
            for f in (await say("!case show north-korea", author=1, channel=channel)).embeds[0].fields
        }
        assert (
            fields["Point 1"] == "Hidden while a round of Quiet cup is on this Point." and "\u2022" in fields["Point 2"]
        )
    await say("!progress", author=1, channel=dm)
    fields = [f["name"] for f in sent_payloads[-1]["embeds"][0]["fields"]]
    assert "Attempts" in fields and "You keep missing" not in fields  # its summaries would be Point 1's
    add_member("cleo")  # not in the tournament: in this server she cannot post the round's answers either
    shown = await say("!case show north-korea", author=2)
    assert "Hidden while a round of Quiet cup" in shown.embeds[0].fields[0].value
    press = PressedBy(moderated, member(1), None, dm)
    await HintButton("north-korea", 1).callback(press)  # the button under the old Point, too
    assert "whose open round is on Point 1" in press.response.sent[0]["content"]
    assert (
        "Point 2" in (await say("!practice north-korea", author=1, channel=dm)).embeds[0].title
    )  # another Point is fine
    assert "Point 2" in (await say("!skip", author=1)).embeds[0].title
    assert "Point 1" in (await say("!practice north-korea 1", author=0)).embeds[0].title  # alice is not in it

    await say("!tournament next")  # round 1 closes; round 2 is on Point 2
    await dpytest.empty_queue()
    assert "Point 1" in (await say("!practice north-korea 1", author=1, channel=dm)).embeds[0].title
    assert "How the article answers Point 1" in (await say("!answer", author=1, channel=dm)).embeds[0].title
    assert (await say(f"!feedback {earlier.id}", author=1, channel=dm)).embeds
    assert "open round is on Point 2" in (await say_expecting_refusal("!practice north-korea 2", author=1)).content


async def test_tournament_submissions_are_rate_limited_like_rebuttals(moderated, db):
    await say('!tournament create "Flood cup" north-korea 1 5')
    await say("!tournament join", author=1)
    await say("!tournament start")
    dm = await dm_channel(1)
    for _ in range(6):  # REBUT_RATE: 6 a minute
        assert "round 1" in (await say(f"!tournament submit {A5}", author=1, channel=dm)).content
    refusal = await say_expecting_refusal(f"!tournament submit {B2}", author=1, channel=dm)
    assert "Slow down" in refusal.content
    refusal = await say(B2, author=1, channel=dm)  # a plain DM is a submission too
    assert "Slow down" in refusal.content
    assert query(db, "SELECT versions, text FROM tournament_submissions") == [(6, A5)]
