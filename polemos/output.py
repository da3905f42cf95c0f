"""Formatting records for people (a table) and machines (JSON Lines, CSV); no logic lives here."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from polemos import schema
from polemos.model import Place, TimeExpr, Toponym

CSV_COLUMNS = schema.CSV_COLUMNS  # the cells of a mention's CSV row, from its columns
INCIDENT_CSV_COLUMNS = schema.INCIDENT_CSV_COLUMNS  # and of an incident's


def party_label(party: dict[str, Any]) -> str:
    """ "USA GOV (Trump administration)" style label of an actor or recipient."""
    codes = " ".join(c for c in (party.get("country"), party.get("sector")) if c)
    if party.get("patron"):
        codes += f" <{party['patron']}>"
    return f"{codes} ({party.get('text')})" if codes else str(party.get("text"))


def parties_label(parties: Sequence[dict[str, Any]]) -> str:
    return "; ".join(party_label(p) for p in parties) or "-"


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")


def flat_mention(record: dict[str, Any]) -> dict[str, Any]:
    """A schema-v1 record flattened to one CSV row (parties as "ISO3 SECTOR (words)" lists)."""
    return schema.flat(record, parties_label)


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], columns: Sequence[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def event_table_rows(records: Iterable[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Rows of the readable event table: date, actor → recipient, event type, place, dead."""
    rows: list[tuple[str, ...]] = []
    for r in records:
        place = (r.get("location") or {}).get("name") or "-"
        kind = r["event_type"] + (f"/{r['mode']}" if r.get("mode") else "")
        if r.get("modality") and r["modality"] != "asserted":
            kind += f" [{r['modality']}]"
        rows.append((r.get("date") or r.get("published") or "?",
                     f"{parties_label(r.get('actors') or [])} → "
                     f"{parties_label(r.get('recipients') or [])}",
                     kind, r.get("cameo") or "-", place,
                     "-" if r.get("dead") is None else str(r["dead"])))
    return rows


def flat_incident(record: dict[str, Any]) -> dict[str, Any]:
    """An incident record flattened to one CSV row, as ``flat_mention`` does a mention's."""
    return schema.flat(record, parties_label, incident=True)


SNIPPET_CHARS = 80  # of the lead sentence in the readable incident table


def incident_table_rows(records: Iterable[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Rows of the readable incident table: date, type, actors → recipients, place, dead,
    articles, and the start of the lead sentence."""
    rows: list[tuple[str, ...]] = []
    for r in records:
        location = r.get("location") or {}
        place = ", ".join(p for p in (location.get("name"), location.get("country")) if p) or "-"
        text = " ".join(str(r.get("text") or "").split())
        if len(text) > SNIPPET_CHARS:
            text = text[:SNIPPET_CHARS - 1].rstrip() + "…"
        rows.append((r.get("date") or r.get("first_reported") or "?", r["event_type"],
                     f"{parties_label(r.get('actors') or [])} → "
                     f"{parties_label(r.get('recipients') or [])}",
                     place, "-" if r.get("dead") is None else str(r["dead"]),
                     str(r.get("n_articles") or 0), text))
    return rows


def toponym_record(doc_id: str, toponym: Toponym) -> dict[str, Any]:
    """One ``polemos geoparse`` record: the words, their offsets and the resolved place."""
    place: Place | None = toponym.place
    record: dict[str, Any] = {"doc_id": doc_id, "text": toponym.span.text,
                              "start": toponym.span.start, "end": toponym.span.end}
    for key in ("name", "lat", "lon", "geonames_id", "feature", "admin1", "country", "precision",
                "source"):
        record[key] = getattr(place, key) if place is not None else None
    record["score"] = round(toponym.score, 3)
    return record


def time_record(doc_id: str, expr: TimeExpr) -> dict[str, Any]:
    """One ``polemos dates`` record: the words, their offsets, the ISO value and its precision."""
    return {"doc_id": doc_id, "text": expr.span.text, "start": expr.span.start,
            "end": expr.span.end, "value": expr.value, "precision": expr.precision}
