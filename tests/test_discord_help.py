"""``help`` through the real bot: a quick start in the channel; ``help <command>`` still explains one."""

from __future__ import annotations

import discord.ext.test as dpytest
from support import guild_channel, say


async def test_help_is_a_quick_start_in_the_channel(bot):
    reply = await say("!help")
    assert reply.channel == guild_channel()  # not a DM
    [embed] = reply.embeds
    assert "quick start" in embed.title and "counterarguments" in embed.description
    fields = {f.name: f.value for f in embed.fields}
    for command in ("!practice", "!rebut", "!hint", "!answer", "!skip"):
        assert f"`{command}" in fields["Start with"]
    for sub in ("create", "join", "start", "submit", "results", "standings", "next", "end"):
        assert f"`{sub}`" in fields["Tournaments"]
    assert dpytest.sent_queue.empty()  # one message, nothing else


async def test_help_for_one_command_still_works(bot):
    reply = await say("!help rebut")
    assert reply.channel == guild_channel()
    assert "!rebut" in reply.content and "score and feedback" in reply.content
