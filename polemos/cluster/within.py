"""Within one article: the mentions of one attack (title, lead, later sentences) are one event;
two attacks (another day, a far place, two tolls that both stand) are two (docs/incidents.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from polemos.cluster.facts import MentionFacts, coarser_grain, km
from polemos.cluster.reconcile import best_date, best_place, reconciled_count
from polemos.cluster.settings import ClusterSettings


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """The mentions of one article that tell one incident, with what they say together."""

    key: str  # the smallest mention id: a name that does not depend on input order
    doc_id: str
    family: str
    published: str
    mentions: tuple[MentionFacts, ...]
    date: MentionFacts | None  # the mention whose date and place the event takes
    place: MentionFacts | None
    actor_countries: frozenset[str]
    recipient_countries: frozenset[str]
    dead: int | None
    injured: int | None
    words: dict[str, float]


def split_article(facts: Sequence[MentionFacts], settings: ClusterSettings) -> list[ArticleEvent]:
    """The events of one article: each mention, in sentence order, joins the first event of its
    family it conflicts with in nothing (date, place, toll), else starts one."""
    groups: list[list[MentionFacts]] = []
    for f in sorted(facts, key=lambda f: (f.sentence_index, f.id)):
        for group in groups:
            if group[0].family == f.family and not any(
                    conflict_within(f, g, settings) for g in group):
                group.append(f)
                break
        else:
            groups.append([f])
    return [article_event(g) for g in groups]


def conflict_within(a: MentionFacts, b: MentionFacts, settings: ClusterSettings) -> bool:
    """Two mentions of one article that cannot tell one act: dates the text gives that lie
    apart, own places farther apart than their grain allows, roles reversed (``reversed_roles``),
    or two different death tolls that both stand (the coder marks a toll told again with
    ``count_on_other_mention``)."""
    if (a.start is not None and b.start is not None and a.end is not None and b.end is not None
            and not a.date_is_published and not b.date_is_published
            and max(a.start - b.end, b.start - a.end) > settings.gap_within):
        return True
    if (a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
            and not a.place_is_stand_in and not b.place_is_stand_in
            and km(a.lat, a.lon, b.lat, b.lon) > settings.place_km[coarser_grain(a.grain, b.grain)]):
        return True
    if reversed_roles(a, b):
        return True
    return a.dead is not None and b.dead is not None and a.dead != b.dead


def reversed_roles(a: MentionFacts, b: MentionFacts) -> bool:
    """One side acts on the other, then the other on the first (an attack and the reply): the
    two acting sides share no country and each one's actors are among the other's recipients
    (both ways: one misread party alone does not split an act). Within one
    article the coder reads both with the same knowledge, so the roles are a fair witness here
    (across articles they only weigh, docs/incidents.md)."""
    if not a.actor_countries or not b.actor_countries or a.actor_countries & b.actor_countries:
        return False
    return bool(a.actor_countries & b.recipient_countries and b.actor_countries & a.recipient_countries)


def article_event(group: Sequence[MentionFacts]) -> ArticleEvent:
    words: dict[str, float] = {}
    for f in group:
        for k, w in f.words.items():
            words[k] = max(words.get(k, 0.0), w)
    return ArticleEvent(
        key=min(f.id for f in group), doc_id=group[0].doc_id, family=group[0].family,
        published=min(f.published for f in group), mentions=tuple(group),
        date=best_date(group)[0], place=best_place(group)[0],
        actor_countries=frozenset().union(*(f.actor_countries for f in group)),
        recipient_countries=frozenset().union(*(f.recipient_countries for f in group)),
        dead=reconciled_count(group, "dead"), injured=reconciled_count(group, "injured"),
        words=words)
