"""Processes sharing one store: two `polemos code` runs take turns batch by batch, `polemos query`
reads while they write, and a store held too long is one line "busy", exit 2 (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from click.testing import CliRunner

from polemos.cli import cli
from polemos.ingest import read_paths
from polemos.pipeline import code_articles

PLACES = ("Goma", "Aleppo", "Mosul", "Kharkiv", "Gao", "Kandahar", "Mogadishu", "Idlib")


def _feed(path: Path, n: int) -> Path:
    with open(path, "w") as feed:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            feed.write(json.dumps({"id": f"a{i:02d}", "date": "2024-05-01", "text":
                                   f"Rebels attacked an army post near {place} on Monday, killing "
                                   f"{i + 2} soldiers. Police arrested {i + 3} suspects."}) + "\n")
    return path


def _polemos(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "polemos", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_store_concurrency_two_coders_and_readers_share_one_store(tmp_path: Path,
                                                                  knowledge) -> None:
    feed = _feed(tmp_path / "feed.jsonl", 10)
    db = str(tmp_path / "s.duckdb")
    clean = {r["id"] for r in code_articles(read_paths([feed]), knowledge).records}
    coders = [_polemos("code", str(feed), "--db", db, "--batch-size", "2", "--format", "jsonl",
                       "-o", os.devnull) for _ in range(2)]
    counts: list[int] = []
    while any(c.poll() is None for c in coders):
        if not Path(db).exists():
            time.sleep(0.1)
            continue
        query = subprocess.run([sys.executable, "-m", "polemos", "query", "--db", db, "--format",
                                "jsonl", "SELECT count(*) AS n FROM articles"],
                               capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr  # waits its turn: never "could not set lock"
        counts.append(json.loads(query.stdout)["n"])
        time.sleep(0.2)  # the coders need the CPU more than we need many readings
    for coder in coders:
        _, err = coder.communicate()
        assert coder.returncode == 0, err
        assert "Traceback" not in err
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (10, 10)
    assert {i for (i,) in con.execute("SELECT id FROM mentions").fetchall()} == clean
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == len(clean)
    runs = con.execute("SELECT status, articles_read, articles_coded + articles_skipped, "
                       "articles_coded, mentions FROM runs").fetchall()
    con.close()
    assert [r[0] for r in runs] == ["done", "done"]
    assert all(r[1] == r[2] == 10 for r in runs)  # each read all 10: coded or skipped, once
    assert sum(r[3] for r in runs) == 10 and sum(r[4] for r in runs) == len(clean)
    assert counts == sorted(counts) and counts  # read while they wrote, never going back


_HOLD = ("import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\n"
         "time.sleep(float(sys.argv[2]))\ncon.close()")


def test_store_concurrency_held_store_is_busy_in_one_line(tmp_path: Path, knowledge) -> None:  # noqa: ARG001 - the in-process commands share the loaded knowledge
    feed = _feed(tmp_path / "feed.jsonl", 2)
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["code", str(feed), "--db", db]).exit_code == 0
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, db, "60"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        query = subprocess.run([sys.executable, "-m", "polemos", "query", "--db", db, "--wait",
                                "0.3", "SELECT 1"], capture_output=True, text=True, timeout=120)
        export = subprocess.run([sys.executable, "-m", "polemos", "export", "--db", db,
                                 "--format", "csv", "-o", str(tmp_path / "m.csv")],
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "POLEMOS_LOCK_WAIT": "0.3"})
        code = runner.invoke(cli, ["code", str(feed), "--db", db, "--wait", "0.3"])
        demo = runner.invoke(cli, ["demo", "--db", db, "--wait", "0.3"])
    finally:
        holder.kill()
        holder.wait()
    for returncode, stderr in ((query.returncode, query.stderr), (export.returncode, export.stderr),
                               (code.exit_code, code.stderr), (demo.exit_code, demo.stderr)):
        assert returncode == 2, stderr
        assert stderr.startswith(f"polemos: error: {db}: the store is busy"), stderr
        assert stderr.count("\n") == 1 and "Traceback" not in stderr
