"""The database file: several processes writing to it at once, files that are not ours,
and files that cannot be written (read-only, a full disk). Each gets a clear message and
nothing is lost or half-changed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from support import A5, BOTH_ENGINES, counterpoint, query

try:
    import resource
except ImportError:  # not POSIX
    resource = None


@BOTH_ENGINES
def test_three_processes_practising_on_one_new_database_store_every_rebuttal(tmp_path, db):
    # db is new: the three also race to create its schema
    rebuttals = tmp_path / "rebuttals.txt"  # a file, not a pipe, so that the three really run at once
    # Piped practice reads a rebuttal per paragraph (blank lines between).
    rebuttals.write_text("".join(f"{A5} ({n})\n\n" for n in range(300)), encoding="utf-8")
    processes = []
    for i in range(3):
        with rebuttals.open() as stdin:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot", "practice", "--point", "1", "--user", f"learner{i}", "--db", str(db)],
                    stdin=stdin,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
    results = [process.communicate(timeout=60) for process in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err[-2000:]
        assert "nothing was saved" not in out + err and "Traceback" not in err
    per_learner = dict(query(db, "SELECT learner_id, COUNT(*) FROM attempts GROUP BY learner_id"))
    texts = {row[0] for row in query(db, "SELECT text FROM attempts WHERE learner_id = 'local:learner0'")}
    assert per_learner == {f"local:learner{i}": 300 for i in range(3)}
    assert len(texts) == 300


# --- another program's SQLite file ------------------------------------------------------


def _notes_app(conn):  # the case: its own user_version, which Counterpoint once "migrated" half-way
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.execute("PRAGMA user_version = 2")


def _marked_by_another_program(conn):  # no tables yet, but another program's application_id
    conn.execute("PRAGMA application_id = 1598903374")  # 0x5f4d4f4e
    conn.execute("PRAGMA journal_mode = WAL")  # left in WAL, its -wal and -shm cleaned up on close


def _our_table_names_but_not_our_columns(conn):
    conn.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, score REAL)")
    conn.execute("CREATE TABLE sessions (learner_id TEXT, scope TEXT)")
    conn.execute("PRAGMA user_version = 1")


def _our_schema_plus_a_table_of_its_own(conn):
    from bot.storage import MIGRATIONS

    conn.executescript(MIGRATIONS[0])
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 1")


def _no_tables_but_a_version(conn):
    conn.execute("PRAGMA user_version = 3")


FOREIGN = [
    _notes_app,
    _marked_by_another_program,
    _our_table_names_but_not_our_columns,
    _our_schema_plus_a_table_of_its_own,
    _no_tables_but_a_version,
]


def _files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("make", FOREIGN, ids=[make.__name__.strip("_") for make in FOREIGN])
async def test_another_programs_database_is_refused_untouched_byte_for_byte(tmp_path, make):
    from bot.storage import Storage, StorageError

    db = tmp_path / "theirs.db"
    conn = sqlite3.connect(db)
    make(conn)
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    with pytest.raises(StorageError, match="is not a Counterpoint database.*Nothing was changed"):
        await Storage.open(db)
    assert _files(tmp_path) == before  # the file itself, and no journal or WAL left beside it


def test_the_terminal_refuses_another_programs_database_and_db_check_says_so(tmp_path):
    db = tmp_path / "theirs.db"
    with sqlite3.connect(db) as conn:
        _notes_app(conn)
    before = _files(tmp_path)
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "is not a Counterpoint database: it holds tables Counterpoint never creates ('notes')" in run.stderr
    assert _files(tmp_path) == before
    check = counterpoint("db", "check", "--db", str(db))
    assert check.returncode == 1 and "is not a Counterpoint database" in check.stdout
    assert _files(tmp_path) == before


async def test_a_new_or_empty_file_becomes_ours_and_carries_the_mark(tmp_path):
    from bot.storage import APPLICATION_ID, SCHEMA_VERSION, Storage

    (tmp_path / "zero.db").write_bytes(b"")  # e.g. made by `touch`
    sqlite3.connect(tmp_path / "empty.db").execute("VACUUM").connection.close()  # an SQLite file, no schema
    for name in ("new.db", "zero.db", "empty.db"):
        storage = await Storage.open(tmp_path / name)
        assert await storage.schema_version() == SCHEMA_VERSION
        await storage.close()
        with sqlite3.connect(tmp_path / name) as conn:
            assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        reopened = await Storage.open(tmp_path / name)  # and ours it stays
        await reopened.close()


@pytest.mark.parametrize("version", [1, 2, 3, 4])
async def test_our_databases_from_before_the_mark_still_open_upgrade_and_get_the_mark(tmp_path, version):
    from bot.storage import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Storage

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:  # as an older Counterpoint left it: no application_id
        for script in MIGRATIONS[:version]:
            conn.executescript(script)
        conn.execute(
            "INSERT INTO attempts (learner_id, learner_name, case_id, case_version, point, text, score, covered,"
            " flags, created_at) VALUES ('7', 'old', 'north-korea', 'v', 1, 'old rebuttal', 50, '[]', '[]', 1.0)"
        )
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("PRAGMA journal_mode = WAL")
    storage = await Storage.open(db)
    assert await storage.schema_version() == SCHEMA_VERSION
    assert [a.text for a in await storage.attempts.of("7", None)] == ["old rebuttal"]
    await storage.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert counterpoint("db", "check", "--db", str(db)).stdout.strip().endswith("OK")


# --- files that cannot be written --------------------------------------------------------


async def test_a_full_disk_while_creating_a_database_says_so_and_leaves_a_usable_file(tmp_path, monkeypatch):
    from bot.storage import SCHEMA_VERSION, Storage, StorageError
    from bot.storage import sqlite as storage_module

    connect = storage_module._connect_file

    def a_disk_with_three_pages_left(path, busy_timeout_ms):
        conn = connect(path, busy_timeout_ms)
        conn.execute("PRAGMA max_page_count = 3")  # the file may not grow past 3 pages: the disk is "full"
        return conn

    db = tmp_path / "new.db"
    monkeypatch.setattr(storage_module, "_connect_file", a_disk_with_three_pages_left)
    with pytest.raises(StorageError) as refused:
        await Storage.open(db)
    assert "the disk is full" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert "rollback" not in str(refused.value)
    monkeypatch.undo()  # space freed: the half-created file did not stay behind as a broken database
    storage = await Storage.open(db)
    assert await storage.schema_version() == SCHEMA_VERSION
    await storage.close()


@pytest.mark.skipif(resource is None, reason="needs resource limits (POSIX)")
@pytest.mark.parametrize("limit", [0, 5000, 40000])
def test_a_file_size_limit_while_creating_a_database_is_reported_as_a_disk_problem(tmp_path, limit):
    def limited():  # the process may not write past `limit` bytes in any file (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    db = tmp_path / "new.db"
    run = subprocess.run(
        [sys.executable, "-m", "bot", "practice", "--point", "1", "--db", str(db)],
        input=f"{A5}\n",
        capture_output=True,
        text=True,
        preexec_fn=limited,
        timeout=60,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert f"Cannot write to {db}" in run.stderr and "may be full" in run.stderr, run.stderr
    assert "rollback" not in run.stderr and "not a usable" not in run.stderr
    again = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n")  # the limit lifted
    assert again.returncode == 0, again.stderr


def _without_permission_overrides() -> None:
    """In the child, as root: drop the capabilities that let root ignore file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so that it obeys them like any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def run_obeying_permissions(tmp_path):
    """Runs the CLI so that file permissions bind (as root, without the capabilities that
    override them), and gives every folder back its permissions afterwards."""
    root = os.geteuid() == 0

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return counterpoint(
            *args, stdin=stdin, cwd=tmp_path, preexec_fn=_without_permission_overrides if root else None
        )

    if root:
        probe = tmp_path / "probe"
        probe.write_text("")
        probe.chmod(0o444)
        try:
            blocked = (
                subprocess.run(
                    ["sh", "-c", f"echo x >> '{probe}'"], capture_output=True, preexec_fn=_without_permission_overrides
                ).returncode
                != 0
            )
        except (OSError, subprocess.SubprocessError):
            blocked = False
        if not blocked:
            pytest.skip("cannot run a process that obeys file permissions here")
    yield run
    for path in tmp_path.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)


def test_a_read_only_database_file_is_called_read_only(tmp_path, run_obeying_permissions):
    db = tmp_path / "counterpoint.db"
    assert counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n").returncode == 0
    db.chmod(0o444)  # its folder may be written, the file may not
    before = _files(tmp_path)
    for command in (["practice", "--point", "1"], ["progress"]):
        result = run_obeying_permissions(*command, "--db", str(db), stdin=f"{A5}\n")
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert f"{db} is read-only here" in result.stderr and "Nothing was changed" in result.stderr
        assert "not a usable" not in result.stderr
    assert _files(tmp_path)[db.name] == before[db.name]


def test_a_database_in_a_read_only_folder_is_called_read_only(tmp_path, run_obeying_permissions):
    locked = tmp_path / "locked"
    locked.mkdir()
    db = locked / "counterpoint.db"
    assert counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n").returncode == 0
    db.chmod(0o666)  # the file may be written, its folder (where the journal goes) may not
    locked.chmod(0o555)
    before = db.read_bytes()
    result = run_obeying_permissions("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert f"{db} is read-only here" in result.stderr and "its folder" in result.stderr
    assert db.read_bytes() == before
    new = locked / "new.db"
    result = run_obeying_permissions("practice", "--point", "1", "--db", str(new), stdin=f"{A5}\n")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert f"Cannot create {new}: this user may not write to its folder" in result.stderr
    assert not new.exists()
