"""Faults: a full disk, a database locked by another program, a corrupt database at start,
a stop while writes are in flight. Each time: a clear message, nothing half-done, the bot
keeps serving everyone else."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest
from support import A5, counterpoint, say, say_expecting_refusal


def count_attempts(db_path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]


async def test_a_full_disk_refuses_clearly_saves_nothing_and_reads_still_work(start_bot, db_path, caplog):
    import discord.ext.test as dpytest
    from discord.ext import commands

    bot = await start_bot(rebut_rate=(1000, 1.0))  # this test writes until the disk is "full"
    await say("!practice north-korea 1")
    await say(f"!rebut {A5}")
    # Simulate a full disk: SQLite may not grow the file past its present size.
    async with bot.storage.database.connection.execute("PRAGMA page_count") as cursor:
        (pages,) = await cursor.fetchone()
    await bot.storage.database.connection.execute(f"PRAGMA max_page_count = {pages}")
    refusal = None
    with caplog.at_level(logging.ERROR, logger="counterpoint.storage"):
        for _ in range(50):  # the free space left in the last pages runs out within a few
            before = count_attempts(db_path)
            try:
                await dpytest.message(f"!rebut {A5} " + "padding " * 400)
            except commands.CommandError:
                refusal = dpytest.get_message()
                break
            dpytest.get_message()
    assert refusal is not None, "the disk never filled"
    assert "disk is full" in refusal.content and "nothing was saved" in refusal.content
    assert count_attempts(db_path) == before  # the refused attempt left nothing behind
    assert "database or disk is full" in caplog.text  # the operator sees the cause
    history = (await say("!history")).embeds[0].description  # reads still work
    assert "Point 1" in history
    assert (await say("!cases")).embeds


async def test_a_database_locked_by_another_program_refuses_clearly_then_recovers(bot, db_path):
    await say("!practice north-korea 1")
    await bot.storage.database.connection.execute("PRAGMA busy_timeout = 100")  # wait 0.1 s, not 5, for the test
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        reply = await say_expecting_refusal(f"!rebut {A5}")
        assert "database is busy" in reply.content and "nothing was saved" in reply.content
        assert count_attempts(db_path) == 0
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "1 of 6" in (await say(f"!rebut {A5}")).embeds[0].description  # and it serves again


def test_run_refuses_a_corrupt_database_without_touching_it_or_showing_the_token(tmp_path):
    corrupt = tmp_path / "counterpoint.db"
    corrupt.write_bytes(b"this is not a database " * 200)
    before = corrupt.read_bytes()
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-value-for-the-test"
    run = counterpoint("run", env={"DISCORD_TOKEN": token, "COUNTERPOINT_DB": str(corrupt)}, cwd=tmp_path)
    assert run.returncode == 1
    assert "not a usable Counterpoint database" in run.stderr and "Nothing was changed" in run.stderr
    assert token not in run.stdout + run.stderr
    assert corrupt.read_bytes() == before


def test_db_backup_and_check(tmp_path):
    db = tmp_path / "live.db"
    counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n")
    copy = tmp_path / "copy.db"
    run = counterpoint("db", "backup", str(copy), "--db", str(db))
    assert run.returncode == 0 and copy.exists()
    assert counterpoint("db", "check", "--db", str(copy)).stdout.strip().endswith("OK")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"junk" * 100)
    run = counterpoint("db", "check", "--db", str(broken))
    assert run.returncode == 1 and "not a readable SQLite database" in run.stdout


@pytest.mark.parametrize("kind", ["tournament submissions", "practice attempts"])  # two write paths
async def test_closing_storage_finishes_the_writes_in_flight(db_path, kind):
    from bot.cases import CaseLibrary
    from bot.config import SHIPPED_CASES_DIR
    from bot.models import Learner, Place
    from bot.practice import PracticeService
    from bot.storage import Storage
    from bot.tournament import TournamentService

    storage = await Storage.open(db_path)
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    practice = PracticeService(cases, storage)
    service = TournamentService(storage, cases, practice)
    t = await service.create(1, 1, "Stop cup", created_by=1)
    learners = [Learner.terminal(f"l{n}") for n in range(30)]
    for user, learner in zip(range(1, 31), learners, strict=True):
        await service.join(t, user, f"u{user}")
        await practice.start(learner, Place(), "north-korea", 1)
    t = (await service.start(t)).tournament

    queued = []  # the writes handed to storage

    def counted(method):
        async def wrapper(*args, **kwargs):
            queued.append(method.__name__)  # both queue their write before their first await
            return await method(*args, **kwargs)

        return wrapper

    if kind == "tournament submissions":
        storage.tournaments.store_submission = counted(storage.tournaments.store_submission)
        writes = [asyncio.create_task(service.submit(t, user, f"u{user}", A5)) for user in range(1, 31)]
    else:
        storage.attempts.record = counted(storage.attempts.record)
        writes = [asyncio.create_task(practice.submit(learner, Place(), A5)) for learner in learners]
    while len(queued) < 30:
        await asyncio.sleep(0)
    assert not all(write.done() for write in writes)  # some are still in flight: close must wait for them
    await storage.close()  # as a SIGTERM would: all 30 are queued, and not all written yet
    results = await asyncio.gather(*writes, return_exceptions=True)
    assert not [r for r in results if isinstance(r, BaseException)]  # each was told "stored"...
    with sqlite3.connect(db_path) as conn:  # ...and is
        assert conn.execute("SELECT COUNT(*) FROM tournament_submissions").fetchone()[0] == (
            30 if kind == "tournament submissions" else 0
        )
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == (30 if kind == "practice attempts" else 0)


async def test_a_reply_lost_to_a_dropped_connection_leaves_the_rebuttal_stored(bot, db_path, monkeypatch, caplog):
    import discord
    import discord.ext.test as dpytest
    from discord.ext import commands

    await say("!practice north-korea 1")
    original = bot.http.send_message
    calls = {"n": 0}

    async def dropping_send(channel_id, *, params):  # Discord unreachable for the next two sends
        calls["n"] += 1
        if calls["n"] <= 2:
            raise discord.HTTPException(type("Response", (), {"status": 503, "reason": "unreachable"})(), "gone")
        return await original(channel_id, params=params)

    monkeypatch.setattr(bot.http, "send_message", dropping_send)
    with caplog.at_level(logging.WARNING):
        try:
            await dpytest.message(f"!rebut {A5}")
        except commands.CommandError:
            pass
    assert count_attempts(db_path) == 1  # stored before the reply was attempted
    assert "Command rebut failed" in caplog.text  # the log has it
    monkeypatch.undo()
    history = await say("!history")  # the connection is back: the attempt is there to see
    assert "**17%**" in history.embeds[0].description
