"""One article through every stage, then many articles through a store, batch by batch.

Read top to bottom: ``code_article`` parses, extract reads the parse into one frozen record
(mentions, times, place names, and how each hangs on each trigger), the parse is dropped, and
resolve situates each mention: when (dates), where (places) and how many (casualties). It is a
pure function of the article and the read-only ``Knowledge``, so Dask or multiprocessing can map
it. ``code_articles`` is the driver: it reads inputs, skips what the store already holds, codes,
and commits each batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polemos.errors import PolemosError, StoreError
from polemos.extract.article_reading import read_article, read_place_names, read_times
from polemos.identity import OnChange, Version, decide, text_key
from polemos.model import (
    Article,
    Failure,
    Mention,
    Notice,
    TimeExpr,
    Toponym,
    mention_record,
    stable_id,
)
from polemos.nlp import CHUNK_CHARS, entities, parse
from polemos.reading import COUNTS_DEAD
from polemos.resolve.places.demonyms import demonym_toponyms
from polemos.resolve.places.toponyms import find_toponyms
from polemos.resolve.situate import situate

if TYPE_CHECKING:
    from polemos.knowledge import Knowledge
    from polemos.store import Store


def code_article(article: Article, knowledge: Knowledge, *,
                 chunk_chars: int = CHUNK_CHARS) -> list[Mention]:
    """Event mentions of one article, each with its date, place and casualty counts.

    Deterministic: the same article and knowledge give the same mentions, ids included. A text
    longer than ``chunk_chars`` is parsed in pieces cut at paragraph or sentence breaks
    (``nlp.parse``); offsets stay the article's.
    """
    if not any(c.isalpha() for c in article.text):
        # no word, no event: a page of brackets or digits is not parsed (spaCy takes a token
        # per punctuation mark, so 200,000 of them cost a minute for nothing)
        return []
    mentions = _code_text(article, knowledge, chunk_chars)
    if (any(m.event_type in COUNTS_DEAD for m in mentions) or not article.title
            or not any(c.isalpha() for c in article.title)):
        return mentions
    # a body that tells no attack (a paywall notice, a sign-up box, a caption, links to other
    # stories) leaves the headline as the only telling of it ("Teen killed in Aynor shooting"):
    # the headline's attacks join the body's mentions, flagged, their offsets being the headline's
    headline = replace(article, text=article.title, title=None)
    told = [replace(m, flags=(*m.flags, FROM_TITLE))
            for m in _code_text(headline, knowledge, chunk_chars) if m.event_type in COUNTS_DEAD]
    return mentions + told


FROM_TITLE = "from_title"


def _code_text(article: Article, knowledge: Knowledge, chunk_chars: int) -> list[Mention]:
    """The mentions of the article's text (its title only as the lead of the first story)."""
    doc = parse(knowledge.nlp, article.text, chunk_chars)
    reading = read_article(doc, article, knowledge)  # the parse stops here
    del doc
    return situate(reading, knowledge)


def geoparse_article(article: Article, knowledge: Knowledge, *,
                     demonyms: bool = True) -> list[Toponym]:
    """Every toponym in the article, resolved (``polemos geoparse``); with ``demonyms``, also
    the countries its demonyms name ("Turkish"), which the event coder never takes for places.

    Demonyms are on by default: the toponym taxonomy news geoparsing gold follows (TR-News,
    GeoWebNews) counts "Turkish forces" as a toponym of Turkey; they raise TR-News recall and
    lower GeoVirus precision, whose annotators took literal names only (README, issue 14)."""
    doc = parse(knowledge.nlp, article.text)
    names = find_toponyms(article.text, read_place_names(doc, article.text, knowledge))
    if not demonyms:
        return names
    spans = [(t.span.start, t.span.end) for t in names]
    found = [t for t in demonym_toponyms(entities(doc), knowledge.actors, knowledge.gazetteer,
                                            article.date)
                if not any(s < t.span.end and t.span.start < e for s, e in spans)]
    return sorted([*names, *found], key=lambda t: (t.span.start, t.span.end))


def time_expressions(article: Article, knowledge: Knowledge | None = None) -> list[TimeExpr]:
    """Every time expression in the article, resolved against its date (``polemos dates``), with
    the time words of ``knowledge`` (ours when None)."""
    return read_times(article, knowledge)


@dataclass
class RunResult:
    """What a run did: counts, failures, notices, and (when kept) the schema-v1 records in input
    order. Notices (a file skipped, an article with no date, a text already stored under another
    id) are for the user, not failures.

    Each article read is counted once: coded (new), updated (a stored id with a new text or
    date, re-coded), skipped (already stored, kept by ``on_change="keep"``, or the same text as
    another article: ``articles_same_text`` of them), or failed.
    """

    run_id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    articles_read: int = 0
    articles_coded: int = 0
    articles_updated: int = 0
    articles_skipped: int = 0
    articles_same_text: int = 0
    mentions: int = 0
    seconds: float = 0.0
    stored_ids: set[str] = field(default_factory=set)  # articles this run stored, new or updated

    def stats(self) -> dict[str, int | float]:
        return {"articles_read": self.articles_read, "articles_coded": self.articles_coded,
                "articles_updated": self.articles_updated,
                "articles_skipped": self.articles_skipped,
                "articles_same_text": self.articles_same_text, "mentions": self.mentions,
                "failures": len(self.failures), "seconds": round(self.seconds, 3)}


Progress = Callable[[int, int], None]  # (articles done in this batch, mentions in this batch)
Sink = Callable[[list[dict[str, Any]]], None]


Item = Article | Failure | Notice


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Seen:
    """What this run has accepted so far: articles by id, and ids by text key."""

    articles: dict[str, Article] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def code_articles(items: Iterable[Item], knowledge: Knowledge, *,
                  store: Store | None = None, batch_size: int = 32,
                  progress: Progress | None = None, sink: Sink | None = None,
                  keep_records: bool = True, on_change: OnChange = "update") -> RunResult:
    """Code a stream of articles (and pass on read failures and notices), committing each batch to
    ``store``.

    Articles the store already holds unchanged are not coded again; their stored mentions are
    returned as they were. A stored id whose text or date changed is re-coded and its mentions
    replaced (``on_change="keep"`` keeps the stored version instead); a text already stored under
    another id is skipped. One article that fails is recorded with its reason; the run goes on.
    DOCS: docs/schema.md (articles)
    """
    from polemos import __version__

    started = time.perf_counter()
    run_id = stable_id(time.time_ns(), id(knowledge), length=12)  # a log key, not a data id
    result = RunResult(run_id)
    if store is not None:
        store.start_run(run_id, __version__, knowledge.config())
    seen = _Seen()
    try:
        for batch in _batches(items, batch_size):
            records = _run_batch(batch, knowledge, store, result, seen, on_change, started)
            if sink is not None:
                sink(records)
            if keep_records:
                result.records.extend(records)
            if progress is not None:
                progress(sum(isinstance(x, Article) for x in batch), result.mentions)
        if store is not None:  # once, after the last batch: incidents join across batches
            _refresh_incidents(store, result)
    except KeyboardInterrupt:  # Ctrl-C: the committed batches stay, a re-run goes on from them
        _finish_run(store, result, started, "interrupted", quiet=True)
        raise
    except BaseException:
        _finish_run(store, result, started, "failed", quiet=True)
        raise
    _finish_run(store, result, started, "done")
    return result


def _refresh_incidents(store: Store, result: RunResult) -> None:
    """Bring the store's incidents up to date with what this run stored (and with what a run
    stopped before its refresh left behind). The articles are committed already: a clustering
    that breaks is recorded as a failure of the run, and the next run catches up."""
    from polemos.incident_store import refresh_incidents

    try:
        refresh_incidents(store, result.stored_ids)
    except PolemosError:
        raise
    except Exception as err:  # a bug in clustering must not hide that the articles were stored
        result.failures.append(Failure(str(store.path), "cluster", f"{type(err).__name__}: {err}",
                                       "incidents"))


def _finish_run(store: Store | None, result: RunResult, started: float, status: str, *,
                quiet: bool = False) -> None:
    result.seconds = time.perf_counter() - started
    if store is None:
        return
    try:
        store.finish_run(result.run_id, result.stats(), status)
    except StoreError:
        if not quiet:
            raise
        # already failing (often for the same reason: a full disk, a lost file); the first error
        # is the one to report, and the next writer marks this run interrupted


def _run_batch(batch: list[Item], knowledge: Knowledge, store: Store | None,
               result: RunResult, seen: _Seen, on_change: OnChange,
               started: float) -> list[dict[str, Any]]:
    """Decide, code and commit one batch; the batch's schema-v1 records in input order."""
    failures = [x for x in batch if isinstance(x, Failure)]
    first_notice = len(result.notices)  # this batch's notices are stored with it
    result.notices.extend(_notices(batch))
    articles = []
    for item in batch:
        if isinstance(item, Article):
            result.articles_read += 1
            problem = _unstorable(item)
            if problem is None:
                articles.append(item)
            else:
                failures.append(problem)
    with _reading(store):
        stored, stored_texts = store.lookup(articles) if store is not None else ({}, {})
        plan = _plan(articles, seen, stored, stored_texts, on_change, result, failures)
        reused = [a.id for a, action in plan if action == "reuse"]
        old = _by_doc(store.mention_records(reused)) if store is not None and reused else {}
    coded: list[tuple[Article, list[dict[str, Any]]]] = []  # each mention made a record once
    records: list[dict[str, Any]] = []
    for article, action in plan:
        if action == "reuse":
            records.extend(old.get(article.id, []))
            continue
        try:
            mentions = code_article(article, knowledge)
        except PolemosError:
            raise  # broken knowledge or index: the whole run stops (exit 2), not one article
        except Exception as err:  # one broken article never stops a batch: record it, go on
            failures.append(Failure(article.origin or article.id, "code",
                                    f"{type(err).__name__}: {err}", article_id=article.id))
            continue
        coded.append((article, [mention_record(m) for m in mentions]))
        records.extend(coded[-1][1])
        if action == "update":
            result.articles_updated += 1
        else:
            result.articles_coded += 1
        result.mentions += len(mentions)
    result.failures.extend(failures)
    if store is not None:
        result.seconds = time.perf_counter() - started
        # only a re-coded update replaces the stored version: one that failed to code keeps it
        updated = {a.id for a, _ in coded} & {a.id for a, action in plan if action == "update"}
        taken = store.write_batch(result.run_id, coded, failures, replaced=updated,
                                  stats=result.stats(), notices=result.notices[first_notice:])
        result.articles_coded -= len(taken)  # another writer stored them first (same ids)
        result.stored_ids.update(a.id for a, _ in coded if a.id not in taken)
        result.articles_skipped += len(taken)
        result.mentions -= sum(taken.values())
    return records


def _unstorable(article: Article) -> Failure | None:
    """A failure for an article whose fields are not valid Unicode (a lone surrogate such as
    JSON's "\\ud800"): no store or output can hold it, and it must not take its batch down."""
    for name in ("id", "text", "title", "source", "url", "origin"):
        value = getattr(article, name)
        try:
            if value is not None:
                value.encode("utf-8")
        except UnicodeEncodeError as err:
            where = (article.origin or "<input>").encode("utf-8", "backslashreplace").decode()
            return Failure(where, "validate",
                           f"character {err.start} is a lone surrogate U+{ord(value[err.start]):04X} "
                           "(not valid Unicode text)", name, None if name == "id" else article.id)
    return None


def _plan(articles: Sequence[Article], seen: _Seen, stored: Mapping[str, Version],
          stored_texts: Mapping[str, str], on_change: OnChange, result: RunResult,
          failures: list[Failure]) -> list[tuple[Article, str]]:
    """Each article to code ("code", "update") or to answer from the store ("reuse"); skipped
    and ambiguous ones are counted or become failures here."""
    plan: list[tuple[Article, str]] = []
    for article in articles:
        again = article.id in seen.articles
        decision = decide(article, seen.articles, seen.texts, stored, stored_texts, on_change)
        if decision.action == "ambiguous":  # one id, two texts in one run: never pick silently
            failures.append(Failure(article.origin or article.id, "validate",
                                    f"id {article.id!r} is already used by a different article "
                                    f"({decision.other}); give each article its own id", "id",
                                    article.id))
            continue
        if decision.action == "same_text":
            result.articles_skipped += 1
            result.articles_same_text += 1
            result.notices.append(Notice(article.origin or article.id,
                                         f"same text as article {decision.other!r}; not stored twice"))
            continue
        seen.articles.setdefault(article.id, article)
        seen.texts.setdefault(text_key(article.text), article.id)
        if decision.action in ("code", "update"):
            plan.append((article, decision.action))
            continue
        result.articles_skipped += 1
        if decision.action == "keep":
            result.notices.append(Notice(article.origin or article.id,
                                         f"article {article.id!r} changed; the stored version is kept "
                                         "(--no-update)"))
        if not again:
            plan.append((article, "reuse"))
    return plan


def _by_doc(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record["doc_id"], []).append(record)
    return grouped


def _reading(store: Store | None) -> AbstractContextManager[object]:
    """One brief read of the store for a batch's lookups (nothing to hold without a store)."""
    return store.connected() if store is not None else nullcontext()


def _notices(batch: list[Item]) -> Iterator[Notice]:
    """The readers' notices, and one for each article without a date, in input order: its events
    then carry no date at all, which the user should hear of rather than find in the data."""
    for item in batch:
        if isinstance(item, Notice):
            yield item
        elif isinstance(item, Article) and item.date is None:
            yield Notice(item.origin or item.id, "has no date; give --date or a date field")


def read_and_code(paths: Sequence[str | Path], knowledge: Knowledge, *,
                  default_date: str | None = None, **kwargs: Any) -> RunResult:
    """Read files, folders or ``-`` and code every article in them (``polemos code``)."""
    from polemos.ingest import read_paths

    return code_articles(read_paths(paths, default_date), knowledge, **kwargs)
