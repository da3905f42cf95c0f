"""Keeping the store's ``incidents`` table current as articles are coded, updated or removed.

After a run, the mentions it touched are re-clustered with every stored mention they could join:
those whose dates lie within ``cluster.LINK_DAYS`` of theirs, grown transitively until the block
is closed, so the incidents of the block are what clustering the whole store would give
(``cluster_mentions`` never links mentions further apart than that). The incidents those mentions
belonged to are replaced in one transaction. Each block is found with range joins in SQL, so a
refresh costs one pass over the store plus the block, never a pass per mention.
DOCS: docs/schema.md (incidents)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import duckdb

from polemos.cluster import LINK_DAYS, cluster_mentions
from polemos.model import incident_record

if TYPE_CHECKING:
    from polemos.store import Store

log = logging.getLogger(__name__)


def day_span_sql(date: str, fallback: str) -> tuple[str, str]:
    """SQL for the first and last day a text date column means (an ISO day, ``YYYY-Www``,
    ``YYYY-MM`` or ``YYYY``), else those of the DATE column ``fallback`` (an undated mention's
    published day); NULL for neither."""
    year = f"CAST({date}[1:4] AS INTEGER)"
    jan4 = f"make_date({year}, 1, 4)"  # ISO week 1 is the week holding 4 January
    week = f"regexp_full_match({date}, '\\d{{4}}-W\\d{{2}}')"
    monday = f"{jan4} - CAST(isodow({jan4}) - 1 AS INTEGER) + 7 * (CAST({date}[7:8] AS INTEGER) - 1)"
    is_year = f"regexp_full_match({date}, '\\d{{4}}')"
    is_month = f"regexp_full_match({date}, '\\d{{4}}-\\d{{2}}')"
    lo = (f"CASE WHEN {week} THEN {monday} WHEN {is_year} THEN TRY_CAST({date} || '-01-01' AS DATE) "
          f"WHEN {is_month} THEN TRY_CAST({date} || '-01' AS DATE) ELSE TRY_CAST({date} AS DATE) END")
    hi = (f"CASE WHEN {week} THEN {monday} + 6 WHEN {is_year} THEN TRY_CAST({date} || '-12-31' AS DATE) "
          f"WHEN {is_month} THEN last_day(TRY_CAST({date} || '-01' AS DATE)) "
          f"ELSE TRY_CAST({date} AS DATE) END")
    return f"coalesce({lo}, {fallback})", f"coalesce({hi}, {fallback})"


_LO, _HI = day_span_sql("date", "published")
# Every mention's days, made once per refresh (one pass over the mentions table).
_SPANS = f"CREATE OR REPLACE TEMP TABLE polemos_spans AS SELECT id, {_LO} AS lo, {_HI} AS hi FROM mentions"
# Mentions no stored incident holds: coded by a run that stopped before its refresh.
_UNCLUSTERED = ("SELECT m.id FROM mentions m LEFT JOIN (SELECT DISTINCT unnest(mention_ids) AS mid "
                "FROM incidents) c ON c.mid = m.id WHERE c.mid IS NULL")
# Incidents holding a mention the store no longer has (its article was updated or removed).
_VANISHED = ("SELECT DISTINCT i.id FROM (SELECT id, unnest(mention_ids) AS mid FROM incidents) i "
             "LEFT JOIN mentions m ON m.id = i.mid WHERE m.id IS NULL")
# A list of ids given as the one parameter, as a hash join reads it (list_contains on every row
# would cost rows times ids).
_GIVEN = "(SELECT unnest(?::VARCHAR[]))"
_CHUNK_MENTIONS = 20_000  # mentions read from the store at a time when clustering many blocks


@dataclass(frozen=True, slots=True)
class Refresh:
    """What a refresh did: mentions re-clustered, incidents dropped and written."""

    mentions: int = 0
    dropped: int = 0
    written: int = 0


def refresh_incidents(store: Store, doc_ids: Collection[str] = ()) -> Refresh:
    """Re-cluster the mentions of the articles ``doc_ids`` (new, updated or removed) and every
    stored mention they could join, and replace the incidents they were in.

    Mentions no incident holds yet and incidents holding mentions that are gone are taken in too,
    so a run stopped before its refresh is caught up by the next. Holds the store for writing
    from the first read to the last write, so a second writer never clusters a stale view.
    Raises StoreError. DOCS: docs/schema.md (incidents)
    """
    with store.connected(write=True) as con:
        con.execute(_SPANS)
        touched = sorted(doc_ids)
        seeds = {r[0] for r in con.execute(_UNCLUSTERED).fetchall()}
        stale = {r[0] for r in con.execute(_VANISHED).fetchall()}
        if touched:
            seeds |= _ids(con, f"SELECT id FROM mentions WHERE doc_id IN {_GIVEN}", [touched])
            stale |= _ids(con, "SELECT DISTINCT id FROM (SELECT id, unnest(doc_ids) AS doc "
                          f"FROM incidents) WHERE doc IN {_GIVEN}", [touched])
        seeds |= _mates(con, stale)
        block = _close_block(con, seeds)
        old = stale | _holding(con, block)
        if not block and not old:
            return Refresh()
        records = _cluster(store, con, block)
        store.replace_incidents(old, records)
    log.debug("incidents: %d mentions re-clustered, %d dropped, %d written",
              len(block), len(old), len(records))
    return Refresh(len(block), len(old), len(records))


def rebuild_incidents(store: Store) -> Refresh:
    """Cluster every stored mention afresh and replace the whole incidents table.

    The mentions are cut into blocks no link can cross (a gap of more than ``LINK_DAYS`` between
    one date and the next; undated mentions together), each clustered on its own.
    """
    with store.connected(write=True) as con:
        con.execute(_SPANS)
        rows = con.execute("SELECT id, lo, hi FROM polemos_spans ORDER BY lo NULLS LAST, id").fetchall()
        old = _ids(con, "SELECT id FROM incidents")
        records = _cluster_blocks(store, con, list(_blocks(rows)))
        store.replace_incidents(old, records)
    return Refresh(len(rows), len(old), len(records))


def _blocks(rows: Iterable[tuple[str, dt.date | None, dt.date | None]]) -> Iterator[set[str]]:
    """Consecutive runs of (id, first day, last day) sorted by first day, split where the next
    first day lies more than LINK_DAYS after every last day so far; the undated last, together."""
    block: set[str] = set()
    end: dt.date | None = None
    undated: set[str] = set()
    for mention_id, lo, hi in rows:
        if lo is None or hi is None:
            undated.add(mention_id)
            continue
        if end is not None and (lo - end).days > LINK_DAYS:
            yield block
            block, end = set(), None
        block.add(mention_id)
        end = hi if end is None else max(end, hi)
    for rest in (block, undated):
        if rest:
            yield rest


def _close_block(con: duckdb.DuckDBPyConnection, seeds: set[str]) -> set[str]:
    """The seeds and every mention within LINK_DAYS of one in the block, and the other mentions
    of the incidents the block's mentions are in, grown until nothing more joins."""
    block: set[str] = set()
    frontier = set(seeds)
    while frontier:
        block |= frontier
        new = sorted(frontier)
        spans = con.execute(f"SELECT lo, hi FROM polemos_spans WHERE id IN {_GIVEN} "
                            "AND lo IS NOT NULL ORDER BY lo", [new]).fetchall()
        reach = _reach(spans)
        # joined against the few day ranges the new mentions reach, not mention against mention,
        # so a refresh of many mentions on busy days reads each neighbour once
        near = _ids(con, "SELECT DISTINCT s.id FROM polemos_spans s JOIN (SELECT unnest(?::DATE[]) "
                    "AS a, unnest(?::DATE[]) AS b) w ON s.lo <= w.b AND s.hi >= w.a",
                    [[a for a, _ in reach], [b for _, b in reach]]) if reach else set()
        # an undated mention may only join undated ones (there is no distance to measure)
        undated = _ids(con, "SELECT id FROM polemos_spans WHERE lo IS NULL") \
            if len(spans) < len(new) else set()
        frontier = (near | undated | _mates(con, _holding(con, frontier))) - block
    return block


def _reach(spans: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The days within LINK_DAYS of any of these (first, last) day spans, sorted by first day,
    as disjoint ranges."""
    out: list[tuple[dt.date, dt.date]] = []
    pad = dt.timedelta(days=LINK_DAYS)
    for lo, hi in spans:
        a = lo - pad if lo - dt.date.min > pad else dt.date.min
        b = hi + pad if dt.date.max - hi > pad else dt.date.max
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _holding(con: duckdb.DuckDBPyConnection, mention_ids: Collection[str]) -> set[str]:
    """Ids of the stored incidents that hold any of these mentions."""
    if not mention_ids:
        return set()
    return _ids(con, "SELECT DISTINCT id FROM (SELECT id, unnest(mention_ids) AS mid "
                f"FROM incidents) WHERE mid IN {_GIVEN}", [sorted(mention_ids)])


def _mates(con: duckdb.DuckDBPyConnection, incident_ids: Collection[str]) -> set[str]:
    """The mentions, still stored, of these incidents."""
    if not incident_ids:
        return set()
    return _ids(con, "SELECT DISTINCT s.id FROM (SELECT unnest(mention_ids) AS mid FROM incidents "
                f"WHERE id IN {_GIVEN}) i JOIN polemos_spans s ON s.id = i.mid",
                [sorted(incident_ids)])


def _cluster(store: Store, con: duckdb.DuckDBPyConnection, block: Collection[str]) -> list[dict[str, Any]]:
    """The incident records of one closed block of mentions, clustered in the independent
    pieces it falls into (a refresh's block may join several)."""
    if not block:
        return []
    rows = con.execute(f"SELECT id, lo, hi FROM polemos_spans WHERE id IN {_GIVEN} "
                       "ORDER BY lo NULLS LAST, id", [sorted(block)]).fetchall()
    return _cluster_blocks(store, con, list(_blocks(rows)))


def _cluster_blocks(store: Store, con: duckdb.DuckDBPyConnection,
                    blocks: Sequence[set[str]]) -> list[dict[str, Any]]:
    """The incident records of blocks no link crosses, each clustered on its own; the mentions
    are read a chunk of blocks at a time (one query per chunk, not per block)."""
    records: list[dict[str, Any]] = []
    chunk: list[set[str]] = []
    for i, block in enumerate(blocks):
        chunk.append(block)
        if i + 1 < len(blocks) and sum(map(len, chunk)) < _CHUNK_MENTIONS:
            continue
        mentions = store.mention_records_by_id(sorted(m for b in chunk for m in b))
        docs = sorted({str(m["doc_id"]) for m in mentions})
        rows = con.execute(f"SELECT id, source, url FROM articles WHERE id IN {_GIVEN}",
                           [docs]).fetchall()
        sources = {doc: outlet(doc, source, url) for doc, source, url in rows}
        by_block = {m: n for n, b in enumerate(chunk) for m in b}
        parts: list[list[dict[str, Any]]] = [[] for _ in chunk]
        for mention in mentions:
            parts[by_block[str(mention["id"])]].append(mention)
        for part in parts:
            records += [incident_record(i) for i in cluster_mentions(part, sources)]
        chunk = []
    return records


def outlet(doc_id: str, source: str | None, url: str | None) -> str:
    """Who published an article, for counting sources: its ``source``, else its url's host
    (without ``www.``), else its id (each unknown outlet counted apart)."""
    if source and source.strip():
        return source.strip()
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return doc_id


def _ids(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> set[str]:
    return {str(r[0]) for r in con.execute(sql, list(params)).fetchall()}
