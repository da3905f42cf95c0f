"""Where events happened: the article's main place and the place each event is attached to.

Toponyms come resolved from ``places.find_toponyms``; this module only chooses among them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from polemos.model import Place, PlacePrecision, TextSpan, Toponym
from polemos.resolve.toponyms import BROAD

# Prepositions that attach a place to the event ("clashes in Mosul", "a raid near Kirkuk").
LOCATIVE = ("in", "at", "near", "into", "across", "outside", "inside", "around", "throughout",
            "on", "over", "off", "along", "towards", "toward", "within", "north of", "south of",
            "east of", "west of")
COARSER: dict[PlacePrecision, PlacePrecision] = {"point": "city", "city": "admin1",
                                                 "admin1": "country", "country": "country"}


def main_place(toponyms: Sequence[Toponym]) -> Place | None:
    """The article's main place: its most specific often-named place within its main country.

    A town counts the mentions of the province it lies in as its own ("Norfolk ... Virginia"),
    so the town wins over its province. Returns the country itself when no town or province
    of it is named twice or in the opening; None when no toponym resolved.
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
        opening = min(t.span.start for t in group) - first < 300
        if len(group) >= 2 or opening:
            around = sum(len(g) for g in groups.values() if _contains(g[0].place, place))
            finer = place.precision not in ("admin1", "country")
            local.append((len(group) + around, finer, -min(t.span.start for t in group), place))
    if local:
        return max(local, key=lambda x: x[:3])[3]
    broad = [(len(g), -min(t.span.start for t in g), g[0].place) for g in groups.values()]
    best = max(broad, key=lambda x: (x[0], x[1]))[2]
    return best


def _contains(big: Place | None, small: Place) -> bool:
    """Whether ``big`` is the country or province that ``small`` (a finer place) lies in."""
    if big is None or big is small or big.country != small.country or not big.country:
        return False
    if big.feature == "A.PCLI":
        return small.feature != "A.PCLI"
    return big.feature == "A.ADM1" and small.feature != "A.ADM1" and \
        bool(big.admin1) and big.admin1 == small.admin1


def event_location(sentence: TextSpan, trigger: TextSpan, toponyms: Sequence[Toponym],
                   fallback: Place | None) -> Place | None:
    """Where the event of ``trigger`` happened, with ``precision`` saying how sure.

    A place attached by in/at/near/into/across in the trigger's sentence wins (nearest to the
    trigger); else the sentence's nearest place; a province or country is passed over when the
    sentence names a town inside it; else ``fallback`` (the main place) one grain
    coarser. Returns None when there is nothing to go on.
    """
    inside = [t for t in toponyms if t.place is not None and t.place.lat is not None
              and sentence.start <= t.span.start and t.span.end <= sentence.end
              and not (t.span.start < trigger.end and trigger.start < t.span.end)]
    # "Norfolk, Va." or "in Norfolk ... in Virginia": the town says more than its state.
    inside = [t for t in inside if not any(_contains(t.place, o.place) for o in inside
                                           if o.place is not None)]
    if inside:
        def distance(t: Toponym) -> tuple[int, int]:
            gap = t.span.start - trigger.end if t.span.start >= trigger.end \
                else trigger.start - t.span.end
            return (gap + (0 if t.span.start >= trigger.end else 20), t.span.start)

        attached = [t for t in inside if _is_locative(sentence, t.span)]
        pick = min(attached or inside, key=distance)
        place = pick.place
        assert place is not None
        precision = place.precision or "point"
        if not attached and precision != "country":
            precision = COARSER[precision]  # named in the sentence but not said to be where
        return replace(place, text=pick.span.text, precision=precision)
    if fallback is None:
        return None
    return replace(fallback, precision=COARSER[fallback.precision or "city"])


def _is_locative(sentence: TextSpan, span: TextSpan) -> bool:
    """Whether the words just before the place attach it as a location ("in", "near")."""
    before = sentence.text[: span.start - sentence.start].lower().rstrip()
    for word in ("the", "northern", "southern", "eastern", "western", "central"):
        if before.endswith(" " + word):
            before = before[: -len(word) - 1].rstrip()
    return any(before.endswith(" " + p) or before == p for p in LOCATIVE)
