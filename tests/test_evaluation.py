"""The scorer's measuring stick: rank statistics and the eval command."""

from __future__ import annotations

import json

import pytest
from support import counterpoint

from bot.evaluation import BLIND_MARKER, article_batches, average_ranks, pairwise_agreement, spearman


def test_average_ranks_share_ties():
    assert average_ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1]


def test_spearman_of_known_orders():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    assert spearman([1, 1, 1], [1, 2, 3]) == 0.0


def test_pairwise_agreement_counts_ties_as_wrong():
    share, pairs = pairwise_agreement([50, 50, 0], [1.0, 0.5, 0.0], 0.3)
    assert pairs == 3 and share == pytest.approx(2 / 3)


def test_batches_come_in_the_order_written_and_a_blind_one_is_left_out(tmp_path):
    for name in ("articles-10", "articles", "articles-2", "articles-11"):
        (tmp_path / name).mkdir()
    (tmp_path / "articles-11" / BLIND_MARKER).write_text("not scored yet\n")

    assert [f.name for f in article_batches(tmp_path)] == ["articles", "articles-2", "articles-10"]


def test_eval_command_reports_every_figure(tmp_path):
    graded = tmp_path / "graded.jsonl"
    items = [
        {
            "id": "g1",
            "case": "north-korea",
            "point": 1,
            "grade": 0.17,
            "kind": "partial",
            "text": "North Korea has no strategic depth and can never match Russia or China, so it is manageable.",
        },
        {
            "id": "g2",
            "case": "north-korea",
            "point": 1,
            "grade": 0.0,
            "kind": "offtopic",
            "text": "Renewable energy is the future.",
        },
        {
            "id": "g3",
            "case": "north-korea",
            "point": 1,
            "grade": 0.0,
            "kind": "negated",
            "text": "Washington will be deterred and will back down in a crisis if its homeland is at stake.",
        },
    ]
    graded.write_text("\n".join(json.dumps(i) for i in items), "utf-8")
    # The lexical matcher's figures on these three are known exactly; the judged scorer's are
    # measured in docs/scoring.md.
    run = counterpoint("eval", str(graded), "--verbose", env={"SCORER": "lexical"})
    assert run.returncode == 0, run.stderr
    assert "scorer                lexical" in run.stdout
    assert "spearman              1.000" in run.stdout
    assert "max adversarial score     0" in run.stdout and "max negated score         0" in run.stdout
    assert "g1 " in run.stdout and "north-korea-is-manageable" in run.stdout


def test_eval_names_the_bad_line(tmp_path):
    graded = tmp_path / "graded.jsonl"
    graded.write_text('{"id": "x"}\n', "utf-8")
    run = counterpoint("eval", str(graded))
    assert run.returncode == 1 and "graded.jsonl:1" in run.stderr
