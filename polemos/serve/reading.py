"""What the HTTP API reads from a store: pages of events or incidents, and one incident with
the sentences and articles behind it. Conditions come from ``params.ListQuery``; every value
is a bound parameter, and table and column names come from ``schema``, never from a request.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from starlette.responses import Response

from polemos import schema
from polemos.errors import StoreError
from polemos.incident_query import first_day_sql, has_incidents_table
from polemos.serve.params import ListQuery
from polemos.store import Store

_COLUMNS = {"mentions": [c.name for c in schema.MENTIONS],
            "incidents": [c.name for c in schema.INCIDENTS]}


def page(store: Store, table: str, query: ListQuery) -> dict[str, Any]:
    """One page of ``table`` (mentions or incidents) in date order (undated last), with the
    number of rows that pass the filter and the offset of the next page (None on the last)."""
    where, params = query.condition(table)
    names = ", ".join(schema.quoted(c) for c in _COLUMNS[table])
    with store.connected():
        if table == "incidents" and not has_incidents_table(store):
            raise StoreError("this store has no incidents yet (written by an older Polemos); "
                             f"make them with: polemos incidents --rebuild --db {store.path}")
        _, counted = store.query(f"SELECT count(*) FROM {table} WHERE {where}", params)
        columns, rows = store.query(
            f"SELECT {names} FROM {table} WHERE {where} "
            f"ORDER BY {first_day_sql(table)} NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset])
    total = int(counted[0][0])
    following = query.offset + len(rows)
    return {"items": [dict(zip(columns, row, strict=True)) for row in rows],
            "total": total, "offset": query.offset, "limit": query.limit,
            "next_offset": following if following < total else None}


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """One incident with its mentions, each with its sentence, trigger (text and offsets) and
    article (title, source, url, date); None when the store has no incident of that id."""
    with store.connected():
        found = store.incident_records("id = ?", [incident_id])
        if not found:
            return None
        incident = found[0]
        mentions = store.mention_records_by_id(incident["mention_ids"])
        columns, rows = store.query(
            "SELECT id, title, source, url, date FROM articles WHERE list_contains(?, id)",
            [sorted({m["doc_id"] for m in mentions})])
    articles = {row[0]: dict(zip(columns, row, strict=True)) for row in rows}
    for mention in mentions:
        mention["article"] = articles.get(mention["doc_id"])
    return plain({**incident, "mentions": mentions})


def plain(value: Any) -> Any:
    """A value JSON can carry: dates as ISO text, and a float that is not finite as None
    (strict JSON has no NaN, and a 500 for one odd number would be worse than a null)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class JSON(Response):
    """A JSON answer written straight from our dicts (FastAPI's own encoder walks every value
    of every row first, which costs more than the query); dates become ISO text, and only an
    answer holding a float that is not finite takes the slower ``plain`` way."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        try:
            text = json.dumps(content, ensure_ascii=False, allow_nan=False, default=_iso,
                              separators=(",", ":"))
        except ValueError:
            text = json.dumps(plain(content), ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8")


def _iso(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
