"""polemos.incidents and polemos.incidents_table over a real coded store (polemos/incident_query.py).

Each filter is checked against the facts of our own articles (tests/fixtures/incidents/README.md)
and against a plain reading of every incident, so it holds whatever the clustering groups.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import polemos
from polemos.errors import InputError, StoreError
from polemos.incident_query import count_incidents, country_code
from polemos.pipeline import code_articles
from polemos.time_lexicon import first_day

NEWS = Path(__file__).parent / "fixtures" / "incidents" / "news.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, knowledge: Any) -> Path:
    path = tmp_path_factory.mktemp("query") / "news.duckdb"
    with polemos.open_store(path) as store:
        assert not code_articles(polemos.read_articles([NEWS]), knowledge, store=store).failures
    return path


@pytest.fixture(scope="module")
def every(db: Path) -> list[dict[str, Any]]:
    return polemos.incidents(db)


def _first_day(incident: dict[str, Any]) -> dt.date | None:
    value = incident["date"] or incident["first_reported"]
    return first_day(value) if value else None


def test_incident_query_orders_by_date_undated_last(every: list[dict[str, Any]]) -> None:
    days = [_first_day(i) for i in every]
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated) and days[len(dated):] == [None] * (len(days) - len(dated))
    assert days[-1] is None  # inc-6 has no date and no published day


def test_incident_query_date_range(db: Path, every: list[dict[str, Any]]) -> None:
    march = polemos.incidents(db, since="2024-03-05", until="2024-03")
    assert march and {i["id"] for i in march} == {
        i["id"] for i in every
        if _first_day(i) is not None and dt.date(2024, 3, 5) <= _first_day(i) <= dt.date(2024, 3, 31)}
    assert not any("inc-5" in i["doc_ids"] or "inc-6" in i["doc_ids"] for i in march)
    talks = polemos.incidents(db, until="2023")
    assert [i["event_type"] for i in talks] == ["AGREE"] and talks[0]["doc_ids"] == ["inc-5"]
    assert polemos.incidents(db, since="2030-01-01") == []


def test_incident_query_type_actor_recipient(db: Path, every: list[dict[str, Any]]) -> None:
    assaults = polemos.incidents(db, event_type="assault")
    assert assaults and all(i["event_type"] == "ASSAULT" for i in assaults)
    assert len(assaults) == sum(i["event_type"] == "ASSAULT" for i in every)
    russia = polemos.incidents(db, actor="rus")
    assert [i["doc_ids"] for i in russia] == [["inc-5"]]
    assert polemos.incidents(db, actor="XYZ") == []
    to_nigeria = polemos.incidents(db, recipient="NGA")
    assert to_nigeria and all(any(p["country"] == "NGA" for p in i["recipients"]) for i in to_nigeria)
    assert {"inc-1", "inc-3"} <= {d for i in to_nigeria for d in i["doc_ids"]}


def test_incident_query_place_by_code_name_province(db: Path) -> None:
    by_code = polemos.incidents(db, place="NGA")
    assert by_code == polemos.incidents(db, place="Nigeria") == polemos.incidents(db, place="ng")
    assert {d for i in by_code for d in i["doc_ids"]} == {"inc-1", "inc-2", "inc-3", "inc-4"}
    borno = polemos.incidents(db, place="borno")  # Maiduguri's province
    assert borno and all(i["location"]["admin1"] == "Borno" for i in borno)
    assert [i["doc_ids"] for i in polemos.incidents(db, place="Abuja")] == [["inc-3"]]
    assert [i["event_type"] for i in polemos.incidents(db, place="Kenya")] == ["COERCE"]
    assert country_code("Syria") == "SYR" and country_code("Maiduguri") is None


def test_incident_query_limit_keeps_the_first(db: Path, every: list[dict[str, Any]]) -> None:
    assert polemos.incidents(db, limit=2) == every[:2]


def test_incident_query_table_matches_records(db: Path, every: list[dict[str, Any]]) -> None:
    table = polemos.incidents_table(db, event_type="ASSAULT")
    assert isinstance(table, pa.Table)
    assert table.column("id").to_pylist() == [i["id"] for i in every if i["event_type"] == "ASSAULT"]
    assert table.schema.field("first_reported").type == pa.date32()
    assert pa.types.is_struct(table.schema.field("location").type)


@pytest.mark.parametrize(("filters", "words"), [
    ({"since": "2024-13-01"}, "--since: '2024-13-01' is not a date"),
    ({"until": "yesterday"}, "--until: 'yesterday' is not a date"),
    ({"since": "2024-03-05", "until": "2024-03-01"}, "is before --since"),
    ({"event_type": "BOMBING"}, "--type: 'BOMBING' is no PLOVER event type"),
    ({"limit": 0}, "--limit: 0 is below 1"),
])
def test_incident_query_bad_filter_says_which(db: Path, filters: dict[str, Any], words: str) -> None:
    with pytest.raises(InputError) as err:
        polemos.incidents(db, **filters)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_incident_query_store_without_incidents_table(tmp_path: Path, db: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    with polemos.open_store(old) as store:
        store.query("DROP TABLE incidents")  # as a store written before issue 15
    with pytest.raises(StoreError, match="polemos incidents --rebuild"):
        polemos.incidents(old)
    assert polemos.rebuild_incidents(old) == len(polemos.incidents(db))
    assert polemos.incidents(old) == polemos.incidents(db)


def test_incident_query_counts_incidents_of_mentions(db: Path) -> None:
    with polemos.open_store(db, read_only=True) as store:
        told = [m["id"] for m in store.mention_records(["inc-1"])]
        assert count_incidents(store, told) == len({i["id"] for i in polemos.incidents(store)
                                                    if set(told) & set(i["mention_ids"])})
        assert count_incidents(store, []) == 0
