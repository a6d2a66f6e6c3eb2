"""Terminal practice as a person uses it: paragraphs and pastes, Ctrl-C, hints, goodbyes, wrapping, English."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import A5, counterpoint, drawn_figures

from bot.config import SHIPPED_CASES_DIR

REPO = Path(__file__).resolve().parent.parent
B1 = "The US will not back down in a crisis even if its homeland is at risk."


def stored_texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM attempts ORDER BY id")]


def test_a_multi_line_rebuttal_is_one_attempt_sent_by_an_empty_line(tmp_path):
    db = tmp_path / "p.db"
    first = "North Korea will never match the forces\nof Russia or China and has no strategic depth."
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{first}\n\n{B1}\n")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("Score:") == 2
    assert stored_texts(db) == [first, B1]


def test_a_command_line_sends_the_paragraph_before_it(tmp_path):
    db = tmp_path / "p.db"
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{A5}\n{B1}\n/hint\n")
    assert run.stdout.index("Score:") < run.stdout.index("Hint:")
    assert stored_texts(db) == [f"{A5}\n{B1}"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_a_pasted_block_with_empty_lines_inside_is_one_attempt(tmp_path):
    """In a terminal, an empty line with more input already waiting behind it is part of a paste."""
    db = tmp_path / "p.db"
    controller, terminal = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    env["PYTHONPATH"] = str(REPO)  # this tree's code, wherever the process starts
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "practice", "--point", "1", "--db", str(db)],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(terminal)
    try:
        _read_until(process.stdout, b"> ")
        os.write(controller, f"{A5}\n\n{B1}\n".encode())  # one paste, an empty line inside
        time.sleep(1.0)
        os.write(controller, b"\n")  # the person presses Enter on an empty line: sent
        _read_until(process.stdout, b"Score:")
        os.write(controller, b"/quit\n")
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
        os.close(controller)
    assert b"Traceback" not in err
    assert stored_texts(db) == [f"{A5}\n\n{B1}"]


def _read_until(stream, marker: bytes, timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"{marker!r} never came; output so far: {seen!r}")
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            raise AssertionError(f"output ended before {marker!r}: {seen!r}")
        seen += chunk
    return seen


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_ctrl_c_quits_at_once_with_a_goodbye(tmp_path):
    """At a terminal's prompt (where asyncio's own handler only cancelled the task and the read went on)."""
    controller, terminal = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    env["PYTHONPATH"] = str(REPO)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "practice", "--point", "1", "--db", str(tmp_path / "p.db")],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(terminal)
    try:
        _read_until(process.stdout, b"> ")
        os.write(controller, f"{A5}\n\n".encode())
        _read_until(process.stdout, b"Score:")
        time.sleep(0.5)  # back at the prompt, waiting for the next rebuttal
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        try:
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail("Ctrl-C did not stop practice")
    finally:
        process.kill()
        os.close(controller)
    assert time.monotonic() - started < 5
    assert process.returncode == 0 and b"Traceback" not in err
    assert out.decode().rstrip().splitlines()[-1] == "Goodbye: 1 rebuttal on 1 Point, best score 17%."


def test_quit_says_goodbye_with_a_summary(tmp_path):
    run = counterpoint("practice", "--point", "1", "--db", str(tmp_path / "p.db"), stdin=f"{A5}\n\n{B1}\n/quit\n")
    assert run.stdout.rstrip().splitlines()[-1] == "Goodbye: 2 rebuttals on 1 Point, best score 17%."
    run = counterpoint("practice", "--point", "1", "--db", str(tmp_path / "p.db"), stdin="quit\n")
    assert run.stdout.rstrip().splitlines()[-1] == "Goodbye: no rebuttals this time."


def test_hint_points_to_a_counterargument_not_yet_made(tmp_path):
    from bot.cases import load_case_file

    point = load_case_file(SHIPPED_CASES_DIR / "north-korea.toml").point(1)
    made = {arg.id: arg.hint for arg in point.counterarguments}
    hints = "hint\n" * (len(made) * 2)
    run = counterpoint("practice", "--point", "1", "--db", str(tmp_path / "p.db"), stdin=f"{A5}\n\n{hints}")
    unwrapped = re.sub(r"\n  (?=\S)", " ", run.stdout)  # continuation lines of a wrapped hint
    given = re.findall(r"^Hint: (.*)$", unwrapped, re.MULTILINE)
    assert len(given) == len(made) * 2
    assert made["north-korea-is-manageable"] not in given  # A5 made that one
    assert set(given) == set(made.values()) - {made["north-korea-is-manageable"]}  # the others, in turn


def test_hint_when_every_counterargument_is_made_says_so(tmp_path):
    from bot.cases import load_case_file

    point = load_case_file(SHIPPED_CASES_DIR / "north-korea.toml").point(1)
    each = "\n\n".join(arg.summary for arg in point.counterarguments)  # one rebuttal per counterargument
    db = tmp_path / "p.db"
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"{each}\n\nhint\n")
    with sqlite3.connect(db) as conn:
        made = {made for (covered,) in conn.execute("SELECT covered FROM attempts") for made in json.loads(covered)}
    assert made >= {arg.id for arg in point.counterarguments}, made
    assert "Hint: You have made every counterargument to this Point." in run.stdout


def test_feedback_wraps_to_the_terminal_width(tmp_path):
    run = counterpoint(
        "practice",
        "--point",
        "1",
        "--db",
        str(tmp_path / "p.db"),
        stdin=f"{A5}\n\nanswer\n",
        env={"COLUMNS": "50"},
    )
    assert run.returncode == 0 and "Score:" in run.stdout
    too_wide = [line for line in run.stdout.splitlines() if len(line) > 50]
    assert not too_wide
    assert "  - " in run.stdout and "\n    " in run.stdout  # a wrapped hint hangs under its text


def test_counts_read_as_english(tmp_path):
    db = tmp_path / "p.db"
    counterpoint("practice", "--point", "1", "--user", "sam", "--db", str(db), stdin=f"{A5}\n")
    text = counterpoint("progress", "--user", "sam", "--db", str(db)).stdout
    assert "sam: 1 attempt, 1 Point practised" in text
    assert "Streak: 1 day, longest 1" in text
    assert "(1 try)" in text
    assert "(s)" not in text and "1 tries" not in text


def test_plural():
    from bot.feedback import plural

    assert [plural(n, "attempt") for n in (0, 1, 2, 1000)] == [
        "0 attempts",
        "1 attempt",
        "2 attempts",
        "1,000 attempts",
    ]
    assert [plural(n, "try", "tries") for n in (1, 3)] == ["1 try", "3 tries"]


def test_practice_help_says_how_the_point_is_chosen_and_how_to_send():
    text = " ".join(counterpoint("practice", "--help").stdout.split())
    assert "random" not in text
    assert "one you have never tried, else the one due first" in text
    assert "an empty line (or the end of input) sends it" in text and "a pasted block is taken whole" in text
    assert "Ctrl-C quits at once" in text


def test_the_chart_of_one_hour_has_readable_times(monkeypatch):
    from bot.chart import render_progress_chart
    from bot.progress import ProgressReport, ScorePoint

    drawn = drawn_figures(monkeypatch)
    start = 1_750_000_000.0
    for offsets in ([0, 4, 9], [0, 600, 1500, 3000]):  # seconds apart, then minutes: all within an hour
        series = tuple(ScorePoint(start + o, "north-korea", 1, 17 * (i % 3)) for i, o in enumerate(offsets))
        report = ProgressReport("sam", True, len(series), (), 17.0, None, (), 1, 1, series)
        render_progress_chart(report)
        labels = [t.get_text() for t in drawn[-1].axes[0].get_xticklabels()]
        assert labels and all(re.fullmatch(r"\d\d:\d\d", label) for label in labels), labels
