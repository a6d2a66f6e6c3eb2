"""Helpers for driving the bot through dpytest like a user would."""

from __future__ import annotations

import os
import subprocess
import sys

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands


def member(index: int) -> discord.Member:
    return dpytest.get_config().members[index]


def guild_channel() -> discord.TextChannel:
    return dpytest.get_config().channels[0]


async def dm_channel(index: int = 0) -> discord.DMChannel:
    return await member(index).create_dm()


async def say(content: str, *, channel=None, author: int = 0) -> discord.Message | None:
    """``author`` sends ``content``; returns the bot's reply (None if it said nothing)."""
    await dpytest.message(content, channel=channel if channel is not None else 0, member=member(author))
    return _next_reply()


async def say_expecting_refusal(content: str, *, channel=None, author: int = 0) -> discord.Message:
    """Like :func:`say`, for a command that fails with a user error.

    dpytest re-raises every command error after the bot's handler has run, so
    the error is expected here and the handler's reply returned.
    """
    with pytest.raises(commands.CommandError):
        await dpytest.message(content, channel=channel if channel is not None else 0, member=member(author))
    reply = _next_reply()
    assert reply is not None, f"the bot did not answer {content!r}"
    return reply


def _next_reply() -> discord.Message | None:
    if dpytest.sent_queue.empty():
        return None
    return dpytest.get_message()


def counterpoint(*args: str, stdin: str = "", env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run the ``counterpoint`` command in a real process, as a user would, without their token or DB."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=environment, cwd=cwd, timeout=60,
    )
