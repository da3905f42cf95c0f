"""The DuckDB store: schema, idempotent batches, failures, runs, export round-trips."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from polemos.errors import StoreError
from polemos.model import Actor, Article, Failure, Mention, Place, TextSpan, mention_id
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


def _batch() -> list[tuple[Article, list[Mention]]]:
    return [(Article("a1", "Government forces shelled Aleppo.", "2024-03-04", title="T"),
             [_mention("a1", 18), _mention("a1", 30, "COERCE")]),
            (Article("a2", "Nothing happened."), [])]


def test_store_batch_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.write_batch("run1", _batch(), [Failure("x.jsonl:3", "read", "malformed JSON")])
        store.write_batch("run2", _batch())
        assert store.counts() == {"articles": 2, "mentions": 2, "failures": 1, "runs": 0}
        assert store.stored_ids(["a1", "a2", "zz"]) == {"a1", "a2"}
        [where] = store.query("SELECT \"where\" FROM failures")[1]
        assert where == ("x.jsonl:3",)


def test_store_mentions_read_back_as_records(tmp_path: Path) -> None:
    from polemos.model import mention_record

    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("run1", _batch())
        got = store.mention_records(["a1"])
    want = [mention_record(m) for m in _batch()[0][1]]
    assert got == want


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
