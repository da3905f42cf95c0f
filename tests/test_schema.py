"""One schema: the DuckDB tables, the Arrow batch, the CSV row and the docs agree with the record
``mention_record`` makes, and a store made before a column was added gains it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import duckdb

from polemos import schema
from polemos.model import Actor, Article, Mention, Place, TextSpan, mention_id, mention_record
from polemos.output import CSV_COLUMNS, flat_mention, write_csv
from polemos.store import _mentions_table, open_store

DOCS = Path(__file__).parent.parent / "docs"


def _full() -> Mention:
    """A mention with every field set, nested ones included."""
    trigger = TextSpan("shelled", 18, 25)
    return Mention(
        id=mention_id("a1", 0, trigger, "ASSAULT"), doc_id="a1", sentence_index=0,
        text="Government forces shelled Aleppo.", trigger=trigger, event_type="ASSAULT",
        published="2024-03-04", date="2024-03-03", date_precision="day", mode="artillery",
        context=("military",), cameo="195", quad_class=4, intensity=-10.0,
        actors=(Actor("Government forces", name="Syrian army", id="x:1", country="SYR",
                      sector="MIL", start=0, end=17),),
        recipients=(Actor("rebels", sector="REB", patron="TUR"),
                    Actor("civilians", sector="CVL")),
        location=Place("Aleppo", 36.2, 37.16, 170063, "09", "SYR", "P.PPLA", "city", "Aleppo",
                       source="geonames"),
        dead=5, injured=2, arrested=0, modality="reported", source_said="the ministry",
        confidence=0.83333, rule="nsubj-verb-dobj", flags=("count_is_floor",))


def _bare() -> Mention:
    """A mention with every optional field empty: NULLs and empty lists."""
    trigger = TextSpan("protested", 10, 19)
    return Mention(mention_id("a1", 1, trigger, "PROTEST"), "a1", 1, "Students protested.",
                   trigger, "PROTEST")


def _describe(db: Path, table: str) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
    finally:
        con.close()


def test_schema_table_arrow_and_csv_agree_with_mention_record(tmp_path: Path) -> None:
    record = mention_record(_full())
    with open_store(tmp_path / "s.duckdb"):
        pass
    columns = _describe(tmp_path / "s.duckdb", "mentions")
    # the table holds exactly the record's fields, key first, then in the record's order
    assert [name for name, _ in columns] == ["id", *(k for k in record if k != "id")]
    arrow = _mentions_table([record])
    assert arrow.column_names == [name for name, _ in columns]
    assert arrow.to_pylist()[0]["location"] == record["location"]
    # every CSV cell shows a record field, and the row fills every header
    for column in schema.MENTIONS:
        assert not column.csv or column.name in record, column.name
    row = flat_mention(record)
    assert list(row) == list(CSV_COLUMNS)
    assert row["location_country"] == record["location"]["country"]
    assert row["trigger"] == record["trigger"]["text"] == "shelled"
    assert row["recipients"] == "REB <TUR> (rebels); CVL (civilians)"


def test_schema_record_keeps_only_schema_fields() -> None:
    """Nested records lose what the schema leaves out (an actor's offsets, a place's source)."""
    record = mention_record(_full())
    assert list(record) == list(schema.RECORD_KEYS)
    assert set(record["actors"][0]) == {"text", "name", "id", "country", "sector", "patron"}
    assert "source" not in record["location"] and record["location"]["geonames_id"] == 170063
    assert record["context"] == ["military"] and record["confidence"] == 0.833
    assert record["schema"] == schema.SCHEMA_VERSION


def test_schema_full_and_bare_mentions_read_back_as_written(tmp_path: Path) -> None:
    records = [mention_record(_full()), mention_record(_bare())]
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_batch("r", [(Article("a1", "Government forces shelled Aleppo."), records)])
        back = store.mention_records(["a1"])
    assert back == records and [list(r) for r in back] == [list(r) for r in records]
    assert back[1]["location"] is None and back[1]["actors"] == [] and back[1]["flags"] == []


def test_schema_csv_header_is_the_documented_one() -> None:
    out = io.StringIO()
    write_csv([flat_mention(mention_record(_bare()))], out, CSV_COLUMNS)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    documented = re.search(r"## CSV rows.*?```\n(.*?)\n```", (DOCS / "schema.md").read_text(), re.S)
    assert documented is not None
    assert header == documented.group(1).split(",") == list(CSV_COLUMNS)


def test_schema_record_fields_are_documented_in_order() -> None:
    """docs/schema.md's field table lists the record's keys in the order JSON Lines prints them."""
    text = (DOCS / "schema.md").read_text().split("## CSV rows")[0]
    documented = [name for row in re.findall(r"^\| (`\w+`(?:, `\w+`)*) \|", text, re.M)
                  for name in re.findall(r"`(\w+)`", row)]
    assert documented == list(mention_record(_bare()))


def _first_release(db: Path) -> None:
    """A store as the first release made it: every table without the columns added since."""
    con = duckdb.connect(str(db))
    for table, columns in schema.TABLES.items():
        cols = ", ".join(f"{schema.quoted(c.name)} {schema.sql_type(c.type)}"
                         f"{' PRIMARY KEY' if c.key else ''}" for c in columns
                         if not c.added)
        con.execute(f"CREATE TABLE {table} ({cols})")
    con.execute("INSERT INTO articles (id, text) VALUES ('old', 'An old  article.')")
    con.close()


def test_schema_older_store_gains_the_added_columns(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old.duckdb", tmp_path / "fresh.duckdb"
    _first_release(old)
    assert ("text_key", "VARCHAR") not in _describe(old, "articles")
    with open_store(old) as store:
        store.write_batch("r", [(Article("a1", "Government forces shelled Aleppo."),
                                 [mention_record(_full())])])
        keys: list[Any] = store.query("SELECT id, text_key IS NOT NULL FROM articles ORDER BY 1")[1]
    with open_store(fresh):
        pass
    for table in schema.TABLES:
        assert _describe(old, table) == _describe(fresh, table), table
    assert keys == [("a1", True), ("old", True)]
