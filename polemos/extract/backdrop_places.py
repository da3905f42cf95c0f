"""Towns named as the home of people or of a local service: the backdrop of a local story.

"Two Gary men were charged ...", "Christian Barnett, 18, of Gary", "Memphis police are
searching ...": the town is where the story is set, yet no event is said to happen there, and
taken as an event's place such names moved events to where a party comes from (issue 14: tried
and dropped). They are read apart from the article's place names, so that resolve may let
them stand in as the article's main place only when the article names no place of its own.
The words that mark them are data (places.yaml ``residents``, words.yaml ``services``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from polemos.extract.place_names import _RUN, _is_sentence_start, _mention
from polemos.gazetteer.lookup import Candidate, Gazetteer
from polemos.gazetteer.names import PLACE_WORDS, name_key
from polemos.reading import PlaceMention

# "<Town> man", "<Town> police": the word just after a capitalised run.
_NEXT = re.compile(r"[^\S\n]+([A-Za-z]+)\b")
# "Barnett, 18, of Gary," / "also of Gary.": a person's home town set off by commas.
_HOME = re.compile(r",[^\S\n]+(?:also[^\S\n]+|both[^\S\n]+|all[^\S\n]+)?of[^\S\n]+\Z")
_HOME_END = re.compile(r"(?:,|\.|;|\)|$)")


def backdrop_mentions(text: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The towns ``text`` names only as the home of people or of a local service, in text order.

    Each is looked up as the capitalised run before the cue word (a direction or kind word
    dropped, as for any place name); a run the gazetteer does not know, or knows only by its
    vowel-free key, is left out. The cue vouches for the name as a place, so words that are
    rarely towns alone ("Mobile") are taken here; a service word is never a town ("Metro police").
    """
    services = gazetteer.words.services
    found: dict[str, tuple[tuple[Candidate, ...], bool]] = {}

    def lookup(query: str) -> tuple[tuple[Candidate, ...], bool]:
        if query not in found:
            found[query] = (tuple(gazetteer.candidates(query, loose=False)), False)
        return found[query]

    out = []
    for words in _cued_heads(text, PLACE_WORDS["residents"], services):
        # the last words of the run before the cue: "Two Gary men", "Share Memphis police"
        for first in range(max(0, len(words) - _LONGEST), len(words)):
            if text[slice(*words[first])].lower() in _OPENERS:
                continue  # "The Orlando Police Department"
            mention = _mention(text, words[first][0], words[-1][1], gazetteer, lookup, True)
            if mention is not None and mention.candidates and not mention.loose and \
                    mention.span.text.lower() not in services and _named(text, mention):
                out.append(mention)
                break
    return out


def headline_mentions(title: str, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The towns a headline places its story in: a capitalised run after "in", "at", "near"
    ("Teen shot in Evansville parking lot", "Shooting In NW Albuquerque"), or a run opening
    with a direction word ("Downtown Austin shooting"); offsets are into ``title``.

    Headlines capitalise every word, so the town is looked for in the run's first words, and
    kept only when the gazetteer knows it exactly as a town of at least ``_HEADLINE_TOWN``
    people, a province or a country.
    """
    found: dict[str, tuple[tuple[Candidate, ...], bool]] = {}

    def lookup(query: str) -> tuple[tuple[Candidate, ...], bool]:
        if query not in found:
            found[query] = (tuple(gazetteer.candidates(query, loose=False)), False)
        return found[query]

    directions = gazetteer.words.directions
    out = []
    for run in _RUN.finditer(title):
        words = [(run.start() + w.start(), run.start() + w.end())
                 for w in re.finditer(r"\S+", run.group())]
        before = title[max(0, run.start() - 8):run.start()].lower().split()
        # "Shooting In Gary Leaves One Dead": the preposition capitalised inside the run
        inside = [i for i, w in enumerate(words) if title[slice(*w)].lower() in LOCATIVE]
        if inside:
            words = words[inside[-1] + 1:]
            if not words:
                continue
        elif not (before and before[-1] in LOCATIVE) and \
                title[slice(*words[0])].lower() not in directions:
            continue
        mention = _first_town(title, words, gazetteer, lookup, _title_case(title))
        if mention is not None:
            out.append(mention)
    return out


def _first_town(title: str, words: list[tuple[int, int]], gazetteer: Gazetteer,
                lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                title_case: bool) -> PlaceMention | None:
    """The town the run's words name, one leading word passed over if need be ("NW
    Albuquerque"); in a title-case headline the town may be the first words of a longer run
    ("Gary" of "Gary Leaves One Dead"), longest first, where in a sentence-case one a longer run
    is another name ("Martin Luther King Jr")."""
    for skip in (0, 1):
        longest = min(_LONGEST, len(words) - skip) if title_case else len(words) - skip
        for n in range(longest, 0 if title_case else max(longest - 1, 0), -1):
            part = words[skip:skip + n]
            mention = _mention(title, part[0][0], part[-1][1], gazetteer, lookup, True)
            if mention is not None and mention.candidates and not mention.loose and \
                    _sizeable(mention.candidates[0]):
                return mention
    return None


def _title_case(title: str) -> bool:
    """Whether the headline capitalises most of its words ("Man Shot At Bar In Toledo")."""
    words = [w for w in title.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)


# The share of capitalised words that makes a headline title-case.
_TITLE_CASE = 0.75


def _sizeable(top: Candidate) -> bool:
    feature = top.place.feature or ""
    return feature in ("A.PCLI", "A.ADM1") or \
        feature.startswith("P.") and top.population >= _HEADLINE_TOWN


# A headline's capitalised word is a town only if this big: "Killing", "Boy" are villages.
_HEADLINE_TOWN = 5_000
# Prepositions that place a headline's story (places.yaml: locative).
LOCATIVE = frozenset(w for w in PLACE_WORDS["locative"] if " " not in w)


def as_towns(names: Sequence[PlaceMention], backdrop: Sequence[PlaceMention],
             ) -> tuple[PlaceMention, ...]:
    """The article's place names, those it also names as a home or a local service read as
    towns ("Toledo police ... in central Toledo" is the city, not the Spanish province).

    Only a name some city of at least ``_KNOWN_CITY`` people bears exactly: "Kerala police" and
    "Punjab Police" are a state's, and a village of that name is no better than the state.
    """
    towns = {name_key(m.query) for m in backdrop if any(
        (c.place.feature or "").startswith("P.") and c.population >= _KNOWN_CITY
        and name_key(c.place.name) == name_key(m.query) for c in m.candidates)}
    return tuple(replace(m, kind="city") if m.kind is None and name_key(m.query) in towns
                 else m for m in names)


# A town named as a home or a service is read as a town only where so big a city bears the name.
_KNOWN_CITY = 100_000


def _named(text: str, mention: PlaceMention) -> bool:
    """Whether the words are a town's name, not a person's ("Rangel's mother") or a word
    capitalised by its place ("One man was shot", "Many residents"): a single word opening a
    sentence must name a town of at least ``_OPENING_TOWN`` people."""
    span = mention.span
    if _POSSESSIVE_END.search(span.text) or text.startswith(("'s", "’s"), span.end):
        return False
    if " " in span.text or not _is_sentence_start(text, span.start):
        return True
    return mention.candidates[0].population >= _OPENING_TOWN


# "One", "Since", "Many" open sentences and name villages; "Gary police" names a city.
_OPENING_TOWN = 50_000
_POSSESSIVE_END = re.compile(r"['’]s?\Z")
# Capitalised words that open a run without being part of a name. Grammar, not knowledge.
_OPENERS = frozenset({"the", "a", "an"})
# A town's name is at most this many words ("Salt Lake City", "Winston Salem").
_LONGEST = 3


def _cued_heads(text: str, residents: frozenset[str], services: frozenset[str],
                ) -> Iterator[list[tuple[int, int]]]:
    """The words (spans) of each capitalised run before a cue: a service word inside or after
    the run ("Orlando Police Department", "Gary police"), a lower-case residents' word after
    it ("Gary men"), or a home town set off by commas (", of Gary,")."""
    for run in _RUN.finditer(text):
        words = [(run.start() + w.start(), run.start() + w.end())
                 for w in re.finditer(r"\S+", run.group())]
        inside = next((i for i, (s, e) in enumerate(words)
                       if i and text[s:e].lower() in services), None)
        if inside is not None:
            yield words[:inside]
            continue
        after = _NEXT.match(text, run.end())
        word = after.group(1) if after is not None else ""
        cued = word.lower() in services and not word.isupper() or word in residents
        home = _HOME.search(text, max(0, run.start() - 20), run.start()) is not None and \
            _HOME_END.match(text, run.end()) is not None
        if cued or home:
            yield words
