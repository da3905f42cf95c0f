"""How many: counts of dead, injured and arrested people stated in a sentence.

"killed 15 people", "at least 12 dead", "two soldiers were wounded", "a man was shot dead",
"left three people dead", "wounding five others", "dozens were arrested" (a floor). Counts are read
only next to casualty words, and a number followed by an age, time, address, measure or money word
is not a count of people. Vocabulary lives in ``polemos/data/lexicon/{numbers,casualties}.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from polemos.errors import KnowledgeError
from polemos.extract.lexicon_files import read_lexicon, readers, words
from polemos.model import Casualties

Category = Literal["dead", "injured", "arrested", "shot"]
CATEGORIES: tuple[Category, ...] = ("dead", "injured", "arrested", "shot")
# Between the victims and the casualty word: auxiliaries and adverbs that do not change the count.
_AUX = (r"(?:were|was|are|is|be|been|being|have|has|had|reportedly|also|later|all|both|each|"
        r"allegedly|apparently|initially|who|that|then|subsequently|eventually|not|critically|"
        r"seriously|badly|gravely|slightly|in|the|attack|shooting|incident|blast)")


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
                   w("people_words"), w("not_people"), w("not_names"))

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled patterns: count-then-word, word-then-count, "left N dead", one victim."""
        n = self.numbers
        quantity = (rf"(?P<hedge>(?:{_alternation([*n.floor_hedges, *n.hedges])})\s+)?"
                    rf"(?P<q>{_alternation([*n.exact, *n.vague])}|{n.cardinal_pattern()}|"
                    rf"{_alternation([*n.singular, *n.determiners])}|no\s+one|nobody|none|no)")
        people = _alternation(self.people_words)
        victim = (rf"(?P<v>(?:(?:[\w'-]+|\d+-year-old)\s+){{0,2}}?(?:{people})"
                  rf"(?:\s+(?:{people})){{0,2}})")
        after = "|".join(rf"(?P<a_{c}>{_alternation(self.after[c])})" for c in CATEGORIES
                         if self.after[c])
        before = "|".join(rf"(?P<b_{c}>{_alternation(self.before[c])})" for c in CATEGORIES
                          if self.before[c])
        left = "|".join(rf"(?P<l_{c}>{_alternation(self.left[c])})" for c in CATEGORIES
                        if self.left[c])
        not_people = _alternation(self.not_people)
        not_names = _alternation(self.not_names)
        guard = rf"(?<![$€£\d.,:])\b{quantity}\b(?!\s*(?:{not_people})\b)(?!-)"
        name = r"(?-i:[A-Z][a-z]+)"
        return (
            re.compile(rf"{guard}\s+(?:{victim}\s+)?(?:{_AUX}\s+){{0,4}}(?:{after})\b", re.I),
            re.compile(rf"\b(?:{before})\s+{guard}(?:\s+{victim})?(?![\w-])", re.I),
            re.compile(rf"\b(?:left|leaving|leaves)\s+{guard}\s+(?:{victim}\s+)?(?:{left})\b",
                       re.I),
            # one victim named or told by a singular verb: "Tyson was killed", "who died",
            # "the fatal shooting of 15-year-old Trinity Gay"
            re.compile(rf"\b(?P<sg>was|has\s+been|had\s+been|is)\s+(?:{_AUX}\s+){{0,2}}"
                       rf"(?:{after})\b", re.I),
            re.compile(r"\b(?P<sg>who|and|later|subsequently|eventually)\s+(?:later\s+)?"
                       r"(?P<a_dead>died)\b", re.I),
            re.compile(rf"\b(?:{before})\s+(?P<sg>(?:\d+-year-old\s+)?(?!(?:{not_names})\b)"
                       rf"{name}(?:\s+{name})?)\b", re.I),
        )


def _quantity(lex: NumberLexicon, match: re.Match[str], sentence: str) -> Quantity | None:
    """The count a match stands for, or None when it is not a count of people."""
    groups = match.groupdict()
    if groups.get("sg"):
        before = sentence[max(0, match.start() - 24):match.start()].lower()
        negated = re.search(r"\b(?:no\s+one|nobody|none|neither|no)\b[\w\s-]*$", before)
        return None if negated or re.search(r"(?i)\bnot\b", match.group()) else Quantity(1, False)
    q = re.sub(r"\s+", " ", match.group("q").lower())
    hedge = re.sub(r"\s+", " ", (match.group("hedge") or "").lower().strip())
    floor = hedge in lex.floor_hedges
    victim = (groups.get("v") or "").lower().split()
    if q in lex.singular or q in lex.determiners:
        plural = bool(victim) and victim[-1].endswith("s") and not victim[-1].endswith("ss")
        if plural or (q in lex.determiners and not victim):
            return None  # "the victims", "his": a number only with a singular noun
    if q in ("no one", "nobody", "none", "no"):
        return Quantity(0, False)
    if q in lex.exact:
        return Quantity(lex.exact[q], floor)
    if q in lex.vague:
        return Quantity(lex.vague[q], True)
    if q in lex.singular or q in lex.determiners:
        return Quantity(1, floor)
    value = lex.value(q)
    return None if value is None else Quantity(value, floor)


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
    lex = lexicon or _DEFAULT
    found: dict[Category, Quantity] = {}
    for pattern in _PATTERNS if lexicon is None else lex.patterns():
        for match in pattern.finditer(sentence):
            cat, qty = _category(match), _quantity(lex.numbers, match, sentence)
            if cat is None or qty is None:
                continue
            if qty.value > 100_000:  # a year or a sum of money, not people
                continue
            if cat not in found or qty.value > found[cat].value:
                found[cat] = qty
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


_DEFAULT = CasualtyLexicon.load()  # read once at import; immutable, shared by every call
_PATTERNS = _DEFAULT.patterns()
