"""Number words and quantities: cardinals in digits or words, and vague quantities with a floor.

"twenty-five" is 25, "one hundred and two" 102, "dozens" at least 24. Vocabulary lives in
``polemos/data/lexicon/numbers.yaml``; casualty counts (``polemos.extract.numbers``) build on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from polemos.lexicons import read_lexicon, readers

# No report counts people, days or years past a trillion: a longer number ("1" * 5000 killed,
# "a thousand thousand thousand ...") is read as no number rather than as a count.
MAX_VALUE = 10**12
_MAX_DIGITS = len(str(MAX_VALUE))
MAX_WORDS = 12  # words in a cardinal written out

def alternation(phrases: list[str] | tuple[str, ...]) -> str:
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
    def load(cls, path: Path | None = None, kb_dirs: Sequence[Path] = ()) -> NumberLexicon:
        """Read numbers.yaml (or ``path``) with the ``kb_dirs`` layers; raises KnowledgeError
        listing every problem."""
        data, where_of = read_lexicon("numbers.yaml", path, kb_dirs)
        t, w = readers(data, where_of)
        return cls(t("units"), t("tens"), t("scales"), t("ordinals"), w("singular"),
                   w("determiners"), t("exact"), t("vague"), w("floor_hedges"), w("hedges"))

    def word_number_pattern(self) -> str:
        """Regex for a cardinal in words: "three", "twenty-five", "one hundred and two"."""
        word = alternation([*self.units, *self.tens, *self.scales])
        # At most MAX_WORDS words: an unbounded run made every start in "thousand thousand ..."
        # (3,000 words) try the whole run again, minutes of backtracking; the longest cardinal
        # ("one hundred and twenty-three thousand four hundred and fifty-six") has 9.
        return rf"(?:{word})(?:(?:-|\s+|\s+and\s+)(?:{word})){{0,{MAX_WORDS - 1}}}"

    def cardinal_pattern(self) -> str:
        """Regex for a cardinal in digits ("1,200", "15") or in words."""
        return rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{self.word_number_pattern()})"

    def value(self, phrase: str) -> int | None:
        """The value of a cardinal in digits or words ("1,200" -> 1200, "twenty-five" -> 25);
        None when it is no cardinal or larger than ``MAX_VALUE``."""
        text = phrase.lower().strip()
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
            digits = text.replace(",", "").lstrip("0") or "0"
            # checked before int(), which refuses strings of over 4,300 digits ("1" * 5000)
            return int(digits) if len(digits) <= _MAX_DIGITS and int(digits) <= MAX_VALUE else None
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
            if total + current > MAX_VALUE:  # "a thousand thousand thousand ...": no count
                return None
        return total + current if seen else None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count read from words: its value and whether it is only a floor ("dozens", "at least")."""

    value: int
    is_floor: bool
