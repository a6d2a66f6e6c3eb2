"""Several bot processes on one database, each running some of the shards: the settings that
choose them, the bot create_bot builds, and who keeps a tournament's clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands
from support import counterpoint

from bot.client import CounterpointBot, create_bot
from bot.config import ConfigError, Settings
from bot.practice import PracticeService
from bot.shards import ShardPlan, shard_of
from bot.storage import Storage
from bot.tournament import TournamentService

REPO = Path(__file__).resolve().parent.parent
# Two servers whose ids put them on shards 0 and 1 of two (Discord: (id >> 22) % count).
HOME, AWAY = 20_000_000_000 << 22, 20_000_000_001 << 22


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


# --- settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "ids", "plan"),
    [
        ("", "", None),  # not set: one process, Discord decides
        ("4", "", ShardPlan(4, (0, 1, 2, 3))),  # a count alone: every shard here
        ("4", "2, 3", ShardPlan(4, (2, 3))),
        (" 1 ", "0", ShardPlan(1, (0,))),
    ],
)
def test_shard_settings_that_make_sense_are_taken(count, ids, plan):
    assert Settings.from_env({"SHARD_COUNT": count, "SHARD_IDS": ids}).shards == plan


@pytest.mark.parametrize(
    ("count", "ids", "message"),
    [
        ("0", "", "SHARD_COUNT must be at least 1, not 0"),
        ("-2", "0", "SHARD_COUNT must be at least 1, not -2"),
        ("four", "", "SHARD_COUNT must be a whole number, not 'four'"),
        ("2", "2", "SHARD_IDS 2 out of range: with SHARD_COUNT=2, shard ids run from 0 to 1"),
        ("2", "0,-1", "SHARD_IDS -1 out of range"),
        ("2", "0,one", "SHARD_IDS must be comma-separated shard numbers"),
        ("2", "1,1", "SHARD_IDS lists a shard twice"),
        ("", "1", "SHARD_IDS needs SHARD_COUNT"),
    ],
)
def test_shard_settings_that_do_not_are_refused_with_the_reason(count, ids, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({"SHARD_COUNT": count, "SHARD_IDS": ids})


def test_the_bot_refuses_to_start_on_shards_out_of_range_without_a_traceback(tmp_path):
    env = {"DISCORD_TOKEN": "x", "SHARD_COUNT": "2", "SHARD_IDS": "0,2", "PYTHONPATH": str(REPO)}
    run = counterpoint("run", env=env, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "Configuration error: SHARD_IDS 2 out of range: with SHARD_COUNT=2, shard ids run from 0 to 1"
    )
    assert not list(tmp_path.iterdir())  # nothing was created


# --- the bot --------------------------------------------------------------------------


def test_with_shards_set_create_bot_builds_an_auto_sharded_bot_running_those(settings):
    sharded = create_bot(Settings(**{**settings.__dict__, "shards": ShardPlan(4, (1, 3))}))
    assert isinstance(sharded, commands.AutoShardedBot) and isinstance(sharded, CounterpointBot)
    assert (sharded.shard_count, sharded.shard_ids) == (4, [1, 3])

    plain = create_bot(settings)  # unset: today's bot, one process, Discord's choice of shards
    assert not isinstance(plain, discord.AutoShardedClient)
    assert plain.shard_count is None


def test_a_server_belongs_to_the_shard_discord_sends_its_events_to_and_dms_to_shard_0():
    assert shard_of(HOME, 2) == 0 and shard_of(AWAY, 2) == 1
    assert shard_of(41771983423143937, 4) == 2  # Discord's formula: the id's timestamp bits, modulo the count
    assert shard_of(None, 7) == 0
    first, second = ShardPlan(2, (0,)), ShardPlan(2, (1,))
    assert first.owns(HOME) and not first.owns(AWAY) and first.owns(None)
    assert second.owns(AWAY) and not second.owns(HOME) and not second.owns(None)


# --- tournament clocks: only the process running the server's shard keeps them ---------------


def _server(guild_id: int, name: str) -> discord.TextChannel:
    guild = dpytest.backend.make_guild(name, id_num=guild_id)
    dpytest.backend.make_member(dpytest.backend.get_state().user, guild)  # the bot is in it
    return dpytest.backend.make_text_channel("tournaments", guild)


async def _other_process(settings: Settings, plan: ShardPlan) -> CounterpointBot:
    """A second bot process on the same database, running other shards. dpytest fakes one gateway,
    so this one has none: its cogs and services run, and nothing reaches it from Discord."""
    other = create_bot(Settings(**{**settings.__dict__, "shards": plan, "scorer": "lexical"}))
    await other._async_setup_hook()
    await other.setup_hook()
    return other


async def _stop(other: CounterpointBot) -> None:
    for extension in list(other.extensions):
        await other.unload_extension(extension)
    await other.storage.close()


async def _running(service: TournamentService, channel: discord.TextChannel, name: str):
    tournament = await service.create(channel.guild.id, channel.id, name, created_by=1, minutes=5)
    await service.join(tournament, 7, "bob")
    return (await service.start(tournament)).tournament


async def test_each_process_keeps_the_clocks_of_its_own_servers_and_no_other(start_bot, settings):
    first = await start_bot(shards=ShardPlan(2, (0,)), scorer="lexical")  # shard 0, with DMs
    home, away = _server(HOME, "Home club"), _server(AWAY, "Away club")
    second = await _other_process(settings, ShardPlan(2, (1,)))
    clock = Clock(1_900_000_000.0)
    try:
        for bot in (first, second):
            bot.tournaments.clock = clock
        home_cup = await _running(first.tournaments, home, "Home cup")
        away_cup = await _running(first.tournaments, away, "Away cup")

        # Both processes start (or restart) on the database holding both running tournaments.
        for bot in (first, second):
            await bot.get_cog("Tournaments").recover()
        assert set(first.get_cog("Tournaments")._timers) == {(home_cup.id, 1)}
        assert set(second.get_cog("Tournaments")._timers) == {(away_cup.id, 1)}
        for bot in (first, second):  # from here the test fires them, when it chooses
            for timer in bot.get_cog("Tournaments")._timers.values():
                timer.cancel()

        clock.now += 301  # both deadlines pass: what each timer does then, and what a stray one would do
        assert await first.get_cog("Tournaments").close_and_announce(away_cup.id, 1) is None
        assert await second.get_cog("Tournaments").close_and_announce(home_cup.id, 1) is None
        assert (await first.storage.tournaments.round(away_cup.id, 1)).is_open
        assert (await first.storage.tournaments.round(home_cup.id, 1)).is_open

        closed = await first.get_cog("Tournaments").close_and_announce(home_cup.id, 1)
        assert closed is not None and closed.tournament.id == home_cup.id
        announced = dpytest.get_message()
        assert announced.channel.id == home.id and "round 1 results" in announced.embeds[0].title
        assert (await second.get_cog("Tournaments").close_and_announce(away_cup.id, 1)) is not None
        assert not (await first.storage.tournaments.round(away_cup.id, 1)).is_open
    finally:
        await _stop(second)


async def test_after_a_restart_only_the_owning_process_closes_a_round_that_ran_out(start_bot, settings):
    first = await start_bot(shards=ShardPlan(2, (0,)), scorer="lexical")
    away = _server(AWAY, "Away club")
    cup = await _running(first.tournaments, away, "Away cup")
    first.tournaments.clock = lambda: 4_000_000_000.0  # the deadline passed while everything was down
    await first.get_cog("Tournaments").recover()
    assert (await first.storage.tournaments.round(cup.id, 1)).is_open  # not this process's server
    assert dpytest.sent_queue.empty()

    second = await _other_process(settings, ShardPlan(2, (1,)))
    try:
        second.tournaments.clock = lambda: 4_000_000_000.0
        recovery = await second.tournaments.recover()
        assert [r.tournament.id for r in recovery.closed] == [cup.id]
    finally:
        await _stop(second)


async def test_a_round_started_by_a_moderator_is_timed_by_the_process_that_got_the_command(start_bot):
    bot = await start_bot(shards=ShardPlan(2, (0,)), scorer="lexical")
    home = _server(HOME, "Home club")
    moderator = dpytest.backend.make_member(dpytest.get_config().members[0]._user, home.guild)
    staff = dpytest.backend.make_role("Staff", home.guild, permissions=discord.Permissions(manage_guild=True).value)
    await dpytest.add_role(moderator, staff)
    for command in ('!tournament create "Home cup" north-korea 1 5', "!tournament join", "!tournament start"):
        await dpytest.message(command, channel=home, member=moderator)
    tournament = await bot.tournaments.latest_in(home.id)
    assert set(bot.get_cog("Tournaments")._timers) == {(tournament.id, 1)}


# --- a round raced by two processes is closed once -------------------------------------


async def test_two_processes_racing_to_close_one_round_yield_one_result(tmp_path):
    from bot.cases import CaseLibrary
    from bot.config import SHIPPED_CASES_DIR

    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    db = tmp_path / "shared.db"
    first, second = await Storage.open(db), await Storage.open(db)  # two connections, as two processes have
    try:
        services = [TournamentService(s, cases, PracticeService(cases, s)) for s in (first, second)]
        for attempt in range(20):  # each race is a fresh round: the loser must lose every time
            tournament = await services[0].create(HOME, 100 + attempt, f"Cup {attempt}", created_by=1, minutes=5)
            await services[0].join(tournament, 7, "bob")
            await services[0].start(tournament)
            running = await first.tournaments.get(tournament.id)
            results = await asyncio.gather(*(service.close_round(running, 1) for service in services))
            assert sum(result is not None for result in results) == 1, f"race {attempt}: {results}"
    finally:
        await first.close()
        await second.close()
