"""Frozen records that flow between Polemos stages (DESIGN.md, schema v1).

Stages exchange these and add information with ``dataclasses.replace``; tuples inside, never lists,
so records stay hashable and a run is deterministic. Nothing here imports spaCy or DuckDB.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from polemos import schema
from polemos.schema import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported: callers import it here

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
Modality = Literal["asserted", "reported", "claimed"]
DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["point", "city", "admin1", "country"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A content hash of the parts: the same input gives the same id on any run and any worker."""
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Words of the article: ``text == article.text[start:end]`` (character offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from input; ``date`` is ISO ``YYYY-MM-DD`` or None when unknown."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # where it was read: "path:line", for error messages and provenance

    @property
    def content_hash(self) -> str:
        return stable_id(self.title or "", self.text, length=32)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the parser, without the spaCy Doc behind it."""

    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A party to an event: the words, and what the knowledge base says they are."""

    text: str
    name: str | None = None
    id: str | None = None
    country: str | None = None  # ISO3 (or a CAMEO/IGO code where no country applies)
    sector: str | None = None  # CAMEO/PLOVER agent code: GOV MIL COP REB UAF CVL ...
    patron: str | None = None  # ISO3 of a sponsor ("Iran-backed")
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place, GeoNames-style; ``precision`` is the grain the event is located at."""

    name: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    admin1: str | None = None
    country: str | None = None  # ISO3
    feature: str | None = None  # GeoNames "class.code", e.g. "P.PPLC", "S.AIRB", "A.PCLI"
    precision: PlacePrecision | None = None
    text: str | None = None  # the words in the article, when the place was named there
    source: str | None = None  # gazetteer the record came from: geonames, airportsdata, polemos


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the article text and what it resolved to (None when unresolved)."""

    span: TextSpan
    place: Place | None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression in the text; ``value`` is ISO day, ``YYYY-MM``, ``YYYY-Www`` or ``YYYY``."""

    span: TextSpan
    value: str | None
    precision: DatePrecision | None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Counts stated in a sentence; ``*_floor`` marks vague quantities ("dozens") read as a minimum."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    is_floor: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention: a sentence-level coding with its provenance (schema v1)."""

    id: str
    doc_id: str
    sentence_index: int
    text: str  # the sentence
    trigger: TextSpan
    event_type: EventType
    published: str | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    quad_class: int | None = None
    intensity: float | None = None
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    location: Place | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    modality: Modality = "asserted"
    source_said: str | None = None
    confidence: float = 0.5
    rule: str | None = None  # which rule or pattern fired: shown by `polemos explain`
    sentence_start: int = 0  # offset of the sentence in the article text
    flags: tuple[str, ...] = field(default=())  # e.g. "dead_is_floor", "date_from_published"


def mention_id(doc_id: str, sentence_index: int, trigger: TextSpan, event_type: str | None) -> str:
    """Stable mention id: hash of doc id, sentence index, trigger span and type."""
    return stable_id(doc_id, sentence_index, trigger.start, trigger.end, event_type)


def mention_record(m: Mention) -> dict[str, Any]:
    """The schema-v1 JSON object for one mention (docs/schema.md); its keys, in order, are the
    columns of ``schema.MENTIONS``, which the store and CSV output read too."""
    return schema.record(m)


@dataclass(frozen=True, slots=True)
class Incident:
    """One happening told by one or more mentions, within an article and across articles.

    Counts, date and place are reconciled from the mentions (never summed across them); each
    ``*_rule`` names the rule that chose the value, so a user can see why. ``id`` is stable: the
    same mentions give the same id whatever order they arrive in (docs/incidents.md).
    """

    id: str
    event_type: str  # the PLOVER type of the lead mention
    family: str  # the type family mentions must share to be one incident (docs/incidents.md)
    mention_ids: tuple[str, ...]  # sorted
    doc_ids: tuple[str, ...]  # sorted
    lead_mention_id: str  # the mention whose sentence best tells the incident
    text: str  # that sentence: the evidence a reader checks
    first_reported: str | None = None  # earliest ``published`` among the mentions (ISO day)
    last_reported: str | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_rule: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    intensity: float | None = None
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    location: Place | None = None
    place_rule: str | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    counts_rule: str | None = None
    n_mentions: int = 1
    n_articles: int = 1
    n_sources: int = 1
    confidence: float = 0.5


def incident_record(incident: Incident) -> dict[str, Any]:
    """The JSON object of one incident; its keys, in order, are the columns of
    ``schema.INCIDENTS`` (docs/incidents.md)."""
    return schema.incident_record(incident)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or article that could not be processed; recorded, and the batch goes on."""

    where: str  # "path:line", "path" or "<stdin>:line"
    stage: str  # read | validate | code | store
    reason: str
    field: str | None = None
    article_id: str | None = None

    def __str__(self) -> str:
        return ": ".join(p for p in (self.where, self.field, self.reason) if p)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know that is no failure: a file skipped, an article with no date.

    Notices are reported (``polemos: note: …`` on stderr) and never change the exit status.
    """

    where: str  # "path", "path:line" or "<stdin>:line", as for a Failure
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"
