"""The two engines side by side: several processes on one database, another program's database
refused, and a SQLite database copied over to PostgreSQL (`db migrate-to`) serving the same rows.

Two ``Storage`` objects opened on one database stand for two bot processes: each has its own
connections (a pool, on PostgreSQL), so their transactions race as two processes' would."""

from __future__ import annotations

import asyncio
import subprocess

import pytest
from support import A5, BOTH_ENGINES, counterpoint, every_table, query

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.coverage import Coverage, Match
from bot.models import Adjustment, CardUpdate, GuildSettings, Learner, NewAttempt, Place
from bot.practice import PracticeService
from bot.storage import Storage, StorageError
from bot.storage.schema import TABLES
from bot.tournament import TournamentError, TournamentService


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@BOTH_ENGINES
async def test_two_processes_submitting_and_closing_at_once_store_each_submission_once_and_close_once(db):
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    clock = Clock()
    first, second = await Storage.open(db), await Storage.open(db)
    services = [TournamentService(s, cases, PracticeService(cases, s), clock=clock) for s in (first, second)]
    try:
        players = [f"p{n}" for n in range(1, 201)]
        t = await services[0].create(1, 10, "Two-process cup", created_by=99, minutes=5)
        for user, name in enumerate(players, start=1):
            await services[user % 2].join(t, user, name)
        t = (await services[1].start(t)).tournament

        some_are_in = asyncio.Event()
        acknowledged: set[str] = set()

        async def submit(user: int, name: str) -> None:
            try:
                await services[user % 2].submit(t, user, name, A5)  # half through each process
            except TournamentError as refused:  # the round closed before it was stored
                assert "has closed" in str(refused) or "has passed" in str(refused)
                return
            acknowledged.add(name)
            if len(acknowledged) >= 50:
                some_are_in.set()

        async def close(service: TournamentService):
            await some_are_in.wait()  # while the other submissions are in flight
            return await service.close_round(await service.storage.tournaments.get(t.id), 1)

        outcomes = await asyncio.gather(
            *(submit(user, name) for user, name in enumerate(players, start=1)), close(services[0]), close(services[1])
        )
        results = [r for r in outcomes[-2:] if r is not None]
        assert len(results) == 1  # closed exactly once, by one of the two
        stored = [s.name for s in await first.tournaments.submissions(t.id, 1)]
        assert sorted(stored) == sorted(acknowledged)  # each told "in" is stored once; nobody else
        assert {p.name for p in results[0].placings} == acknowledged  # and the close counted every one
        assert 50 <= len(acknowledged) < len(players)  # the close landed amid the submissions
    finally:
        await first.close()
        await second.close()


@BOTH_ENGINES
async def test_a_close_waits_for_a_submission_being_stored_in_another_process_and_counts_it(db):
    """The race the test above can only hope to hit, made to happen: process A is storing a
    submission (its transaction not yet committed) when process B closes the round."""
    from bot.storage import tournaments as tournament_sql

    first, second = await Storage.open(db), await Storage.open(db)
    try:
        t = await first.tournaments.create(
            guild_id=1,
            channel_id=2,
            name="Cup",
            case_id="north-korea",
            rounds=1,
            minutes=5,
            point_order=(1,),
            shuffle_seed=None,
            show_scores=False,
            late_join=False,
            created_by=9,
        )
        await first.tournaments.add_participant(t.id, 7, "ann")
        await first.tournaments.open_round(t.id, 1, 1, 1000.0, 2000.0, from_state="registration")
        store = tournament_sql._STORE_SUBMISSION[first.engine]
        async with first.database.transaction() as storing:
            stored = await storing.fetch_one(store, t.id, 1, 7, "ann", "text", 17, "[]", "[]", "[]", 1500.0)
            assert stored is not None
            closing = asyncio.create_task(second.tournaments.close_round(t.id, 1, 1600.0))
            await asyncio.sleep(0.5)
            assert not closing.done()  # B waits for A's submission...
        assert await closing  # ...then closes the round, once
        assert [s.name for s in await second.tournaments.submissions(t.id, 1)] == ["ann"]  # and finds it there
        late = await first.tournaments.store_submission(
            t.id, 1, 8, "ben", "late", Coverage(0, (), (), frozenset()), 1700.0
        )
        assert late is None  # after the close, nothing more goes in
    finally:
        await first.close()
        await second.close()


@BOTH_ENGINES
async def test_attempts_from_two_processes_at_once_are_each_stored_once(db):
    first, second = await Storage.open(db), await Storage.open(db)
    coverage = Coverage(17, (), ("a",), frozenset())
    try:
        stored = await asyncio.gather(
            *(
                storage.attempts.record(NewAttempt(f"l{n}", "x", Place(), "north-korea", "v", 1, f"text {n}", coverage))
                for n in range(300)
                for storage in [(first, second)[n % 2]]
            )
        )
        assert len({a.id for a in stored}) == 300
        assert await first.attempts.count() == 300
    finally:
        await first.close()
        await second.close()


async def test_on_postgresql_a_process_sees_what_another_wrote_for_the_same_member(postgres_url):
    """A member's DMs and a server can be on different shards: the card one process updated and
    the forgetting another did are what the next read finds (no stale per-process cache)."""
    in_dms, in_server = await Storage.open(postgres_url), await Storage.open(postgres_url)
    coverage = Coverage(17, (), ("a",), frozenset())
    try:
        await in_server.sessions.save("42", Place(7, 8), "north-korea", 1)
        assert await in_server.attempts.card("42", "north-korea", 1) is None
        await in_dms.attempts.record(
            NewAttempt("42", "alice", Place(), "north-korea", "v", 1, "in a DM", coverage),
            CardUpdate("north-korea", 1, '{"reviewed": "in a DM"}', 99.0),
        )
        assert await in_server.attempts.card("42", "north-korea", 1) == '{"reviewed": "in a DM"}'
        assert await in_server.sessions.get("42", "guild:7") is not None
        await in_dms.privacy.forget("42")
        assert await in_server.sessions.get("42", "guild:7") is None
        assert await in_server.attempts.card("42", "north-korea", 1) is None
    finally:
        await in_dms.close()
        await in_server.close()


async def test_a_postgresql_database_holding_another_programs_tables_is_refused_untouched(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes VALUES (1, 'keep me')")
    with pytest.raises(StorageError, match="not a Counterpoint database.*'notes'"):
        await Storage.open(postgres_url)
    check = counterpoint("db", "check", "--db", postgres_url)
    assert check.returncode == 1 and "not a Counterpoint database" in check.stdout
    assert query(postgres_url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'") == [
        ("notes",)
    ]


async def test_a_postgresql_database_from_a_newer_version_is_refused(postgres_url):
    storage = await Storage.open(postgres_url)
    await storage.database.execute("UPDATE counterpoint_schema SET version = 99")
    await storage.close()
    with pytest.raises(StorageError, match="Upgrade Counterpoint"):
        await Storage.open(postgres_url)


async def test_an_unreachable_server_is_a_clear_error_without_the_password():
    with pytest.raises(StorageError, match="Cannot connect") as refused:
        await Storage.open("postgresql://bot:secret-pw@127.0.0.1:1/counterpoint")
    assert "secret-pw" not in str(refused.value)


# --- copying a SQLite database over ----------------------------------------------------------------


async def a_club_database(path) -> None:
    """A SQLite database with rows in every table, as a season of a club's use leaves it."""
    storage = await Storage.open(path)
    coverage = Coverage(33, (Match("a", "my words", 0.8),), ("c",), frozenset({"too_short"}))
    await storage.sessions.save("42", Place(7, 8), "north-korea", 2)
    for n in range(3):
        await storage.attempts.record(
            NewAttempt("42", "alice", Place(7, 8), "north-korea", "v1", 1, f"rebuttal {n}", coverage),
            CardUpdate("north-korea", 1, '{"card": 1}', 123.5),
        )
    await storage.attempts.record(NewAttempt("43", "bob", Place(None, 9), "north-korea", "v1", 2, "in a DM", coverage))
    await storage.privacy.set_shares_private("43", True)
    await storage.leaderboards.start_new_season(7, 99)
    await storage.guild_settings.save(GuildSettings(7, 5, "north-korea", 3, 2.5, (8, 9), True, False))
    await storage.guild_cases.save(7, "club-copy", "v1", "toml text", 99)
    t = await storage.tournaments.create(
        guild_id=7,
        channel_id=8,
        name="Cup",
        case_id="north-korea",
        rounds=2,
        minutes=5,
        point_order=(2, 1),
        shuffle_seed=12345678901,
        show_scores=False,
        late_join=True,
        created_by=99,
    )
    assert t is not None
    await storage.tournaments.add_participant(t.id, 42, "alice")
    await storage.tournaments.open_round(t.id, 1, 2, 1000.0, 2000.0, from_state="registration")
    await storage.tournaments.store_submission(t.id, 1, 42, "alice", "my answer", coverage, 1500.0)
    await storage.tournaments.add_adjustment(Adjustment(t.id, 1, 42, 50, "fair", 99, 1600.0))
    [latest, *_] = await storage.attempts.of("42", 7)
    dispute = await storage.disputes.open(latest.id, 7, 42, "I made the second one too")
    assert dispute is not None
    await storage.disputes.resolve(dispute, 99, confirmed=False, claims=("a", "c"), score=67, out_of=3)
    await storage.disputes.set_channel(7, 10)
    await storage.close()


async def test_migrate_to_copies_every_table_and_the_copy_serves_the_same_rows(tmp_path, postgres_url):
    source = tmp_path / "club.db"
    await a_club_database(source)

    run = counterpoint("db", "migrate-to", postgres_url, "--db", str(source))
    assert run.returncode == 0, run.stderr
    assert "attempts: 4 rows" in run.stdout and "tournament_submissions: 1 row" in run.stdout

    on_sqlite, on_postgres = every_table(source), every_table(postgres_url)
    for table in TABLES:
        columns, rows = on_sqlite[table]
        assert rows, f"the fixture leaves {table} empty"
        assert on_postgres[table][0] == columns
        assert sorted(on_postgres[table][1]) == sorted(rows), table

    old, new = await Storage.open(source), await Storage.open(postgres_url)
    try:
        assert await new.attempts.of("42", 7) == await old.attempts.of("42", 7)
        assert await new.leaderboards.ranking(7, 0.0) == await old.leaderboards.ranking(7, 0.0)
        t = await old.tournaments.latest_in(8)
        assert await new.tournaments.get(t.id) == t
        assert await new.tournaments.submissions(t.id) == await old.tournaments.submissions(t.id)
        assert await new.guild_settings.get(7) == await old.guild_settings.get(7)
        # New rows get new ids: the id counters moved past the copied ones.
        coverage = Coverage(0, (), ("a",), frozenset())
        added = await new.attempts.record(NewAttempt("44", "cy", Place(), "north-korea", "v1", 1, "new", coverage))
        assert added.id == 5  # after the 4 copied
    finally:
        await old.close()
        await new.close()

    again = counterpoint("db", "migrate-to", postgres_url, "--db", str(source))
    assert again.returncode == 1 and "already holds Counterpoint data" in again.stderr
    assert "Traceback" not in again.stderr


async def test_db_check_and_backup_on_postgresql(tmp_path, postgres_url):
    counterpoint("practice", "--point", "1", "--db", postgres_url, stdin=f"{A5}\n")
    check = counterpoint("db", "check", "--db", postgres_url)
    assert check.returncode == 0 and check.stdout.strip().endswith("OK"), check.stdout + check.stderr
    dump = tmp_path / "copy.dump"
    backup = counterpoint("db", "backup", str(dump), "--db", postgres_url)
    assert backup.returncode == 0, backup.stderr
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public attempts" in listing


async def test_on_postgresql_a_members_rate_limit_holds_across_processes(postgres_url):
    """Their DMs reach one process and their server another: the limit counts both together."""
    from bot.practice import SlowDownError

    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    dms, server = await Storage.open(postgres_url), await Storage.open(postgres_url)
    try:
        practice = [PracticeService(cases, s, rebut_rate=(2, 60.0)) for s in (dms, server)]
        learner = Learner.discord(42, "alice")
        for service, place in zip(practice, (Place(), Place(7, 8)), strict=True):
            await service.start(learner, place, "north-korea", 1)
        await practice[0].submit(learner, Place(), A5)  # one in a DM...
        await practice[1].submit(learner, Place(7, 8), A5)  # ...one in the server: two of two
        with pytest.raises(SlowDownError):
            await practice[0].submit(learner, Place(), A5)
        other = Learner.discord(43, "bob")  # per member: somebody else is not held back
        await practice[1].start(other, Place(7, 8), "north-korea", 1)
        await practice[1].submit(other, Place(7, 8), A5)
    finally:
        await dms.close()
        await server.close()
