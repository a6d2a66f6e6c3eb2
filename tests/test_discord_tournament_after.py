"""What players see around a tournament's rounds: results after it ends, standings before any
round closes, one name per member, a notice that does not answer a deleted message, and a
round closed by its deadline that waits for a moderator."""

from __future__ import annotations

import discord.ext.test as dpytest

from support import guild_channel, member, say
from test_discord_tournament import A5, club  # noqa: F401  (club is a fixture)


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
