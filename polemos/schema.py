"""The one description of what Polemos stores and prints: tables, columns, types, CSV cells.

The schema-v1 record of a mention (``model.mention_record``), the DuckDB tables and their
DDL, the Arrow types a batch is inserted with, the order a stored row is read back in, and the
CSV columns of ``polemos code --format csv`` all derive from ``MENTIONS`` and ``TABLES`` here,
so a column is added in one place (docs/schema.md says what each one means). Only the standard
library is imported, since ``model`` builds its records from this table; the store turns these
types into Arrow's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Struct:
    """A nested record type: named fields, read from the attributes of the same names."""

    fields: tuple[tuple[str, ColumnType], ...]


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of values of one type (a record's tuple becomes a list)."""

    item: ColumnType


# A column's type: a DuckDB scalar type name, a Struct or a ListOf; SQL and Arrow derive from it.
ColumnType = str | Struct | ListOf


@dataclass(frozen=True, slots=True)
class Cell:
    """One CSV cell a mention column fills: its header, and what of the value it shows.

    ``field`` picks one field of a struct; ``labels`` shows a list of parties as
    "ISO3 SECTOR (words)" labels; neither: the value itself.
    """

    header: str
    field: str | None = None
    labels: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table; for mentions, also one key of the schema-v1 record.

    ``get`` reads the record value from a ``Mention`` where reading the attribute of the same
    name is not enough. ``csv`` lists the cells it fills in a CSV row (none: not in CSV), and
    ``csv_end`` sends long words to the end of the row (1 first), so the codes stay readable in
    a spreadsheet. ``added`` marks a column that came after its table's first release: an older
    store gains it when a writer opens it.
    """

    name: str
    type: ColumnType
    key: bool = False
    get: Callable[[Any], Any] | None = None
    csv: tuple[Cell, ...] = ()
    csv_end: int = 0
    added: bool = False


TEXT, INT, BIGINT, DOUBLE, DATE, TIMESTAMP = "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP"
SPAN = Struct((("text", TEXT), ("start", INT), ("end", INT)))
PARTY = Struct(tuple((name, TEXT) for name in ("text", "name", "id", "country", "sector", "patron")))
PLACE = Struct((("name", TEXT), ("lat", DOUBLE), ("lon", DOUBLE), ("geonames_id", BIGINT),
                ("admin1", TEXT), ("country", TEXT), ("feature", TEXT), ("precision", TEXT),
                ("text", TEXT)))  # a Place without its `source` (the gazetteer is provenance)


def _plain(name: str, type_: ColumnType, **kw: Any) -> Column:
    """A column shown as itself in one CSV cell of its own name."""
    return Column(name, type_, csv=(Cell(name),), **kw)


# Who acted on whom, and where: the same columns (and CSV cells) in mentions and incidents.
_WHO_AND_WHERE: tuple[Column, ...] = (
    Column("actors", ListOf(PARTY), csv=(Cell("actors", labels=True),)),
    Column("recipients", ListOf(PARTY), csv=(Cell("recipients", labels=True),)),
    Column("location", PLACE, csv=(Cell("location", field="name"), Cell("lat", field="lat"),
                                   Cell("lon", field="lon"),
                                   Cell("location_country", field="country"))),
)


# The mention record, in its key order (schema v1: fields are only ever added, at the end).
MENTIONS: tuple[Column, ...] = (
    Column("schema", INT, get=lambda m: SCHEMA_VERSION),
    _plain("id", TEXT, key=True),
    _plain("doc_id", TEXT),
    _plain("sentence_index", INT),
    _plain("text", TEXT, csv_end=2),
    Column("trigger", SPAN, csv=(Cell("trigger", field="text"),), csv_end=1),
    _plain("published", DATE),
    _plain("date", TEXT),
    _plain("date_precision", TEXT),
    _plain("event_type", TEXT),
    _plain("mode", TEXT),
    Column("context", ListOf(TEXT)),
    _plain("cameo", TEXT),
    _plain("quad_class", INT),
    _plain("intensity", DOUBLE),
    *_WHO_AND_WHERE,
    _plain("dead", INT),
    _plain("injured", INT),
    _plain("arrested", INT),
    _plain("modality", TEXT),
    _plain("source_said", TEXT),
    _plain("confidence", DOUBLE, get=lambda m: round(m.confidence, 3)),
    Column("rule", TEXT),
    Column("flags", ListOf(TEXT)),
)

# The incident record, in its key order (model.Incident; docs/incidents.md): mentions clustered
# within and across articles, with reconciled date, place and counts and the rule behind each.
INCIDENTS: tuple[Column, ...] = (
    Column("schema", INT, get=lambda i: SCHEMA_VERSION),
    _plain("id", TEXT, key=True),
    _plain("event_type", TEXT),
    _plain("family", TEXT),
    _plain("date", TEXT),
    _plain("date_precision", TEXT),
    _plain("date_rule", TEXT),
    _plain("first_reported", DATE),
    _plain("last_reported", DATE),
    _plain("cameo", TEXT),
    _plain("quad_class", INT),
    _plain("intensity", DOUBLE),
    *_WHO_AND_WHERE,
    _plain("place_rule", TEXT),
    _plain("dead", INT),
    _plain("injured", INT),
    _plain("arrested", INT),
    _plain("counts_rule", TEXT),
    _plain("n_mentions", INT),
    _plain("n_articles", INT),
    _plain("n_sources", INT),
    _plain("confidence", DOUBLE, get=lambda i: round(i.confidence, 3)),
    _plain("lead_mention_id", TEXT),
    _plain("text", TEXT, csv_end=2),
    Column("mention_ids", ListOf(TEXT)),
    Column("doc_ids", ListOf(TEXT)),
)

ARTICLES: tuple[Column, ...] = (
    Column("id", TEXT, key=True), Column("content_hash", TEXT), Column("date", DATE),
    Column("title", TEXT), Column("source", TEXT), Column("url", TEXT), Column("text", TEXT),
    Column("origin", TEXT), Column("run_id", TEXT), Column("n_mentions", INT),
    Column("text_key", TEXT, added=True),
)
FAILURES: tuple[Column, ...] = (
    Column("run_id", TEXT), Column("where", TEXT), Column("article_id", TEXT),
    Column("stage", TEXT), Column("field", TEXT), Column("error", TEXT), Column("time", TIMESTAMP),
)
# What a run tells the user without failing an input: a file skipped, an undated article, a text
# already stored under another id. Kept whole here; the terminal shows the first few.
NOTICES: tuple[Column, ...] = (
    Column("run_id", TEXT), Column("where", TEXT), Column("message", TEXT),
    Column("time", TIMESTAMP),
)
RUNS: tuple[Column, ...] = (
    Column("run_id", TEXT, key=True), Column("version", TEXT), Column("config_hash", TEXT),
    Column("config", TEXT), Column("started", TIMESTAMP), Column("finished", TIMESTAMP),
    Column("status", TEXT), Column("articles_read", INT), Column("articles_coded", INT),
    Column("articles_skipped", INT), Column("mentions", INT), Column("failures", INT),
    Column("seconds", DOUBLE), Column("articles_updated", INT, added=True),
    Column("pid", INT, added=True), Column("host", TEXT, added=True),
)


def table_order(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """A table's column order: its key first (as the tables were first released), then the rest."""
    return (*(c for c in columns if c.key), *(c for c in columns if not c.key))


TABLES: dict[str, tuple[Column, ...]] = {
    "articles": ARTICLES, "mentions": table_order(MENTIONS), "failures": FAILURES, "runs": RUNS,
    "notices": NOTICES, "incidents": table_order(INCIDENTS),
}
RECORD_KEYS: tuple[str, ...] = tuple(c.name for c in MENTIONS)
_IN_CSV = tuple(sorted((c for c in MENTIONS if c.csv), key=lambda c: c.csv_end))  # stable
CSV_COLUMNS: tuple[str, ...] = tuple(cell.header for c in _IN_CSV for cell in c.csv)
_INCIDENTS_IN_CSV = tuple(sorted((c for c in INCIDENTS if c.csv), key=lambda c: c.csv_end))
INCIDENT_CSV_COLUMNS: tuple[str, ...] = tuple(cell.header for c in _INCIDENTS_IN_CSV
                                              for cell in c.csv)


# --- records ----------------------------------------------------------------------------------
def record(mention: object) -> dict[str, Any]:
    """The schema-v1 dict of a ``model.Mention`` (``model.mention_record`` calls this; typed
    ``object`` since ``model`` imports this module, and an import back, even for typing only,
    would tie the two in a cycle)."""
    return {c.name: c.get(mention) if c.get is not None else value(getattr(mention, c.name), c.type)
            for c in MENTIONS}


def incident_record(incident: object) -> dict[str, Any]:
    """The dict of a ``model.Incident`` (typed ``object`` for the reason ``record`` gives)."""
    return {c.name: c.get(incident) if c.get is not None else value(getattr(incident, c.name), c.type)
            for c in INCIDENTS}


def value(obj: Any, type_: ColumnType) -> Any:
    """A record attribute as plain data of its column type: structs as dicts, tuples as lists."""
    if obj is None:
        return None
    if isinstance(type_, Struct):
        return {name: value(getattr(obj, name), t) for name, t in type_.fields}
    if isinstance(type_, ListOf):
        return [value(item, type_.item) for item in obj]
    return obj


def flat(rec: dict[str, Any], party_labels: Callable[[list[dict[str, Any]]], str],
         incident: bool = False) -> dict[str, Any]:
    """A schema-v1 record (an incident record with ``incident``) as one CSV row (``party_labels``
    words a list of parties)."""
    row: dict[str, Any] = {}
    for column in _INCIDENTS_IN_CSV if incident else _IN_CSV:
        for cell in column.csv:
            v = rec.get(column.name)
            if cell.field is not None:
                v = (v or {}).get(cell.field)
            elif cell.labels:
                v = party_labels(v or [])
            row[cell.header] = v
    return row


# --- SQL ----------------------------------------------------------------------------------
def quoted(name: str) -> str:
    """A column name quoted for DuckDB (``end``, ``where`` and ``schema`` are SQL words)."""
    return '"' + name.replace('"', '""') + '"'


def sql_type(type_: ColumnType) -> str:
    if isinstance(type_, Struct):
        return f"STRUCT({', '.join(f'{quoted(n)} {sql_type(t)}' for n, t in type_.fields)})"
    if isinstance(type_, ListOf):
        return f"{sql_type(type_.item)}[]"
    return type_


def create_tables() -> str:
    """DDL creating every table that is missing, then adding the columns an older store lacks."""
    parts = []
    for table, columns in TABLES.items():
        cols = ", ".join(f"{quoted(c.name)} {sql_type(c.type)}{' PRIMARY KEY' if c.key else ''}"
                         for c in columns)
        parts.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols});")
    parts += [f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {quoted(c.name)} {sql_type(c.type)};"
              for table, columns in TABLES.items() for c in columns if c.added]
    return "\n".join(parts)
