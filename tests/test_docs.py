"""The README stays a newcomer's page, and every page it links to is there."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def test_the_readme_is_short_and_starts_with_the_two_commands():
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme.encode()) < 16_000  # measurements live in docs/
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert commands[:2] == [
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/counterpoint practice",
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest",
    ]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert commands[1].removeprefix("python3 -m venv .venv && ").split(" && ")[0] in ci


def test_every_relative_link_resolves():
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).resolve().exists(), f"{page.name} links to missing {target}"


def test_the_measurements_moved_to_docs_intact():
    scoring = (REPO / "docs" / "scoring.md").read_text("utf-8")
    benchmarks = (REPO / "docs" / "benchmarks.md").read_text("utf-8")
    for figure in (
        "| Spearman, score vs grade (all but copies) | 0.986 | 0.989 | 0.995 | **0.801** | 0.926 |",
        "| **test** (run once per matcher, never tuned on) | **0.698** | **0.770** |",
        "precision 0.969, recall 0.926",
    ):
        assert figure in scoring
    for figure in (
        "| rebuttals sustained | **511/s** (30,649 in 60 s) | > 500/s |",
        "| scorer, in-process | 3,786-3,898 | **1.41-1.44x** |",
        "| leaderboard, week (20 servers) | p50 1.61 ms, p99 2.18 ms | p50 590 ms | 368x |",
        "Scored on the dev set, unedited, it reaches Spearman 0.698",
    ):
        assert figure in benchmarks


def test_the_readmes_discord_samples_are_what_the_bot_sends():
    import asyncio
    import importlib.util

    spec = importlib.util.spec_from_file_location("samples", REPO / "docs" / "samples.py")
    samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(samples)
    readme = (REPO / "README.md").read_text("utf-8")
    result, round_ = asyncio.run(samples.samples())
    assert "\u2705 US will not back down" in result and "Submitted\n0 of 3" in round_
    for text in (result, round_):
        assert f"```text\n{text}\n```" in readme, "run docs/samples.py and paste its output into the README"


def test_the_readmes_practice_transcript_is_what_practice_prints(tmp_path):
    """The terminal session under "What practice looks like", run for real: the rebuttal it shows earns what
    it shows (the README once showed a rebuttal the scorer had stopped crediting)."""
    from support import counterpoint

    readme = (REPO / "README.md").read_text("utf-8")
    transcript = readme.split("## What practice looks like", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    rebuttal = next(line[2:] for line in transcript.splitlines() if line.startswith("> ") and line != "> /quit")
    run = counterpoint(
        "practice", "--point", "1", "--db", str(tmp_path / "p.db"), stdin=f"{rebuttal}\n\n/quit\n", cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    shown = transcript.split(rebuttal, 1)[1].split("  ... (three more)")[0].strip("\n")
    assert shown.startswith("Score:") and shown in run.stdout
