"""The DuckDB store: articles, mentions (schema v1), failures and runs; upserts and exports.

Each batch of articles is written in one transaction, so a run killed at any moment leaves a
consistent store, and a re-run skips the articles already stored (keyed by id) and goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from polemos.errors import StoreError
from polemos.model import Article, Failure, Mention, mention_record

DEFAULT_DB = "polemos.duckdb"
_PARTY = "STRUCT(text VARCHAR, name VARCHAR, id VARCHAR, country VARCHAR, sector VARCHAR, patron VARCHAR)"
_PLACE = ("STRUCT(name VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT, admin1 VARCHAR, "
          "country VARCHAR, feature VARCHAR, precision VARCHAR, text VARCHAR)")
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, content_hash VARCHAR, date DATE, title VARCHAR, source VARCHAR,
    url VARCHAR, text VARCHAR, origin VARCHAR, run_id VARCHAR, n_mentions INTEGER);
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, schema INTEGER, doc_id VARCHAR, sentence_index INTEGER, text VARCHAR,
    trigger STRUCT(text VARCHAR, start INTEGER, "end" INTEGER), published DATE, date VARCHAR,
    date_precision VARCHAR, event_type VARCHAR, mode VARCHAR, context VARCHAR[], cameo VARCHAR,
    quad_class INTEGER, intensity DOUBLE, actors {_PARTY}[], recipients {_PARTY}[],
    location {_PLACE}, dead INTEGER, injured INTEGER, arrested INTEGER, modality VARCHAR,
    source_said VARCHAR, confidence DOUBLE, rule VARCHAR, flags VARCHAR[]);
CREATE TABLE IF NOT EXISTS failures (
    run_id VARCHAR, "where" VARCHAR, article_id VARCHAR, stage VARCHAR, field VARCHAR,
    error VARCHAR, time TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, version VARCHAR, config_hash VARCHAR, config VARCHAR,
    started TIMESTAMP, finished TIMESTAMP, status VARCHAR, articles_read INTEGER,
    articles_coded INTEGER, articles_skipped INTEGER, mentions INTEGER, failures INTEGER,
    seconds DOUBLE);
"""
TABLES = ("articles", "mentions", "failures", "runs")
_MENTION_COLUMNS = (
    "id", "schema", "doc_id", "sentence_index", "text", "trigger", "published", "date",
    "date_precision", "event_type", "mode", "context", "cameo", "quad_class", "intensity", "actors",
    "recipients", "location", "dead", "injured", "arrested", "modality", "source_said",
    "confidence", "rule", "flags")


def default_db_path() -> Path:
    """``$POLEMOS_DB`` if set, else ``./polemos.duckdb``."""
    return Path(os.environ.get("POLEMOS_DB") or DEFAULT_DB)


class Store:
    """An open Polemos store (one DuckDB file); use as a context manager or call ``close``."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self.con = con

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- reading -----------------------------------------------------------------------------
    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each of these article ids that the store already holds."""
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, content_hash FROM articles WHERE list_contains(?, id)",
                                [list(ids)]).fetchall()
        return {r[0]: r[1] for r in rows}

    def stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already in the store."""
        return set(self.stored_hashes(ids))

    def mention_records(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Stored mentions of these articles as schema-v1 dicts, in document order."""
        if not doc_ids:
            return []
        cur = self.con.execute(
            f"SELECT {', '.join(_q(c) for c in _MENTION_COLUMNS)} FROM mentions "
            "WHERE list_contains(?, doc_id) ORDER BY doc_id, sentence_index, trigger.start",
            [list(doc_ids)])
        names = [d[0] for d in cur.description]
        return [_record_from_row(dict(zip(names, row, strict=True))) for row in cur.fetchall()]

    def query(self, sql: str, params: Sequence[object] = ()) -> tuple[list[str], list[tuple]]:
        """Run SQL; the column names and rows. Raises StoreError with DuckDB's message."""
        if not sql.strip():
            raise StoreError("empty SQL (expected a query, e.g. SELECT * FROM mentions LIMIT 5)",
                             str(self.path), "sql")
        try:
            cur = self.con.execute(sql, list(params))
            if cur is None or cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.Error as err:
            raise StoreError(str(err).splitlines()[0], str(self.path), "sql") from None

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    # --- writing -----------------------------------------------------------------------------
    def write_batch(self, run_id: str, articles: Sequence[tuple[Article, Sequence[Mention]]],
                    failures: Sequence[Failure] = ()) -> None:
        """Store a batch in one transaction: its articles, their mentions, and failures."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            if articles:
                self.con.executemany(
                    "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[a.id, a.content_hash, a.date, a.title, a.source, a.url, a.text, a.origin,
                      run_id, len(ms)] for a, ms in articles])
                records = [mention_record(m) for _, ms in articles for m in ms]
                if records:
                    batch = _mentions_table(records)  # noqa: F841 - DuckDB reads it by name
                    self.con.execute("INSERT OR IGNORE INTO mentions SELECT * FROM batch")
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            if failures:
                self.con.executemany(
                    "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [[run_id, f.where, f.article_id, f.stage, f.field, f.reason, now]
                     for f in failures])
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot write batch: {str(err).splitlines()[0]}", str(self.path)) from None

    def start_run(self, run_id: str, version: str, config: dict[str, object]) -> None:
        text = json.dumps(config, sort_keys=True)
        from polemos.model import stable_id

        self.con.execute("INSERT INTO runs (run_id, version, config_hash, config, started, status) "
                         "VALUES (?, ?, ?, ?, ?, 'running')",
                         [run_id, version, stable_id(text), text, _now()])

    def finish_run(self, run_id: str, stats: dict[str, int | float], status: str = "done") -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, articles_read = ?, articles_coded = ?, "
            "articles_skipped = ?, mentions = ?, failures = ?, seconds = ? WHERE run_id = ?",
            [_now(), status, stats.get("articles_read", 0), stats.get("articles_coded", 0),
             stats.get("articles_skipped", 0), stats.get("mentions", 0), stats.get("failures", 0),
             stats.get("seconds", 0.0), run_id])

    # --- export ------------------------------------------------------------------------------
    def export(self, path: Path, fmt: str, table: str = "mentions") -> int:
        """Write a table to Parquet, CSV or JSONL; the number of rows written."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r} (expected one of {', '.join(TABLES)})",
                             str(self.path), "table")
        if fmt not in ("parquet", "csv", "jsonl"):
            raise StoreError(f"unknown format {fmt!r} (expected parquet, csv or jsonl)", None, "format")
        n = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        target = str(path).replace("'", "''")
        try:
            if fmt == "csv" and table == "mentions":
                _write_mentions_csv(self, path)  # the same columns as `polemos code --format csv`
            else:
                options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER",
                           "jsonl": "FORMAT json"}[fmt]
                self.con.execute(f"COPY {table} TO '{target}' ({options})")
        except (duckdb.Error, OSError) as err:
            raise StoreError(f"cannot write {fmt}: {str(err).splitlines()[0]}", str(path), "output") from None
        return n


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (creating when needed) the DuckDB store at ``path`` (default: ``default_db_path()``).

    Raises StoreError when the file is not a DuckDB database or is locked by another process.
    """
    target = Path(path) if path else default_db_path()
    if read_only and not target.exists():
        raise StoreError("no store here (create one with `polemos code` or `polemos demo`)",
                         str(target))
    try:
        con = duckdb.connect(str(target), read_only=read_only)
        if not read_only:
            con.execute(SCHEMA)
    except duckdb.Error as err:
        raise StoreError(f"cannot open the store: {str(err).splitlines()[0]}", str(target)) from None
    return Store(target, con)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _q(column: str) -> str:
    return f'"{column}"'


def _write_mentions_csv(store: Store, path: Path) -> None:
    from polemos.output import CSV_COLUMNS, flat_mention, write_csv

    ids = [r[0] for r in store.con.execute("SELECT DISTINCT doc_id FROM mentions ORDER BY 1").fetchall()]
    with open(path, "w", newline="", encoding="utf-8") as out:
        write_csv((flat_mention(r) for r in store.mention_records(ids)), out, CSV_COLUMNS)


# schema-v1 key order (as `mention_record` writes it): a record read back is byte-identical
_RECORD_KEYS = ("schema", "id", *(c for c in _MENTION_COLUMNS if c not in ("schema", "id")))


def _record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored mention row back to its schema-v1 dict (dates as ISO text, as when coded)."""
    published = row.get("published")
    row["published"] = published.isoformat() if published is not None else None
    row["context"] = list(row.get("context") or [])
    row["flags"] = list(row.get("flags") or [])
    return {k: row[k] for k in _RECORD_KEYS}


def _mentions_table(records: Iterable[dict[str, Any]]) -> pa.Table:
    """An Arrow table of schema-v1 records in the column order of ``mentions``."""
    rows = list(records)
    party = pa.struct([(k, pa.string()) for k in ("text", "name", "id", "country", "sector", "patron")])
    place = pa.struct([("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
                       ("geonames_id", pa.int64()), ("admin1", pa.string()), ("country", pa.string()),
                       ("feature", pa.string()), ("precision", pa.string()), ("text", pa.string())])
    types = {
        "id": pa.string(), "schema": pa.int32(), "doc_id": pa.string(), "sentence_index": pa.int32(),
        "text": pa.string(),
        "trigger": pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())]),
        "published": pa.string(), "date": pa.string(), "date_precision": pa.string(),
        "event_type": pa.string(), "mode": pa.string(), "context": pa.list_(pa.string()),
        "cameo": pa.string(), "quad_class": pa.int32(), "intensity": pa.float64(),
        "actors": pa.list_(party), "recipients": pa.list_(party), "location": place,
        "dead": pa.int32(), "injured": pa.int32(), "arrested": pa.int32(), "modality": pa.string(),
        "source_said": pa.string(), "confidence": pa.float64(), "rule": pa.string(),
        "flags": pa.list_(pa.string()),
    }
    columns = {c: pa.array([r.get(c) for r in rows], type=types[c]) for c in _MENTION_COLUMNS}
    table = pa.table(columns)
    return table.set_column(table.schema.get_field_index("published"), "published",
                            table["published"].cast(pa.date32()))
