"""The database file: several processes writing to it at once, files that are not ours,
and files that cannot be written (read-only, a full disk). Each gets a clear message and
nothing is lost or half-changed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

A5 = "North Korea will never match the forces of Russia or China and has no strategic depth."


def test_three_processes_practising_on_one_new_database_store_every_rebuttal(tmp_path):
    db = tmp_path / "shared.db"  # new: the three also race to create it
    rebuttals = tmp_path / "rebuttals.txt"  # a file, not a pipe, so that the three really run at once
    rebuttals.write_text("".join(f"{A5} ({n})\n" for n in range(300)), encoding="utf-8")
    processes = []
    for i in range(3):
        with rebuttals.open() as stdin:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "bot", "practice", "--point", "1", "--user", f"learner{i}", "--db", str(db)],
                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            ))
    results = [process.communicate(timeout=60) for process in processes]
    for process, (out, err) in zip(processes, results):
        assert process.returncode == 0, err[-2000:]
        assert "nothing was saved" not in out + err and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        per_learner = dict(conn.execute("SELECT learner_id, COUNT(*) FROM attempts GROUP BY learner_id"))
        texts = {row[0] for row in conn.execute("SELECT text FROM attempts WHERE learner_id = 'local:learner0'")}
    assert per_learner == {f"local:learner{i}": 300 for i in range(3)}
    assert len(texts) == 300
