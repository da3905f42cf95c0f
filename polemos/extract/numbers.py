"""How many: counts of dead, injured and arrested people stated in a sentence.

"killed 15 people", "at least 12 dead", "two soldiers were wounded", "a man was shot dead",
"left three people dead", "wounding five others", "dozens were arrested" (a floor), "shot and killed
him", "Ana Ruiz, 31, died", "his wife and daughter were killed", "killed two before killing
himself" (the attacker's death counts too). Counts are read only next to casualty words and within
a line; a number followed by an age, time, address, measure or money word is not a count of
people, and one followed by a period ("killed in July", "so far this year") is a tally.
Vocabulary lives in ``polemos/data/lexicon/{numbers,casualties}.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from polemos.errors import KnowledgeError
from polemos.extract.lexicon_files import read_lexicon, readers, words
from polemos.model import Casualties

Category = Literal["dead", "injured", "arrested", "shot"]
CATEGORIES: tuple[Category, ...] = ("dead", "injured", "arrested", "shot")
_SP = r"[^\S\n]+"  # spaces within a line: a count never reaches across a headline's line break
# Between the victims and the casualty word: auxiliaries and adverbs that do not change the count.
_AUX = (r"(?:were|was|are|is|be|been|being|have|has|had|reportedly|also|later|all|both|each|"
        r"allegedly|apparently|initially|who|that|then|subsequently|eventually|not|critically|"
        r"seriously|badly|gravely|slightly|in|the|attack|shooting|incident|blast|found|accidentally|"
        r"mistakenly|unintentionally|now)")


def _alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of phrases, longest first so the most specific wins."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Number words: cardinals, ordinals, and quantity words with the least they mean."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    ordinals: dict[str, int]
    singular: tuple[str, ...]
    determiners: tuple[str, ...]
    exact: dict[str, int]
    vague: dict[str, int]
    floor_hedges: tuple[str, ...]
    hedges: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> NumberLexicon:
        """Read numbers.yaml (or ``path``); raises KnowledgeError when it is malformed."""
        data, where_of = read_lexicon("numbers.yaml", path)
        t, w = readers(data, where_of)
        return cls(t("units"), t("tens"), t("scales"), t("ordinals"), w("singular"),
                   w("determiners"), t("exact"), t("vague"), w("floor_hedges"), w("hedges"))

    def word_number_pattern(self) -> str:
        """Regex for a cardinal in words: "three", "twenty-five", "one hundred and two"."""
        word = _alternation([*self.units, *self.tens, *self.scales])
        return rf"(?:{word})(?:(?:-|\s+|\s+and\s+)(?:{word}))*"

    def cardinal_pattern(self) -> str:
        """Regex for a cardinal in digits ("1,200", "15") or in words."""
        return rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{self.word_number_pattern()})"

    def value(self, phrase: str) -> int | None:
        """The value of a cardinal in digits or words ("1,200" -> 1200, "twenty-five" -> 25)."""
        text = phrase.lower().strip()
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
            return int(text.replace(",", ""))
        total = current = 0
        seen = False
        for token in re.split(r"[\s-]+", text):
            if token == "and":
                continue
            if token in self.units or token in self.tens:
                current += self.units.get(token, 0) + self.tens.get(token, 0)
            elif token in self.scales:
                current = max(current, 1) * self.scales[token]
                if self.scales[token] >= 1000:
                    total, current = total + current, 0
            elif token in self.ordinals:
                current += self.ordinals[token]
            else:
                return None
            seen = True
        return total + current if seen else None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count read from words: its value and whether it is only a floor ("dozens", "at least")."""

    value: int
    is_floor: bool


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Casualty words by category, victim nouns between a count and them, non-people words."""

    numbers: NumberLexicon
    after: dict[Category, tuple[str, ...]]
    before: dict[Category, tuple[str, ...]]
    left: dict[Category, tuple[str, ...]]
    people_words: tuple[str, ...]
    not_people: tuple[str, ...]
    not_names: tuple[str, ...]
    self_inflicted: tuple[str, ...] = ()
    object_pronouns: tuple[str, ...] = ()
    tally_cues: tuple[str, ...] = ()
    single_subjects: tuple[str, ...] = ()
    irregular_plurals: tuple[str, ...] = ()
    then_dead: tuple[str, ...] = ()
    intent_verbs: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path | None = None, numbers: NumberLexicon | None = None,
             ) -> CasualtyLexicon:
        """Read casualties.yaml (or ``path``); raises KnowledgeError when it is malformed."""
        data, where_of = read_lexicon("casualties.yaml", path)
        _, w = readers(data, where_of)
        after: dict[Category, tuple[str, ...]] = {}
        before: dict[Category, tuple[str, ...]] = {}
        left: dict[Category, tuple[str, ...]] = {}
        for cat in CATEGORIES:
            part = data.get(cat)
            if not isinstance(part, dict):
                raise KnowledgeError("expected a mapping with after/before/left",
                                     where=where_of(cat), field=cat)
            after[cat] = words(part, "after", where_of(cat))
            before[cat] = words(part, "before", where_of(cat))
            left[cat] = words(part, "left", where_of(cat))
        return cls(numbers or NumberLexicon.load(), after, before, left,
                   w("people_words"), w("not_people"), w("not_names"), w("self_inflicted"),
                   w("object_pronouns"), w("tally_cues"), w("single_subjects"),
                   w("irregular_plurals"), w("then_dead"), w("intent_verbs"))

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled patterns: count-then-word, word-then-count, "left N dead", one victim."""
        n = self.numbers
        quantity = (rf"(?P<hedge>(?:{_alternation([*n.floor_hedges, *n.hedges])}){_SP})?"
                    rf"(?P<q>{_alternation([*n.exact, *n.vague])}|{n.cardinal_pattern()}|"
                    rf"{_alternation([*n.singular, *n.determiners])}|no{_SP}one|nobody|none|no)")
        people = _alternation(self.people_words)
        victim = (rf"(?P<v>(?:(?:[\w'-]+|\d+-year-old){_SP}){{0,2}}?(?:{people})"
                  rf"(?:{_SP}(?:{people})){{0,2}})(?:,{_SP}\d{{1,3}},)?")
        after = "|".join(rf"(?P<a_{c}>{_alternation(self.after[c])})" for c in CATEGORIES
                         if self.after[c])
        before = "|".join(rf"(?P<b_{c}>{_alternation(self.before[c])})" for c in CATEGORIES
                          if self.before[c])
        left = "|".join(rf"(?P<l_{c}>{_alternation(self.left[c])})" for c in CATEGORIES
                        if self.left[c])
        not_people = _alternation(self.not_people)
        not_names = _alternation(self.not_names)
        # a number before ":30" or ".5" is a clock time or a decimal, not people
        guard = rf"(?<![$€£\d.,:])\b{quantity}\b(?![:.]\d)(?!\s*(?:{not_people})\b)(?!-)"
        name = r"(?-i:[A-Z][a-z]+)"
        full_name = rf"(?-i:[A-Z][\w'’.-]+(?:{_SP}[A-Z][\w'’.-]+){{1,3}})"
        pronoun = _alternation(self.object_pronouns) or "(?!)"
        dead_before = _alternation(self.before["dead"])
        dead_after = _alternation(self.after["dead"])
        then_dead = (rf"(?:{_alternation(self.after['shot'])})\b[^.;:\n]{{0,40}}?\band{_SP}"
                     rf"(?:(?:later|was|were|then){_SP}){{0,2}}"
                     rf"(?P<a_dead>{_alternation(self.then_dead) or '(?!)'})\b")
        named = rf"(?!(?:{not_names})\b){full_name}(?:,{_SP}\d{{1,3}},?)?"
        one = (rf"(?:(?:{_alternation(self.numbers.determiners)}|a|an|their){_SP})?"
               rf"(?:[\w'-]+{_SP})?(?:{people})")
        return (
            re.compile(rf"{guard}{_SP}(?:{victim}{_SP})?(?:{_AUX}{_SP}){{0,4}}(?:{after})\b", re.I),
            re.compile(rf"\b(?:{before}){_SP}{guard}(?:{_SP}{victim})?(?![\w-])", re.I),
            re.compile(rf"\b(?:left|leaving|leaves){_SP}{guard}{_SP}(?:{victim}{_SP})?(?:{left})\b",
                       re.I),
            # one victim named or told by a singular verb: "Tyson was killed", "who died",
            # "the fatal shooting of 15-year-old Trinity Gay"
            re.compile(rf"\b(?P<sg>was|has{_SP}been|had{_SP}been|is){_SP}(?:{_AUX}{_SP}){{0,2}}"
                       rf"(?:{after})\b", re.I),
            re.compile(rf"\b(?P<sg>{_alternation(self.single_subjects) or '(?!)'}){_SP}"
                       rf"(?:later{_SP})?(?P<a_dead>died|succumbed)\b", re.I),
            # shot, then dead in the same clause: "one man was shot twice and pronounced dead"
            re.compile(rf"{guard}{_SP}(?:{victim}{_SP})?(?:{_AUX}{_SP}){{0,4}}{then_dead}", re.I),
            re.compile(rf"\b(?P<sg>was){_SP}(?:{_AUX}{_SP}){{0,2}}{then_dead}", re.I),
            # two people joined by "and" with a plural verb: "his mother and grandmother were
            # shot and killed"
            re.compile(rf"\b(?P<pair>{one}{_SP}and{_SP}{one}){_SP}(?:{_AUX}{_SP}){{0,4}}"
                       rf"(?:{after})\b", re.I),
            # two named people, ages in apposition: "Ana Ruiz, 31, and Tom Lee, 40, were killed"
            re.compile(rf"(?P<names>{named}{_SP}and{_SP}{named}){_SP}(?:{_AUX}{_SP}){{0,4}}"
                       rf"(?P<a_dead>{dead_after})\b", re.I),
            re.compile(rf"\b(?:{before}){_SP}(?P<sg>(?:\d+-year-old{_SP})?(?!(?:{not_names})\b)"
                       rf"{name}(?:{_SP}{name})?)\b", re.I),
            # a pronoun object stands for one victim: "shot and killed him", "killing her"
            re.compile(rf"\b(?P<b_dead>{dead_before}){_SP}(?P<sg>{pronoun})\b"
                       rf"(?!{_SP}(?:[\w'-]+{_SP}){{0,2}}?(?:{people})\b)", re.I),
            # a name, or a person with an age in apposition, dying: "Ana Ruiz, 31, died",
            # "Kevin Brown died Monday"
            re.compile(rf"(?P<sg>(?!(?:{not_names})\b){full_name}(?:,{_SP}\d{{1,3}},)?|"
                       rf"\b(?i:(?:the|a|an|one){_SP}(?:{people})),{_SP}\d{{1,3}},){_SP}"
                       rf"(?:(?:later|also|then){_SP})?(?P<a_dead>{dead_after})\b"),
        )

    def self_inflicted_pattern(self) -> re.Pattern[str]:
        """A death by the attacker's own hand, and the victims killed with it ("his wife and")."""
        dead_before = _alternation(self.before["dead"])
        return re.compile(
            rf"\b(?:{_alternation(self.self_inflicted)})\b|"
            rf"\b(?P<with>{dead_before}){_SP}[^.;:]{{1,60}}?(?:,|\band){_SP}(?:then{_SP})?"
            rf"(?:him|her)self\b", re.I)

    def intent_pattern(self) -> re.Pattern[str]:
        """Words right before an active casualty verb that make it an aim ("planned to kill")."""
        verbs = _alternation(self.intent_verbs) or "(?!)"
        return re.compile(rf"\b(?:{verbs}){_SP}to{_SP}$", re.I)

    def tally_pattern(self) -> re.Pattern[str]:
        """Words right after a casualty word that make its count a tally over a period."""
        cues = _alternation(self.tally_cues)
        return re.compile(rf"\b(?:{cues}|in{_SP}(?:1[89]|20)\d\d)\b", re.I)


def _quantity(lex: CasualtyLexicon, match: re.Match[str], sentence: str) -> Quantity | None:
    """The count a match stands for, or None when it is not a count of people."""
    groups = match.groupdict()
    if groups.get("names"):  # two named people: a surname ending in -s is not a plural
        return Quantity(2, False)
    if groups.get("pair"):  # two singular nouns: "the man and the boy", not "men and women"
        heads = [h.lower() for h in re.findall(r"[\w'-]+(?=\s+and\b)|[\w'-]+$", groups["pair"])]
        plural = any(h.endswith("s") or h in lex.irregular_plurals for h in heads)
        return None if plural else Quantity(2, False)
    if groups.get("sg"):
        before = sentence[max(0, match.start() - 24):match.start()].lower()
        negated = re.search(r"\b(?:no\s+one|nobody|none|neither|no)\b[\w\s-]*$", before)
        return None if negated or re.search(r"(?i)\bnot\b", match.group()) else Quantity(1, False)
    n = lex.numbers
    q = re.sub(r"\s+", " ", match.group("q").lower())
    hedge = re.sub(r"\s+", " ", (match.group("hedge") or "").lower().strip())
    floor = hedge in n.floor_hedges
    victim = (groups.get("v") or "").lower().split()
    age = len(victim) > 1 and victim[1] in lex.not_people  # "the 13 year old": an age
    if q in n.determiners and victim and n.value(victim[0]) is not None and not age:
        return Quantity(n.value(victim[0]) or 0, floor)  # "killing her two children"
    if q in n.singular or q in n.determiners:
        plural = bool(victim) and victim[-1].endswith("s") and not victim[-1].endswith("ss")
        if plural or (q in n.determiners and not victim):
            return None  # "the victims", "his": a number only with a singular noun
    if q in ("no one", "nobody", "none", "no"):
        return Quantity(0, False)
    if q in n.exact:
        return Quantity(n.exact[q], floor)
    if q in n.vague:
        return Quantity(n.vague[q], True)
    if q in n.singular or q in n.determiners:
        return Quantity(1, floor)
    value = n.value(q)
    return None if value is None else Quantity(value, floor)


def _is_active(match: re.Match[str]) -> bool:
    """Whether a match is an active casualty verb taking its victims ("killed two")."""
    return any(text and name[:2] == "b_" for name, text in match.groupdict().items())


def _category(match: re.Match[str]) -> Category | None:
    for name, text in match.groupdict().items():
        if text and name[:2] in ("a_", "b_", "l_"):
            return name[2:]  # type: ignore[return-value]
    return None


def find_casualties(sentence: str, lexicon: CasualtyLexicon | None = None) -> Casualties:
    """Dead, injured and arrested counts stated in one sentence (None where it states none).

    Several counts of one kind keep the largest. "four people were shot, one fatally" gives
    dead 1 and injured 3: people shot and not killed are counted as injured. ``is_floor`` is set
    when a count came from a vague word ("dozens") or a floor hedge ("at least").
    Example: ``find_casualties("Gunmen killed at least 12 people.")`` -> dead 12, is_floor True.
    """
    lex = lexicon or _default_lexicon()
    patterns, own_hand, tally, intent = _default_patterns() if lexicon is None else (
        lex.patterns(), lex.self_inflicted_pattern(), lex.tally_pattern(), lex.intent_pattern())
    found: dict[Category, Quantity] = {}
    objects = 0  # victims of an active verb ("killed three people"), the attacker not among them
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            cat, qty = _category(match), _quantity(lex, match, sentence)
            if cat is None or qty is None:
                continue
            if intent.search(sentence[:match.start()]) and _is_active(match):
                continue  # "hoped to kill hundreds": an aim, not a toll
            if qty.value > 100_000:  # a year or a sum of money, not people
                continue
            if tally.search(sentence, max(match.start(), match.end() - 4), match.end() + 30):
                continue  # "45 people were killed in July": a period's tally, not this toll
            if cat == "dead" and match.groupdict().get("b_dead"):
                objects = max(objects, qty.value)
            if cat not in found or qty.value > found[cat].value:
                found[cat] = qty
    suicide = own_hand.search(sentence)
    if suicide is not None:  # the attacker's own death is one more: "killed two, then himself"
        victims = max(objects, 1 if suicide.group("with") else 0)
        dead_now = found.get("dead")
        if dead_now is None or victims + 1 > dead_now.value:
            found["dead"] = Quantity(victims + 1, dead_now.is_floor if dead_now else False)
    dead, injured = found.get("dead"), found.get("injured")
    shot = found.get("shot")
    if shot is not None and injured is None:
        rest = shot.value - (dead.value if dead else 0)
        if rest > 0 or dead is None:
            injured = Quantity(rest if dead else shot.value, shot.is_floor)
    arrested = found.get("arrested")
    parts = [q for q in (dead, injured, arrested) if q is not None]
    return Casualties(dead=dead.value if dead else None,
                      injured=injured.value if injured else None,
                      arrested=arrested.value if arrested else None,
                      is_floor=any(q.is_floor for q in parts))


@cache
def _default_lexicon() -> CasualtyLexicon:
    """Our casualty lexicon, read on first use (not at import); immutable, shared by every call."""
    return CasualtyLexicon.load()


@cache
def _default_patterns() -> tuple[Any, Any, Any, Any]:
    lex = _default_lexicon()
    return lex.patterns(), lex.self_inflicted_pattern(), lex.tally_pattern(), lex.intent_pattern()


def with_story_deaths(own: Casualties, story: Sequence[str],
                      lexicon: CasualtyLexicon | None = None) -> Casualties:
    """An attack's counts with the deaths told in the sentences that carry on its story.

    "A gunman opened fire at a party." then "Two people died at the hospital.": the deaths are
    the attack's though their sentence holds no attack. Returns ``own`` with ``dead`` raised to
    the largest count of ``story`` (sentences after the attack's, up to the next attack's).
    """
    told = [find_casualties(s, lexicon) for s in story]
    dead = [c for c in told if c.dead is not None and c.dead > (own.dead or 0)]
    if not dead:
        return own
    most = max(dead, key=lambda c: c.dead or 0)
    return replace(own, dead=most.dead, is_floor=own.is_floor or most.is_floor)
