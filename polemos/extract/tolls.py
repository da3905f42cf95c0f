"""Deaths told without a count beside a casualty word: killings named by their kind.

"a double homicide" is two dead, "a triple murder" three, "the fatal shooting", "a deadly
stabbing" and "the city's latest homicide" at least one.
The attacker's own death ("police killed the gunman") is told apart, as the Gun Violence Archive
counts it with the victims. Vocabulary lives in ``polemos/data/lexicon/casualties.yaml`` (keys
``multiple_killings``, ``killing_nouns``, ``fatal_words``, ``fatal_events``, ``not_after_killing``,
``recent_words``, ``attackers``, ``enforcers``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from polemos.lexicons import read_lexicon, readers
from polemos.number_words import alternation

_SP = r"[^\S\n]+"


def _alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of phrases, or one that never matches when there are none."""
    return alternation(phrases) or "(?!)"


@dataclass(frozen=True, slots=True)
class KillingLexicon:
    """Words naming a killing by its kind: multipliers, killing nouns, fatal adjectives."""

    multiples: dict[str, int]
    killing_nouns: tuple[str, ...]
    fatal_words: tuple[str, ...]
    fatal_events: tuple[str, ...]
    not_after: tuple[str, ...]
    attackers: tuple[str, ...] = ()
    enforcers: tuple[str, ...] = ()
    recent_words: tuple[str, ...] = ()
    listing_verbs: tuple[str, ...] = ()
    finding_verbs: tuple[str, ...] = ()
    found_dead: tuple[str, ...] = ()
    victim_nouns: tuple[str, ...] = ()
    victim_plurals: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path | None = None, kb_dirs: Sequence[Path] = ()) -> KillingLexicon:
        """Read the killing words of casualties.yaml (or ``path``, with the ``kb_dirs`` layers);
        raises KnowledgeError."""
        data, where_of = read_lexicon("casualties.yaml", path, kb_dirs)
        t, w = readers(data, where_of)
        return cls(t("multiple_killings"), w("killing_nouns"), w("fatal_words"),
                   w("fatal_events"), w("not_after_killing"), w("attackers"), w("enforcers"),
                   w("recent_words"), w("listing_verbs"), w("finding_verbs"), w("found_dead"),
                   w("victim_nouns"), w("victim_plurals"))

    def victim_list_pattern(self, number: str) -> re.Pattern[str]:
        """Compiled pattern for victims listed one by one: "killed his wife and four children"
        (group ``list`` after a killing verb) or "found his wife, son and daughter dead" (group
        ``found``); ``number`` is the cardinal pattern (``NumberLexicon.cardinal_pattern``)."""
        noun = rf"(?:{_alternation(self.victim_nouns)}|{_alternation(self.victim_plurals)})"
        # "his visiting teenage brother", "their four children", "a 10-year-old daughter"; a
        # modifier is no number and no verb's participle ("killed three and wounded four others")
        modifier = rf"(?!\w+ed\b)(?!(?:{number}){_SP})\w[\w-]*"
        item = (rf"(?:(?:his|her|their|a|an|the){_SP})?(?:{number}{_SP})?"
                rf"(?:{modifier}{_SP}){{0,2}}?{noun}\b")
        items = rf"{item}(?:(?:,{_SP}(?:and{_SP})?|{_SP}and{_SP}){item})+"
        return re.compile(
            rf"\b(?:{_alternation(self.listing_verbs)}){_SP}(?P<list>{items})|"
            rf"\b(?:{_alternation(self.finding_verbs)}){_SP}(?P<found>{items}){_SP}"
            rf"(?:{_alternation(self.found_dead)})\b", re.I)

    def attacker_death_pattern(self) -> re.Pattern[str]:
        """Compiled pattern for the attacker's own death: "the gunman was killed", "police shot
        and killed him", "died in a shootout with officers", "five dead plus the gunman"."""
        who = _alternation(self.attackers)
        police = _alternation(self.enforcers)
        died = r"(?:shot\s+and\s+killed|shot\s+dead|fatally\s+shot|killed|died|pronounced\s+dead)"
        passive = (rf"(?:died|(?:was|were|had{_SP}been|has{_SP}been|is|are){_SP}(?:(?:also|later|then)"
                   rf"{_SP})?(?:{died}|dead|found{_SP}dead))")
        return re.compile(
            rf"\b(?:{who})\b(?:,[^,.;]{{1,50}},)?{_SP}(?:(?:who|also|later|then|eventually){_SP}){{0,2}}"
            rf"{passive}\b|"
            rf"\b(?:{police}){_SP}(?:(?:then|later|eventually){_SP})?{died}{_SP}(?:the{_SP})?"
            rf"(?:(?:[\w'-]+{_SP})?(?:{who})|him|her)\b|"
            rf"\b{died}{_SP}(?:in{_SP}a{_SP}(?:shootout|gunfight|exchange{_SP}of{_SP}gunfire){_SP})?"
            rf"(?:by|with){_SP}(?:the{_SP})?(?:{police})\b|"
            rf"\bplus{_SP}the{_SP}(?:{who})\b", re.I)

    def attacker_counted_pattern(self) -> re.Pattern[str]:
        """Compiled pattern for a toll that already counts the attacker ("including the gunman")."""
        who = _alternation(self.attackers)
        return re.compile(rf"\b(?:including|counting|among\s+them){_SP}(?:the{_SP})?(?:[\w'-]+{_SP})?"
                          rf"(?:{who})\b|\b(?:{who}){_SP}(?:was|is){_SP}among\b", re.I)

    def pattern(self) -> re.Pattern[str]:
        """Compiled pattern: "double homicide" (group ``mult``) or "fatal shooting" (``fatal``)."""
        not_after = _alternation(self.not_after)
        singular = [k for k in self.killing_nouns if not k.endswith("s")]
        return re.compile(
            rf"\b(?P<mult>{_alternation(list(self.multiples))})[-\s]+"
            rf"(?:{_alternation(self.killing_nouns)})\b(?![-\s]+(?:{not_after})\b)|"
            rf"\b(?P<fatal>{_alternation(self.fatal_words)}){_SP}(?:[\w'-]+{_SP})?"
            rf"(?:{_alternation(self.fatal_events)})\b(?![-\s]+(?:{not_after})\b)|"
            # one killing counted in a city's tally: "the city's latest homicide", "its 30th murder"
            rf"\b(?P<recent>{_alternation(self.recent_words)}|\d+(?:st|nd|rd|th)){_SP}"
            rf"(?:{_alternation(singular)})\b(?![-\s]+(?:{not_after})\b)", re.I)


def killing_deaths(sentence: str, lexicon: KillingLexicon,
                   pattern: re.Pattern[str] | None = None) -> int | None:
    """The least number of dead a sentence's named killings imply, or None when it names none.

    "a double homicide" -> 2; "the fatal shooting of a clerk" -> 1; "homicide detectives" -> None.
    """
    best: int | None = None
    for match in (pattern or lexicon.pattern()).finditer(sentence):
        mult = match.group("mult")
        value = lexicon.multiples[re.sub(r"\s+", " ", mult.lower())] if mult else 1
        best = value if best is None else max(best, value)
    return best


def listed_victims(sentence: str, lexicon: KillingLexicon, pattern: re.Pattern[str],
                   number: Callable[[str], int | None]) -> int | None:
    """The dead of a killing whose victims are listed one by one, or None without such a list.

    "killed his wife and their four children" -> 5; "found his wife, son, and daughter dead"
    -> 3; a plural without its number ("his wife and children") leaves the count unknown: None.
    ``pattern`` is ``lexicon.victim_list_pattern``; ``number`` reads a cardinal ("four" -> 4).
    """
    singular = {n.lower() for n in lexicon.victim_nouns}
    plural = {n.lower() for n in lexicon.victim_plurals}
    best: int | None = None
    for match in pattern.finditer(sentence):
        listed = match.group("list") or match.group("found")
        total = 0
        for item in re.split(rf",{_SP}(?:and{_SP})?|{_SP}and{_SP}", listed):
            words = item.lower().split()
            if words[-1] in plural:
                counts = [v for w in words[:-1] if (v := number(w)) is not None]
                if not counts:
                    return None  # "his wife and children": how many is not said
                total += counts[-1]
            elif words[-1] in singular:
                total += 1
        best = total if best is None else max(best, total)
    return best
