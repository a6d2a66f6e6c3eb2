"""Every ``counterpoint`` command against every kind of bad input, through the real entry point.

Each input a command takes (a file, a folder, a database, stdin, an output path) is
given each kind of bad input: missing, unreadable, a folder, binary, not UTF-8, the
wrong format, empty, huge, and a path into a folder that does not exist. Whatever
the input, the command must exit with a code the README documents and, on an error,
say what is wrong in one line on stderr: never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import A5

from bot.config import SHIPPED_CASES_DIR

REPO = Path(__file__).resolve().parent.parent
CASE = SHIPPED_CASES_DIR / "north-korea.toml"

HUGE_BYTES = (
    17 * 1024 * 1024
)  # above every input limit (16 MB for files, 256 KB for cases, 4,000 characters a rebuttal)
KINDS = ["missing", "unreadable", "folder", "binary", "non_utf8", "wrong_format", "empty", "huge", "missing_folder"]


def run_cli(*args: str, stdin: bytes = b"", cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    environment["PYTHONPATH"] = str(REPO)
    environment.update(env or {})
    run = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        run.args, run.returncode, run.stdout.decode("utf-8", "replace"), run.stderr.decode("utf-8", "replace")
    )


def make_bad_file(kind: str, folder: Path, name: str, wrong_format: bytes = b"hello, this is not it\n") -> Path:
    """A path of the given kind of bad input, made in ``folder``."""
    path = folder / name
    if kind == "missing":
        return path
    if kind == "missing_folder":
        return folder / "no-such-folder" / name
    if kind == "folder":
        path.mkdir()
        return path
    if kind == "unreadable":
        path.write_bytes(wrong_format)
        path.chmod(0)
        return path
    path.write_bytes(
        {
            "binary": bytes(range(256)) * 64,
            "non_utf8": "caf\u00e9 cr\u00e8me, r\u00e9sum\u00e9\n".encode("latin-1") * 10,
            "wrong_format": wrong_format,
            "empty": b"",
            "huge": b"a" * HUGE_BYTES,
        }[kind]
    )
    return path


def bad_stdin(kind: str) -> bytes:
    return {
        "binary": bytes(range(256)) * 64,
        "non_utf8": "caf\u00e9 cr\u00e8me, the US will not back down\n".encode("latin-1"),
        "wrong_format": b"hello, this is not it\n",
        "empty": b"",
        "huge": b"a" * (2 * 1024 * 1024),  # one line of 2 MB; the limit is 4,000 characters
    }[kind]


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A real Counterpoint database with one attempt by 'sam'."""
    folder = tmp_path_factory.mktemp("good")
    db = folder / "good.db"
    run = run_cli("practice", "--point", "1", "--user", "sam", "--db", str(db), stdin=A5.encode(), cwd=folder)
    assert run.returncode == 0, run.stderr
    return db


@dataclass(frozen=True)
class Slot:
    """One input of one command: how to build the command line around a bad path, or bad stdin."""

    name: str
    build: Callable[[Path, Path], list[str]]  # (bad path, a good database) -> arguments
    stdin: bool = False  # the bad input is stdin, not a path
    kinds: tuple[str, ...] = tuple(KINDS)
    wrong_format: bytes = b"hello, this is not it\n"


STDIN_KINDS = ("binary", "non_utf8", "wrong_format", "empty", "huge")
DB_KINDS = ("unreadable", "folder", "binary", "non_utf8", "wrong_format", "empty", "huge", "missing_folder")
OUT_KINDS = ("folder", "missing_folder")

SLOTS = [
    Slot(
        "practice stdin",
        lambda p, db: ["practice", "--point", "1", "--db", str(p.parent / "own.db")],
        stdin=True,
        kinds=STDIN_KINDS,
    ),
    Slot("practice --db", lambda p, db: ["practice", "--point", "1", "--db", str(p)], kinds=DB_KINDS),
    Slot("progress --db", lambda p, db: ["progress", "--user", "sam", "--db", str(p)], kinds=DB_KINDS),
    Slot(
        "progress --chart",
        lambda p, db: ["progress", "--user", "sam", "--db", str(db), "--chart", str(p)],
        kinds=OUT_KINDS,
    ),
    Slot("score stdin", lambda p, db: ["score", "--point", "1"], stdin=True, kinds=STDIN_KINDS),
    Slot("score --jsonl stdin", lambda p, db: ["score", "--jsonl"], stdin=True, kinds=STDIN_KINDS),
    Slot("score --case-file", lambda p, db: ["score", "--case-file", str(p), "--point", "1"]),
    Slot("eval", lambda p, db: ["eval", str(p)]),
    Slot("eval argkp", lambda p, db: ["eval", "argkp", str(p)]),
    Slot(
        "eval argkp --predictions",
        lambda p, db: ["eval", "argkp", str(p.parent), "--predictions", str(p)],
        kinds=OUT_KINDS,
    ),
    Slot("cases validate", lambda p, db: ["cases", "validate", str(p)], wrong_format=b"[[[ not toml\n"),
    Slot("cases check FILE", lambda p, db: ["cases", "check", str(p), "--rebuttals", str(p)]),
    Slot("cases check --rebuttals", lambda p, db: ["cases", "check", str(CASE), "--rebuttals", str(p)]),
    Slot("cases import", lambda p, db: ["cases", "import", str(p)]),
    Slot(
        "cases import -o",
        lambda p, db: ["cases", "import", str(REPO / "tests" / "support.py"), "-o", str(p)],
        kinds=OUT_KINDS,
    ),
    Slot("db backup --db", lambda p, db: ["db", "backup", str(p.parent / "copy.db"), "--db", str(p)]),
    Slot("db backup TO", lambda p, db: ["db", "backup", str(p), "--db", str(db)], kinds=OUT_KINDS),
    Slot("db check", lambda p, db: ["db", "check", "--db", str(p)]),
    Slot("run (database)", lambda p, db: ["run"], kinds=DB_KINDS),
]

#: Bad inputs a command may accept: it then exits 0 and says what it did.
ACCEPTED = {
    ("score stdin", "wrong_format"),  # any text is a rebuttal; this one scores 0
    # An empty file is an empty SQLite database: practice and progress start a new one in it.
    ("practice --db", "empty"),
    ("progress --db", "empty"),
}


def cases():
    for slot in SLOTS:
        for kind in slot.kinds:
            yield pytest.param(slot, kind, id=f"{slot.name}-{kind}")


@pytest.fixture
def invoke(monkeypatch, capsys):
    """Run ``counterpoint ARGS`` in this process through its entry point, ``bot.cli.main``.

    In-process for speed (the matrix has well over a hundred cases; the specific cases
    below run a real process). Discord is never contacted: logging in fails as it does
    with no network.
    """
    import aiohttp
    import discord

    import bot.cli

    async def no_network(self, token):
        raise aiohttp.ClientOSError(101, "Network is unreachable")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", no_network)
    monkeypatch.setattr(bot.cli, "configure_logging", lambda settings: None)

    def run(args: list[str], stdin: bytes, cwd: Path, env: dict) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd)
        for name in ("DISCORD_TOKEN", "COUNTERPOINT_DB", "MAX_REBUTTAL_CHARS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = bot.cli.main(args)
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


@pytest.mark.parametrize("slot, kind", list(cases()))
def test_bad_input_gets_one_clear_line_never_a_traceback(slot: Slot, kind: str, tmp_path: Path, good_db: Path, invoke):
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("running as root: a file without read permission is still readable")
    if slot.stdin:
        args, stdin = slot.build(tmp_path / "unused", good_db), bad_stdin(kind)
    else:
        path = make_bad_file(kind, tmp_path, "input", slot.wrong_format)
        args, stdin = slot.build(path, good_db), A5.encode()
    env = {"DISCORD_TOKEN": "not.a.token", "COUNTERPOINT_DB": str(path)} if slot.name.startswith("run") else {}
    run = invoke(args, stdin, tmp_path, env)  # an exception escaping main() fails the test

    assert "Traceback" not in run.stderr + run.stdout
    if slot.name == "practice stdin":
        # Inside a session a refusal is part of the conversation, on stdout, and the session goes on.
        assert run.returncode == 0, run.stderr
        if kind in ("binary", "non_utf8"):
            assert "not UTF-8 text, so it was not scored" in run.stdout
        if kind == "huge":
            assert "over the limit of 4,000 characters" in run.stdout
        assert run.stdout.rstrip().splitlines()[-1].startswith("Goodbye:")
        return
    if (slot.name, kind) in ACCEPTED:
        assert run.returncode == 0, run.stderr
        return
    assert run.returncode in (1, 2), (run.returncode, run.stdout[-500:], run.stderr)
    errors = [line for line in run.stderr.splitlines() if line.startswith(("Error:", "Configuration error:"))]
    assert errors, run.stderr
    first = errors[0]
    assert "unexpected" not in first and "bug" not in first, first
    assert len(first) < 400, first


# --- the cases the issue found, one by one, with what the message must say -----------------------------


def test_practice_refuses_a_rebuttal_that_is_not_utf8_and_goes_on(tmp_path):
    db = tmp_path / "p.db"
    stdin = "caf\u00e9\n\n".encode("latin-1") + A5.encode() + b"\n"
    run = run_cli("practice", "--point", "1", "--db", str(db), stdin=stdin, cwd=tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "not UTF-8 text, so it was not scored" in run.stdout
    assert run.stdout.count("Score:") == 1


@pytest.mark.parametrize("content", [None, bytes(range(256))])
def test_cases_check_with_a_missing_or_binary_rebuttals_file(tmp_path, content):
    rebuttals = tmp_path / "r.jsonl"
    if content is not None:
        rebuttals.write_bytes(content)
    run = run_cli("cases", "check", str(CASE), "--rebuttals", str(rebuttals), cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"Error: {rebuttals}: no such rebuttals file"
        if content is None
        else f"Error: {rebuttals} is a binary file, not a rebuttals file (expected UTF-8 text)"
    )


def test_db_backup_into_a_missing_folder(tmp_path, good_db):
    target = tmp_path / "nowhere" / "copy.db"
    run = run_cli("db", "backup", str(target), "--db", str(good_db), cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.strip() == f"Error: cannot write the backup {target}: the folder {target.parent} does not exist"


@pytest.mark.parametrize("source", [b"\x00junk" * 2000, b"hello, I am a text file\n"], ids=["corrupt", "text"])
def test_db_backup_of_a_file_that_is_no_database_leaves_no_copy(tmp_path, source):
    db = tmp_path / "bad.db"
    db.write_bytes(source)
    copy = tmp_path / "copy.db"
    run = run_cli("db", "backup", str(copy), "--db", str(db), cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert (
        run.stderr.startswith(f"Error: {db} cannot be backed up: ") and "not a readable SQLite database" in run.stderr
    )
    assert not copy.exists()  # no 0-byte "backup"
    assert db.read_bytes() == source


@pytest.mark.parametrize(
    "command",
    [
        ["progress", "--user", "sam", "--chart", "{missing}/chart.png"],
        ["cases", "import", str(REPO / "README.md"), "-o", "{missing}/draft.toml"],
    ],
)
def test_writing_into_a_missing_folder(tmp_path, good_db, command):
    missing = tmp_path / "nowhere"
    args = [part.replace("{missing}", str(missing)) for part in command]
    run = run_cli(*args, "--db", str(good_db), cwd=tmp_path) if args[0] == "progress" else run_cli(*args, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"the folder {missing} does not exist" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_score_jsonl_reports_each_bad_line_under_its_own_id(tmp_path):
    lines = [
        b"this is not JSON",
        b"[1, 2, 3]",
        json.dumps({"id": "good", "point": 1, "text": A5}).encode(),
        json.dumps({"id": "no-text", "point": 1}).encode(),
        b"\xff\xfe not UTF-8",
        json.dumps({"id": "long", "point": 1, "text": "x" * 5000}).encode(),
    ]
    run = run_cli("score", "--jsonl", stdin=b"\n".join(lines) + b"\n", cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in results] == [None, None, "good", "no-text", None, "long"]
    assert results[0]["error"].startswith("line 1: not JSON")
    assert results[1]["error"].startswith("line 2: expected an object")
    assert results[2]["score"] == 17
    assert results[3]["error"] == "line 4: \"'text' is missing\""
    assert results[4]["error"] == "line 5: not UTF-8 text"
    assert "the limit is 4,000" in results[5]["error"]
    assert run.stderr.strip() == 'Error: 5 of 6 lines could not be scored; see the "error" of each in the output'


def test_cases_validate_refuses_deeply_nested_toml(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    run = run_cli("cases", "validate", str(deep), cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"Error: {deep}: not a case file: its arrays or tables are nested too deeply to read"


@pytest.mark.parametrize("command", ["run", "sync"])
def test_run_with_a_token_but_no_network_says_so(command, monkeypatch, capsys, tmp_path):
    import aiohttp
    import discord

    from bot.cli import main

    async def no_network(self, token):
        raise aiohttp.ClientOSError(101, "Network is unreachable")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", no_network)
    monkeypatch.setenv("DISCORD_TOKEN", "not.a.token")
    monkeypatch.setenv("COUNTERPOINT_DB", str(tmp_path / "bot.db"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("bot.cli.configure_logging", lambda settings: None)
    assert main([command]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == (
        "Error: cannot reach Discord ([Errno 101] Network is unreachable). "
        "Check the network connection and try again; nothing was changed."
    )


def test_score_without_point_is_a_usage_error(tmp_path):
    run = run_cli("score", stdin=A5.encode(), cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == "Error: score needs --point N (or --jsonl, with a point on each line)"


def test_eval_of_an_empty_file_is_an_error_not_a_zero_correlation(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", "utf-8")
    run = run_cli("eval", str(empty), cwd=tmp_path)
    assert run.returncode == 1 and "spearman" not in run.stdout
    assert run.stderr.strip() == f"Error: {empty} has no graded rebuttals: nothing to measure"


def test_score_caps_its_input_like_the_bot(tmp_path):
    run = run_cli("score", "--point", "1", stdin=b"deterrence " * 100_000, cwd=tmp_path)  # 1.1 MB
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "Error: Your rebuttal is over the limit of 4,000 characters. Make your strongest points more briefly."
    )
    run = run_cli("score", "--point", "1", stdin=b"x" * 4001, cwd=tmp_path, env={"MAX_REBUTTAL_CHARS": "5000"})
    assert run.returncode == 0  # the bot's setting, not a number of its own
    run = run_cli("score", "--point", "1", stdin=b"x" * 4001, cwd=tmp_path)
    assert run.returncode == 1 and "is 4,001 characters; the limit is 4,000" in run.stderr


def test_a_database_check_finds_the_good_one_good(good_db, tmp_path):
    run = run_cli("db", "check", "--db", str(good_db), cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.strip().endswith("OK")
    with sqlite3.connect(good_db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
