"""Toponym recognition: which words of an article name places, and what each might be.

The parser's GPE/LOC/FAC entities come first; a place the parser tagged PERSON or ORG is taken
only when the gazetteer knows it as a country, province, capital or big city; capitalised words
the parser missed are matched against the gazetteer under the same strict test. Demonyms (NORP)
are never places: "Iraqi forces" locates nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from sys import maxsize

from polemos.gazetteer.lookup import BIG_CITY, BROAD, Candidate, Gazetteer
from polemos.gazetteer.names import fold
from polemos.lexicons import read_lexicon, words
from polemos.model import Entity, TextSpan
from polemos.reading import Kind, PlaceMention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"ORG", "PERSON"})
STRONG = BROAD | {"A.ADM1", "P.PPLC"}
# "South Los Angeles", "West Philadelphia": a city big enough to have named quarters.
DIRECTED_CITY = 100_000
# Capitals of two to four letters are acronyms ("SUV", "UF") more often than towns.
_ACRONYM = re.compile(r"[A-Z]{2,4}\.?")
# Labels under which a name is surely not a place; other labels (PRODUCT, EVENT) are often a
# place the parser did not know, so the gazetteer may still look there.
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "PERCENT",
                             "QUANTITY", "CARDINAL", "ORDINAL", "LAW", "LANGUAGE"})

_WORD = r"(?:[A-Z]\.){2,}|[A-Z][\w’'\-]*\w|[A-Z]"
# Articles hyphened to the next word of a name ("Deir ez-Zor"), in the order tried (places.yaml).
_PLACES, _WHERE = read_lexicon("places.yaml")
_ARTICLE = "(?:" + "|".join(words(_PLACES, "joining_articles", _WHERE("joining_articles"))) + ")[-’']"
_AIRPORT_WORDS = words(_PLACES, "airport_words", _WHERE("airport_words"))
# An airport word in a name or just after it: "Metro airport", "Al Asad air base".
_AIRPORT_SAID = re.compile(r"\b(?:" + "|".join(map(re.escape, _AIRPORT_WORDS)) + r")\b",
                           re.IGNORECASE)
_AIRPORT_FEATURES = frozenset({"S.AIRP", "S.AIRB"})
_COUNTY_WORDS = words(_PLACES, "county_words", _WHERE("county_words"))
_RESIDENTS = frozenset(words(_PLACES, "residents", _WHERE("residents")))
# A run of capitalised words, with the joins names take: "Bay of Pigs", "Deir ez-Zor".
_JOIN = r"of|de|el|al|la|du|del|do|da|dos|das"
_RUN = re.compile(rf"(?<![\w’'\-])(?:{_WORD})(?:(?:[ ](?:(?:{_JOIN})[ ](?:the[ ])?)?"
                  rf"|[ ]{_ARTICLE})(?:{_WORD}))*")
_POSSESSIVE = re.compile(r"(?:['’]s?|[.,;:!?\"”“)(\]\[])+$")
_SENTENCE_END = ".!?\n\"“”:;"
# What follows or precedes a name to say its kind: "Washington state", "the province of Idlib".
_NEXT_WORD = re.compile(r"[ ]([a-z]+)\b")
_OF_KIND = re.compile(r"\b([A-Za-z]+) of[ ]\Z")
_LIST_GAP = re.compile(r",[ ]?(?:and[ ]|or[ ])?|[ ](?:and|or)[ ]")
# A dateline: capitals opening the text, a line or a sentence, then a comma, a bracket, a dash
# or (at the very start) the story's first word: "DETROIT The ...", "BANTAM — A ...".
_DATELINE = re.compile(r"(?:^|\n|[.!?] )([A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+)*)"
                       r"(?=,| ?\(| ?[-—–]+ |(?<=^[A-Z]{3}) [A-Z][a-z]| [A-Z][a-z])")


def place_mentions(text: str, entities: Sequence[Entity], gazetteer: Gazetteer,
                   ) -> list[PlaceMention]:
    """Every place-like span of the text with its candidates, in text order."""
    found: dict[str, tuple[tuple[Candidate, ...], bool]] = {}

    def lookup(query: str) -> tuple[tuple[Candidate, ...], bool]:
        if query not in found:
            exact = tuple(gazetteer.candidates(query, loose=False))
            if exact:
                found[query] = (exact, False)
            else:
                found[query] = (tuple(gazetteer.candidates(query)), True)
        return found[query]

    mentions: list[PlaceMention] = []
    taken = _Spans((e.start, e.end) for e in entities if e.label in BLOCKING_LABELS | PLACE_LABELS)
    runs = [m.span() for m in _RUN.finditer(text)]
    # Names the parser saw but typed oddly ("Qaim" as PRODUCT): the gazetteer may claim them.
    misnamed = _Spans((e.start, e.end) for e in entities
                      if e.label not in BLOCKING_LABELS | PLACE_LABELS)
    for match in _DATELINE.finditer(text):  # "BAGHDAD (Reuters) -": the story's own place
        mention = _mention(text, match.start(1), match.end(1), gazetteer, lookup, True)
        if mention is not None and mention.candidates and not mention.loose and \
                (mention.candidates[0].population >= 1000
                 or mention.candidates[0].place.feature in STRONG):
            mentions.append(mention)
            taken.add(*match.span(1))
    placed = _Spans((m.span.start, m.span.end) for m in mentions)
    # A word of a full personal name elsewhere ("Ali Altintas") is that person here too; a lone
    # word the parser called a person ("attacked Goma") is no evidence against a big city.
    person_words = {w for e in entities if e.label == "PERSON" and " " in e.text.strip()
                    for w in e.text.split()}
    for ent in entities:
        if ent.label not in PLACE_LABELS | MAYBE_PLACE_LABELS:
            continue
        if placed.overlaps(ent.start, ent.end):
            continue
        for start, end in _parts(text, ent.start, ent.end):
            mention = _longer_run(text, start, end, runs, gazetteer, lookup) or \
                _mention(text, start, end, gazetteer, lookup, ent.label in PLACE_LABELS)
            if mention is not None and _is_persons(mention, person_words):
                continue  # "Paterson" after "Tom Paterson" is the man, not the city
            if mention is not None and (ent.label in PLACE_LABELS or _is_strong(mention, text)):
                mentions.append(mention)
                placed.add(mention.span.start, mention.span.end)
            elif ent.label == "ORG":
                for inner in _from_organisation(text, start, end, mention, gazetteer, lookup):
                    mentions.append(inner)
                    placed.add(inner.span.start, inner.span.end)
    for match in _RUN.finditer(text):
        for start, end in _parts(text, *match.span()):
            if taken.overlaps(start, end):
                continue
            mention = _mention(text, start, end, gazetteer, lookup, False)
            if mention is None or not mention.candidates or mention.loose or \
                    _is_persons(mention, person_words):
                continue
            if _is_strong(mention, text):
                mentions.append(mention)
            elif not _is_sentence_start(text, start) and misnamed.overlaps(start, end):
                mentions.append(replace(mention, weak=True))  # kept if the story agrees
    return _with_kinds(text, sorted(mentions, key=lambda m: (m.span.start, m.span.end)),
                       gazetteer)


def _with_kinds(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer,
                ) -> list[PlaceMention]:
    """Mentions given the kind the words around them say: "Washington state", "the state of
    Washington", or a list of one country's provinces ("Utah, Washington and Ohio")."""
    words = gazetteer.words
    out = []
    for i, m in enumerate(mentions):
        kind = m.kind
        after = _NEXT_WORD.match(text, m.span.end)
        before = _OF_KIND.search(text, max(0, m.span.start - 40), m.span.start)
        if kind is None and after is not None and after.group(1) in words.admin_words:
            kind = "admin"
        elif kind is None and after is not None and after.group(1) in words.city_words:
            kind = "city"
        elif kind is None and (before is not None and before.group(1).lower() in words.admin_words
                               or _in_province_list(text, mentions, i)):
            kind = "admin"
        elif kind is None and before is not None and before.group(1).lower() in words.city_words:
            kind = "city"  # "the town of Qayyarah", "the city of Turkey"
        out.append(m if kind == m.kind else replace(m, kind=kind))
    return out


def _in_province_list(text: str, mentions: list[PlaceMention], i: int) -> bool:
    """Whether a list names this name beside a province of a country where it is a province."""
    own = {c.place.country for c in mentions[i].candidates if c.place.feature == "A.ADM1"}
    for j in (i - 1, i + 1):
        if not 0 <= j < len(mentions) or not own:
            continue
        first, second = sorted((mentions[i], mentions[j]), key=lambda m: m.span.start)
        other = mentions[j].candidates
        if _LIST_GAP.fullmatch(text[first.span.end:second.span.start]) and other and \
                other[0].place.feature == "A.ADM1" and other[0].place.country in own:
            return True
    return False


def _is_persons(mention: PlaceMention, person_words: set[str]) -> bool:
    """A word of a person's name elsewhere in the story, unless it names a country."""
    top = mention.candidates[0].place.feature if mention.candidates else None
    return mention.span.text in person_words and top not in BROAD


def _from_organisation(text: str, start: int, end: int, mention: PlaceMention | None,
                       gazetteer: Gazetteer,
                       lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                       ) -> list[PlaceMention]:
    """A place inside an organisation's name: all of it ("Toronto" the team, kept only if the
    story is about Canada), or its leading place ("U.S. Army", "Texas Department of ...")."""
    whole = mention is not None and mention.candidates and not mention.loose and \
        mention.span.start == start and mention.span.end == end
    if whole and mention is not None and not mention.span.text.isupper():
        return [replace(mention, weak=True)]
    served = _served_place(text, start, end, gazetteer, lookup)
    if served is not None:
        return [served]
    lead = _RUN.match(text, start)
    if lead is None or " " not in text[start:end]:
        return []
    first = _parts(text, start, start + len(lead.group().split()[0]))
    head = first and _mention(text, *first[0], gazetteer, lookup, False)
    return [head] if head and _is_strong(head, text) else []


def _served_place(text: str, start: int, end: int, gazetteer: Gazetteer,
                  lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                  ) -> PlaceMention | None:
    """The town or county a local service is named for: "Wetumpka Police Department"."""
    words = list(re.finditer(r"[^\s]+", text[start:end]))
    for i, word in enumerate(words[1:], start=1):
        if _POSSESSIVE.sub("", word.group()).lower() in gazetteer.words.services:
            head = (start + words[0].start(), start + words[i - 1].end())
            mention = _mention(text, *head, gazetteer, lookup, False)
            if mention is not None and mention.candidates and not mention.loose:
                return mention
            return None
    return None


def _longer_run(text: str, start: int, end: int, runs: list[tuple[int, int]],
                gazetteer: Gazetteer, lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                ) -> PlaceMention | None:
    """The whole name when the parser cut it short ("Deir" of "Deir ez-Zor"), if it resolves.

    ``runs`` are in text order and do not overlap: only the last starting at or before ``start``
    can hold the name (found by bisection: an article has thousands of runs and entities)."""
    k = bisect_right(runs, (start, maxsize)) - 1
    for s, e in runs[max(k, 0):k + 1]:
        if not (s <= start and end <= e and (s, e) != (start, end)):
            continue
        # the run, then the run without its leading words ("In Goz Beida" -> "Goz Beida")
        heads = [s] + [s + w.start() + 1 for w in re.finditer(r" (?=\S)", text[s:start])]
        for head in heads:
            if (head, e) == (start, end):
                break
            mention = _mention(text, head, e, gazetteer, lookup, True)
            if mention is None or not mention.candidates or mention.loose:
                continue
            # a long run is taken only when it names a country ("Democratic Republic of the Congo")
            if e - head <= 3 * (end - start) + 12 or mention.candidates[0].place.feature in BROAD:
                return mention
    return None


class _Spans:
    """Character spans, asked in log time whether a span overlaps one of them (a list scanned
    for every entity and run made long articles quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [s, e) has s < end and start < e."""
        # a span starting before start - longest ends before start
        lo = bisect_left(self._spans, (start - self._longest,))
        hi = bisect_left(self._spans, (end,))
        return any(start < e for _, e in self._spans[lo:hi])


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entity trimmed of "the" and possessives, split at commas ("Pandi, Bulacan")."""
    parts = []
    for piece in re.finditer(r"[^,]+", text[start:end]):
        s, e = start + piece.start(), start + piece.end()
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        s += lead
        chunk = chunk.strip()
        if chunk.lower().startswith("the "):
            s, chunk = s + 4, chunk[4:]
        tail = _POSSESSIVE.search(chunk)
        if tail and not re.fullmatch(r"(?:[A-Z]\.)+", chunk):  # keep the dots of "U.S."
            chunk = chunk[: tail.start()]
        chunk = chunk.rstrip()
        if chunk:
            parts.append((s, s + len(chunk)))
    return parts


def _mention(text: str, start: int, end: int, gazetteer: Gazetteer,
             lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]], from_ner: bool,
             ) -> PlaceMention | None:
    """The span's candidates, trying it whole, then without a direction or kind word."""
    words = gazetteer.words
    phrase = text[start:end]
    tokens = phrase.split()
    if not tokens or (not from_ner and len(tokens) == 1 and tokens[0].lower() in words.not_places):
        return None
    if not any(ch.isupper() for ch in phrase):
        return None  # "n’t", "the west": place names are written with a capital
    if len(tokens) == 1 and tokens[0].lower() in words.directions:
        return None  # "the Northeast", "Western": a direction, not Iceland's or Fiji's region
    if len(tokens) == 1 and tokens[0].lower().rstrip(".") in words.street_words and \
            _NUMBERED.search(text, max(0, start - 12), start):
        return None  # "12th Street", "5th Ave.": a numbered street, not Street, Somerset
    if len(tokens) == 1 and tokens[0].lower() in words.services and \
            _heads_service(text, end, words.services):
        return None  # "Metro police", "Metro Transit": a service's name, not Metro, Indonesia
    if len(tokens) > 1 and tokens[-1].lower().rstrip(".") in words.street_words:
        # "Park Street", "Baymeadows Road": a street no gazetteer of ours holds
        if not from_ner:
            return None
        return _county_of_facility(text, start, tokens, lookup) or \
            PlaceMention(TextSpan(phrase, start, end), phrase, (), None, from_ner)
    variants: list[tuple[str, Kind | None]] = [(phrase, None)]
    bare = _POSSESSIVE.sub("", phrase)
    if bare != phrase and bare:
        variants.insert(0, (bare, None))  # "Canada's" is Canada, not Cañadas
    if len(tokens) == 1 and text[end:end + 1] == "." and len(phrase) <= 5:
        variants.insert(0, (phrase + ".", None))  # "Calif.", "Man." (sentence dots too)
    body: list[str] = tokens
    kind: Kind | None = None
    if len(body) > 2 and body[0].lower() in words.admin_words and body[1] == "of":
        body, kind = body[2:], "admin"  # "County of Brant", "Province of Quebec"
    elif len(body) > 1 and body[-1].lower() in words.admin_words:
        body, kind = body[:-1], "admin"
    elif len(body) > 1 and body[-1].lower() in words.city_words:
        body, kind = body[:-1], "city"
    directed = len(body) > 1 and body[0].lower() in words.directions
    if directed:
        body = body[1:]
    if body != tokens:
        variants.append((" ".join(body), kind))
    for query, hint in variants:
        candidates, loose = lookup(query)
        if loose and from_ner and query == phrase:
            # "Miami-Dade", "Broward": a county named bare, before any name spelled near it
            counties = _bare_county(phrase, lookup)
            if counties:
                candidates, loose, hint = counties, False, "admin"
        candidates = _airports_said(candidates, query, text, end)
        if _ACRONYM.fullmatch(query):  # "SUV", "UF": only a country or its own name
            candidates = tuple(c for c in candidates if c.place.feature in STRONG - {"P.PPLC"}
                               or c.place.source == "polemos"
                               or fold(c.place.name) == fold(query))  # not "Laa" for "LA"
        if candidates and directed and query != phrase and \
                not _takes_direction(candidates[0], tokens[0][:1].isupper()):
            continue  # "West Midlands" is not a Midlands; "northern Iraq" is Iraq
        if candidates:
            stop = start + len(query) if query.endswith(".") and not phrase.endswith(".") \
                else end
            span = TextSpan(text[start:stop], start, stop)
            return PlaceMention(span, query, candidates, hint, from_ner, loose)
    span = TextSpan(phrase, start, end)
    if not from_ner:
        return None
    return _county_of_facility(text, start, tokens, lookup) or \
        PlaceMention(span, phrase, (), None, from_ner)


def _county_of_facility(text: str, start: int, tokens: Sequence[str],
                        lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                        ) -> PlaceMention | None:
    """The county opening a facility's or office's name: "Trumbull County Jail", "Bulloch
    County Sheriff's Office", "Lucas County Common Pleas" say which state the story is in."""
    cut = next((i for i, w in enumerate(tokens) if 0 < i < len(tokens) - 1
                and w in _COUNTY_WORDS), None)
    if cut is None:
        return None
    query = " ".join(tokens[:cut + 1])
    found, loose = lookup(query)
    counties = tuple(c for c in found if c.place.feature == "A.ADM2")
    if loose or not counties or not text.startswith(query, start):
        return None
    return PlaceMention(TextSpan(query, start, start + len(query)), query, counties, "admin",
                        True)


def _bare_county(phrase: str, lookup: Callable[[str], tuple[tuple[Candidate, ...], bool]],
                 ) -> tuple[Candidate, ...]:
    """The counties a name nothing else is called stands for ("Miami-Dade" police)."""
    for word in _COUNTY_WORDS:
        found, loose = lookup(f"{phrase} {word}")
        counties = tuple(c for c in found if c.place.feature == "A.ADM2")
        if counties and not loose:
            return counties
    return ()


# A number or ordinal just before a name: "12th Street", "5th Ave".
_NUMBERED = re.compile(r"\b\d+(?:st|nd|rd|th)?[^\S\n]+\Z", re.IGNORECASE)
# The word after a service word that makes it part of a service's name ("Metro police",
# "Metro students", "Metro Transit Authority").
_SERVICE_NEXT = re.compile(r"[^\S\n]+([A-Za-z]+)")


def _heads_service(text: str, end: int, services: frozenset[str]) -> bool:
    """Whether the word after ``end`` continues a service's name: a capitalised word, or a
    people or service word (places.yaml ``residents``, words.yaml ``services``)."""
    after = _SERVICE_NEXT.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    return word[0].isupper() or word.lower() in _RESIDENTS | services


def _airports_said(candidates: tuple[Candidate, ...], query: str, text: str, end: int,
                   ) -> tuple[Candidate, ...]:
    """The candidates without airports the text does not call one.

    airportsdata gives a served airport its bare name too ("Metro", "Lowcountry"), and a bare
    name is mostly a common word or a region's; the airport needs its full name, or an airport
    word in the name or right after it ("Metro airport", "Al Asad air base").
    """
    if not any(c.place.feature in _AIRPORT_FEATURES for c in candidates):
        return candidates
    after = " ".join(text[end:end + 40].split()[:2])
    if _AIRPORT_SAID.search(query) or _AIRPORT_SAID.match(after):
        return candidates
    return tuple(c for c in candidates if c.place.feature not in _AIRPORT_FEATURES
                 or fold(c.place.name) == fold(query))


def _takes_direction(top: Candidate, named: bool = False) -> bool:
    """Whether "South <name>" still lies in the named place: a country, province or big city.

    A capitalised direction is part of a region's own name ("Central Plateau", "Southern
    Europe"), so then only a country or a big city ("South Los Angeles") takes it.
    """
    feature = top.place.feature or ""
    if feature.startswith("P."):
        return top.population >= DIRECTED_CITY
    return feature == "A.PCLI" if named else feature in BROAD or feature == "A.ADM1"


def _is_strong(mention: PlaceMention, text: str) -> bool:
    """Whether a span the parser did not call a place still surely names one."""
    if not mention.candidates or mention.loose:
        return False
    top = mention.candidates[0]
    if top.place.feature in BROAD:
        return True
    if _is_sentence_start(text, mention.span.start):
        return False  # "Police said", "Mobile phones": capitalised only by position
    return top.place.feature in STRONG or top.population >= BIG_CITY or top.prior >= 60


def _is_sentence_start(text: str, start: int) -> bool:
    k = start  # the last character before ``start`` that is not a space (no copy of the text)
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k == 0 or text[k - 1] in _SENTENCE_END
