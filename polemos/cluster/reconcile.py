"""Reconcile what the mentions of one incident say: one date, one place, one toll each, never
summed, each with the name of the rule that chose it (docs/incidents.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from polemos.cluster.facts import MentionFacts
from polemos.cluster.settings import GRAINS, PRECISIONS


def best_date(facts: Sequence[MentionFacts]) -> tuple[MentionFacts | None, str | None]:
    """The mention whose date the incident takes, and the rule: a date the text gives beats the
    publication date, then the finest precision, then the most articles and mentions that give
    it, then the earliest."""
    dated = [f for f in facts if f.start is not None]
    if not dated:
        return None, None
    docs: dict[tuple[int | None, int | None], set[str]] = {}
    for f in dated:
        docs.setdefault((f.start, f.end), set()).add(f.doc_id)
    support = Counter((f.start, f.end) for f in dated)
    best = min(dated, key=lambda f: (
        f.date_is_published, PRECISIONS.index(f.precision or "year"),
        -len(docs[(f.start, f.end)]), -support[(f.start, f.end)], f.start, f.id))
    return best, ("published" if best.date_is_published else "finest_most_supported")


def best_place(facts: Sequence[MentionFacts]) -> tuple[MentionFacts | None, str | None]:
    """The mention whose place the incident takes, and the rule: a sentence's own place beats
    the article's stand-in, then the finest grain, then the most articles and mentions."""
    placed = [f for f in facts if f.lat is not None]
    if not placed:
        return None, None

    def spot(f: MentionFacts) -> tuple[float | None, float | None]:
        return (round(f.lat, 2) if f.lat is not None else None,
                round(f.lon, 2) if f.lon is not None else None)

    docs: dict[tuple[float | None, float | None], set[str]] = {}
    for f in placed:
        docs.setdefault(spot(f), set()).add(f.doc_id)
    support = Counter(spot(f) for f in placed)
    best = min(placed, key=lambda f: (
        f.place_is_stand_in, GRAINS.index(f.grain or "country"), -len(docs[spot(f)]),
        -support[spot(f)], f.id))
    return best, ("article_place" if best.place_is_stand_in else "finest_most_supported")


def reconciled_count(facts: Sequence[MentionFacts], key: str) -> int | None:
    """One toll for the incident: each article's own figure (its largest, since a later
    sentence's total includes an earlier one's), then the latest-published article's figure,
    ties to the larger. Never a sum across mentions or articles."""
    by_doc: dict[str, tuple[str, int]] = {}
    for f in facts:
        value = getattr(f, key)
        if value is None:
            continue
        seen = by_doc.get(f.doc_id)
        if seen is None or value > seen[1]:
            by_doc[f.doc_id] = (f.published, value)
    if not by_doc:
        return None
    return max(by_doc.values())[1]


def lead_mention(facts: Sequence[MentionFacts]) -> MentionFacts:
    """The mention whose sentence best tells the incident: in the earliest report, the first
    sentence that states a toll, else its first sentence."""
    first_doc = min(facts, key=lambda f: (f.published or "9999", f.doc_id)).doc_id
    own = [f for f in facts if f.doc_id == first_doc]
    return min(own, key=lambda f: (f.dead is None and f.injured is None, f.sentence_index, f.id))


def founder(facts: Sequence[MentionFacts]) -> MentionFacts:
    """The mention an incident's id derives from: the earliest published, then the smallest id.
    A later report that joins keeps the id; one published earlier would found it anew."""
    return min(facts, key=lambda f: (f.published or "9999", f.id))


def confidence(facts: Sequence[MentionFacts]) -> float:
    """1 - the chance that every article is wrong: each article's best mention confidence,
    taken as independent, so corroboration by more articles raises it."""
    best: dict[str, float] = {}
    for f in facts:
        best[f.doc_id] = max(best.get(f.doc_id, 0.0), min(max(f.confidence, 0.0), 1.0))
    doubt = 1.0
    for c in best.values():
        doubt *= 1.0 - c
    return round(1.0 - doubt, 3)


def record_of(f: MentionFacts | None, key: str) -> Any:
    """A field of the chosen mention's record (None when no mention was chosen)."""
    return None if f is None else f.record.get(key)
