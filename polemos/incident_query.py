"""Reading incidents out of the store by date, type, party and place (``polemos incidents``).

One ``IncidentFilter`` turns the options of the command and of ``polemos.incidents`` into one SQL
condition, so the two always select the same rows. DOCS: docs/api.md, docs/cli.md
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from polemos import schema
from polemos.analyse.filters import country_code
from polemos.errors import InputError, StoreError
from polemos.incident_store import day_span_sql
from polemos.model import EVENT_TYPES

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]  # ships no type hints

    from polemos.store import Store

# An incident's days: its own date, else the day it was first reported; a mention's: its own
# date, else the day its article was published (the HTTP API filters mentions the same way).
_LO, _HI = day_span_sql("date", "first_reported")
_DAYS = {"incidents": (_LO, _HI), "mentions": day_span_sql("date", "published")}
_PARTY = "len(list_filter({col}, lambda p: upper(p.country) = ? OR lower(p.id) = ?)) > 0"
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """Which incidents to list; every given condition must hold. Dates are ISO (``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``): an incident is in the range when any day it may have
    happened on is. ``actor`` and ``recipient`` match a party's country code or actor id;
    ``place`` an ISO3 country code, a country's name, a province (admin1) or a place name."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    limit: int | None = None

    def where(self, table: str = "incidents") -> tuple[str, list[object]]:
        """The SQL condition on the incidents (or, with ``table="mentions"``, the mentions) table
        and its parameters; raises InputError for a malformed date, a range that ends before it
        starts, an unknown event type or a limit below 1."""
        conditions: list[str] = []
        params: list[object] = []
        lo, hi = _DAYS[table]
        first = _day(self.since, "since", last=False)
        last = _day(self.until, "until", last=True)
        if first and last and last < first:
            raise InputError(f"{self.until!r} is before --since {self.since!r} (expected a range "
                             "that ends after it starts)", "--until")
        if first:
            conditions.append(f"{hi} >= ?")
            params.append(first)
        if last:
            conditions.append(f"{lo} <= ?")
            params.append(last)
        if self.event_type and table == "mentions":  # a mention has a type, not a family
            conditions.append("event_type = ?")
            params.append(_event_type(self.event_type))
        elif self.event_type:
            conditions.append("(event_type = ? OR family = ?)")
            params += [_event_type(self.event_type)] * 2
        for column, code in (("actors", self.actor), ("recipients", self.recipient)):
            if code:
                conditions.append(_PARTY.format(col=column))
                params += [code.strip().upper(), code.strip().lower()]
        if self.place:
            conditions.append("(upper(location.country) = ? OR lower(location.admin1) = ? "
                              "OR lower(location.name) = ?)")
            words = self.place.strip()
            params += [country_code(words) or words.upper(), words.lower(), words.lower()]
        if self.limit is not None and self.limit < 1:
            raise InputError(f"{self.limit} is below 1 (expected a number of incidents)",
                             "--limit")
        return " AND ".join(conditions) or "TRUE", params

    def sql(self) -> tuple[str, list[object]]:
        """The whole query: the incidents' columns, in date order (undated last), then by id."""
        where, params = self.where()
        names = ", ".join(schema.quoted(c.name) for c in schema.INCIDENTS)
        limit = f" LIMIT {int(self.limit)}" if self.limit is not None else ""
        return (f"SELECT {names} FROM incidents WHERE {where} "
                f"ORDER BY {_LO} NULLS LAST, id{limit}"), params

    def words(self) -> str:
        """The conditions as the command's options, for a message about an empty result."""
        given = [(name, getattr(self, attr)) for name, attr in _OPTIONS]
        return " ".join(f"--{name} {value}" for name, value in given if value is not None)


_OPTIONS = (("since", "since"), ("until", "until"), ("type", "event_type"), ("actor", "actor"),
            ("recipient", "recipient"), ("place", "place"))


def incidents_table(store: Store, where: IncidentFilter | None = None) -> pa.Table:
    """The stored incidents that pass ``where`` as an Arrow table (the store's column types:
    parties and place as structs, ``first_reported`` as a date). Raises InputError for a bad
    filter, StoreError for a store with no incidents table yet."""
    sql, params = (where or IncidentFilter()).sql()
    if not has_incidents_table(store):
        raise StoreError("this store has no incidents yet (written by an older Polemos); make "
                         f"them with: polemos incidents --rebuild --db {store.path}",
                         str(store.path))
    with store.connected() as con:
        return con.sql(sql, params=params).to_arrow_table()


def incident_records(store: Store, where: IncidentFilter | None = None) -> list[dict[str, Any]]:
    """The stored incidents that pass ``where`` as ``model.incident_record`` dicts (dates as ISO
    text), in date order."""
    table = incidents_table(store, where)
    dates = [c.name for c in schema.INCIDENTS if c.type == schema.DATE]
    records = table.to_pylist()
    for record in records:
        for name in dates:
            if isinstance(record[name], dt.date):
                record[name] = record[name].isoformat()
    return records


def count_incidents(store: Store, mention_ids: Sequence[str]) -> int:
    """How many stored incidents hold any of these mentions (``polemos demo``'s closing line)."""
    if not mention_ids:
        return 0
    _, rows = store.query("SELECT count(DISTINCT id) FROM (SELECT id, unnest(mention_ids) AS mid "
                          "FROM incidents) WHERE mid IN (SELECT unnest(?::VARCHAR[]))",
                          [list(mention_ids)])
    return int(rows[0][0]) if rows else 0


def has_incidents_table(store: Store) -> bool:
    """Whether the store has an incidents table (a store last written by a Polemos from before
    issue 15 gains it when next opened for writing)."""
    _, rows = store.query("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'incidents'")
    return bool(rows and rows[0][0])


def _event_type(words: str) -> str:
    kind = words.strip().upper()
    if kind not in EVENT_TYPES:
        raise InputError(f"{words!r} is no PLOVER event type (expected one of "
                         f"{', '.join(EVENT_TYPES)})", "--type")
    return kind


def _day(value: str | None, option: str, *, last: bool) -> dt.date | None:
    """The first (or, with ``last``, the last) day of an ISO year, month or day."""
    if value is None or not value.strip():
        return None
    match = _DATE.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is None:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)  # type: ignore[arg-type]
        if day is None:
            start = dt.date(year, month, 1)  # type: ignore[arg-type]
            return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) \
                - dt.timedelta(days=1) if last else start
        return dt.date(year, month, day)  # type: ignore[arg-type]
    except ValueError:
        raise InputError(f"{value!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                         f"--{option}") from None


def first_day_sql(table: str = "incidents") -> str:
    """SQL for the first day a row of ``table`` (incidents or mentions) may have happened on:
    the key both are listed by, in date order."""
    return _DAYS[table][0]
