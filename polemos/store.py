"""The DuckDB store: articles, mentions (schema v1), failures and runs; batches and exports.

Each batch of articles is written in one transaction, so a run killed at any moment leaves a
consistent store, and a re-run skips the articles already stored and goes on. The file is held
only for a moment at a time (one lookup, one batch; ``store_access``), so readers and other
writers take turns with a long coding run instead of being locked out for its whole length.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]  # ships no type hints

from polemos import schema
from polemos.errors import StoreError
from polemos.identity import Version, text_key
from polemos.model import Article, Failure, Notice, stable_id
from polemos.store_access import connect, damaged, lock_wait, process_is_gone, this_process

DEFAULT_DB = "polemos.duckdb"
TABLES = tuple(schema.TABLES)
_STAT_COLUMNS = ("articles_read", "articles_coded", "articles_updated", "articles_skipped",
                 "mentions", "failures", "seconds")
# one mention record, as ``model.mention_record`` gives it (schema v1)
MentionRecord = dict[str, Any]


def default_db_path() -> Path:
    """``$POLEMOS_DB`` if set, else ``./polemos.duckdb``."""
    return Path(os.environ.get("POLEMOS_DB") or DEFAULT_DB)


class Store:
    """A Polemos store (one DuckDB file); use as a context manager or call ``close``.

    Each call opens the file, does its work and lets go, unless it runs inside ``connected()``,
    which holds one connection for several calls. Give each thread its own Store (they then
    take turns at the file like processes do).
    """

    def __init__(self, path: Path, *, read_only: bool = False, wait: float | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.wait = lock_wait(wait)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writing = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing stays open between calls; kept so ``with open_store(...)`` reads naturally."""

    @contextmanager
    def connected(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file for the calls inside this block (one lookup, one batch), then let go.

        DuckDB errors inside become StoreError naming the file; so does a close that fails
        (DuckDB writes its log into the file on close: a full disk shows here).
        """
        if self._con is not None:
            if write and not self._writing:
                raise StoreError("a write inside a read-only session", str(self.path))
            yield self._con
            return
        if write and self.read_only:
            raise StoreError("opened read-only; cannot write", str(self.path))
        con = connect(self.path, read_only=not write, wait=self.wait)
        self._con, self._writing = con, write
        try:
            yield con
        except BaseException as err:
            _close_quietly(con)
            if isinstance(err, duckdb.Error):
                raise StoreError(_damage(err) or _reason(err), str(self.path)) from None
            raise
        finally:
            self._con, self._writing = None, False
        try:
            con.close()
        except duckdb.Error as err:
            raise StoreError(f"cannot save the store: {_reason(err)}", str(self.path)) from None

    # --- reading -----------------------------------------------------------------------------
    def lookup(self, articles: Sequence[Article]) -> tuple[dict[str, Version], dict[str, str]]:
        """What the store holds for these articles: the version of each id it has, and the id
        holding each of their texts (by ``identity.text_key``)."""
        if not articles:
            return {}, {}
        ids = [a.id for a in articles]
        keys = [text_key(a.text) for a in articles]
        with self.connected() as con:
            rows = con.execute("SELECT id, content_hash, CAST(date AS VARCHAR) FROM articles "
                               "WHERE list_contains(?, id)", [ids]).fetchall()
            twins = con.execute("SELECT text_key, min(id) FROM articles "
                                "WHERE list_contains(?, text_key) GROUP BY 1", [keys]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}, {k: i for k, i in twins}

    def stored_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each of these article ids that the store already holds."""
        if not ids:
            return {}
        with self.connected() as con:
            rows = con.execute("SELECT id, content_hash FROM articles WHERE list_contains(?, id)",
                               [list(ids)]).fetchall()
        return {r[0]: r[1] for r in rows}

    def stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already in the store."""
        return set(self.stored_hashes(ids))

    def mention_records(self, doc_ids: Sequence[str]) -> list[MentionRecord]:
        """Stored mentions of these articles as schema-v1 dicts, in document order."""
        if not doc_ids:
            return []
        with self.connected() as con:
            cur = con.execute(
                f"SELECT {', '.join(map(schema.quoted, schema.RECORD_KEYS))} FROM mentions "
                "WHERE list_contains(?, doc_id) ORDER BY doc_id, sentence_index, trigger.start",
                [list(doc_ids)])
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [_record_from_row(names, row) for row in rows]

    def mention_records_by_id(self, ids: Sequence[str]) -> list[MentionRecord]:
        """Stored mentions with these ids as schema-v1 dicts, by id (the ids not stored are
        left out)."""
        if not ids:
            return []
        with self.connected() as con:
            cur = con.execute(
                f"SELECT {', '.join(map(schema.quoted, schema.RECORD_KEYS))} FROM mentions "
                "WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id", [list(ids)])
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [_record_from_row(names, row) for row in rows]

    def incident_records(self, where: str = "", params: Sequence[object] = ()) -> list[MentionRecord]:
        """Stored incidents as ``model.incident_record`` dicts, by id; ``where`` is an SQL
        condition on the incidents table (with ``?`` for ``params``), e.g. "date >= ?"."""
        names = [c.name for c in schema.INCIDENTS]
        sql = (f"SELECT {', '.join(map(schema.quoted, names))} FROM incidents"
               + (f" WHERE {where}" if where else "") + " ORDER BY id")
        _, rows = self.query(sql, params)
        return [_record_from_row(names, row, schema.INCIDENTS) for row in rows]

    def replace_incidents(self, old_ids: Collection[str], records: Sequence[MentionRecord]) -> None:
        """In one transaction, drop the incidents ``old_ids`` and store ``records``
        (``model.incident_record`` dicts) in place of any with the same id."""
        with self.connected(write=True) as con:
            try:
                con.execute("BEGIN TRANSACTION")
                gone = sorted(set(old_ids) | {str(r["id"]) for r in records})
                con.execute("DELETE FROM incidents WHERE list_contains(?, id)", [gone])
                if records:
                    batch = _mentions_table(records, "incidents")  # noqa: F841 - read by name
                    con.execute("INSERT INTO incidents BY NAME SELECT * FROM batch")
                con.execute("COMMIT")
            except (duckdb.Error, UnicodeError) as err:
                _rollback(con)
                raise StoreError(f"cannot write incidents: {_reason(err)}", str(self.path)) from None

    def query(self, sql: str, params: Sequence[object] = ()) -> tuple[list[str], list[tuple]]:
        """Run SQL; the column names and rows. Raises StoreError with DuckDB's message."""
        if not sql.strip():
            raise StoreError("empty SQL (expected a query, e.g. SELECT * FROM mentions LIMIT 5)",
                             str(self.path), "sql")
        # a writable store runs SQL that may write; inside a session, on that session's connection
        with self.connected(write=not self.read_only and self._con is None) as con:
            try:
                cur = con.execute(sql, list(params))
                if cur is None or cur.description is None:
                    return [], []
                return [d[0] for d in cur.description], cur.fetchall()
            except duckdb.Error as err:
                damaged = _damage(err)
                raise StoreError(damaged or _reason(err), str(self.path),
                                 None if damaged else "sql") from None

    def counts(self) -> dict[str, int]:
        with self.connected() as con:
            return {t: _count(con, t) for t in TABLES}

    # --- writing -----------------------------------------------------------------------------
    def write_batch(self, run_id: str, articles: Sequence[tuple[Article, Sequence[MentionRecord]]],
                    failures: Sequence[Failure] = (), *, replaced: Collection[str] = (),
                    stats: dict[str, int | float] | None = None,
                    notices: Sequence[Notice] = ()) -> dict[str, int]:
        """Store a batch in one transaction: its articles and their mentions (as the records
        ``mention_record`` gives, made once per run for output and store), its failures and
        notices, and the run's counts so far. Articles whose id is in ``replaced`` are updates: their old row
        and mentions go in the same transaction. An id another writer stored meanwhile is left
        as that writer stored it, counted as skipped, not coded; returns those ids with their
        number of mentions."""
        with self.connected(write=True) as con:
            try:
                con.execute("BEGIN TRANSACTION")
                taken = _write_articles(con, run_id, articles, replaced)
                if failures:
                    _insert(con, "failures", [_failure_row(run_id, f) for f in failures])
                if notices:
                    _insert(con, "notices", [_notice_row(run_id, n) for n in notices])
                if stats is not None:
                    _update_run(con, run_id, discount(stats, taken))
                con.execute("COMMIT")
            except (duckdb.Error, UnicodeError) as err:
                _rollback(con)
                raise StoreError(f"cannot write batch: {_reason(err)}", str(self.path)) from None
        return taken

    def start_run(self, run_id: str, version: str, config: dict[str, object]) -> None:
        """Record a run as ``running``, with this process's pid and host (see ``open_store``)."""
        text = json.dumps(config, sort_keys=True)
        pid, host = this_process()
        with self.connected(write=True) as con:
            con.execute("INSERT INTO runs (run_id, version, config_hash, config, started, status, "
                        "pid, host) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)",
                        [run_id, version, stable_id(text), text, _now(), pid, host])

    def finish_run(self, run_id: str, stats: dict[str, int | float], status: str = "done") -> None:
        with self.connected(write=True) as con:
            _update_run(con, run_id, stats)
            con.execute("UPDATE runs SET finished = ?, status = ? WHERE run_id = ?",
                        [_now(), status, run_id])

    # --- export ------------------------------------------------------------------------------
    def export(self, path: Path, fmt: str, table: str = "mentions") -> int:
        """Write a table to Parquet, CSV or JSONL; the number of rows written."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r} (expected one of {', '.join(TABLES)})",
                             str(self.path), "table")
        if fmt not in ("parquet", "csv", "jsonl"):
            raise StoreError(f"unknown format {fmt!r} (expected parquet, csv or jsonl)", None, "format")
        target = str(path).replace("'", "''")
        with self.connected() as con:
            n = _count(con, table)
            try:
                if fmt == "csv" and table == "mentions":
                    _write_mentions_csv(self, path)  # the same columns as `polemos code --format csv`
                elif fmt == "csv" and table == "incidents":
                    _write_incidents_csv(self, path)  # as `polemos incidents --format csv`
                else:
                    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER",
                               "jsonl": "FORMAT json"}[fmt]
                    con.execute(f"COPY {table} TO '{target}' ({options})")
            except (duckdb.Error, OSError) as err:
                if _damage(err):  # the store's fault, not the output's
                    raise StoreError(_damage(err) or "", str(self.path)) from None
                raise StoreError(f"cannot write {fmt}: {_reason(err)}", str(path), "output") from None
        return n


def open_store(path: str | Path | None = None, *, read_only: bool = False,
               wait: float | None = None) -> Store:
    """Open (creating when needed) the DuckDB store at ``path`` (default: ``default_db_path()``).

    A writer brings the tables up to date and marks ``interrupted`` every ``running`` run whose
    process is gone (killed, or its machine restarted). ``wait`` is how long to wait for another
    process that has the file (default ``$POLEMOS_LOCK_WAIT``, else 10 s).
    Raises StoreError when the file is damaged, not a DuckDB database, cannot be written, or
    stays busy. DOCS: docs/schema.md
    """
    target = Path(path) if path else default_db_path()
    if read_only and not target.exists():
        raise StoreError("no store here (create one with `polemos code` or `polemos demo`)",
                         str(target))
    store = Store(target, read_only=read_only, wait=wait)
    with store.connected(write=not read_only) as con:
        if not read_only:
            con.execute(schema.create_tables())
            _fill_text_keys(con)
            _mark_interrupted(con)
        else:
            con.execute("SELECT count(*) FROM articles").fetchone()  # a damaged file fails here
    return store


def _write_articles(con: duckdb.DuckDBPyConnection, run_id: str,
                    articles: Sequence[tuple[Article, Sequence[MentionRecord]]],
                    replaced: Collection[str]) -> dict[str, int]:
    """Insert the batch's articles and mentions; the ids another writer stored meanwhile (with
    their number of mentions), which are left as they are."""
    if replaced:
        con.execute("DELETE FROM mentions WHERE list_contains(?, doc_id)", [list(replaced)])
        con.execute("DELETE FROM articles WHERE list_contains(?, id)", [list(replaced)])
    ids = [a.id for a, _ in articles]
    taken = {r[0] for r in con.execute("SELECT id FROM articles WHERE list_contains(?, id)",
                                       [ids]).fetchall()} if ids else set()
    fresh: list[tuple[Article, Sequence[MentionRecord]]] = []
    dropped: dict[str, int] = {}
    for article, ms in articles:  # an id stored meanwhile, or twice in this batch: the first stays
        if article.id in taken:
            dropped[article.id] = dropped.get(article.id, 0) + len(ms)
        else:
            fresh.append((article, ms))
            taken.add(article.id)
    if not fresh:
        return dropped
    _insert(con, "articles", [_article_row(run_id, a, len(ms)) for a, ms in fresh])
    records = [r for _, ms in fresh for r in ms]
    if records:
        batch = _mentions_table(records)  # noqa: F841 - DuckDB reads it by name
        # by name: a column added later sits last in an older store, wherever schema.py puts it
        con.execute("INSERT OR IGNORE INTO mentions BY NAME SELECT * FROM batch")
    return dropped


def _article_row(run_id: str, a: Article, n_mentions: int) -> dict[str, Any]:
    return {"id": a.id, "content_hash": a.content_hash, "date": a.date, "title": a.title,
            "source": a.source, "url": a.url, "text": a.text, "origin": a.origin,
            "run_id": run_id, "n_mentions": n_mentions, "text_key": text_key(a.text)}


def _failure_row(run_id: str, f: Failure) -> dict[str, Any]:
    return {"run_id": run_id, "where": _storable(f.where), "article_id": _storable(f.article_id),
            "stage": _storable(f.stage), "field": _storable(f.field), "error": _storable(f.reason),
            "time": _now()}


def _notice_row(run_id: str, n: Notice) -> dict[str, Any]:
    return {"run_id": run_id, "where": _storable(n.where), "message": _storable(n.message),
            "time": _now()}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows given as {column: value}, in the table's column order; a row that misses a
    column of the table is a KeyError here, not a NULL in the store."""
    names = [c.name for c in schema.TABLES[table]]
    con.executemany(f"INSERT INTO {table} ({', '.join(map(schema.quoted, names))}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [[row[n] for n in names] for row in rows])


def discount(stats: dict[str, int | float], taken: dict[str, int]) -> dict[str, int | float]:
    """A run's counts when another writer stored ``taken`` first: skipped, not coded by this run."""
    if not taken:
        return stats
    return {**stats, "articles_coded": stats.get("articles_coded", 0) - len(taken),
            "articles_skipped": stats.get("articles_skipped", 0) + len(taken),
            "mentions": stats.get("mentions", 0) - sum(taken.values())}


def _storable(value: str | None) -> str | None:
    """Text DuckDB can hold: a lone surrogate (an undecodable file name, JSON's "\\ud800") is
    written as its escape, so a failure about it is recorded rather than failing the batch."""
    return None if value is None else value.encode("utf-8", "backslashreplace").decode()


def _update_run(con: duckdb.DuckDBPyConnection, run_id: str, stats: dict[str, int | float]) -> None:
    con.execute(f"UPDATE runs SET {', '.join(f'{c} = ?' for c in _STAT_COLUMNS)} WHERE run_id = ?",
                [*(stats.get(c, 0) for c in _STAT_COLUMNS), run_id])


def _fill_text_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Articles stored by a Polemos before text keys existed get theirs (once)."""
    rows = con.execute("SELECT id, text FROM articles WHERE text_key IS NULL").fetchall()
    if rows:
        con.executemany("UPDATE articles SET text_key = ? WHERE id = ?",
                        [[text_key(text or ""), i] for i, text in rows])


def _mark_interrupted(con: duckdb.DuckDBPyConnection) -> None:
    """A ``running`` run whose process is gone will never finish: say so."""
    rows = con.execute("SELECT run_id, pid, host, started FROM runs WHERE status = 'running'").fetchall()
    gone = [run_id for run_id, pid, host, started in rows if process_is_gone(pid, host, started)]
    if gone:
        con.execute("UPDATE runs SET status = 'interrupted' WHERE list_contains(?, run_id)", [gone])


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return row[0] if row is not None else 0  # count(*) always gives a row; None only to typing


def _reason(err: BaseException) -> str:
    """DuckDB's message, first line only (its later lines are hints for its own developers)."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _damage(err: BaseException) -> str | None:
    return damaged(_reason(err))


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # the failed statement may already have ended the transaction
        con.execute("ROLLBACK")


def _close_quietly(con: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # already failing: the first error is the one to report
        con.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _write_mentions_csv(store: Store, path: Path) -> None:
    from polemos.output import CSV_COLUMNS, flat_mention, write_csv

    _, rows = store.query("SELECT DISTINCT doc_id FROM mentions ORDER BY 1")
    ids = [r[0] for r in rows]
    with open(path, "w", newline="", encoding="utf-8") as out:
        write_csv((flat_mention(r) for r in store.mention_records(ids)), out, CSV_COLUMNS)


def _write_incidents_csv(store: Store, path: Path) -> None:
    from polemos.output import INCIDENT_CSV_COLUMNS, flat_incident, write_csv

    with open(path, "w", newline="", encoding="utf-8") as out:
        write_csv((flat_incident(r) for r in store.incident_records()), out, INCIDENT_CSV_COLUMNS)


def _record_from_row(names: Sequence[str], row: Sequence[Any],
                     columns: Sequence[schema.Column] = schema.MENTIONS) -> MentionRecord:
    """A stored row back to its record dict (dates as ISO text, as when coded)."""
    record = dict(zip(names, row, strict=True))
    for column in columns:
        v = record[column.name]
        if column.type == schema.DATE:
            record[column.name] = v.isoformat() if v is not None else None
        elif isinstance(column.type, schema.ListOf):
            record[column.name] = list(v or [])
    return record


def _mentions_table(records: Sequence[MentionRecord], table: str = "mentions") -> pa.Table:
    """An Arrow table of records in the column order of ``table`` (records hold dates as ISO
    text: Arrow reads them as text, then casts)."""
    columns = {}
    for column in schema.TABLES[table]:
        values = [r.get(column.name) for r in records]
        if column.type == schema.DATE:
            columns[column.name] = pa.array(values, pa.string()).cast(pa.date32())
        else:
            columns[column.name] = pa.array(values, type=_arrow_type(column.type))
    return pa.table(columns)


def _arrow_type(type_: schema.ColumnType) -> pa.DataType:
    """The Arrow type a column of this schema type is inserted as."""
    if isinstance(type_, schema.Struct):
        return pa.struct([(n, _arrow_type(t)) for n, t in type_.fields])
    if isinstance(type_, schema.ListOf):
        return pa.list_(_arrow_type(type_.item))
    return _ARROW[type_]


_ARROW = {schema.TEXT: pa.string(), schema.INT: pa.int32(), schema.BIGINT: pa.int64(),
          schema.DOUBLE: pa.float64(), schema.DATE: pa.date32(), schema.TIMESTAMP: pa.timestamp("us")}
