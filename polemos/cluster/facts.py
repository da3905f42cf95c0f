"""What clustering reads of one mention record: its date as an interval, its place and grain,
its parties, its own tolls and the weighted words of its sentence (docs/incidents.md)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from polemos.cluster.settings import GRAINS, ClusterSettings
from polemos.resolve.places.toponyms import km as km  # the one great-circle distance

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d+(?:[.,]\d+)?")


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """One mention as the clustering sees it; ``record`` is the schema-v1 dict it came from."""

    id: str
    doc_id: str
    sentence_index: int
    published: str  # ISO day, "" when unknown
    family: str
    start: int | None  # the date as an interval of ordinal days, None when undated
    end: int | None
    precision: str | None
    date_is_published: bool  # the text gave no date: the article's date stands in
    lat: float | None
    lon: float | None
    grain: str | None  # point | city | admin1 | country
    country: str | None
    place_is_stand_in: bool  # the article's main place stands in (place_from_article)
    actor_countries: frozenset[str]
    recipient_countries: frozenset[str]
    dead: int | None  # the mention's own toll: None when it is told on another mention
    injured: int | None
    arrested: int | None
    confidence: float
    words: dict[str, float] = field(compare=False)
    record: Mapping[str, Any] = field(compare=False, repr=False)


def mention_facts(m: Mapping[str, Any], settings: ClusterSettings) -> MentionFacts:
    """The facts of one schema-v1 mention record (missing fields read as unknown)."""
    flags = set(m.get("flags") or ())
    start, end = date_interval(m.get("date"))
    loc = m.get("location") or {}
    lat, lon = _number(loc.get("lat")), _number(loc.get("lon"))
    located = lat is not None and lon is not None
    own = "count_on_other_mention" not in flags
    etype = str(m.get("event_type") or "")
    return MentionFacts(
        id=str(m["id"]), doc_id=str(m["doc_id"]), sentence_index=int(m.get("sentence_index") or 0),
        published=str(m.get("published") or "")[:10], family=settings.family_of.get(etype, etype),
        start=start, end=end, precision=m.get("date_precision") if start is not None else None,
        date_is_published="date_from_published" in flags,
        lat=lat if located else None, lon=lon if located else None,
        grain=loc.get("precision") if located and loc.get("precision") in GRAINS else (
            "city" if located else None),
        country=loc.get("country") or None, place_is_stand_in="place_from_article" in flags,
        actor_countries=_countries(m.get("actors")),
        recipient_countries=_countries(m.get("recipients")),
        dead=_count(m.get("dead")) if own else None,
        injured=_count(m.get("injured")) if own else None,
        arrested=_count(m.get("arrested")) if own else None,
        confidence=float(m.get("confidence") or 0.0),
        words=sentence_words(str(m.get("text") or ""), settings), record=m)


def date_interval(value: object) -> tuple[int | None, int | None]:
    """The first and last ordinal day of an ISO day, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY``."""
    if not isinstance(value, str) or not value:
        return None, None
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value).toordinal()
            return day, day
        if "W" in value:
            year, week = value.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week), 1).toordinal()
            return first, first + 6
        if len(value) == 7:
            first_day = dt.date(int(value[:4]), int(value[5:7]), 1)
            following = dt.date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
            return first_day.toordinal(), following.toordinal() - 1
        if len(value) == 4:
            return dt.date(int(value), 1, 1).toordinal(), dt.date(int(value), 12, 31).toordinal()
    except ValueError:
        return None, None  # a malformed date is no date: the mention still joins its article
    return None, None


def sentence_words(text: str, settings: ClusterSettings) -> dict[str, float]:
    """Each content word of a sentence with its weight: names and numbers count most."""
    weights = settings.word_weights
    out: dict[str, float] = {}
    for i, match in enumerate(_WORD.finditer(text)):
        token = match.group()
        key = token.lower().removesuffix("'s")
        if key in STOP_WORDS or len(key) < 2 and not key.isdigit():
            continue
        if key[0].isdigit():
            w = weights["number"]
        elif key in settings.common_words:
            w = weights["common"]
        elif i > 0 and token[0].isupper():
            w = weights["name"]  # a capital inside a sentence: a name, a street, a town
        else:
            w = weights["word"]
        out[key] = max(out.get(key, 0.0), w)
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The weighted overlap of two word bags, 0 (nothing shared) to 1 (the same words)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def coarser_grain(a: str | None, b: str | None) -> str:
    """The coarser of two place grains (an unknown grain reads as a city)."""
    return GRAINS[max(GRAINS.index(a or "city"), GRAINS.index(b or "city"))]


def _countries(parties: object) -> frozenset[str]:
    if not isinstance(parties, list | tuple):
        return frozenset()
    return frozenset(str(p["country"]) for p in parties
                     if isinstance(p, Mapping) and p.get("country"))


def _count(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None
