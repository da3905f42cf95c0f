"""Where events happened: the article's main place and the place each event is attached to.

Toponyms come resolved from ``toponyms.find_toponyms`` and how each hangs on a trigger from
extract (``PlaceLink``); this module only chooses among them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from polemos.gazetteer.lookup import BROAD
from polemos.gazetteer.names import PLACE_WORDS, fold
from polemos.model import Place, PlacePrecision, TextSpan, Toponym
from polemos.reading import UNATTACHED, PlaceLink
from polemos.resolve.places.toponyms import km

# Prepositions that attach a place to the event ("clashes in Mosul", "a raid near Kirkuk"), from
# places.yaml (grammar: ours only).
LOCATIVE = tuple(sorted(PLACE_WORDS["locative"]))
COARSER: dict[PlacePrecision, PlacePrecision] = {"point": "city", "city": "admin1",
                                                 "admin1": "country", "country": "country"}


def main_place(toponyms: Sequence[Toponym], text: str = "", title: str | None = None,
               event_places: Sequence[Place] = ()) -> Place | None:
    """The article's main place: its most specific often-named place within its main country.

    Chosen from the whole article, not the first town named: a town counts the mentions of the
    province it lies in as its own ("Norfolk ... Virginia"), and half of those of the other
    towns of its province (local news names the places around its city); a dateline
    ("CHARLOTTE, N.C. —" opening a line of ``text``) counts as ``_DATELINE_WEIGHT`` more
    mentions, a place the ``title`` names as ``_HEADLINE_WEIGHT`` more, and the place of each of
    the article's first events (``event_places``: each event's own place, in text order) as
    ``_FIRST_EVENT_WEIGHT`` more. Returns the country itself when no town or province of it is
    named twice, in the opening, the headline or a first event; None when no toponym resolved.
    """
    resolved = [t for t in toponyms if t.place is not None and t.place.lat is not None]
    if not resolved:
        return None
    countries: Counter[str] = Counter(t.place.country for t in resolved
                                      if t.place is not None and t.place.country)
    first = min(t.span.start for t in resolved)
    groups: dict[tuple[str, str | None], list[Toponym]] = defaultdict(list)
    for t in resolved:
        assert t.place is not None
        groups[(t.place.name, t.place.country)].append(t)
    top_country = max(sorted(countries), key=lambda c: countries[c]) if countries else None
    local = []
    for (_, country), group in groups.items():
        place = group[0].place
        assert place is not None
        if place.feature in BROAD or country != top_country:
            continue
        dated = any(is_dateline(text, t.span) for t in group)
        headline = _HEADLINE_WEIGHT * _in_title(title, group) + \
            _FIRST_EVENT_WEIGHT * sum(e.name == place.name and e.country == country
                                      for e in event_places[:_FIRST_EVENTS])
        opening = min(t.span.start for t in group) - first < 300 or headline > 0 or dated
        if len(group) >= 2 or opening:
            around = sum(len(g) for g in groups.values() if _contains(g[0].place, place))
            finer = place.precision not in ("admin1", "country")
            near = sum(len(g) for g in groups.values() if finer and _siblings(g[0].place, place))
            told = len(group) + around + near / 2 + _DATELINE_WEIGHT * dated
            local.append((told + headline, told, finer, -min(t.span.start for t in group), place))
    if local:
        return _weighed(local)
    broad = [(len(g), -min(t.span.start for t in g), g[0].place) for g in groups.values()]
    best = max(broad, key=lambda x: (x[0], x[1]))[2]
    return best


# A dateline is worth this many mentions: the story's city, though a wire's may lie far off.
_DATELINE_WEIGHT = 2
# A place the headline names is worth this many: the editor's word on where the story is.
_HEADLINE_WEIGHT = 2
# The place of each of the article's first events (its own sentence's place) is worth one more
# mention: a story tells its main event early ("A man was shot in Toledo ..."), and a town
# named before it is often where a party comes from ("A Dayton man ...").
_FIRST_EVENT_WEIGHT = 1
_FIRST_EVENTS = 2


def _weighed(local: list[tuple[float, float, bool, int, Place]]) -> Place:
    """The best-scored place; the headline and the first events (score minus ``told``) may
    move the choice only to a place near the one the text's own mentions choose. Local news
    heads its stories with neighbourhoods ("Hyde Park", "Austin", "Washington Park") that the
    gazetteer knows as far-off towns of that name."""
    boosted = max(local, key=lambda x: x[:4])[4]
    told = max(local, key=lambda x: x[1:4])[4]
    if boosted is told or None in (boosted.lat, boosted.lon, told.lat, told.lon):
        return boosted
    assert boosted.lat is not None and boosted.lon is not None
    assert told.lat is not None and told.lon is not None
    return boosted if km(boosted.lat, boosted.lon, told.lat, told.lon) < _NAMESAKE_KM else told


def _in_title(title: str | None, group: Sequence[Toponym]) -> bool:
    """Whether the headline names the place of ``group`` (as the text does, whole words)."""
    if not title:
        return False
    folded = f" {fold(title)} "
    return any(f" {fold(t.span.text)} " in folded for t in group if t.span.text.strip())
# After the city of a dateline: an optional state ("N.C.", "Ohio"), an optional agency or station
# ("(AP)", "(WKBN)"), then a dash or colon and the story. Punctuation, not knowledge.
_DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\([^()\n]{1,30}\)\s*)?"
                            r"(?:—|–|--|-|:)\s")


def is_dateline(text: str, span: TextSpan) -> bool:
    """Whether the place named at ``span`` opens a line of ``text`` as its dateline."""
    if not text or span.end > len(text) or text[span.start:span.end] != span.text:
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start:span.start].strip():
        return False
    return _DATELINE_TAIL.match(text, span.end) is not None


def _siblings(other: Place | None, place: Place) -> bool:
    """Whether ``other`` is another town or district of the province ``place`` lies in."""
    if other is None or other is place or other.name == place.name or not place.admin1:
        return False
    return other.country == place.country and other.admin1 == place.admin1 and \
        other.feature not in BROAD and other.feature != "A.ADM1"


def _contains(big: Place | None, small: Place) -> bool:
    """Whether ``big`` is the country or province that ``small`` (a finer place) lies in."""
    if big is None or big is small or big.country != small.country or not big.country:
        return False
    if big.feature == "A.PCLI":
        return small.feature != "A.PCLI"
    return big.feature == "A.ADM1" and small.feature != "A.ADM1" and \
        bool(big.admin1) and big.admin1 == small.admin1


def event_location(sentence: TextSpan, trigger: TextSpan, toponyms: Sequence[Toponym],
                   fallback: Place | None, links: Sequence[PlaceLink] | None = None,
                   ) -> Place | None:
    """Where the event of ``trigger`` happened, with ``precision`` saying how sure.

    With ``links`` (how each place name of the sentence hangs on the trigger in the dependency
    tree, as extract read it: ``extract.place_attachment.place_links``), the parse decides: a
    place in a locative phrase of the trigger's clause ("clashes in Mosul") or the town attacked
    or held ("shelled Kirkuk") wins, the nearer first; then one in a clause joined to it.
    An actor's origin ("Iraqi forces", "troops from Syria"), a party ("attacked Iran") or the
    source of reported speech ("officials in Baghdad said") is never chosen; a country merely named
    is left to the fallback. Without ``links``, a place attached by in/at/near... wins. Else the
    sentence's nearest place one grain coarser; a province or country is passed over when the
    sentence names a town inside it; else ``fallback`` (the main place) one grain coarser.
    Returns None when there is nothing to go on.
    """
    inside = [t for t in toponyms if t.place is not None and t.place.lat is not None
              and sentence.start <= t.span.start and t.span.end <= sentence.end
              and not (t.span.start < trigger.end and trigger.start < t.span.end)]
    # "Norfolk, Va." or "in Norfolk ... in Virginia": the town says more than its state.
    inside = [t for t in inside if not any(_contains(t.place, o.place) for o in inside
                                           if o.place is not None)]

    def distance(t: Toponym) -> tuple[int, int]:
        gap = t.span.start - trigger.end if t.span.start >= trigger.end \
            else trigger.start - t.span.end
        return (gap + (0 if t.span.start >= trigger.end else 20), t.span.start)

    if links is not None and inside:
        by_span = {(link.span.start, link.span.end): link for link in links}
        tiers = {id(t): by_span[(t.span.start, t.span.end)].tier(t.place.feature in BROAD)
                 for t in inside if t.place is not None}
        # A country merely named in the sentence says nothing of where: leave it to the fallback.
        ranked = {id(t): tier for t in inside if (tier := tiers.get(id(t))) is not None
                  and not (tier == UNATTACHED and t.place is not None and t.place.feature in BROAD)}
        inside = [t for t in inside if id(t) in ranked]
        best = min(ranked.values(), default=UNATTACHED)
        attached = [t for t in inside if ranked[id(t)] == best < UNATTACHED]
    else:
        attached = [t for t in inside if _is_locative(sentence, t.span)]
    if inside:
        pick = min(attached or inside, key=distance)
        place = pick.place
        assert place is not None
        precision = place.precision or "point"
        if not attached and precision != "country":
            precision = COARSER[precision]  # named in the sentence but not said to be where
        return replace(place, text=pick.span.text, precision=precision)
    return article_location(fallback)


def article_location(fallback: Place | None) -> Place | None:
    """The article's main place standing in for an event's own, one grain coarser (None if none)."""
    if fallback is None:
        return None
    return replace(fallback, precision=COARSER[fallback.precision or "city"])


def reconcile(place: Place | None, main: Place | None, toponyms: Sequence[Toponym],
              text: str = "", sentence: TextSpan | None = None) -> tuple[Place | None, bool]:
    """The event's place after weighing the sentence's place against the article's main place.

    The main place stands in (one grain coarser) when the sentence names none; when it names
    only the province or country the main place lies in ("a shooting in New Jersey" in a story
    of Orange, N.J.); and when it names a town far off, in a province or country the article
    touches nowhere else, less often than the main place is named (or as often, when the main
    place is the dateline or has its own province named too): a street, neighbourhood or
    namesake resolved to the wrong state ("the West Side" of a Chicago story). A province is
    kept when ``sentence`` names the main place too: the parse has weighed it there. ``text`` is
    the article's, for datelines. Returns the place and whether it is the article's.
    """
    if main is None or main.lat is None:
        return place, False
    if place is None:
        return article_location(main), True
    if main.feature in BROAD or main.precision in ("admin1", "country"):
        return place, False
    if place.feature in BROAD or place.feature == "A.ADM1":
        # the main place named in the sentence itself was passed over by the parse
        spoken = sentence is not None and any(
            t.place is not None and t.place.name == main.name
            and sentence.start <= t.span.start < sentence.end for t in toponyms)
        inside = _contains(place, main) and not spoken
        return (article_location(main), True) if inside else (place, False)
    if place.name == main.name or place.lat is None or place.lon is None or main.lon is None:
        return place, False
    if (main.feature or "").startswith("P.") and _is_quarter(place, toponyms, text, sentence):
        # "in the Roseland neighborhood" of a Chicago story: Chicago's quarter, not the town
        return article_location(main), True
    if km(place.lat, place.lon, main.lat, main.lon) < _NAMESAKE_KM:
        return place, False
    abroad = place.country != main.country
    if not abroad and (not place.admin1 or place.admin1 == main.admin1):
        return place, False
    own = [t for t in toponyms if t.place is not None and t.place.name == place.name]
    others = [t for t in toponyms if t.place is not None and t.place.name != place.name]
    backed = any(o.place.country == place.country and (abroad or o.place.admin1 == place.admin1)
                 for o in others if o.place is not None)
    told = [o for o in others if o.place is not None and o.place.name == main.name]
    # as often named, the main place wins when its own province backs it or it is the dateline
    seconded = any(o.place.name != main.name and o.place.country == main.country
                   and o.place.admin1 == main.admin1 for o in others if o.place is not None) \
        or any(is_dateline(text, o.span) for o in told)
    if backed or (len(told), seconded) <= (len(own), False):
        return place, False
    return article_location(main), True


_QUARTER = re.compile(r"[^\S\n]+(?:" + "|".join(sorted(PLACE_WORDS["quarter_nouns"])) + r")\b",
                      re.IGNORECASE)


def _is_quarter(place: Place, toponyms: Sequence[Toponym], text: str,
                sentence: TextSpan | None) -> bool:
    """Whether the sentence names ``place`` as a city's quarter ("the Roseland neighborhood")."""
    if sentence is None or not text:
        return False
    return any(t.place is not None and t.place.name == place.name
               and sentence.start <= t.span.start < sentence.end
               and _QUARTER.match(text, t.span.end) for t in toponyms)


# A town this far from the article's main place, in a province the article names nowhere else,
# is more likely a namesake than a second scene; nearer, it may be a suburb across a state line
# or a town of the next province.
_NAMESAKE_KM = 250.0


def _is_locative(sentence: TextSpan, span: TextSpan) -> bool:
    """Whether the words just before the place attach it as a location ("in", "near")."""
    before = sentence.text[: span.start - sentence.start].lower().rstrip()
    for word in ("the", "northern", "southern", "eastern", "western", "central"):
        if before.endswith(" " + word):
            before = before[: -len(word) - 1].rstrip()
    return any(before.endswith(" " + p) or before == p for p in LOCATIVE)
