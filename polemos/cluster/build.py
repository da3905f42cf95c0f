"""Baseline clustering: one incident per article, event type and date (issue 15's starting point).

The mentions of one article that share a type and a date are one incident; nothing joins across
articles yet. Deterministic: mentions are taken in a canonical order, never arrival order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from polemos.model import Actor, Incident, Place, stable_id

# The widest gap, in days, between the dates of two mentions one incident may join: a store
# re-clusters the mentions within this distance of new ones (and of those, transitively).
LINK_DAYS = 0


def cluster_mentions(mentions: Sequence[Mapping[str, Any]],
                     sources: Mapping[str, str | None] | None = None) -> list[Incident]:
    """The incidents the mentions tell, sorted by id; ``sources`` maps doc id to outlet."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: str(m["id"])):
        groups[(str(m["doc_id"]), str(m["event_type"]), str(m.get("date") or ""))].append(m)
    incidents = [_incident(ms, sources or {}) for ms in groups.values()]
    return sorted(incidents, key=lambda i: i.id)


def _incident(ms: list[Mapping[str, Any]], sources: Mapping[str, str | None]) -> Incident:
    lead = min(ms, key=lambda m: (int(m.get("sentence_index") or 0), str(m["id"])))
    docs = sorted({str(m["doc_id"]) for m in ms})
    published = sorted(str(m["published"]) for m in ms if m.get("published"))
    return Incident(
        id=stable_id("incident", lead["id"]), event_type=str(lead["event_type"]),
        family=str(lead["event_type"]), mention_ids=tuple(sorted(str(m["id"]) for m in ms)),
        doc_ids=tuple(docs), lead_mention_id=str(lead["id"]), text=str(lead.get("text") or ""),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        date=lead.get("date"), date_precision=lead.get("date_precision"), date_rule="lead",
        cameo=lead.get("cameo"), quad_class=lead.get("quad_class"),
        intensity=lead.get("intensity"),
        actors=tuple(_actor(a) for a in lead.get("actors") or ()),
        recipients=tuple(_actor(a) for a in lead.get("recipients") or ()),
        location=_place(lead.get("location")), place_rule="lead",
        dead=_most(ms, "dead"), injured=_most(ms, "injured"), arrested=_most(ms, "arrested"),
        counts_rule="max", n_mentions=len(ms), n_articles=len(docs),
        n_sources=len({sources.get(d) or d for d in docs}),
        confidence=max(float(m.get("confidence") or 0.0) for m in ms))


def _most(ms: list[Mapping[str, Any]], key: str) -> int | None:
    values = [int(m[key]) for m in ms if m.get(key) is not None]
    return max(values) if values else None


def _actor(d: Mapping[str, Any]) -> Actor:
    return Actor(text=str(d.get("text") or ""), name=d.get("name"), id=d.get("id"),
                 country=d.get("country"), sector=d.get("sector"), patron=d.get("patron"))


def _place(d: Mapping[str, Any] | None) -> Place | None:
    if not d:
        return None
    return Place(name=str(d.get("name") or ""), lat=d.get("lat"), lon=d.get("lon"),
                 geonames_id=d.get("geonames_id"), admin1=d.get("admin1"),
                 country=d.get("country"), feature=d.get("feature"),
                 precision=d.get("precision"), text=d.get("text"))
