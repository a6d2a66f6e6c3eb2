"""Shared fixtures: the real bot from ``create_bot``, driven by dpytest, on a real database.

Only Discord's servers are simulated (by dpytest). Everything else is the
product as it runs: the cogs, the services, the scorer, the database.

The database is a SQLite file, or, for tests marked :data:`BOTH_ENGINES`, once a SQLite file
and once a fresh PostgreSQL database (``BOTH_ENGINES`` in support.py; :func:`postgres_server` says where
the server comes from).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
import pytest_asyncio
from support import guild_channel, make_moderator

from bot.client import CounterpointBot, create_bot
from bot.config import Settings

SHIPPED_CASE = "north-korea"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "counterpoint.db"


#: The server for the PostgreSQL half: a URL to a database the tests may create databases from.
POSTGRES_URL_VARIABLE = "COUNTERPOINT_TEST_POSTGRES_URL"
#: Set (as .ci/run does) to make a skipped PostgreSQL half a failure.
REQUIRE_POSTGRES_VARIABLE = "COUNTERPOINT_TEST_REQUIRE_POSTGRES"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_engines") and "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest):
    """A PostgreSQL server: the one COUNTERPOINT_TEST_POSTGRES_URL names, else one that
    pytest-postgresql starts from the installed binaries. Without either, the PostgreSQL half
    is skipped, saying why (and fails instead where COUNTERPOINT_TEST_REQUIRE_POSTGRES is set)."""
    from urllib.parse import urlsplit

    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if url:
        parts = urlsplit(url)
        return {
            "host": parts.hostname or "localhost",
            "port": parts.port or 5432,
            "user": parts.username or "postgres",
            "password": parts.password,
            "maintenance_dbname": parts.path.lstrip("/") or "postgres",
        }
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        reason = "this runs as root, and PostgreSQL refuses to start as root"
    else:
        try:
            proc = request.getfixturevalue("postgresql_proc")
            return {
                "host": proc.host,
                "port": proc.port,
                "user": proc.user,
                "password": proc.password or None,
                "maintenance_dbname": "postgres",
            }
        except Exception as error:  # no binaries, no free port...
            reason = f"pytest-postgresql could not start one ({' '.join(str(error).split())[:200]})"
    message = f"PostgreSQL half skipped: set {POSTGRES_URL_VARIABLE} to a server's URL ({reason})"
    if os.environ.get(REQUIRE_POSTGRES_VARIABLE):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def postgres_url(postgres_server: dict) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (dropped after it)."""
    from pytest_postgresql.janitor import DatabaseJanitor

    name = f"counterpoint_test_{uuid.uuid4().hex[:12]}"
    server = postgres_server
    with DatabaseJanitor(
        user=server["user"],
        host=server["host"],
        port=server["port"],
        dbname=name,
        password=server["password"],
        maintenance_dbname=server["maintenance_dbname"],
    ):
        password = f":{server['password']}" if server["password"] else ""
        yield f"postgresql://{server['user']}{password}@{server['host']}:{server['port']}/{name}"


@pytest.fixture
def db(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """The database of a test: a SQLite file's path, or a fresh PostgreSQL database's URL."""
    if engine == "postgresql":
        return request.getfixturevalue("postgres_url")
    return db_path


@pytest.fixture
def settings(db: Path | str) -> Settings:
    return Settings(token=None, db_path=db, command_prefix="!", owner_ids=frozenset({999}))


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


@pytest.fixture
async def moderated(bot: CounterpointBot) -> CounterpointBot:
    """The test server with member 0 (alice) as its moderator."""
    await make_moderator(0)
    return bot


@pytest.fixture
async def club(moderated: CounterpointBot) -> CounterpointBot:
    """A server with a moderator (member 0, alice) and three players (bob, cleo, dev)."""
    guild = guild_channel().guild
    for name in ("cleo", "dev"):
        user = dpytest.backend.make_user(name, "0009")
        dpytest.get_config().members.append(dpytest.backend.make_member(user, guild))
    return moderated
