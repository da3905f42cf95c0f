"""Polemos: conflict event data from news text — who did what to whom, when, where, how many.

The Python API mirrors the CLI (docs/api.md)::

    import polemos
    mentions = polemos.code_text("Rebels shelled Aleppo on Friday.", date="2024-03-04")
    with polemos.open_store("events.duckdb") as store:
        polemos.code_paths(["news/"], store=store)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polemos.errors import (
    GazetteerError,
    InputError,
    KnowledgeError,
    PolemosError,
    SetupError,
    StoreError,
)
from polemos.knowledge import Knowledge, load_knowledge
from polemos.model import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    Actor,
    Article,
    Casualties,
    Failure,
    Mention,
    Notice,
    Place,
    TimeExpr,
    Toponym,
    mention_record,
)

if TYPE_CHECKING:
    from polemos.store import Store, default_db_path, open_store

__version__ = "0.1.0"

__all__ = [
    "EVENT_TYPES", "SCHEMA_VERSION", "Actor", "Article", "Casualties", "Failure",
    "GazetteerError", "InputError", "Knowledge", "KnowledgeError", "Mention", "Notice", "Place",
    "PolemosError", "SetupError", "Store", "StoreError", "TimeExpr", "Toponym", "__version__",
    "code_article",
    "code_paths", "code_text", "default_db_path", "evaluate_gold", "find_dates", "geoparse_text",
    "get_knowledge",
    "load_knowledge", "mention_record", "open_store", "read_articles", "sample_articles_path",
    "incidents", "incidents_table", "rebuild_incidents",
]


def get_knowledge(kb_dirs: Sequence[str | Path] = (), learned: bool = False) -> Knowledge:
    """The shared Knowledge for these user folders (loaded once per process, on first use);
    ``learned=True``: with the learned event layer (polemos/data/models)."""
    return _shared_knowledge(tuple(str(Path(p).resolve()) for p in kb_dirs), learned)


def __getattr__(name: str) -> Any:
    """The store's names, imported on first use: ``import polemos`` (and so ``polemos --help``, or
    the one-line message about a missing module) must not need DuckDB to be importable."""
    if name in ("Store", "default_db_path", "open_store"):
        from polemos import store

        return getattr(store, name)
    raise AttributeError(f"module 'polemos' has no attribute {name!r}")


@cache
def _shared_knowledge(kb_dirs: tuple[str, ...], learned: bool = False) -> Knowledge:
    return load_knowledge(kb_dirs, learned=learned)


def _default_knowledge() -> Knowledge:
    return get_knowledge()


def code_article(article: Article, knowledge: Knowledge | None = None) -> list[Mention]:
    """Event mentions of one article (pure: same article and knowledge, same mentions and ids)."""
    from polemos.pipeline import code_article as _code

    return _code(article, knowledge or _default_knowledge())


def code_text(text: str, date: str | None = None, *, doc_id: str = "text",
              knowledge: Knowledge | None = None) -> list[Mention]:
    """Event mentions of a text published on ``date`` (ISO), read as a ``.txt`` file is. Example::

        polemos.code_text("Iran denied the report.", date="2020-01-05")

    A leading ``date YYYY-MM-DD`` line is the text's own date, not article text, and wins over
    ``date`` (which is for a text that carries none), as in ``polemos code - --date``.
    Raises InputError for an empty or overlong text or a malformed date. DOCS: docs/api.md
    """
    from polemos.ingest.readers import read_txt
    from polemos.ingest.validate import parse_date

    article = read_txt(text, doc_id, doc_id, parse_date(date, doc_id))
    return code_article(article, knowledge)


def read_articles(paths: Sequence[str | Path], default_date: str | None = None) -> list[Article]:
    """Articles in files/folders; raises InputError on the first unreadable input.

    Notices (a file of another kind skipped in a folder) are left out; ``polemos.ingest.read_paths``
    yields them with the articles and failures.
    """
    from polemos.ingest import read_paths

    out = []
    for item in read_paths(paths, default_date):
        if isinstance(item, Failure):
            raise InputError(item.reason, item.where, item.field)
        if isinstance(item, Article):
            out.append(item)
    return out


def code_paths(paths: Sequence[str | Path], *, knowledge: Knowledge | None = None,
               default_date: str | None = None, store: Store | None = None,
               **kwargs: Any) -> Any:
    """Read and code files, folders or ``-``; returns a ``pipeline.RunResult`` (records, failures)."""
    from polemos.pipeline import read_and_code

    return read_and_code(paths, knowledge or _default_knowledge(), default_date=default_date,
                         store=store, **kwargs)


def geoparse_text(text: str, knowledge: Knowledge | None = None) -> list[Toponym]:
    """Every place name in a text, with offsets and the resolved place."""
    from polemos.pipeline import geoparse_article

    return geoparse_article(Article("text", text), knowledge or _default_knowledge())


def find_dates(text: str, date: str | None = None) -> list[TimeExpr]:
    """Every time expression in a text, resolved against ``date`` (ISO)."""
    from polemos.pipeline import time_expressions

    return time_expressions(Article("text", text, date))


def evaluate_gold(kind: str, gold: Path, *, limit: int | None = None,
             knowledge: Knowledge | None = None,
             half: str | None = None) -> tuple[dict[str, Any], str]:
    """Metrics for one gold set (``kind``: plover-gsr, petrarch, geoparsing, timeml, gva,
    event-location, gva-clusters; ``half``: tune|blind, for gva-clusters)."""
    from polemos.evaluate.run import run_evaluation

    return run_evaluation(kind, Path(gold), knowledge=knowledge or _default_knowledge(), limit=limit,
                          half=half)


def sample_articles_path() -> Path:
    """The folder of bundled sample articles that ``polemos demo`` codes."""
    return Path(str(resources.files("polemos") / "data" / "samples"))


__all__ += ["alerts", "trend"]  # issue 15: analysis of incidents (docs/alerts.md)


def _incident_source(source: Any) -> list[Any]:
    """Incident dicts from a Store, a store's path, or records (dicts or ``Incident``s)."""
    from polemos.analyse import incident_dicts

    if hasattr(source, "incident_records"):
        return list(source.incident_records())
    if isinstance(source, (str, Path)):
        from polemos.store import open_store as _open

        with _open(source, read_only=True) as store:
            return list(store.incident_records())
    return incident_dicts(source)


def trend(source: Any, actor: str | None = None, recipient: str | None = None, *,
          place: str | None = None, by: str = "week", since: str | None = None,
          until: str | None = None) -> Any:
    """Incidents per period (count, summed intensity, quad classes q1..q4, dead), zeros included,
    for a directed dyad, a place or everything; ``source``: a Store, a store path, or incident
    records. Returns ``analyse.Records`` of ``TrendPoint`` (``.to_arrow()``, ``.to_dicts()``).
    Raises InputError for an unknown actor or place. Example::

        polemos.trend(store, "RUS", "UKR", by="month").to_arrow()

    DOCS: docs/alerts.md
    """
    from polemos.analyse import trend as _trend

    return _trend(_incident_source(source), actor=actor, recipient=recipient, place=place, by=by,
                  since=since, until=until)


def alerts(source: Any, *, dyad: tuple[str, str] | None = None, place: str | None = None,
           by: str = "week", since: str | None = None, until: str | None = None,
           window: int | None = None, threshold: float = 3.5, min_count: int = 3,
           stale_days: int = 14) -> Any:
    """Escalation alerts: periods where conflict incidents for a dyad or a place depart from their
    own baseline (negative-binomial surprise, no look-ahead: ``until`` replays what was known
    then). Returns ``analyse.Records`` of ``Alert``. Example::

        polemos.alerts("events.duckdb", dyad=("ISR", "PSE"), by="day")

    DOCS: docs/alerts.md
    """
    from polemos.analyse import alerts as _alerts

    return _alerts(_incident_source(source), dyad=dyad, place=place, by=by, since=since,
                   until=until, window=window, threshold=threshold, min_count=min_count,
                   stale_days=stale_days)


def incidents(store: Store | str | Path | None = None, *, since: str | None = None,
              until: str | None = None, event_type: str | None = None, actor: str | None = None,
              recipient: str | None = None, place: str | None = None,
              limit: int | None = None) -> list[dict[str, Any]]:
    """The stored incidents that pass every filter given, as dicts (``model.incident_record``),
    in date order: ``polemos incidents``. Example::

        polemos.incidents("events.duckdb", since="2024-03", actor="SYR", place="Aleppo")

    ``store`` is an open Store or a path (default ``default_db_path()``, opened read-only).
    Dates are ISO years, months or days; ``actor``/``recipient`` a country code or actor id;
    ``place`` a country (code or name), province or place name. Raises InputError for a bad
    filter, StoreError for a missing store. DOCS: docs/api.md
    """
    from polemos.incident_query import IncidentFilter, incident_records

    where = IncidentFilter(since, until, event_type, actor, recipient, place, limit)
    with _reading_store(store) as opened:
        return incident_records(opened, where)


def incidents_table(store: Store | str | Path | None = None, **filters: Any) -> Any:
    """``incidents`` as a ``pyarrow.Table`` (``.to_pandas()`` for pandas), same filters."""
    from polemos.incident_query import IncidentFilter
    from polemos.incident_query import incidents_table as table

    where = IncidentFilter(**filters)
    with _reading_store(store) as opened:
        return table(opened, where)


def rebuild_incidents(store: Store | str | Path | None = None) -> int:
    """Cluster every stored mention afresh into the incidents table (``polemos incidents
    --rebuild``); the number of incidents written. ``polemos code`` keeps the table current by
    itself; this is for a store written before incidents existed, or after a change of
    clustering."""
    from polemos.incident_store import rebuild_incidents as rebuild

    with _reading_store(store, write=True) as opened:
        return rebuild(opened).written


@contextmanager
def _reading_store(store: Store | str | Path | None, *, write: bool = False) -> Iterator[Store]:
    """An open Store as given, or the one at a path (read-only unless ``write``)."""
    from polemos.store import Store, open_store

    if isinstance(store, Store):
        yield store
        return
    with open_store(store, read_only=not write) as opened:
        yield opened
