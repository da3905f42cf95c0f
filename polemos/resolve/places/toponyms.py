"""Toponym resolution: each place name in an article resolved to a gazetteer record.

A name is resolved against the whole document: the countries its other places and actors
belong to, places near the unambiguous ones, and what the text says of its kind ("province").
The same name resolves the same way throughout an article.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from polemos.gazetteer.lookup import BIG_CITY, BROAD, Candidate
from polemos.gazetteer.names import name_key
from polemos.model import Toponym
from polemos.reading import PlaceMention

# Context weights (added to the gazetteer prior, which spans 15 for a hamlet to 100 for a
# country): a fully shared country outweighs a prior gap of a village against a large city.
COUNTRY_WEIGHT = 60.0
NEAR_WEIGHT = 8.0
NEAR_KM = 250.0
KIND_WEIGHT = 30.0
KIND_PREFIX = {"admin": "A.ADM", "city": "P."}
UNAMBIGUOUS_MARGIN = 15.0
WEAK_SHARE = 0.25
WEAK_POPULATION = 20_000
# A city sharing its province's name is meant by the bare name only when this big ("New York").
PROVINCE_CITY = 1_000_000
STATE_WEIGHT = 30.0
STATE_VOTER = 0.56  # confidence (a margin of 5 points) a name needs to vote for its state
QUALIFIER_WEIGHT = 80.0
OWN_NAME_WEIGHT = 20.0
# A town this small is not carried by its country alone past a namesake this big abroad: "Paris"
# in a story about New Jersey is Paris, France, unless the story also names places near the Texas
# town or in Texas.
SMALL_TOWN = 100_000
WORLD_CAPITAL = 1_000_000
WORLD_CITY = 5_000_000
# Clues (named countries count two) the other names must give before a small town abroad, in a
# country none of them names, is taken for a local place our gazetteers lack.
FOREIGN_CONTEXT = 3
# What may stand between a name and the province or country that qualifies it: "Norfolk, Va.".
_QUALIFIER_GAP = re.compile(r",[ ]?")
_REGIONS = BROAD | {"A.ADM1"}
# Places whose own name outranks a small town named after them elsewhere.
_REALMS = _REGIONS | {"H.SEA", "H.OCN", "H.GULF"}


def find_toponyms(text: str, mentions: Sequence[PlaceMention], *,
                  context_countries: Sequence[str] = ()) -> list[Toponym]:
    """The place names extract recognised in ``text``, each resolved with the article as context.

    ``mentions`` are ``extract.place_names.place_mentions`` of the text, in text order;
    ``context_countries`` are ISO3 codes of the actors found. Returns toponyms in text order;
    ``place`` is None when no gazetteer entry fits. Example: in a story about Iraq, "Qaim"
    resolves to Al-Qa'im, Iraq; in "Fountain, Fla." Fountain is the Florida town.
    """
    context = Context(_country_weights(mentions, context_countries), {},
                      _anchors(mentions), _qualifiers(text, mentions), provinces=_provinces(mentions))
    picks = _resolve_all(mentions, context)
    # Second pass: the provinces and states the first pass settled on narrow the rest
    # ("Warren" in a story that also names Youngstown and Ohio is Warren, Ohio).
    states = _state_weights(mentions, picks)
    if states:
        picks = _resolve_all(mentions, replace(context, states=states))
    toponyms = []
    for mention, pick in zip(mentions, picks, strict=True):
        if pick is None:
            toponyms.append(Toponym(mention.span, None, 0.0))
            continue
        candidate, score = pick
        if mention.weak and not _is_backed(candidate, context.weights):
            continue
        place = replace(candidate.place, text=mention.span.text)
        toponyms.append(Toponym(mention.span, place, round(score, 3)))
    return toponyms


def _resolve_all(mentions: Sequence[PlaceMention], context: Context,
                 ) -> list[tuple[Candidate, float] | None]:
    """Each mention's pick; the same name with the same qualifier resolves the same way, and a
    name the article qualifies once ("LEBANON, Ohio") keeps that qualifier where it is bare."""
    chosen: dict[str, tuple[Candidate, float] | None] = {}
    qualified: dict[str, str] = {}
    named = _country_weights(mentions, ())  # the names' own: actors' countries come from them
    for i, mention in enumerate(mentions):
        if i in context.qualifiers:
            qualified.setdefault(name_key(mention.query), context.qualifiers[i])
    picks = []
    for i, mention in enumerate(mentions):
        region = context.qualifiers.get(i)
        if region is None and not _elsewhere(mention, named):
            region = qualified.get(name_key(mention.query))
        key = f"{name_key(mention.query)}|{mention.kind or ''}|{region}"
        if key not in chosen:
            chosen[key] = _resolve(mention, context, region)
        picks.append(chosen[key])
    return picks


def _elsewhere(mention: PlaceMention, named: Counter[str]) -> bool:
    """Whether the article's other names (``named``: country weights of the names alone) back
    the bare name's own sure reading ("Jordan's king visited Amman" after "the town of Jordan,
    Minnesota"): then it keeps that reading."""
    top = _sure(mention)
    return top is not None and _share(top, named, top, sum(named.values())) > 0


def _state_weights(mentions: Sequence[PlaceMention],
                   picks: Sequence[tuple[Candidate, float] | None]) -> dict[str, Counter[str]]:
    """For each name, how often the article's other names fall in each province or state."""
    per_name: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, pick in zip(mentions, picks, strict=True):
        if pick is None or mention.loose or pick[1] < STATE_VOTER:
            continue  # a name that barely beat its namesakes does not speak for the story
        place = pick[0].place
        if place.feature in BROAD or not place.admin1 or not place.country:
            continue
        if place.feature != "A.ADM1" and name_key(place.name) != name_key(mention.query):
            continue  # "Rivera" read as Pico Rivera (a surname, most likely) says no state
        per_name[name_key(mention.query)][f"{place.country}|{place.admin1}"] += 1
    total: Counter[str] = Counter()
    for counts in per_name.values():
        total.update(counts)
    return {name: total - counts for name, counts in per_name.items()} | {"": total}


def _qualifiers(text: str, mentions: Sequence[PlaceMention]) -> dict[int, str]:
    """Names qualified by the province or country written after them ("Fountain, Fla.").

    Returns, by mention index, the region ("ISO3|admin1", or "ISO3|" for a country) that both
    the name and its qualifier resolve in: the name's town lies in it, the qualifier is it.
    """
    found: dict[int, str] = {}
    for i in range(len(mentions) - 1):
        head, tail = mentions[i], mentions[i + 1]
        if not _QUALIFIER_GAP.fullmatch(text[head.span.end:tail.span.start]) or \
                not head.candidates or (head.candidates[0].place.feature in _REGIONS
                                        and not _town_of_state(text, head, tail)):
            continue  # "France, Germany and Italy" is a list, not a town and its country
        best: tuple[float, str] | None = None
        fallback: tuple[float, str] | None = None
        for region in tail.candidates:
            if region.place.feature not in ("A.PCLI", "A.ADM1") or not region.place.country:
                continue
            inside = [c.prior + region.prior for c in head.candidates
                      if c.place.country == region.place.country
                      and c.place.feature not in _REGIONS
                      and (region.place.feature == "A.PCLI" or c.place.admin1 == region.place.admin1)]
            admin1 = region.place.admin1 if region.place.feature == "A.ADM1" else ""
            if inside and (best is None or max(inside) > best[0]):
                best = (max(inside), f"{region.place.country}|{admin1}")
            if fallback is None or region.prior > fallback[0]:
                fallback = (region.prior, f"{region.place.country}|{admin1}")
        # No town of the name lies in the region: the town is one our gazetteers lack, and
        # a namesake elsewhere would be wrong ("Fountain, Fla." is not Fountain, Colorado).
        chosen = best or fallback
        if chosen is not None:
            found[i] = found[i + 1] = chosen[1]
    return found


def _town_of_state(text: str, head: PlaceMention, tail: PlaceMention) -> bool:
    """Whether a country's name is a town qualified by its province ("LEBANON, Ohio (WKRC)",
    "Peru, Ind."): the province has a town of that name, and no list goes on after it."""
    if head.candidates[0].place.feature != "A.PCLI" or not tail.candidates:
        return False
    state = tail.candidates[0].place
    if state.feature != "A.ADM1" or _LIST_GOES_ON.match(text, tail.span.end):
        return False
    return any((c.place.feature or "").startswith("P.") and c.place.country == state.country
               and c.place.admin1 == state.admin1 for c in head.candidates)


# After "Jordan, Syria": a list of countries goes on ("Jordan, Syria, Iraq", "..., and Iraq").
_LIST_GOES_ON = re.compile(r",?[ ]?(?:and|or)[ ]|,[ ]?[A-Z]")


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says about where it is, for resolving one name."""

    weights: Counter[str]  # ISO3 -> how strongly the article is about that country
    states: dict[str, Counter[str]]  # name key -> "ISO3|admin1" -> other names resolved there
    anchors: list[tuple[str, float, float]] = field(default_factory=list)  # the sure places
    qualifiers: dict[int, str] = field(default_factory=dict)  # mention index -> region
    provinces: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO3 -> sure ADM1 keys


def _is_backed(candidate: Candidate, weights: Counter[str]) -> bool:
    """Whether the story's other places back a name the parser took for an organisation."""
    total = sum(weights.values())
    share = weights.get(candidate.place.country or "", 0) / total if total else 0.0
    return share >= WEAK_SHARE and (candidate.population >= WEAK_POPULATION
                                   or not (candidate.place.feature or "").startswith("P."))


def _country_weights(mentions: Sequence[PlaceMention], context: Sequence[str]) -> Counter[str]:
    """How strongly the article is about each country: named countries, sure places, actors."""
    weights: Counter[str] = Counter()
    for iso3 in context:
        weights[iso3] += 2
    seen: set[str] = set()
    for mention in mentions:  # each name once: a town named ten times is still one clue
        top = _sure(mention)
        key = name_key(mention.query)
        if top is not None and top.place.country and key not in seen:
            seen.add(key)
            weights[top.place.country] += 2 if top.place.feature == "A.PCLI" else 1
    return weights


def _sure(mention: PlaceMention) -> Candidate | None:
    """The top candidate when its prior clearly beats every other, else None."""
    if not mention.candidates or mention.loose:
        return None
    first = mention.candidates[0]
    rest = [c for c in mention.candidates[1:] if c.place.country != first.place.country]
    if not rest or first.prior - rest[0].prior >= UNAMBIGUOUS_MARGIN:
        return first
    return None


def _provinces(mentions: Sequence[PlaceMention]) -> dict[str, frozenset[str]]:
    """The provinces the article surely names, by country: ISO3 -> their name keys."""
    found: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        top = _sure(mention)
        if top is not None and top.place.feature == "A.ADM1" and top.place.country:
            found[top.place.country].add(name_key(mention.query))
    return {iso3: frozenset(keys) for iso3, keys in sorted(found.items())}


def _anchors(mentions: Sequence[PlaceMention]) -> list[tuple[str, float, float]]:
    """Points of the sure, local places (not countries): (query key, lat, lon)."""
    points = []
    for mention in mentions:
        top = _sure(mention)
        if top is not None and top.place.feature not in BROAD and top.place.lat is not None:
            points.append((name_key(mention.query), top.place.lat, top.place.lon or 0.0))
    return sorted(set(points))


def _resolve(mention: PlaceMention, context: Context, region: str | None = None,
             ) -> tuple[Candidate, float] | None:
    """The best candidate for a mention and a 0-1 confidence from its margin over the next."""
    if not mention.candidates:
        return None
    weights, anchors = context.weights, context.anchors
    own = name_key(mention.query)
    own_top = _sure(mention)
    total = sum(weights.values())
    if own_top is not None and own_top.place.country:  # a name does not vouch for itself
        total -= 2 if own_top.place.feature == "A.PCLI" else 1
    states = context.states.get(own, context.states.get("", Counter()))
    states_total = sum(states.values())
    nation = any(c.place.feature == "A.PCLI" for c in mention.candidates)
    # Provinces and continents of exactly this name, and seas ("England", "Washington",
    # "Pacific" for the Pacific Ocean). A province counts only in a country the story names
    # ("Portland" is no Jamaican parish).
    realms = [c for c in mention.candidates if c.place.feature in _REALMS
              and (name_key(c.place.name) == own or (c.place.feature or "").startswith("H."))
              and (c.place.feature != "A.ADM1" or c is own_top
                   or _share(c, weights, own_top, total) > 0)]
    world = {c.place.country for c in mention.candidates if c.population >= WORLD_CITY
             and (c.place.feature or "").startswith("P.")
             or c.population >= WORLD_CAPITAL and c.place.feature == "P.PPLC"}
    # Countries where the name is also a capital or a great city ("Washington", "São Paulo"):
    # there the province gets no help from its neighbours being named.
    capitals = {c.place.country for c in mention.candidates if c.place.feature == "P.PPLC"
                or (c.place.feature or "").startswith("P.") and c.population >= PROVINCE_CITY}
    # "the city of Turkey", "the town of Tal Afar": the text says a town, so no country or region.
    towns_only = mention.kind == "city" and any(
        (c.place.feature or "").startswith("P.") for c in mention.candidates)
    scored = []
    for c in mention.candidates:
        if c.place.lat is None:
            continue
        if towns_only and not (c.place.feature or "").startswith("P."):
            continue
        if nation and (c.place.feature or "").startswith("P.") and c.population < BIG_CITY \
                and region is None and not towns_only:
            continue  # "Canada", "Peru": the country, not a village that shares its name
        if realms and region is None and not towns_only and (c.place.feature or "").startswith(
                "P.") and c.population < BIG_CITY and not any(_within(c, r) for r in realms):
            continue  # "England" is not England, Arkansas; "Washington" not Washington, Iowa
        share = _share(c, weights, own_top, total)
        if share and world - {c.place.country} and c.population < SMALL_TOWN and region is None \
                and (c.place.feature or "").startswith("P.") and not _is_near(c, anchors, own) \
                and not states[f"{c.place.country}|{c.place.admin1}"]:
            share = 0.0  # the country alone does not carry a small town past a world city
        if mention.loose and (share == 0 or abs(len(name_key(c.place.name)) - len(own)) > 1
                              or not _is_near(c, anchors, own)):
            continue  # a vowel-free match is only believed beside the story's sure places
        if share == 0 and total > 0 and (c.place.feature or "").startswith("P.") and \
                name_key(c.place.name) != own:
            continue  # "Suba" in a story about Kenya is not Suva, Fiji (spelled "Suba" too)
        if share == 0 and total >= FOREIGN_CONTEXT and c.population < BIG_CITY and region is None \
                and (c.place.feature or "").startswith("P.") and not _is_near(c, anchors, own):
            continue  # a story about Britain that says "Suffolk" means no Virginian town of ours
        score = c.prior + COUNTRY_WEIGHT * share
        feature = c.place.feature or ""
        if mention.kind and feature.startswith(KIND_PREFIX[mention.kind]):
            score += KIND_WEIGHT  # "Nineveh province", "Quebec City"
        if _is_near(c, anchors, own):
            score += NEAR_WEIGHT
        if region is not None and _in_region(c, region):
            score += QUALIFIER_WEIGHT
        elif region is not None:
            continue
        if name_key(c.place.name) == own:
            score += OWN_NAME_WEIGHT  # "Philadelphia" is the city, not Amman's old name
            if feature == "A.ADM1" and c.place.country not in capitals and \
                    len(context.provinces.get(c.place.country or "", frozenset()) - {own}) >= 2:
                score += KIND_WEIGHT  # "Georgia" in a story naming Alabama and Iowa is a state
        if feature.startswith("P.") and c.population < PROVINCE_CITY and mention.kind is None \
                and any(r.place.feature == "A.ADM1" and _within(c, r) for r in realms):
            score -= KIND_WEIGHT  # "Quebec" alone is the province; "Quebec City" the city
        scored.append((score, -c.pid, c))
    if not scored:
        return None
    if states_total:
        # States choose among one country's namesakes ("Warren": Ohio or Michigan); they do
        # not carry a name abroad (Paris in a story that names Texas towns stays in France).
        country = max(scored, key=lambda s: (s[0], s[1]))[2].place.country
        scored = [(score + STATE_WEIGHT * states[f"{c.place.country}|{c.place.admin1}"]
                   / states_total if c.place.country == country
                   and c.place.feature not in BROAD else score, pid, c)
                  for score, pid, c in scored]
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    best = scored[0]
    margin = best[0] - scored[1][0] if len(scored) > 1 else 40.0
    confidence = min(0.99, 0.5 + margin / 80.0)
    if mention.loose:
        confidence *= 0.7
    return best[2], confidence


def _is_near(c: Candidate, anchors: Sequence[tuple[str, float, float]], own: str) -> bool:
    """Whether a candidate lies near one of the story's sure places other than itself."""
    lat, lon = c.place.lat, c.place.lon or 0.0
    return lat is not None and any(km(lat, lon, a_lat, a_lon) <= NEAR_KM
                                   for key, a_lat, a_lon in anchors if key != own)


def _within(c: Candidate, realm: Candidate) -> bool:
    """Whether a town lies in a country or province (never in a sea or a continent)."""
    if realm.place.feature == "A.PCLI":
        return c.place.country == realm.place.country
    return realm.place.feature == "A.ADM1" and c.place.country == realm.place.country and \
        c.place.admin1 == realm.place.admin1


def _in_region(c: Candidate, region: str) -> bool:
    """Whether a candidate lies in (or is) the region "ISO3|admin1" ("ISO3|" for a country)."""
    country, admin1 = region.split("|", 1)
    if c.place.country != country:
        return False
    return not admin1 or c.place.admin1 == admin1


def _share(c: Candidate, weights: Counter[str], own_top: Candidate | None, total: float) -> float:
    if not c.place.country or total <= 0:
        return 0.0
    weight = weights.get(c.place.country, 0)
    if own_top is not None and own_top.place.country == c.place.country:
        weight -= 2 if own_top.place.feature == "A.PCLI" else 1
    return max(0.0, weight) / total


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))
