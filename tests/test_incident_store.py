"""Incidents kept current in a real DuckDB store by real coding runs (polemos/incident_store.py).

The assertions hold for any correct clustering (the store's incidents equal a full re-cluster of
its mentions, whatever the order or the runs the articles came in), plus facts our own articles
state: one attack told twice in inc-1 is one incident holding both mentions.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

import polemos
from polemos.cluster import LINK_DAYS, cluster_mentions
from polemos.incident_store import day_span_sql, outlet, rebuild_incidents, refresh_incidents
from polemos.model import Article, Mention, TextSpan, incident_record, mention_record
from polemos.pipeline import code_articles
from polemos.store import Store

NEWS = Path(__file__).parent / "fixtures" / "incidents" / "news.jsonl"
UPDATE = NEWS.with_name("update.jsonl")


def _code(db: Path, articles: list[Article], knowledge: Any) -> None:
    with polemos.open_store(db) as store:
        result = code_articles(articles, knowledge, store=store, batch_size=2)
    assert not result.failures, result.failures


def _incidents(db: Path) -> list[dict[str, Any]]:
    with polemos.open_store(db, read_only=True) as store:
        return store.incident_records()


def _full_recluster(db: Path) -> list[dict[str, Any]]:
    """What clustering every stored mention at once gives: the incidents a store must hold."""
    with polemos.open_store(db, read_only=True) as store:
        _, docs = store.query("SELECT DISTINCT doc_id FROM mentions ORDER BY 1")
        mentions = store.mention_records([d for (d,) in docs])
        _, rows = store.query("SELECT id, source, url FROM articles")
    sources = {i: outlet(i, s, u) for i, s, u in rows}
    return [incident_record(i) for i in cluster_mentions(mentions, sources)]


def _mention_ids(db: Path) -> list[str]:
    with polemos.open_store(db, read_only=True) as store:
        _, rows = store.query("SELECT id FROM mentions ORDER BY id")
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def news() -> list[Article]:
    return polemos.read_articles([NEWS])


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory, news: list[Article], knowledge: Any) -> Path:
    """The news articles coded in one run, in file order."""
    db = tmp_path_factory.mktemp("coded") / "all.duckdb"
    _code(db, news, knowledge)
    return db


def test_incident_store_holds_every_mention_once(coded: Path) -> None:
    incidents = _incidents(coded)
    held = sorted(m for i in incidents for m in i["mention_ids"])
    assert held == _mention_ids(coded)  # each stored mention in exactly one incident
    for i in incidents:
        assert i["n_mentions"] == len(i["mention_ids"]) and i["n_articles"] == len(i["doc_ids"])
        assert i["lead_mention_id"] in i["mention_ids"]


def test_incident_store_one_attack_told_twice_is_one_incident(coded: Path) -> None:
    with polemos.open_store(coded, read_only=True) as store:
        told = [m for m in store.mention_records(["inc-1"]) if m["event_type"] == "ASSAULT"]
    assert len(told) == 2  # "Gunmen killed two soldiers …" and "The two soldiers were shot dead …"
    holding = [i for i in _incidents(coded) if told[0]["id"] in i["mention_ids"]]
    assert len(holding) == 1
    assert {m["id"] for m in told} <= set(holding[0]["mention_ids"])
    assert holding[0]["dead"] == 2  # the toll is reconciled, never summed over the two tellings


def test_incident_store_equals_full_recluster(coded: Path) -> None:
    assert _incidents(coded) == _full_recluster(coded)


def test_incident_store_ids_stable_under_input_order(tmp_path: Path, news: list[Article],
                                                     knowledge: Any, coded: Path) -> None:
    shuffled = news[:]
    random.Random(15).shuffle(shuffled)
    assert [a.id for a in shuffled] != [a.id for a in news]
    _code(tmp_path / "shuffled.duckdb", shuffled, knowledge)
    assert _incidents(tmp_path / "shuffled.duckdb") == _incidents(coded)


def test_incident_store_rerun_changes_nothing(tmp_path: Path, news: list[Article],
                                              knowledge: Any) -> None:
    db = tmp_path / "rerun.duckdb"
    _code(db, news, knowledge)
    before = _incidents(db)
    with polemos.open_store(db) as store:
        result = code_articles(news, knowledge, store=store)
        assert result.articles_coded == 0 and not result.stored_ids
        assert refresh_incidents(store, result.stored_ids).written == 0  # nothing was stale
    assert _incidents(db) == before


def test_incident_store_articles_added_later_give_the_same_incidents(
        tmp_path: Path, news: list[Article], knowledge: Any, coded: Path) -> None:
    db = tmp_path / "later.duckdb"
    _code(db, news[:2], knowledge)
    for article in reversed(news[2:]):  # one run per article, newest first
        _code(db, [article], knowledge)
    assert _incidents(db) == _incidents(coded)


def test_incident_store_updated_article_drops_out(tmp_path: Path, news: list[Article],
                                                  knowledge: Any) -> None:
    db = tmp_path / "update.duckdb"
    _code(db, news, knowledge)
    with polemos.open_store(db, read_only=True) as store:
        old = {m["id"] for m in store.mention_records(["inc-2"])}
    _code(db, polemos.read_articles([UPDATE]), knowledge)
    incidents = _incidents(db)
    assert old and not old & {m for i in incidents for m in i["mention_ids"]}
    assert sorted(m for i in incidents for m in i["mention_ids"]) == _mention_ids(db)
    assert incidents == _full_recluster(db)
    fresh = tmp_path / "fresh.duckdb"  # the updated text coded from the start
    _code(fresh, [a for a in news if a.id != "inc-2"] + polemos.read_articles([UPDATE]), knowledge)
    assert incidents == _incidents(fresh)


def test_incident_store_removed_article_drops_out(tmp_path: Path, news: list[Article],
                                                  knowledge: Any) -> None:
    db = tmp_path / "removed.duckdb"
    _code(db, news, knowledge)
    with polemos.open_store(db) as store:
        store.query("DELETE FROM mentions WHERE doc_id = 'inc-1'")
        store.query("DELETE FROM articles WHERE id = 'inc-1'")
        refresh_incidents(store, ["inc-1"])
    incidents = _incidents(db)
    assert incidents and not any("inc-1" in i["doc_ids"] for i in incidents)
    assert incidents == _full_recluster(db)


def test_incident_store_run_stopped_before_refresh_is_caught_up(tmp_path: Path, coded: Path) -> None:
    db = tmp_path / "stopped.duckdb"
    db.write_bytes(coded.read_bytes())
    with polemos.open_store(db) as store:
        store.query("DELETE FROM incidents")  # as a run killed between its last batch and refresh
        done = refresh_incidents(store)  # the next run, which stored nothing new
    assert done.written == len(_incidents(coded)) and _incidents(db) == _incidents(coded)


def test_incident_store_rebuild_equals_refresh(tmp_path: Path, coded: Path) -> None:
    db = tmp_path / "rebuilt.duckdb"
    db.write_bytes(coded.read_bytes())
    with polemos.open_store(db) as store:
        store.query("UPDATE incidents SET dead = 99")  # stale rows the rebuild must replace
        rebuild_incidents(store)
    assert _incidents(db) == _incidents(coded)


def test_incident_store_refresh_touches_only_its_block(tmp_path: Path) -> None:
    """A new article re-clusters the mentions near its date, not the whole store."""
    db = tmp_path / "big.duckdb"
    start = dt.date(2020, 1, 1)
    with polemos.open_store(db) as store:
        days = [start + dt.timedelta(days=7 * (LINK_DAYS + 1) * k) for k in range(300)]
        store.write_batch("r", [_article(f"a{k}", day) for k, day in enumerate(days)])
        first = refresh_incidents(store)
        assert first.mentions == 600 and first.written >= 300  # far-apart days never join
        late = refresh_incidents(store, ["a150"])  # as if a150 had just been updated
    assert 2 <= late.mentions < 20
    assert late.written <= late.dropped


def test_incident_store_month_date_reaches_its_whole_month(tmp_path: Path) -> None:
    """A mention dated only "2020-02" may have happened on any day of February: every mention of
    that month (and LINK_DAYS around it) is clustered with it, and nothing further."""
    db = tmp_path / "month.duckdb"
    gap = LINK_DAYS + 1  # one article every `gap` days: neighbours never within reach of a day
    with polemos.open_store(db) as store:
        days = [dt.date(2020, 1, 1) + dt.timedelta(days=gap * k) for k in range(366 // gap)]
        store.write_batch("r", [_article(f"a{k}", day) for k, day in enumerate(days)])
        refresh_incidents(store)
        store.write_batch("r", [_article("feb", dt.date(2020, 3, 2), date="2020-02")])
        done = refresh_incidents(store, ["feb"])
    reach = [d for d in days
             if dt.date(2020, 2, 1) - dt.timedelta(LINK_DAYS) <= d <= dt.date(2020, 2, 29)
             + dt.timedelta(LINK_DAYS)]
    assert done.mentions == 2 * (len(reach) + 1) < 2 * len(days)
    assert _incidents(db) == _full_recluster(db)


def _article(doc_id: str, day: dt.date, date: str | None = None) -> tuple[Article, list[dict[str, Any]]]:
    """An article with two attacks on one day (or ``date``), told on ``day`` (no parse: the
    store's side only)."""
    article = Article(doc_id, f"Two attacks {doc_id}.", day.isoformat(), source="Wire")
    when = date or day.isoformat()
    return article, [mention_record(Mention(f"{doc_id}-{i}", doc_id, i, "s", TextSpan("hit", 0, 3),
                                            "ASSAULT", published=day.isoformat(), date=when,
                                            date_precision="month" if date else "day"))
                     for i in range(2)]


@pytest.mark.parametrize(("value", "published", "first", "last"), [
    ("2024-03-04", None, "2024-03-04", "2024-03-04"),
    ("2024-W10", None, "2024-03-04", "2024-03-10"),
    ("2020-W53", None, "2020-12-28", "2021-01-03"),
    ("2024-02", None, "2024-02-01", "2024-02-29"),
    ("2024", None, "2024-01-01", "2024-12-31"),
    (None, "2024-05-01", "2024-05-01", "2024-05-01"),
    ("not a date", "2024-06-01", "2024-06-01", "2024-06-01"),
    (None, None, None, None),
])
def test_incident_store_day_span_of_each_precision(value: str | None, published: str | None,
                                                   first: str | None, last: str | None) -> None:
    lo, hi = day_span_sql("d", "p")
    row = duckdb.connect().execute(f"SELECT {lo}, {hi} FROM (SELECT ?::VARCHAR AS d, ?::DATE AS p)",
                                   [value, published]).fetchone()
    assert row is not None
    assert [None if v is None else v.isoformat() for v in row] == [first, last]


def test_incident_store_outlet_falls_back_to_host_then_id() -> None:
    assert outlet("a", "Example Wire ", "https://x.org/1") == "Example Wire"
    assert outlet("a", None, "https://www.example.org/1") == "example.org"
    assert outlet("a", "", None) == "a"


def test_incident_store_counts_sources(coded: Path) -> None:
    with Store(coded, read_only=True) as store:
        _, rows = store.query("SELECT id, source, url FROM articles")
    by_doc = {i: outlet(i, s, u) for i, s, u in rows}
    for incident in _incidents(coded):
        assert incident["n_sources"] == len({by_doc[d] for d in incident["doc_ids"]})
