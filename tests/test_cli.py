"""The terminal front door, run as a user runs it: a real process, stdin and stdout."""

from __future__ import annotations

import json
import logging
import sqlite3

from support import A5, counterpoint

from bot.cli import RedactToken


def test_piped_practice_scores_each_line_and_stores_it(tmp_path):
    db = tmp_path / "practice.db"
    lines = f"{A5}\n/hint\n\nThe US will not back down in a crisis even if its homeland is at risk.\n"
    run = counterpoint("practice", "--point", "1", "--user", "sam", "--db", str(db), stdin=lines)

    assert run.returncode == 0, run.stderr
    assert "Point 1" in run.stdout
    assert run.stdout.count("Score:") == 2
    assert "Hint:" in run.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT learner_id, guild_id, point, score FROM attempts ORDER BY id").fetchall()
    assert [r[:3] for r in rows] == [("local:sam", None, 1), ("local:sam", None, 1)]
    assert rows[0][3] == 17


def test_practice_uses_counterpoint_db_by_default(tmp_path):
    run = counterpoint("practice", "--point", "2", stdin="/quit\n", env={"COUNTERPOINT_DB": str(tmp_path / "x.db")})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "x.db").exists()


def test_a_bare_command_word_is_a_command_not_a_rebuttal(tmp_path):
    db = tmp_path / "p.db"
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin=f"hint\n{A5}\nquit\n{A5}\n")
    assert run.returncode == 0, run.stderr
    assert "Hint:" in run.stdout
    assert run.stdout.count("Score:") == 1  # "quit" ended it; the line after was never read
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1


def test_practice_refuses_an_oversized_line_and_keeps_going(tmp_path):
    db = tmp_path / "p.db"
    run = counterpoint("practice", "--point", "1", "--db", str(db), stdin="x" * 5000 + f"\n\n{A5}\n")
    assert "the limit is 4,000" in run.stdout
    assert run.stdout.count("Score:") == 1


def test_score_prints_json():
    run = counterpoint("score", "--case", "north-korea", "--point", "1", stdin=A5)
    result = json.loads(run.stdout)
    assert result["covered"] == ["north-korea-is-manageable"] and result["score"] == 17
    assert set(result) == {"score", "covered", "missed", "matches", "flags", "opposed", "answers_points", "agrees"}


def test_score_jsonl_keeps_order_and_ids():
    items = [
        {"id": "b", "point": 2, "text": "hmm"},
        {"id": "a", "point": 1, "text": A5},
        {"id": "c", "point": 9, "text": "x"},
    ]
    run = counterpoint("score", "--case", "north-korea", "--jsonl", stdin="\n".join(json.dumps(i) for i in items))
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in results] == ["b", "a", "c"]
    assert results[1]["score"] == 17
    assert "no Point 9" in results[2]["error"]
    assert run.returncode == 1  # one line failed


def test_unknown_case_and_point_list_what_exists():
    run = counterpoint("practice", "--case", "atlantis", stdin="")
    assert run.returncode == 1 and "Available: north-korea" in run.stderr
    run = counterpoint("score", "--case", "north-korea", "--point", "5", stdin="x")
    assert run.returncode == 1 and "Its Points are: 1, 2" in run.stderr


def test_run_without_a_token_exits_2_and_says_what_to_do(tmp_path):
    run = counterpoint("run", cwd=tmp_path)  # no .env there either
    assert run.returncode == 2
    for needed in ("DISCORD_TOKEN", ".env.example", "counterpoint practice"):
        assert needed in run.stderr
    assert "Traceback" not in run.stderr


def test_cases_list_show_and_validate(tmp_path):
    assert "north-korea" in counterpoint("cases", "list").stdout
    assert "us-will-not-back-down" in counterpoint("cases", "show", "north-korea").stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = "t"\n', "utf-8")
    run = counterpoint("cases", "validate", str(bad))
    assert run.returncode == 1 and "bad.toml: field 'attribution': is missing" in run.stderr


def test_the_token_is_redacted_from_log_records(caplog):
    logger = logging.getLogger("counterpoint.test")
    logger.addFilter(RedactToken("s3cret.token.value"))
    with caplog.at_level(logging.INFO):
        logger.info("connecting with %s", "s3cret.token.value")
    assert "s3cret" not in caplog.text and "[token]" in caplog.text


def test_progress_in_the_terminal_prints_text_json_and_a_chart(tmp_path):
    db = tmp_path / "p.db"
    counterpoint("practice", "--point", "1", "--user", "sam", "--db", str(db), stdin=f"{A5}\n\n{A5}\n")

    text = counterpoint("progress", "--user", "sam", "--db", str(db), "--chart", str(tmp_path / "c.png"))
    assert text.returncode == 0, text.stderr
    assert "sam: 2 attempts, 1 Point practised" in text.stdout
    assert "north-korea Point 1: best 17%, latest 17% (2 tries)" in text.stdout
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")

    data = json.loads(counterpoint("progress", "--user", "sam", "--db", str(db), "--json").stdout)
    assert data["attempts"] == 2 and data["current_streak"] == 1
    assert {r["id"]: r["rate"] for r in data["hit_rates"]}["north-korea-is-manageable"] == 1.0
    assert data["schedule"][0]["point"] == 1


def test_progress_for_someone_without_practice_says_so(tmp_path):
    run = counterpoint("progress", "--user", "nobody", "--db", str(tmp_path / "p.db"))
    assert run.returncode == 0 and "No practice yet for 'nobody'" in run.stdout
