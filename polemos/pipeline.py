"""One article through every stage, then many articles through a store, batch by batch.

Read top to bottom: ``code_article`` parses, extracts mentions, then resolves when (dates),
where (places) and how many (casualties) for each. It is a pure function of the article and the
read-only ``Knowledge``, so Dask or multiprocessing can map it. ``code_articles`` is the driver:
it reads inputs, skips what the store already holds, codes, and commits each batch.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from polemos.errors import PolemosError
from polemos.extract.attachment import attached_times, time_heads, token_starts
from polemos.extract.events import extract_mentions
from polemos.extract.numbers import (
    StoryLine,
    find_casualties,
    read_story_line,
    tells_attacker_death,
    with_story_deaths,
)
from polemos.model import (
    Actor,
    Article,
    Failure,
    Mention,
    Place,
    TextSpan,
    TimeExpr,
    Toponym,
    mention_record,
    stable_id,
)
from polemos.nlp import CHUNK_CHARS, entities, parse
from polemos.resolve.dates import find_time_expressions
from polemos.resolve.event_dates import StoryTimes, event_date, story_times
from polemos.resolve.event_places import event_location, main_place, reconcile
from polemos.resolve.places import find_toponyms

if TYPE_CHECKING:
    from polemos.knowledge import Knowledge
    from polemos.store import Store

# Casualty counts belong to violent events; arrests to coercion (detentions) and assaults.
_COUNTS_DEAD = frozenset({"ASSAULT"})
_COUNTS_ARRESTED = frozenset({"ASSAULT", "COERCE"})
# Sectors of unnamed non-state armed groups, which CAMEO places in the country they act in.
_LOCAL_ARMED = frozenset({"UAF", "REB", "INS"})


def code_article(article: Article, knowledge: Knowledge, *,
                 chunk_chars: int = CHUNK_CHARS) -> list[Mention]:
    """Event mentions of one article, each with its date, place and casualty counts.

    Deterministic: the same article and knowledge give the same mentions, ids included. A text
    longer than ``chunk_chars`` is parsed in pieces cut at paragraph or sentence breaks
    (``nlp.parse``); offsets stay the article's.
    """
    doc = parse(knowledge.nlp, article.text, chunk_chars)
    mentions = extract_mentions(doc, article, knowledge)
    if not mentions:
        return []
    times = find_time_expressions(article.text, article.date)
    countries = sorted({a.country for m in mentions for a in (*m.actors, *m.recipients)
                        if a.country and len(a.country) == 3})
    toponyms = find_toponyms(article.text, entities(doc), knowledge.gazetteer,
                             context_countries=countries)
    fallback = main_place(toponyms, article.text)
    stories = _attack_stories(mentions, [s.text for s in doc.sents], article.title)
    heads = time_heads(doc, times)  # what each time dates, once per article
    parsed = _ArticleParse(doc, token_starts(doc), heads,
                           story_times(times, article.date, article.text, 0, heads),
                           [t.span.start for t in toponyms])
    return [_situate(m, article, times, toponyms, fallback, stories.get(m.sentence_index, ()),
                     parsed)
            for m in mentions]


@dataclass(frozen=True)
class _ArticleParse:
    """What ``_situate`` reads of the article's parse and times, worked out once per article so
    that situating each mention costs its own sentence, not the whole article."""

    doc: Any
    starts: Sequence[int]  # each token's character offset
    heads: Mapping[int, Sequence[str]]
    dating: StoryTimes  # the article's times as event_date weighs them
    place_starts: Sequence[int]  # each toponym's start (find_toponyms gives them in text order)

    def places_in(self, toponyms: Sequence[Toponym], sentence: TextSpan) -> Sequence[Toponym]:
        """The toponyms starting within the sentence (event_location looks at no others)."""
        return toponyms[bisect_left(self.place_starts, sentence.start):
                        bisect_right(self.place_starts, sentence.end)]


def _attack_stories(mentions: Sequence[Mention], sentences: Sequence[str],
                    title: str | None = None) -> dict[int, list[StoryLine]]:
    """For each sentence holding an attack, the sentences that carry its story on, read.

    News tells an attack, then its toll ("Two people died at the hospital."): an attack's story
    runs from the sentence after it up to the next attack's sentence; the first attack also takes
    the title, headline and lead above it ("Teen killed, 3 hurt in shooting"). Attacks sharing a
    sentence share its story. The attacker's death told anywhere ("police killed the gunman")
    joins every story: the Gun Violence Archive counts it with the victims.

    Each sentence is read once. ``with_story_deaths`` takes only the largest toll, the largest
    victims' count and whether any sentence tells the attacker's death, so of the attacker-death
    sentences elsewhere in the article a story needs only those that can decide these (the first
    of the largest tolls, the largest victims' count): every such sentence joining every story
    made an article of many attacks quadratic.
    """
    attacks = sorted({m.sentence_index for m in mentions if m.event_type in _COUNTS_DEAD})
    if not attacks:
        return {}
    lines: dict[int, StoryLine] = {}

    def line(j: int) -> StoryLine:
        if j not in lines:
            lines[j] = read_story_line(sentences[j])
        return lines[j]

    ends = [j for j, s in enumerate(sentences) if tells_attacker_death(s)]
    # first the largest toll, earliest first (its floor flag counts); then the largest victims'
    by_toll = sorted(ends, key=lambda j: (-_dead_or(line(j).counts.dead, -1), j))[:2]
    by_victims = sorted(ends, key=lambda j: (-_victims(line(j)), j))[:2]
    stories: dict[int, list[StoryLine]] = {}
    lead = [read_story_line(title)] if title and title.strip() else []
    for k, index in enumerate(attacks):
        stop = attacks[k + 1] if k + 1 < len(attacks) else len(sentences)
        start = 0 if k == 0 else index + 1
        own = [j for j in range(start, stop) if j != index]
        deciding = [next((j for j in best if j != index), None) for best in (by_toll, by_victims)]
        told = sorted({*own, *(j for j in deciding if j is not None)} - {index})
        stories[index] = (lead if k == 0 else []) + [line(j) for j in told]
    return stories


def _dead_or(dead: int | None, default: int) -> int:
    return default if dead is None else dead


def _victims(line: StoryLine) -> int:
    """The victims' count a story sentence adds (none when its toll may hold the attacker)."""
    return 0 if line.with_attacker else line.counts.dead or 0


def _situate(m: Mention, article: Article, times: Sequence[TimeExpr],
             toponyms: Sequence[Toponym], fallback: Any, story: Sequence[StoryLine],
             parse: _ArticleParse | None = None) -> Mention:
    """The mention with when, where and how many filled in from its sentence and article."""
    sentence = TextSpan(m.text, m.sentence_start, m.sentence_start + len(m.text))
    violent = m.event_type in _COUNTS_DEAD
    doc = None if parse is None else parse.doc
    attached = None if parse is None else attached_times(parse.doc, m.trigger, times, parse.starts)
    date, precision, from_text = event_date(
        sentence, m.trigger, times, article.date, text=article.text, attached=attached,
        heads=None if parse is None else parse.heads, violent=violent,
        story=None if parse is None else parse.dating)
    # The sentence's own place first; the article's main place stands in, flagged, without one.
    tokens = None if doc is None else _sentence_parse(doc, sentence)
    near = toponyms if parse is None else parse.places_in(toponyms, sentence)
    location = event_location(sentence, m.trigger, near, None, parse=tokens)
    location, from_article = reconcile(location, fallback, toponyms, article.text, sentence)
    actors = m.actors if from_article else _placed(m.actors, location)
    counts = find_casualties(m.text)
    if violent and story:
        counts = with_story_deaths(counts, story, own_text=m.text)
    flags = list(m.flags)
    if date is not None and not from_text:
        flags.append("date_from_published")
    if from_article:
        flags.append("place_from_article")
    if counts.is_floor and violent and (counts.dead or counts.injured):
        flags.append("count_is_floor")
    return replace(
        m, actors=actors, text=m.text.rstrip(), published=article.date, date=date,
        date_precision=precision,
        location=location,
        dead=counts.dead if violent else None, injured=counts.injured if violent else None,
        arrested=counts.arrested if m.event_type in _COUNTS_ARRESTED else None,
        flags=tuple(flags))


def _sentence_parse(doc: Any, sentence: TextSpan) -> Any:
    """The parsed tokens of the mention's sentence (the whole document if they cannot be cut)."""
    try:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    except (IndexError, ValueError):  # offsets in whitespace can make spaCy build an empty span
        span = None
    return span if span is not None and len(span) else doc[:]


def _placed(actors: tuple[Actor, ...], location: Place | None) -> tuple[Actor, ...]:
    """Unnamed armed groups of no stated country take the country they act in, as CAMEO codes
    "militias in Iraq" (IRQ): "Iran-backed militias ... fired rockets into the Green Zone"."""
    if location is None or not location.country:
        return actors
    return tuple(replace(a, country=location.country)
                 if a.country is None and a.name is None and a.sector in _LOCAL_ARMED else a
                 for a in actors)


def geoparse_article(article: Article, knowledge: Knowledge) -> list[Toponym]:
    """Every toponym in the article, resolved (``polemos geoparse``)."""
    doc = parse(knowledge.nlp, article.text)
    return find_toponyms(article.text, entities(doc), knowledge.gazetteer)


def time_expressions(article: Article) -> list[TimeExpr]:
    """Every time expression in the article, resolved against its date (``polemos dates``)."""
    return find_time_expressions(article.text, article.date)


@dataclass
class RunResult:
    """What a run did: counts, failures, and (when kept) the schema-v1 records in input order."""

    run_id: str
    records: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    articles_read: int = 0
    articles_coded: int = 0
    articles_skipped: int = 0
    mentions: int = 0
    seconds: float = 0.0

    def stats(self) -> dict[str, int | float]:
        return {"articles_read": self.articles_read, "articles_coded": self.articles_coded,
                "articles_skipped": self.articles_skipped, "mentions": self.mentions,
                "failures": len(self.failures), "seconds": round(self.seconds, 3)}


Progress = Callable[[int, int], None]  # (articles done in this batch, mentions in this batch)
Sink = Callable[[list[dict[str, Any]]], None]


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    batch: list[Article | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_articles(items: Iterable[Article | Failure], knowledge: Knowledge, *,
                  store: Store | None = None, batch_size: int = 32,
                  progress: Progress | None = None, sink: Sink | None = None,
                  keep_records: bool = True) -> RunResult:
    """Code a stream of articles (and pass on read failures), committing each batch to ``store``.

    Articles whose id the store already holds are not coded again; their stored mentions are
    returned as they were. One article that fails is recorded with its reason; the run goes on.
    """
    from polemos import __version__

    started = time.perf_counter()
    run_id = stable_id(time.time_ns(), id(knowledge), length=12)  # a log key, not a data id
    result = RunResult(run_id)
    if store is not None:
        store.start_run(run_id, __version__, knowledge.config())
    seen: dict[str, Article] = {}
    status = "failed"
    try:
        for batch in _batches(items, batch_size):
            _run_batch(batch, knowledge, store, result, seen, sink, keep_records)
            if progress is not None:
                progress(sum(isinstance(x, Article) for x in batch), result.mentions)
        status = "done"
    finally:
        result.seconds = time.perf_counter() - started
        if store is not None:
            store.finish_run(run_id, result.stats(), status)
    return result


def _run_batch(batch: list[Article | Failure], knowledge: Knowledge, store: Store | None,
               result: RunResult, seen: dict[str, Article], sink: Sink | None, keep: bool) -> None:
    articles = [x for x in batch if isinstance(x, Article)]
    failures = [x for x in batch if isinstance(x, Failure)]
    result.articles_read += len(articles)
    stored = store.stored_hashes([a.id for a in articles]) if store is not None else {}
    coded: list[tuple[Article, list[Mention]]] = []
    records: list[dict[str, Any]] = []
    for article in articles:
        first = seen.get(article.id)
        known = stored.get(article.id)
        if (first is not None and first.content_hash != article.content_hash) or (
                first is None and known is not None and known != article.content_hash):
            # one id, two texts: never collapse two articles into one, never overwrite silently
            where = first.origin if first is not None else "the store"
            failures.append(Failure(article.origin or article.id, "validate",
                                    f"id {article.id!r} is already used by a different article "
                                    f"({where}); give each article its own id", "id", article.id))
            continue
        if first is not None or known is not None:
            result.articles_skipped += 1
            if first is None and store is not None:
                records.extend(store.mention_records([article.id]))
            seen.setdefault(article.id, article)
            continue
        seen[article.id] = article
        try:
            mentions = code_article(article, knowledge)
        except PolemosError:
            raise  # broken knowledge or index: the whole run stops (exit 2), not one article
        except Exception as err:  # one broken article never stops a batch: record it, go on
            failures.append(Failure(article.origin or article.id, "code",
                                    f"{type(err).__name__}: {err}", article_id=article.id))
            continue
        coded.append((article, mentions))
        records.extend(mention_record(m) for m in mentions)
        result.articles_coded += 1
        result.mentions += len(mentions)
    if store is not None:
        store.write_batch(result.run_id, coded, failures)
    result.failures.extend(failures)
    if sink is not None:
        sink(records)
    if keep:
        result.records.extend(records)


def read_and_code(paths: Sequence[str | Path], knowledge: Knowledge, *,
                  default_date: str | None = None, **kwargs: Any) -> RunResult:
    """Read files, folders or ``-`` and code every article in them (``polemos code``)."""
    from polemos.ingest import read_paths

    return code_articles(read_paths(paths, default_date), knowledge, **kwargs)
