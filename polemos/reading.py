"""What extract hands resolve: an article as read, with everything resolve needs of the parse.

Extract recognises (event mentions, time expressions and what each dates, place names with their
gazetteer candidates, how each place hangs on each trigger, count phrases); resolve decides
(which place a name means, the event's date and place, which counts an event type keeps). These
frozen records are all that crosses: no spaCy ``Doc``, ``Span`` or ``Token`` goes past extract
(docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from polemos.gazetteer.lookup import Candidate
from polemos.model import Article, Casualties, Mention, TextSpan, TimeExpr

# How a place hangs on a trigger in the parse, best first: a locative phrase in the trigger's
# clause or the place as what was attacked or held (equal: the nearer wins), a place in a clause
# joined to the trigger's, a place merely in the sentence. None (in a ``PlaceLink``) means the
# place must not be chosen: an origin, a party, the speaker of reported speech.
DIRECT, JOINED_CLAUSE, UNATTACHED = 0, 1, 2

# Casualty counts belong to violent events; arrests to coercion (detentions) and assaults.
COUNTS_DEAD = frozenset({"ASSAULT"})
COUNTS_ARRESTED = frozenset({"ASSAULT", "COERCE"})

Kind = Literal["admin", "city"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Words that may name a place, the name looked up, and the gazetteer's candidates."""

    span: TextSpan
    query: str
    candidates: tuple[Candidate, ...]
    kind: Kind | None = None  # "province" or "city" said next to the name
    from_ner: bool = True
    loose: bool = False  # candidates matched only on the vowel-free key
    weak: bool = False  # the parser called it an organisation: kept only if the story agrees


@dataclass(frozen=True, slots=True)
class PlaceLink:
    """How one place name of a mention's sentence hangs on its trigger, read as a town or site
    (``as_site``) and as a country (``as_country``: a country qualifying a noun or acted on names a
    party, not a site); resolution picks the reading once it knows which the name is."""

    span: TextSpan
    as_site: int | None
    as_country: int | None

    def tier(self, broad: bool) -> int | None:
        return self.as_country if broad else self.as_site


@dataclass(frozen=True, slots=True)
class MentionReading:
    """One mention as extract codes it, with what its sentence says of when, where and how many.

    ``attached`` pairs each time expression's start offset under the trigger with the clauses
    between them (times elsewhere in the parse are absent); ``places`` has a link for every place
    name of the sentence; ``counts`` are the sentence's own counts, with its attack story's when
    the mention is an attack.
    """

    mention: Mention
    attached: tuple[tuple[int, int], ...]
    places: tuple[PlaceLink, ...]
    counts: Casualties
    regional: bool = False  # placed only by a part of a country ("in the western desert")


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """An article as extract read it: its mentions, time expressions (text order) with the words
    each dates (start offset -> lemmas), and recognised place names (text order)."""

    article: Article
    mentions: tuple[MentionReading, ...]
    times: tuple[TimeExpr, ...]
    time_heads: tuple[tuple[int, tuple[str, ...]], ...]
    place_names: tuple[PlaceMention, ...]
    # towns named only as people's home or a local service's ("Gary men", "Memphis police"):
    # the main place when the article names no place of its own (extract/backdrop_places.py)
    backdrop_names: tuple[PlaceMention, ...] = ()
    # the towns the headline places its story in, offsets into the title: the main place when
    # neither the text nor its backdrop names one (extract/backdrop_places.py)
    headline_names: tuple[PlaceMention, ...] = ()
