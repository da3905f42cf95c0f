"""kill -9 at random moments in a coding run: the re-run loses nothing and duplicates nothing,
and every killed run is marked `interrupted` (issue 12)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from polemos.ingest import read_paths
from polemos.pipeline import code_articles

DRIVER = Path(__file__).parent / "fixtures" / "store" / "kill_driver.py"
PLACES = ("Goma", "Aleppo", "Mosul", "Kharkiv", "Gao", "Kandahar", "Mogadishu", "Maiduguri",
          "Idlib", "Donetsk")


def _news(folder: Path) -> Path:
    """30 short articles: 20 .txt files and a JSON Lines feed of 10, each with its own events:
    enough work left for five kills however fast the machine codes."""
    folder.mkdir()
    for i in range(20):
        place = PLACES[i % len(PLACES)]
        (folder / f"t{i:02d}.txt").write_text(
            f"date 2024-05-{i % 28 + 1:02d}\nRebels attacked an army post near {place} on Monday, "
            f"killing {i + 2} soldiers, officials said. The army shelled rebel positions in "
            f"response. Police arrested {i + 3} suspects in {place} on Tuesday.\n")
    with open(folder / "feed.jsonl", "w") as feed:
        for i in range(10):
            place = PLACES[(i + 4) % len(PLACES)]
            feed.write(json.dumps({"id": f"j{i}", "date": f"2024-06-{i + 1:02d}", "text":
                                   f"Militants bombed a market in {place}, wounding {i + 5} people. "
                                   f"Troops withdrew from the town of {place} a day later."}) + "\n")
    return folder


def test_kill_five_random_kills_lose_and_duplicate_nothing(tmp_path: Path, knowledge) -> None:
    news = _news(tmp_path / "news")
    clean = code_articles(read_paths([news]), knowledge)  # one clean run, nothing stored
    want_articles = {a.id for a in read_paths([news])}
    want_mentions = {r["id"] for r in clean.records}
    assert len(want_articles) == 30 and not clean.failures and want_mentions

    db = tmp_path / "s.duckdb"
    done = subprocess.run([sys.executable, str(DRIVER), str(news), str(db), "12", "5"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert len(report["kills"]) == 5 and report["final_exit"] == 0, report
    assert "Traceback" not in done.stderr

    con = duckdb.connect(str(db), read_only=True)
    articles = [i for (i,) in con.execute("SELECT id FROM articles").fetchall()]
    mentions = [i for (i,) in con.execute("SELECT id FROM mentions").fetchall()]
    statuses = [s for (s,) in con.execute("SELECT status FROM runs ORDER BY started").fetchall()]
    read = con.execute("SELECT sum(articles_coded) FROM runs").fetchone()[0]
    con.close()
    assert sorted(articles) == sorted(want_articles)          # 0 lost, 0 twice
    assert sorted(mentions) == sorted(want_mentions)          # the same mentions as a clean run
    assert statuses.count("interrupted") == 5 and statuses[-1] == "done"
    assert "running" not in statuses
    assert read == 30  # each article counted as coded by exactly one run, killed or not
