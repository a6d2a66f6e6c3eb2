"""Disputing a practice score, through the real bot and database: the member's button and modal,
the moderators' Confirm and Correct, the member told by DM, and the export that measures the scorer."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import discord
import discord.ext.test as dpytest
import pytest
from support import (
    BOTH_ENGINES,
    PressedBy,
    counterpoint,
    dm_channel,
    guild_channel,
    member,
    query,
    say,
    say_expecting_refusal,
)

from cogs.disputes import ConfirmButton, CorrectButton, CorrectSelect, DisputeButton, DisputeModal

pytestmark = BOTH_ENGINES

A1 = (
    "Kim would be miscalculating: the US will not be deterred and will keep pushing back "
    "against Pyongyang, and it would not back down in an escalating crisis."
)
REASON = "I also said the US has shielded allies from bigger nuclear powers before."
# Point 1's counterarguments: A1 makes the first (credited); the moderator says it made the fourth too.
#: The checkout: the terminal commands run from it (the bot's tests run in a temporary folder).
CHECKOUT = Path(__file__).resolve().parents[1]
CREDITED, ALSO_MADE = "us-will-not-back-down", "extended-deterrence-history"


@pytest.fixture
async def club(bot):
    """alice moderates and has set a disputes channel; bob has a scored rebuttal in the server."""
    guild = guild_channel().guild
    staff = dpytest.backend.make_role("Staff", guild, permissions=discord.Permissions(manage_guild=True).value)
    await dpytest.add_role(member(0), staff)
    mods = dpytest.backend.make_text_channel("mods", guild)
    reply = await say(f"!settings disputes <#{mods.id}>")
    assert reply.content == f"Disputes of scores go to <#{mods.id}>; only moderators can answer them."
    await say("!practice north-korea 1", author=1)
    await say(f"!rebut {A1}", author=1)
    await dpytest.empty_queue()
    return bot, mods


def attempt_id(db) -> int:
    return query(db, "SELECT max(id) FROM attempts")[0][0]


def stored_dispute_id(db) -> int:
    return query(db, "SELECT id FROM disputes")[0][0]


def disputes(db) -> list[tuple]:
    return query(db, "SELECT attempt_id, user_id, reason, confirmed, claims FROM disputes")


def press(bot, index: int, channel=None, **data) -> PressedBy:
    channel = channel or guild_channel()
    return PressedBy(bot, member(index), getattr(channel, "guild", None), channel, data=data)


async def dispute(bot, attempt: int, reason: str = REASON, index: int = 1) -> PressedBy:
    """``index`` presses Dispute this score and, if the modal opens, sends ``reason``."""
    pressed = press(bot, index)
    await DisputeButton(member(index).id, attempt).callback(pressed)
    if pressed.response.modal is None:
        return pressed
    modal = pressed.response.modal
    assert isinstance(modal, DisputeModal)
    modal.reason._value = reason
    submitted = press(bot, index)
    await modal.on_submit(submitted)
    return submitted


async def test_a_member_disputes_a_moderator_corrects_and_the_correction_measures_the_scorer(
    club, db, sent_payloads, tmp_path
):
    bot, mods = club
    attempt = attempt_id(db)
    await say("!practice north-korea 1", author=1)
    await say(f"!rebut {A1}", author=1)
    assert f"cp:rd:{member(1).id}:{attempt + 1}" in [
        c["custom_id"] for row in sent_payloads[-1]["components"] for c in row["components"]
    ]  # the result's own Dispute button, beside Try again / Hint / Show answer / Next Point
    await dpytest.empty_queue()

    sent = await dispute(bot, attempt)
    [confirmation] = sent.response.sent
    assert confirmation["ephemeral"] is True and "with the moderators" in confirmation["content"]

    posted = dpytest.get_message()
    assert posted.channel.id == mods.id
    [embed] = posted.embeds
    fields = {f.name: f.value for f in embed.fields}
    point = bot.cases.get("north-korea").point(1)
    assert point.claim[:50] in embed.description
    assert fields["Rebuttal"] == A1 and fields["Their reason"] == REASON
    assert fields["Member"] == f"<@{member(1).id}>"
    label = {a.id: a.label for a in point.counterarguments}
    assert fields["Scored 17%"] == f"Credited: {label[CREDITED]}"
    payload = sent_payloads[-1]
    assert payload["allowed_mentions"]["parse"] == []
    [[confirm, correct]] = [[c["custom_id"] for c in row["components"]] for row in payload["components"]]
    dispute_id = int(confirm.rsplit(":", 1)[1])
    assert (confirm, correct) == (f"cp:dc:{dispute_id}", f"cp:dx:{dispute_id}")

    # alice corrects: the menu lists Point 1's counterarguments, the credited one ticked
    opened = press(bot, 0, mods)
    await CorrectButton(dispute_id).callback(opened)
    [menu] = opened.response.sent
    assert menu["ephemeral"] is True
    [select] = menu["view"].children
    assert [o.value for o in select.item.options] == [a.id for a in point.counterarguments]
    assert [o.value for o in select.item.options if o.default] == [CREDITED]
    chosen = press(bot, 0, mods, values=[CREDITED, ALSO_MADE])
    await CorrectSelect(dispute_id).callback(chosen)
    assert chosen.response.edited["content"].startswith("Saved. \u270f\ufe0f Corrected: 33%.")

    told = dpytest.get_message()  # bob, by DM
    assert told.channel.id == (await dm_channel(1)).id
    assert "Corrected: 33%" in told.content and label[ALSO_MADE] in told.content
    assert "stored score stays" in told.content
    edited = await mods.fetch_message(posted.id)  # the moderators' message shows the outcome
    outcome = {f.name: f.value for f in edited.embeds[0].fields}["Outcome"]
    assert outcome.startswith(f"\u270f\ufe0f Corrected by <@{member(0).id}> <t:") and "33%" in outcome
    assert query(db, f"SELECT score FROM attempts WHERE id = {attempt}") == [(17,)]
    assert query(db, "SELECT resolved_by, corrected_score FROM disputes") == [(member(0).id, 33)]

    graded = tmp_path / "club-disputes.jsonl"
    exported = counterpoint(
        "cases", "disputes", "export", "north-korea", "--db", str(db), "-o", str(graded), cwd=CHECKOUT
    )
    assert exported.returncode == 0, exported.stderr
    assert "1 resolved dispute of 'north-korea'" in exported.stderr
    [line] = [json.loads(x) for x in graded.read_text("utf-8").splitlines()]
    assert line == {
        "id": f"dispute-{dispute_id}",
        "case": "north-korea",
        "point": 1,
        "text": A1,
        "grade": round(2 / len(point.counterarguments), 2),
        "kind": "dispute",
        "claims": [CREDITED, ALSO_MADE],
    }
    measured = counterpoint("eval", str(graded), env={"SCORER": "lexical"}, cwd=CHECKOUT)
    assert measured.returncode == 0, measured.stderr
    assert "claim precision" in measured.stdout.lower()


async def test_a_confirmed_dispute_exports_the_credited_set(club, db):
    bot, mods = club
    await dispute(bot, attempt_id(db))
    dispute_id = stored_dispute_id(db)
    pressed = press(bot, 0, mods)
    await ConfirmButton(dispute_id).callback(pressed)
    assert "the score stands" in pressed.response.sent[0]["content"]
    lines = await bot.disputes.graded_lines("north-korea")
    assert [(x["claims"], x["kind"]) for x in lines] == [([CREDITED], "dispute")]


async def test_without_a_disputes_channel_the_member_is_told_and_nothing_is_stored(bot, db):
    await say("!practice north-korea 1", author=1)
    await say(f"!rebut {A1}", author=1)
    pressed = await dispute(bot, attempt_id(db))
    assert pressed.response.modal is None
    [reply] = pressed.response.sent
    assert reply["ephemeral"] is True and "no disputes channel" in reply["content"]
    assert "settings disputes #channel" in reply["content"]

    modal = DisputeModal(attempt_id(db))  # a modal opened before a moderator cleared the channel
    modal.reason._value = REASON
    submitted = press(bot, 1)
    await modal.on_submit(submitted)
    assert "no disputes channel" in submitted.response.sent[0]["content"]
    assert disputes(db) == []


async def test_only_moderators_confirm_or_correct(club, db):
    bot, mods = club
    await dispute(bot, attempt_id(db))
    [(_, _, _, confirmed, _)] = disputes(db)
    dispute_id = stored_dispute_id(db)
    for item in (ConfirmButton(dispute_id), CorrectButton(dispute_id), CorrectSelect(dispute_id)):
        pressed = press(bot, 1, mods, values=[])  # bob, who disputed, is no moderator
        await item.callback(pressed)
        [reply] = pressed.response.sent
        assert reply["ephemeral"] is True and reply["content"].startswith("Only moderators can do that")
        assert "view" not in reply and pressed.response.edited is None
    assert disputes(db)[0][3] is None  # still open


async def test_a_dm_result_has_no_dispute_button_and_a_forged_one_is_refused(bot, db, sent_payloads):
    dm = await dm_channel(1)
    await say("!practice north-korea 1", channel=dm, author=1)
    await say(A1, channel=dm, author=1)
    ids = [c["custom_id"] for row in sent_payloads[-1]["components"] for c in row["components"]]
    assert len(ids) == 4 and not any(i.startswith("cp:rd:") for i in ids)
    pressed = press(bot, 1, dm)
    await DisputeButton(member(1).id, attempt_id(db)).callback(pressed)
    assert pressed.response.modal is None
    assert "practice in a server to dispute" in pressed.response.sent[0]["content"]
    assert disputes(db) == []


async def test_an_attempt_is_disputed_once(club, db):
    bot, mods = club
    attempt = attempt_id(db)
    await dispute(bot, attempt)
    again = await dispute(bot, attempt, "And another thing.")
    assert again.response.modal is None
    assert "already disputed" in again.response.sent[0]["content"]
    dispute_id = stored_dispute_id(db)
    await ConfirmButton(dispute_id).callback(press(bot, 0, mods))
    after = await dispute(bot, attempt, "Still wrong.")
    assert "already been answered: a moderator confirmed the score" in after.response.sent[0]["content"]
    twice = press(bot, 0, mods)  # a second moderator's late press changes nothing
    await CorrectButton(dispute_id).callback(twice)
    assert "already been answered" in twice.response.sent[0]["content"]
    assert [(a, r, c) for a, _, r, c, _ in disputes(db)] == [(attempt, REASON, 1)]


async def test_someone_elses_result_cannot_be_disputed(club, db):
    bot, _ = club
    pressed = press(bot, 0)  # alice presses bob's button
    await DisputeButton(member(1).id, attempt_id(db)).callback(pressed)
    assert pressed.response.modal is None and "for the member who sent" in pressed.response.sent[0]["content"]
    forged = await dispute(bot, attempt_id(db), index=0)  # a button made out with alice's id
    assert "only your own scores" in forged.response.sent[0]["content"]
    assert disputes(db) == []


async def test_only_moderators_choose_the_disputes_channel_and_settings_show_it(club):
    bot, mods = club
    refused = await say_expecting_refusal(f"!settings disputes <#{mods.id}>", author=1)
    assert refused.content.startswith("Only moderators can do that")
    shown = await say("!settings")
    assert {f.name: f.value for f in shown.embeds[0].fields}["Disputes go to"] == f"<#{mods.id}>"
    assert (await say("!settings disputes")).content.startswith("Disputes are off")


async def test_a_dispute_the_moderators_cannot_receive_is_not_kept(club, db):
    bot, _ = club
    await bot.disputes.set_channel(guild_channel().guild.id, 4242)  # a channel deleted since it was set
    sent = await dispute(bot, attempt_id(db))
    assert "could not post in the disputes channel <#4242>" in sent.response.sent[0]["content"]
    assert disputes(db) == []


async def test_a_member_who_takes_no_dms_is_logged_not_an_error(club, db, monkeypatch, caplog):
    bot, mods = club
    await dispute(bot, attempt_id(db))
    await dpytest.empty_queue()

    async def closed_dms(self, *args, **kwargs):
        raise discord.Forbidden(SimpleNamespace(status=403, reason="Forbidden"), "Cannot send messages to this user")

    monkeypatch.setattr(discord.User, "send", closed_dms)
    monkeypatch.setattr(discord.Member, "send", closed_dms)
    pressed = press(bot, 0, mods)
    dispute_id = stored_dispute_id(db)
    await ConfirmButton(dispute_id).callback(pressed)
    [reply] = pressed.response.sent
    assert "the score stands" in reply["content"]  # no apology: the moderator's answer is stored
    assert f"Could not DM member {member(1).id} the outcome of dispute {dispute_id}" in caplog.text
    assert disputes(db)[0][3] == 1
