"""Shared fixtures: the real bot from ``create_bot``, driven by dpytest, on a real SQLite file.

Only Discord's servers are simulated (by dpytest). Everything else is the
product as it runs: the cogs, the services, the scorer, the database.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
import pytest_asyncio

from bot.client import CounterpointBot, create_bot
from bot.config import Settings

SHIPPED_CASE = "north-korea"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "counterpoint.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(token=None, db_path=db_path, command_prefix="!", owner_ids=frozenset({999}))


BotFactory = Callable[..., Awaitable[CounterpointBot]]


@pytest_asyncio.fixture
async def start_bot(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotFactory]:
    """Builds a bot through ``create_bot`` and connects it to dpytest's fake Discord.

    Call it again to simulate a restart on the same database.
    """
    # dpytest saves every attachment the bot sends to ./dpytest_N.dat: keep them out of the checkout.
    monkeypatch.chdir(tmp_path)
    started: list[CounterpointBot] = []

    async def start(**overrides) -> CounterpointBot:
        if started:
            await _stop(started[-1])
        bot = create_bot(Settings(**{**settings.__dict__, **overrides}))
        # dpytest adds its fake members through GUILD_MEMBER_ADD, which discord.py
        # caches only with the (privileged) members intent. The bot itself never
        # asks for it; only the fake server needs it to have members at all.
        bot._connection._intents.members = True
        bot._connection.member_cache_flags = discord.MemberCacheFlags.from_intents(bot._connection._intents)
        await bot._async_setup_hook()
        await bot.setup_hook()
        allowed_mentions = bot.allowed_mentions
        with monkeypatch.context() as patch:
            if isinstance(bot, discord.AutoShardedClient):
                # dpytest refuses sharded clients because its fake gateway has no shards to
                # run; the bot's commands, cogs and services are the same either way.
                patch.setattr(dpytest.runner.discord, "AutoShardedClient", type("NotSharded", (), {}))
            dpytest.configure(bot, members=["alice", "bob"])
        # dpytest's fake connection state forgets the bot's allowed_mentions;
        # carry over what create_bot configured, so sends behave as in production.
        bot._connection.allowed_mentions = allowed_mentions
        started.append(bot)
        return bot

    yield start
    await dpytest.empty_queue()
    await _stop(started[-1])


async def _stop(bot: CounterpointBot) -> None:
    # dpytest's fake gateway has no socket to close, so Bot.close() cannot run
    # here; what a stop must release that is ours: the cogs' tasks (timers) and
    # the database.
    for extension in list(bot.extensions):
        await bot.unload_extension(extension)
    await bot.storage.close()


@pytest_asyncio.fixture
async def bot(start_bot: BotFactory) -> CounterpointBot:
    return await start_bot()


@pytest.fixture
def sent_payloads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every message payload the bot builds for Discord's HTTP API, as it would go on the wire.

    dpytest builds its fake message from part of the payload and drops the
    rest (``allowed_mentions`` among it, and the embeds of a message with a
    file), so the payload is recorded where discord.py builds it; the call
    itself goes on unchanged.
    """
    payloads: list[dict] = []
    build = discord.abc.handle_message_parameters

    def recording_build(*args, **kwargs):
        params = build(*args, **kwargs)
        if params.payload is not None:
            payloads.append(dict(params.payload))
        else:  # with files, the payload travels as a multipart part
            part = next(p for p in params.multipart if p["name"] == "payload_json")
            payloads.append(json.loads(part["value"]))
        return params

    monkeypatch.setattr(discord.abc, "handle_message_parameters", recording_build)
    return payloads
