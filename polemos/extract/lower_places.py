"""Place names in lower-cased text: "two maoists were killed in gadchiroli district".

The capitalised-run reading in ``place_names`` finds nothing in text typed or scraped without
capitals, and the parser rarely tags a lower-cased name. When the text *is* lower-cased (its
casing measured, ``is_lower_cased``), runs of one to four words are looked up in the gazetteer
by their case-folded key (the index is keyed that way: one indexed query per run, rather than a
``PhraseMatcher`` over all the index's names built in every process), and a
run is taken for a place only with a cue and past the guards that keep precision:

- a cue: a locative word just before it ("in", "near", "from"), a kind word just after it
  ("district", "police station", "village"), or a list continuing a place ("alwar, rajasthan");
- a name that is also an English word (the model's own lemma index, ``nlp.english_words``) is a
  place only when it is a country, a province or a big city ("in jordan", "near lucknow"), and
  one that is an English verb, adjective or adverb ("male", "nice") only with a cue;
- a country, a province or a big city whose name is no English verb, adjective or adverb needs
  no cue ("turkey's president", "the united states and canada");
- a small place (under ``MIN_POPULATION``) is taken only with a kind word after it.

The guards were measured on the tune halves of TR-News and GeoVirus lower-cased: recall 0.58 and
0.75 at precision 0.93 and 0.95, where nothing was found before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from polemos.gazetteer.lookup import BIG_CITY, BROAD, Candidate, Gazetteer
from polemos.gazetteer.names import PLACE_WORDS, fold
from polemos.model import TextSpan
from polemos.nlp import EnglishWords
from polemos.reading import Kind, PlaceMention

# Below this share of title-case words (not opening a sentence) a text is lower-cased: news
# written with capitals has one in six or more; acronyms ("CRPF", "SP") do not count, as
# lower-cased Indian news keeps them.
LOWER_SHARE = 0.02
MIN_WORDS = 4  # a shorter text says nothing about its casing
LONGEST = 4  # words in a name: "jammu and kashmir", "dera ismail khan"
# A town this small is taken only with its kind said ("in kathua village"): small towns share
# their names with people and words far more often than with the place meant.
MIN_POPULATION = 20_000
_WORD = re.compile(r"[^\W\d_]+(?:[’'\-.][^\W\d_]+)*", re.UNICODE)
_TITLE = re.compile(r"[A-Z][a-z]")
_SENTENCE_END = re.compile(r"[.!?:;\"“”\n]\s*\Z")
_LIST_GAP = re.compile(r",[ ]?(?:and[ ]|or[ ])?|[ ](?:and|or)[ ]")
_BEFORE = frozenset(p for p in PLACE_WORDS["locative"] if " " not in p) \
    | PLACE_WORDS["lower_case_before"]
_KINDS = PLACE_WORDS["lower_case_kinds"]
_NOT_PLACES = PLACE_WORDS["lower_case_not_places"]
_ADMIN_FEATURES = frozenset({"A.ADM1", "A.ADM2"})


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # lower case
    start: int
    end: int


def is_lower_cased(text: str) -> bool:
    """Whether the text was written without capitals: few title-case words past sentence starts.

    >>> is_lower_cased("police nabbed two men in lucknow on monday.")
    True
    """
    words = title = 0
    for match in _WORD.finditer(text):
        if _SENTENCE_END.search(text, max(0, match.start() - 3), match.start()) or \
                match.start() == 0:
            continue
        words += 1
        title += bool(_TITLE.match(match.group()))
    return words >= MIN_WORDS and title < LOWER_SHARE * words


def lower_place_mentions(text: str, gazetteer: Gazetteer, common: EnglishWords,
                         stop_words: frozenset[str],
                         taken: Callable[[int, int], bool] = lambda s, e: False,
                         ) -> list[PlaceMention]:
    """The place names of a lower-cased text, with their candidates, in text order.

    ``common`` are ordinary English words, ``stop_words`` words never opening or closing a name;
    ``taken(start, end)`` says a span is already read (a place, a person).
    """
    words = [_Word(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    kinds = _kind_starts(text, words, gazetteer)
    found: list[PlaceMention] = []
    i = 0
    while i < len(words):
        mention = _longest_at(text, words, i, gazetteer, common, stop_words, kinds, found)
        if mention is None or taken(mention.span.start, mention.span.end):
            i += 1
            continue
        found.append(mention)
        i += len(mention.span.text.split())
    return found


def _kind_starts(text: str, words: list[_Word], gazetteer: Gazetteer) -> dict[int, str]:
    """Where a kind word ("district", "police station") starts, by word index, and its text."""
    single = gazetteer.words.admin_words | gazetteer.words.city_words | _KINDS
    out = {}
    for i, word in enumerate(words):
        two = f"{word.text} {words[i + 1].text}" if i + 1 < len(words) else ""
        if two in _KINDS:
            out[i] = two
        elif word.text in single:
            out[i] = word.text
    return out


def _longest_at(text: str, words: list[_Word], i: int, gazetteer: Gazetteer,
                common: EnglishWords, stop_words: frozenset[str], kinds: dict[int, str],
                found: list[PlaceMention]) -> PlaceMention | None:
    """The longest name starting at word ``i`` that passes the cues and guards, if any."""
    if words[i].text in stop_words or i in kinds:
        return None
    for n in range(min(LONGEST, len(words) - i), 0, -1):
        run = words[i:i + n]
        if run[-1].text in stop_words:
            continue
        if any(text[a.end:b.start] != " " for a, b in zip(run, run[1:], strict=False)):
            continue
        phrase = text[run[0].start:run[-1].end]
        candidates, by_alias = _own_names(phrase, gazetteer.candidates(phrase, loose=False))
        if not candidates:
            continue
        kind_after = kinds.get(i + n)
        feature = candidates[0].place.feature
        if by_alias and kind_after is None and feature not in BROAD | _ADMIN_FEATURES:
            continue
        if _passes(text, words, i, n, candidates, common, gazetteer, kind_after, found):
            kind: Kind | None = "admin" if kind_after in gazetteer.words.admin_words else \
                "city" if kind_after in gazetteer.words.city_words else None
            span = TextSpan(phrase, run[0].start, run[-1].end)
            return PlaceMention(span, phrase, tuple(candidates), kind, False)
    return None


def _own_names(phrase: str, candidates: list[Candidate]) -> tuple[list[Candidate], bool]:
    """The candidates named so themselves, and False; else all of them and True (known by the
    phrase only as another name: "turkey" for Türkiye, "gadchiroli" for Garhchiroli).

    A town found only by another name needs its kind said ("gadchiroli district"): in
    lower-cased text the index's aliases and folding make towns of words ("media" Médéa,
    "kill" Kiel)."""
    folded = fold(phrase)
    own = [c for c in candidates if fold(c.place.name) == folded]
    return (own, False) if own else (candidates, True)


def _passes(text: str, words: list[_Word], i: int, n: int, candidates: list[Candidate],
            common: EnglishWords, gazetteer: Gazetteer, kind_after: str | None,
            found: list[PlaceMention]) -> bool:
    """Whether the run of ``n`` words at ``i`` has a cue and clears the guards."""
    run, top = words[i:i + n], candidates[0]
    phrase = text[run[0].start:run[-1].end]
    if phrase in _NOT_PLACES or n == 1 and (run[0].text in gazetteer.words.not_places
                   or run[0].text in gazetteer.words.directions):
        return False
    broad = top.place.feature in BROAD or top.place.feature in _ADMIN_FEATURES
    big = broad or top.population >= BIG_CITY
    if all(w.text in common.others for w in run):
        # a verb or adjective: "male", "far north" only as "... district"; "shanghai", "nice"
        # (big places) after "in" too
        return kind_after is not None or (n == 1 and big and _cue_before(text, words, i))
    if all(w.text in common.nouns or w.text in common.others for w in run):
        return big  # "camp", "border", "mob" are words before they are villages
    if kind_after is not None or big:
        return True
    if top.population < MIN_POPULATION:
        return False
    return _cue_before(text, words, i) or _continues_list(text, run[0].start, found)


def _cue_before(text: str, words: list[_Word], i: int) -> bool:
    """A locative word just before the name, or "the" after one ("in the punjab")."""
    k = i - 1
    if k >= 0 and words[k].text == "the":
        k -= 1
    return k >= 0 and words[k].text in _BEFORE and text[words[k].end:words[k + 1].start] == " "


def _continues_list(text: str, start: int, found: list[PlaceMention]) -> bool:
    """Whether the name follows a place just found, after a comma or "and": "alwar, rajasthan"."""
    return bool(found) and _LIST_GAP.fullmatch(text[found[-1].span.end:start]) is not None
