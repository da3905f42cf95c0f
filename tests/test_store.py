"""The DuckDB store: schema, idempotent batches, failures, runs, export round-trips, turns at
the file between processes, updates, and damage."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from polemos.errors import StoreError
from polemos.identity import text_key
from polemos.model import (
    Actor,
    Article,
    Failure,
    Mention,
    Place,
    TextSpan,
    mention_id,
    mention_record,
)
from polemos.store import open_store


def _mention(doc_id: str, start: int, event_type: str = "ASSAULT") -> Mention:
    trigger = TextSpan("shelled", start, start + 7)
    return Mention(
        id=mention_id(doc_id, 0, trigger, event_type), doc_id=doc_id, sentence_index=0,
        text="Government forces shelled Aleppo.", trigger=trigger, event_type=event_type,
        published="2024-03-04", date="2024-03-03", date_precision="day", mode="artillery",
        context=("military",), cameo="195", quad_class=4, intensity=-10.0,
        actors=(Actor("Government forces", country="SYR", sector="MIL"),),
        recipients=(Actor("rebels", sector="REB", patron="TUR"),),
        location=Place("Aleppo", 36.2, 37.16, 170063, "09", "SYR", "P.PPLA", "city", "Aleppo"),
        dead=5, modality="asserted", confidence=0.8, rule="nsubj-verb-dobj")


def _batch() -> list[tuple[Article, list[dict[str, Any]]]]:
    """Articles with their mentions as the store takes them: schema-v1 records."""
    return [(Article("a1", "Government forces shelled Aleppo.", "2024-03-04", title="T"),
             [mention_record(_mention("a1", 18)), mention_record(_mention("a1", 30, "COERCE"))]),
            (Article("a2", "Nothing happened."), [])]


def test_store_batch_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write_batch("run1", _batch(), [Failure("x.jsonl:3", "read", "malformed JSON")])
        store.write_batch("run2", _batch())
        assert store.counts() == {"articles": 2, "mentions": 2, "failures": 1, "runs": 0, "incidents": 0,
                                  "notices": 0}
        assert store.stored_ids(["a1", "a2", "zz"]) == {"a1", "a2"}
        [where] = store.query("SELECT \"where\" FROM failures")[1]
        assert where == ("x.jsonl:3",)


def test_store_mentions_read_back_as_records(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("run1", _batch())
        got = store.mention_records(["a1"])
    want = _batch()[0][1]
    assert got == want
    assert [list(r) for r in got] == [list(r) for r in want]  # the key order too: JSONL bytes


def test_store_export_parquet_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write_batch("run1", _batch())
        n = store.export(tmp_path / "m.parquet", "parquet")
        assert n == 2
        pq = str(tmp_path / "m.parquet")
        _, diff1 = store.query(f"SELECT * FROM mentions EXCEPT SELECT * FROM read_parquet('{pq}')")
        _, diff2 = store.query(f"SELECT * FROM read_parquet('{pq}') EXCEPT SELECT * FROM mentions")
        assert diff1 == [] and diff2 == []
        assert store.query(f"SELECT count(*) FROM read_parquet('{pq}')")[1] == [(2,)]


def test_store_export_csv_and_jsonl(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("run1", _batch())
        store.export(tmp_path / "m.csv", "csv")
        store.export(tmp_path / "m.jsonl", "jsonl")
    header, *rows = (tmp_path / "m.csv").read_text().splitlines()
    assert "actors" in header and len(rows) == 2
    assert "SYR MIL (Government forces)" in rows[0]
    lines = (tmp_path / "m.jsonl").read_text().splitlines()
    assert len(lines) == 2 and '"event_type":"ASSAULT"' in lines[0]


def test_store_runs_table(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.start_run("r", "0.1.0", {"kb_dirs": []})
        store.finish_run("r", {"articles_read": 3, "mentions": 4, "seconds": 1.5})
        _, rows = store.query("SELECT status, articles_read, mentions, config_hash FROM runs")
    assert rows[0][:3] == ("done", 3, 4) and len(rows[0][3]) == 16


def test_store_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_text("this is not a database")
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert str(path) in str(err.value)


def test_store_bad_sql_is_a_store_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store, pytest.raises(StoreError) as err:
        store.query("SELECT nope FROM mentions")
    assert "nope" in str(err.value)


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_store_file_is_plain_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write_batch("run1", _batch())
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT actors[1].country, location.name FROM mentions LIMIT 1").fetchone() == (
        "SYR", "Aleppo")


# --- runs, turns at the file, updates, damage (issue 12) ---------------------------------------

def _python(code: str, *args: str) -> subprocess.Popen[str]:
    """A real second process running ``code`` against our package."""
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_store_run_of_a_killed_process_becomes_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    dead = _python("import os, signal, sys\nfrom polemos.store import open_store\n"
                   "open_store(sys.argv[1]).start_run('dead', '0.1.0', {})\n"
                   "os.kill(os.getpid(), signal.SIGKILL)", str(path))
    assert dead.wait(60) == -signal.SIGKILL
    with open_store(path, read_only=True) as reader:  # a reader changes nothing
        assert reader.query("SELECT status FROM runs")[1] == [("running",)]
    with open_store(path) as store:
        store.start_run("alive", "0.1.0", {})  # this process: still running
    with open_store(path) as store:
        rows = dict(store.query("SELECT run_id, status FROM runs")[1])
        pid = store.query("SELECT pid FROM runs WHERE run_id = 'alive'")[1][0][0]
    assert rows == {"dead": "interrupted", "alive": "running"} and pid == os.getpid()


def test_store_counts_are_committed_with_each_batch(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.start_run("r", "0.1.0", {})
        store.write_batch("r", _batch(), stats={"articles_read": 2, "articles_coded": 2,
                                                "mentions": 2})
        assert store.query("SELECT status, articles_read, articles_coded, mentions FROM runs")[1] == [
            ("running", 2, 2, 2)]


_HOLD = ("import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\n"
         "time.sleep(float(sys.argv[2]))\ncon.close()")


def test_store_busy_file_waits_then_says_busy(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write_batch("run1", _batch())
    holder = _python(_HOLD, str(path), "1.5")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    for read_only in (True, False):
        with pytest.raises(StoreError, match="the store is busy") as err:
            open_store(path, read_only=read_only, wait=0.2)
        assert str(err.value).startswith(f"{path}: ")
    started = time.monotonic()
    with open_store(path, wait=30) as store:  # waits its turn, then goes on
        assert store.counts()["articles"] == 2
    assert time.monotonic() - started > 0.3
    assert holder.wait(30) == 0


def test_store_lock_wait_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from polemos.store_access import DEFAULT_WAIT, lock_wait

    monkeypatch.delenv("POLEMOS_LOCK_WAIT", raising=False)
    assert lock_wait() == DEFAULT_WAIT and lock_wait(0.5) == 0.5
    monkeypatch.setenv("POLEMOS_LOCK_WAIT", "2.5")
    assert lock_wait() == 2.5
    monkeypatch.setenv("POLEMOS_LOCK_WAIT", "soon")
    with pytest.raises(StoreError, match=r"\$POLEMOS_LOCK_WAIT: 'soon' is not a number"):
        lock_wait()


_WRITER = """
import sys, time
from polemos.model import Article
from polemos.store import open_store
store = open_store(sys.argv[1])
store.start_run("w", "0.1.0", {})
for b in range(12):
    arts = [(Article(f"b{b}-{i}", f"Batch {b} article {i}.", "2024-01-01"), []) for i in range(5)]
    store.write_batch("w", arts, stats={"articles_read": 5 * (b + 1)})
    time.sleep(0.05)
store.finish_run("w", {"articles_read": 60})
"""


def test_store_reader_during_writes_sees_whole_batches(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    writer = _python(_WRITER, str(path))
    seen = []
    while writer.poll() is None:
        with open_store(path, read_only=True, wait=10) as reader:
            seen.append(reader.counts()["articles"])
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    with open_store(path, read_only=True) as reader:
        seen.append(reader.counts()["articles"])
    assert seen == sorted(seen) and seen[-1] == 60  # never goes back
    assert all(n % 5 == 0 for n in seen)  # a batch is all there or not at all
    assert len(set(seen)) > 2  # the reader got in between the writer's batches


def test_store_update_replaces_old_mentions(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("run1", _batch())
        new = Article("a1", "Government forces arrested ten protesters.", "2024-03-05")
        store.write_batch("run2", [(new, [mention_record(_mention("a1", 18, "COERCE"))])], replaced={"a1"})
        assert store.query("SELECT text, date::VARCHAR, run_id FROM articles WHERE id = 'a1'")[1] == [
            (new.text, "2024-03-05", "run2")]
        assert [r["event_type"] for r in store.mention_records(["a1"])] == ["COERCE"]
        assert store.lookup([new])[0] == {"a1": (new.content_hash, "2024-03-05")}


def test_store_lookup_finds_the_same_text_under_another_id(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("run1", _batch())
        copy = Article("other", "Government forces   shelled Aleppo.\n")
        versions, texts = store.lookup([copy])
    assert versions == {} and list(texts.values()) == ["a1"]


def test_store_made_by_an_older_polemos_gains_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, content_hash VARCHAR, date DATE, "
                "title VARCHAR, source VARCHAR, url VARCHAR, text VARCHAR, origin VARCHAR, "
                "run_id VARCHAR, n_mentions INTEGER)")
    con.execute("INSERT INTO articles VALUES ('old', 'h', NULL, NULL, NULL, NULL, 'Troops left.', "
                "NULL, 'r0', 0)")
    con.execute("CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, version VARCHAR, config_hash VARCHAR, "
                "config VARCHAR, started TIMESTAMP, finished TIMESTAMP, status VARCHAR, "
                "articles_read INTEGER, articles_coded INTEGER, articles_skipped INTEGER, "
                "mentions INTEGER, failures INTEGER, seconds DOUBLE)")
    con.close()
    with open_store(path) as store:
        store.start_run("r1", "0.1.0", {})
        assert store.lookup([Article("new", " Troops  left. ")])[1] == {
            text_key("Troops left."): "old"}


def test_store_damaged_mid_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    words = random.Random(12)  # text that does not compress away: the file is all data
    with open_store(path) as store:
        store.write_batch("run1", [(Article(f"a{i}", " ".join(f"{words.random():.12f}"
                                                              for _ in range(300))), [])
                                   for i in range(200)])
    size = path.stat().st_size
    with open(path, "r+b") as raw:  # 4 KB of noise at a third and two thirds into the file
        for offset in (size // 3, 2 * size // 3):
            raw.seek(offset)
            raw.write(bytes(range(256)) * 16)
    for read_only in (True, False):
        with pytest.raises(StoreError) as err, open_store(path, read_only=read_only) as store:
            store.query("SELECT sum(length(text)) FROM articles")
        assert str(err.value).startswith(f"{path}: the store file is damaged")
        assert "\n" not in str(err.value)


def test_store_a_thread_waits_for_another_threads_write(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "s.duckdb"
    store = open_store(path)
    held = threading.Event()

    def write() -> None:
        with store.connected(write=True):
            held.set()
            time.sleep(0.5)

    writer = threading.Thread(target=write)
    writer.start()
    held.wait(10)
    with open_store(path, read_only=True, wait=10) as reader:  # same process, the other mode
        assert reader.counts()["articles"] == 0
    writer.join()


def test_store_keeps_every_notice_of_a_run(tmp_path: Path, knowledge) -> None:  # noqa: ARG001
    # the terminal shows ten notices of a kind; the store keeps all of them, with the run
    from polemos.model import Notice
    from polemos.pipeline import code_articles

    items = [Notice(f"news/{i}.docx", "skipped: .docx is not an article file") for i in range(12)]
    items.append(Article("a", "Rebels shelled the town of Kidal.", None, origin="news/a.txt"))
    with open_store(tmp_path / "s.duckdb") as store:
        result = code_articles(items, knowledge, store=store, batch_size=5)
        _, rows = store.query('SELECT "where", message FROM notices ORDER BY "where"')
    assert len(result.notices) == 13 and len(rows) == 13
    assert ("news/a.txt", "has no date; give --date or a date field") in rows
