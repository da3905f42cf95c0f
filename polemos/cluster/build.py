"""Cluster event mentions into incidents: within each article, then across articles.

The mentions of one article are split into the acts it tells (``within``), the acts of
different articles joined into incidents (``across``), and each incident's date, place and
tolls reconciled from its mentions (``reconcile``). Pure and order-independent: the same
mentions give the same incidents and ids in any input order (docs/incidents.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from polemos.cluster.across import link_events
from polemos.cluster.facts import MentionFacts, mention_facts
from polemos.cluster.reconcile import (
    best_date,
    best_place,
    confidence,
    founder,
    lead_mention,
    reconciled_count,
    record_of,
)
from polemos.cluster.settings import ClusterSettings, load_settings
from polemos.cluster.within import split_article
from polemos.model import Actor, Incident, Place, stable_id

# The widest gap, in days, between the dates of two mentions one incident may join: a store
# re-clusters the mentions within this distance of new ones (and of those, transitively). Dates
# are intervals: the start of a month-precision date (31 days) and a day up to the across-article
# gap of clustering.yaml past its end (2 days) lie 33 days apart; no link spans more.
LINK_DAYS = 33


def cluster_mentions(mentions: Sequence[Mapping[str, Any]],
                     sources: Mapping[str, str | None] | None = None,
                     settings: ClusterSettings | None = None) -> list[Incident]:
    """The incidents the mentions tell, sorted by id; ``sources`` maps doc id to outlet.

    ``mentions`` are schema-v1 records (the store's rows, ``polemos code --format jsonl``); a
    mention is in exactly one incident. Example::

        incidents = cluster_mentions(records, {"a1": "Reuters", "a2": "AP"})

    DOCS: docs/incidents.md
    """
    settings = settings or load_settings()
    by_doc: dict[str, list[MentionFacts]] = defaultdict(list)
    for m in mentions:
        f = mention_facts(m, settings)
        by_doc[f.doc_id].append(f)
    events = [e for doc in sorted(by_doc) for e in split_article(by_doc[doc], settings)]
    incidents = [incident_of([f for e in group for f in e.mentions], sources or {})
                 for group in link_events(events, settings)]
    return sorted(incidents, key=lambda i: i.id)


def incident_of(facts: Sequence[MentionFacts], sources: Mapping[str, str | None]) -> Incident:
    """One incident from its mentions, each value reconciled by a named rule."""
    lead = lead_mention(facts)
    dated, date_rule = best_date(facts)
    placed, place_rule = best_place(facts)
    docs = sorted({f.doc_id for f in facts})
    published = sorted(f.published for f in facts if f.published)
    parties = next((f for f in sorted(facts, key=_reading_order)
                    if f.record.get("actors") or f.record.get("recipients")), lead)
    return Incident(
        id=stable_id("incident", founder(facts).id), event_type=str(lead.record["event_type"]),
        family=lead.family, mention_ids=tuple(sorted(f.id for f in facts)), doc_ids=tuple(docs),
        lead_mention_id=lead.id, text=str(lead.record.get("text") or ""),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        date=record_of(dated, "date"), date_precision=record_of(dated, "date_precision"),
        date_rule=date_rule, cameo=lead.record.get("cameo"),
        quad_class=lead.record.get("quad_class"), intensity=lead.record.get("intensity"),
        actors=tuple(_actor(a) for a in parties.record.get("actors") or ()),
        recipients=tuple(_actor(a) for a in parties.record.get("recipients") or ()),
        location=_place(record_of(placed, "location")), place_rule=place_rule,
        dead=reconciled_count(facts, "dead"), injured=reconciled_count(facts, "injured"),
        arrested=reconciled_count(facts, "arrested"),
        counts_rule="latest_reported" if any(
            f.dead is not None or f.injured is not None or f.arrested is not None for f in facts)
        else None,
        n_mentions=len(facts), n_articles=len(docs),
        n_sources=len({sources.get(d) or d for d in docs}), confidence=confidence(facts))


def _reading_order(f: MentionFacts) -> tuple[str, str, int, str]:
    return (f.published or "9999", f.doc_id, f.sentence_index, f.id)


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
