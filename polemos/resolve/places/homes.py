"""Parties named for their home town ("A Toledo woman", "two Gary men").

The actor files give a country's towns as its names (Phoenix lists "Toledo" under Spain), so
"A Toledo woman" reads as a Spanish civilian; and the mentions' actor countries are the context
the article's place names are resolved in, so that country would then pull the article's
"Toledo" to Spain. A town named as people's home says where they live, which the article's own
places decide: such a party's country is no context for them, and it becomes the country of the
town as the article's places resolve it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from polemos.model import Actor, Mention, Toponym
from polemos.reading import PlaceMention


def is_home_party(actor: Actor, homes: Sequence[PlaceMention]) -> bool:
    """Whether the actor's words hold a town named as its home ("A Toledo woman")."""
    if actor.start is None or actor.end is None:
        return False
    return any(actor.start <= h.span.start and h.span.end <= actor.end for h in homes)


def context_countries(mentions: Sequence[Mention], homes: Sequence[PlaceMention]) -> list[str]:
    """The mentions' actor countries (ISO3) that may weigh on the article's place names: not
    those of parties named for their home town."""
    return sorted({a.country for m in mentions for a in (*m.actors, *m.recipients)
                   if a.country and len(a.country) == 3 and not is_home_party(a, homes)})


def rehomed(mention: Mention, homes: Sequence[PlaceMention],
            toponyms: Sequence[Toponym]) -> Mention:
    """The mention with each party named for its home town given that town's country as the
    article's toponyms resolve the name (unchanged where they do not resolve it)."""
    towns = {t.span.text: t.place.country for t in toponyms if t.place and t.place.country}

    def home(actor: Actor) -> Actor:
        if not is_home_party(actor, homes):
            return actor
        named = [towns.get(h.span.text) for h in homes
                 if actor.start is not None and actor.end is not None
                 and actor.start <= h.span.start and h.span.end <= actor.end]
        country = next((c for c in named if c), None)
        if country is None or country == actor.country:
            return actor
        # the country came from the town's name: the KB's entry for it named the wrong one
        return replace(actor, country=country, name=None, id=None)

    actors, recipients = tuple(map(home, mention.actors)), tuple(map(home, mention.recipients))
    if actors == mention.actors and recipients == mention.recipients:
        return mention
    return replace(mention, actors=actors, recipients=recipients)
