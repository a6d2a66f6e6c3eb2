"""Storage: migrations, WAL, sessions that survive a reopen, and no silent fresh start (the
engine-independent ones on SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3

import pytest
from support import BOTH_ENGINES

from bot.coverage import Coverage, Match
from bot.models import CardUpdate, NewAttempt, Place
from bot.storage import SCHEMA_VERSION, IntegrityError, Storage, StorageError


async def test_a_new_database_is_migrated_to_the_current_schema_in_wal_mode(db_path):
    storage = await Storage.open(db_path)
    assert await storage.schema_version() == SCHEMA_VERSION
    await storage.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"attempts", "sessions", "schedule", "learner_settings", "seasons"} <= tables


@BOTH_ENGINES
async def test_a_session_survives_closing_and_reopening(db):
    storage = await Storage.open(db)
    await storage.sessions.save("42", Place(guild_id=7, channel_id=8), "north-korea", 2)
    await storage.close()

    storage = await Storage.open(db)
    session = await storage.sessions.get("42", "guild:7")
    assert (session.case_id, session.point, session.channel_id) == ("north-korea", 2, 8)
    assert await storage.sessions.get("42", "private") is None
    await storage.close()


@BOTH_ENGINES
async def test_an_attempt_is_stored_with_everything_about_it(db):
    storage = await Storage.open(db)
    coverage = Coverage(
        33, (Match("a", "my words", 0.8), Match("b", "more words", 0.6)), ("c",), frozenset({"too_short"})
    )
    new = NewAttempt("42", "alice", Place(None, 5), "north-korea", "abc", 1, "my rebuttal", coverage)
    stored = await storage.attempts.record(new, CardUpdate("north-korea", 1, '{"card": 1}', 123.0))
    [read] = await storage.attempts.of("42", None)
    assert read == stored
    assert read.guild_id is None and read.covered == ("a", "b") and read.flags == ("too_short",)
    assert read.matches[0] == Match("a", "my words", 0.8)
    assert await storage.attempts.card("42", "north-korea", 1) == '{"card": 1}'
    await storage.close()


async def test_a_file_that_is_not_a_database_is_refused_and_left_alone(db_path):
    db_path.write_bytes(b"these are somebody's notes, not a database" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="not a usable Counterpoint database"):
        await Storage.open(db_path)
    assert db_path.read_bytes() == before


async def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    from bot.storage import APPLICATION_ID

    with sqlite3.connect(db_path) as conn:  # a newer Counterpoint's database carries our mark
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="Upgrade Counterpoint"):
        await Storage.open(db_path)
    assert db_path.read_bytes() == before


async def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        await Storage.open(tmp_path / "nowhere" / "counterpoint.db")


async def test_a_version_1_database_is_migrated_and_keeps_its_attempts(db_path):
    from bot.storage import MIGRATIONS

    with sqlite3.connect(db_path) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute(
            "INSERT INTO attempts (learner_id, learner_name, guild_id, channel_id, case_id, case_version, point,"
            " text, score, covered, flags, created_at) VALUES ('7', 'old', NULL, NULL, 'north-korea', 'v', 1,"
            " 'old rebuttal', 50, '[\"x\"]', '[]', 1.0)"
        )
        conn.execute("PRAGMA user_version = 1")
    storage = await Storage.open(db_path)
    assert await storage.schema_version() == SCHEMA_VERSION
    [old] = await storage.attempts.of("7", None)
    assert (old.text, old.covered, old.matches) == ("old rebuttal", ("x",), ())
    await storage.close()


@BOTH_ENGINES
async def test_a_failed_transaction_leaves_nothing_behind(db):
    storage = await Storage.open(db)
    coverage = Coverage(0, (), ("a",), frozenset())
    new = NewAttempt("42", "alice", Place(None, None), "north-korea", "v", 1, "text", coverage)
    with pytest.raises(IntegrityError):
        await storage.attempts.record(new, CardUpdate("north-korea", 1, None, 1.0))  # a card may not be NULL
    assert await storage.attempts.count() == 0
    await storage.close()


async def test_progress_and_leaderboard_queries_use_indexes_not_full_scans(db_path):
    from bot.storage import LEADERBOARD_SQL

    storage = await Storage.open(db_path)
    plans = {
        "leaderboard": await storage.database.query_plan(LEADERBOARD_SQL, 1, 0.0),
        "progress": await storage.database.query_plan(
            "SELECT * FROM attempts WHERE learner_id = $1 AND guild_id = $2 ORDER BY created_at DESC, id DESC", "1", 1
        ),
        "schedule": await storage.database.query_plan(
            "SELECT case_id, point, due FROM schedule WHERE learner_id = $1 ORDER BY due", "1"
        ),
    }
    await storage.close()
    for name, plan in plans.items():
        attempts_steps = [step for step in plan if "attempts" in step or "schedule" in step]
        assert attempts_steps, (name, plan)
        for step in attempts_steps:
            # "SCAN attempts" alone would read every row; SEARCH, or a SCAN of a covering index, does not.
            assert step.startswith("SEARCH") or "COVERING INDEX" in step, (name, step)


async def test_an_attempt_id_taken_by_another_process_is_replaced_not_lost(db_path):
    storage = await Storage.open(db_path)
    coverage = Coverage(17, (), ("a",), frozenset())
    first = await storage.attempts.record(NewAttempt("1", "a", Place(), "north-korea", "v", 1, "one", coverage))
    with sqlite3.connect(db_path) as other:  # e.g. the terminal, writing the next id meanwhile
        other.execute(
            "INSERT INTO attempts (id, learner_id, learner_name, case_id, case_version, point, text, score, covered,"
            " flags, created_at) VALUES (?, '2', 'b', 'north-korea', 'v', 1, 'two', 0, '[]', '[]', 0)",
            (first.id + 1,),
        )
    second = await storage.attempts.record(NewAttempt("1", "a", Place(), "north-korea", "v", 1, "three", coverage))
    assert second.id == first.id + 2
    assert [a.text for a in await storage.attempts.of("1", None)] == ["three", "one"]
    await storage.close()
