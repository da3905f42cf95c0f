"""Across articles: join the events of different reports that tell one incident.

Events are BLOCKED by day and country, so a pair is only scored when the two could be one
incident: the cost is O(n * k) for n events and k events per date window and country, linear in
the store for a steady daily volume, never all pairs. Pairs that pass the family, date, place
and party checks are scored (word overlap plus bonuses, clustering.yaml) and joined greedily,
best score first, while every pair of the joined clusters still passes the checks (so a chain of
near neighbours cannot glue two distant incidents). Ties break on event keys, so the result does
not depend on input order (docs/incidents.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from polemos.cluster.facts import coarser_grain, cosine, km
from polemos.cluster.settings import ClusterSettings
from polemos.cluster.within import ArticleEvent


def link_events(events: Sequence[ArticleEvent], settings: ClusterSettings,
                ) -> list[list[ArticleEvent]]:
    """The events grouped into incidents (each group sorted by key; groups by first key)."""
    ordered = sorted(events, key=lambda e: e.key)
    scored = []
    for i, j in candidate_pairs(ordered, settings):
        a, b = ordered[i], ordered[j]
        if compatible(a, b, settings):
            score = pair_score(a, b, settings)
            if score >= settings.threshold:
                scored.append((-score, a.key, b.key, i, j))
    scored.sort()
    cluster_of = list(range(len(ordered)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    for _, _, _, i, j in scored:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or not all(compatible(ordered[x], ordered[y], settings)
                               for x in members[ci] for y in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for x in members[gone]:
            cluster_of[x] = keep
        members[keep].extend(members.pop(gone))
    return [sorted((ordered[x] for x in group), key=lambda e: e.key)
            for _, group in sorted(members.items())]


def candidate_pairs(events: Sequence[ArticleEvent], settings: ClusterSettings,
                    ) -> list[tuple[int, int]]:
    """Index pairs (i < j) that share a day of their date windows and a country (or lack one)."""
    by_day_country: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_day: dict[int, list[int]] = defaultdict(list)
    spans: dict[int, tuple[int, int]] = {}
    for i, e in enumerate(events):
        span = _linkable_span(e, settings)
        if span is None:
            continue
        spans[i] = span
        for day in range(span[0], span[1] + 1):
            by_day_country[(day, _country(e))].append(i)
            by_day[day].append(i)
    pairs: set[tuple[int, int]] = set()
    gap = settings.gap_across
    for i, (start, end) in spans.items():
        country = _country(events[i])
        for day in range(start - gap, end + gap + 1):
            if country:
                near = by_day_country.get((day, country), []) + by_day_country.get((day, ""), [])
            else:
                near = by_day.get(day, [])
            pairs.update((i, j) for j in near if j > i)
    return sorted(pairs)


def compatible(a: ArticleEvent, b: ArticleEvent, settings: ClusterSettings) -> bool:
    """Could two events of different articles be one incident? Same family, dates within the
    gap, places within their grain's distance. Parties only weigh in the score: their countries
    are read too unreliably to veto a link (a victim's name read as a country)."""
    if a.doc_id == b.doc_id or a.family != b.family:
        return False
    da, db = a.date, b.date
    if da is None or db is None or da.start is None or db.start is None:
        return False
    if da.end is None or db.end is None or max(da.start - db.end, db.start - da.end) > \
            settings.gap_across:
        return False
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and pa.lat is not None and pb.lat is not None \
            and pa.lon is not None and pb.lon is not None:
        if pa.country and pb.country and pa.country != pb.country:
            return False
        if km(pa.lat, pa.lon, pb.lat, pb.lon) > settings.place_km[coarser_grain(pa.grain, pb.grain)]:
            return False
    return True


def pair_score(a: ArticleEvent, b: ArticleEvent, settings: ClusterSettings) -> float:
    """How strongly two compatible events read as one incident (clustering.yaml ``weights``)."""
    w = settings.weights
    score = w["text"] * cosine(a.words, b.words)
    da, db = a.date, b.date
    if da is not None and db is not None and da.precision == db.precision == "day" \
            and da.start == db.start:
        score += w["same_day"]
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and pa.lat is not None and pb.lat is not None \
            and pa.lon is not None and pb.lon is not None \
            and coarser_grain(pa.grain, pb.grain) in ("point", "city") \
            and km(pa.lat, pa.lon, pb.lat, pb.lon) <= settings.place_km["city"]:
        score += w["near_place"]
    if a.dead and a.dead == b.dead:
        score += w["same_dead"]
    if a.injured and a.injured == b.injured:
        score += w["same_injured"]
    if _parties_disagree(a, b):
        score -= w["party_conflict"]
    return score


def _parties_disagree(a: ArticleEvent, b: ArticleEvent) -> bool:
    """Both name the countries of their parties and share none (actors and recipients pooled,
    since one report's actor is another's recipient when it reads the act the other way)."""
    pa, pb = a.actor_countries | a.recipient_countries, b.actor_countries | b.recipient_countries
    return bool(pa and pb and not pa & pb)


def _linkable_span(e: ArticleEvent, settings: ClusterSettings) -> tuple[int, int] | None:
    d = e.date
    if d is None or d.start is None or d.end is None or d.precision in \
            settings.unlinkable_precision:
        return None
    return d.start, d.end


def _country(e: ArticleEvent) -> str:
    return (e.place.country or "") if e.place is not None else ""
