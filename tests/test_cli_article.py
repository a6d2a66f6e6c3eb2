"""Reading a case's article in the terminal: `counterpoint article [CASE]` and `/article` in practice."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import counterpoint
from test_discord_article import CASE_WITH_TEXT, PARAGRAPHS
from test_discord_cases import CLUB_CASE

from bot.cases import CaseError, parse_case

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "article.txt"


def club_folder(tmp_path: Path, text: str = CASE_WITH_TEXT) -> dict:
    """A cases folder holding the club's case; the environment that points the command at it."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "four-day-week.toml").write_text(text, "utf-8")
    return {"COUNTERPOINT_CASES": str(folder)}


def test_the_shipped_case_shows_its_source_and_each_points_summary():
    run = counterpoint("article")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[:3] == [
        "The Case Against Attacking North Korea",
        'The National Interest, "The Buzz" blog',
        "License: Copyrighted by its publisher; the text is not shipped with this case",
    ]
    flat = " ".join(run.stdout.split())
    assert "not shipped with this case. The case gives no link; look it up by its title." in flat
    assert "Point 1: With nuclear-tipped ICBMs" in flat and "stability-instability paradox" in flat
    assert "Point 2: Failure to act" in flat and "draw the allies together" in flat


@pytest.mark.skipif(not SEED.exists(), reason=f"needs the seed article at {SEED}")
def test_the_shipped_summaries_are_our_own_words_not_the_articles():
    """Only what may be shipped: no run of ten words from the copyrighted article."""

    def words(text: str) -> list[str]:
        return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()

    article = " ".join(words(SEED.read_text("utf-8")))
    summaries = parse_case((REPO / "data" / "cases" / "north-korea.toml").read_bytes())
    for point in summaries.points:
        said = words(point.summary)
        for start in range(len(said) - 9):
            assert " ".join(said[start : start + 10]) not in article, said[start : start + 10]


def test_a_case_with_its_text_prints_it_whole_when_piped(tmp_path):
    run = counterpoint("article", "four-day-week", env=club_folder(tmp_path))
    assert run.returncode == 0, run.stderr
    head = run.stdout.split("\n\n")[0].splitlines()
    assert head == [
        "Why the Four-Day Week Works",
        "By Ada Writer",
        "Workplace Review",
        "Published 2024-03-01",
        "License: CC BY 4.0",
        "https://example.org/four-day-week",
    ]
    body = [" ".join(p.split()) for p in run.stdout.split("\n\n")[1:]]
    assert body == PARAGRAPHS  # every paragraph, in order, wrapped but whole


def test_an_unknown_case_is_named_with_those_that_exist():
    run = counterpoint("article", "nowhere")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "There is no case 'nowhere'. Available: north-korea." in run.stderr


def test_a_malformed_source_table_is_a_clear_error_naming_its_line(tmp_path):
    broken = CLUB_CASE + '\n[source]\ntitle = "Four days"\ndate = "March 2024"\n'
    line = broken.splitlines().index("[source]") + 1
    env = club_folder(tmp_path, broken)
    for run in (
        counterpoint("article", env=env),
        counterpoint("cases", "validate", str(tmp_path / "cases" / "four-day-week.toml")),
    ):
        assert run.returncode == 1 and "Traceback" not in run.stderr and run.stdout == ""
        assert run.stderr.strip().endswith(
            f"four-day-week.toml:{line}: field 'source.date': 'March 2024' is not an ISO date (YYYY-MM-DD)"
        )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ('url = "ftp://example.org/a"', "is not a web address"),
        ('url = "https://exa mple.org"', "is not a web address"),
        ("date = 2024-02-30", "not valid TOML"),  # TOML itself refuses a date that does not exist
        ('date = "2024-02-30"', "is not an ISO date"),
        ('title = ""', "must be non-empty text"),
        ('author = "@everyone"', "would ping people"),
        ('text = "The article."', "needs source.license beside it"),
        (f'title = "{"x" * 301}"', "the limit is 300"),
    ],
)
def test_each_source_field_is_checked(source, problem):
    with pytest.raises(CaseError, match=problem):
        parse_case(CLUB_CASE + f"\n[source]\n{source}\n")


def test_a_source_is_optional_and_its_date_may_be_quoted():
    assert parse_case(CLUB_CASE).source.details == ()
    case = parse_case(CLUB_CASE + '\n[source]\ndate = "2024-03-01"\nurl = "https://example.org/a?b=1"\n')
    assert case.source.details == ("Published 2024-03-01",) and case.source.url == "https://example.org/a?b=1"


def test_article_inside_practice_shows_it_and_practice_goes_on(tmp_path):
    rebuttal = "The US will not back down in a crisis even if its homeland is at risk."
    run = counterpoint("practice", "--point", "2", "--db", str(tmp_path / "p.db"), stdin=f"/article\n{rebuttal}\n")
    assert run.returncode == 0, run.stderr
    flat = " ".join(run.stdout.split())
    assert "Context: The failure to roll back and eliminate the North Korean nuclear arsenal" in flat  # with the Point
    assert flat.index("/article, /skip") < flat.index("not shipped with this case") < flat.index("Score:")
    assert "draw the allies together" in flat


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_in_a_terminal_the_article_goes_through_the_pager(tmp_path):
    controller, terminal = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    env.update(PYTHONPATH=str(REPO), PAGER="sed s/^/paged:/", TERM="xterm")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "article"],
        stdin=terminal,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(terminal)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while b"draw the allies" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1)
            if ready:
                try:
                    seen += os.read(controller, 4096)
                except OSError:  # the process closed the terminal
                    break
        process.wait(timeout=30)
    finally:
        process.kill()
        os.close(controller)
    assert b"paged:The Case Against Attacking North Korea" in seen and b"paged:Point 2: Failure" in seen


def test_piped_the_pager_is_not_used(tmp_path):
    run = counterpoint("article", env={"PAGER": "sed s/^/paged:/"})
    assert run.returncode == 0 and "paged:" not in run.stdout
