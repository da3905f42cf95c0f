"""When the article's main place may stand in for an event's own, and what is said without it.

Issue 14: the main place stands in only where the sentence names no other country and the
event's actors fit it; a stand-in never crosses a border the sentence names ("struck facilities
in Iraq and Syria" in a Baghdad story is not placed in Baghdad). Pure over frozen records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from polemos.gazetteer.lookup import BROAD
from polemos.gazetteer.names import PLACE_WORDS
from polemos.model import Mention, Place, Toponym
from polemos.reading import PlaceLink

# Event types a state does where it sits (places.yaml: placed_with_actor).
PLACED_WITH_ACTOR = frozenset(PLACE_WORDS["placed_with_actor"])


def actor_countries(mention: Mention, people: frozenset[str] = frozenset()) -> frozenset[str]:
    """The countries of the mention's actors (the side that acted). A person of the actor
    knowledge's ``people`` is left out (people travel, and a surname matched to a politician,
    "Brady Osborne" read as George Osborne, would move a local story abroad) unless the words
    name the organ the person heads: "the Trump administration", "the Erdogan government"
    end in a common noun, a person's name does not."""
    return frozenset(a.country for a in mention.actors if a.country and len(a.country) == 3
                     and (a.id not in people or _organ(a.text)))


def _organ(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].islower()


def may_stand_in(main: Place, sentence_places: Sequence[Toponym], mention: Mention,
                 people: frozenset[str] = frozenset()) -> bool:
    """Whether the article's main place may stand in for the place of ``mention``.

    Not when the sentence names a place of another country (as site, party or origin: a
    sentence naming Syria is never placed in Iraq), nor when the event's actors are states of
    which none is the main place's ("Washington imposed sanctions" in a Baghdad story); a
    person's country (one of ``people``, the actor knowledge's) is not read. Actors of no
    stated country ("gunmen", "police") fit any main place. A town abroad counts even when the
    article has overruled it as a namesake: a real town abroad ("arrests in Moscow" in a Kharkiv
    story) is named as often as a namesake is, and a namesake is the resolver's to undo.
    """
    if any(t.place is not None and t.place.country and t.place.country != main.country
           for t in sentence_places):
        return False
    countries = actor_countries(mention, people)
    return not countries or main.country in countries


def without_stand_in(own: Place | None, sentence_places: Sequence[Toponym],
                     links: Sequence[PlaceLink], mention: Mention,
                     country_place: Callable[[str], Place | None],
                     people: frozenset[str] = frozenset()) -> Place | None:
    """The event's place when the main place may not stand in, at the grain that was found.

    The sentence's own place if it has one; else the one country the sentence names other than
    as a party ("fighting went on, a day after talks in Syria failed"); else, for a state's
    words and measures (``PLACED_WITH_ACTOR``), its actor's country (not a person's); else
    None: a force acting with no place named is not placed where its actors come from.
    """
    if own is not None:
        return own
    tiers = {(link.span.start, link.span.end): link.as_country for link in links}
    named = {t.place.country: t.place for t in sentence_places
             if t.place is not None and t.place.feature in BROAD and t.place.country
             and tiers.get((t.span.start, t.span.end), 0) is not None}
    if len(named) == 1:
        return replace(next(iter(named.values())), precision="country")
    countries = actor_countries(mention, people)
    if mention.event_type in PLACED_WITH_ACTOR and len(countries) == 1:
        place = country_place(next(iter(countries)))
        return replace(place, precision="country") if place is not None else None
    return None
