"""Actor knowledge records and the name index: normalised word n-grams -> entries (a dict lookup).

Names and phrases are cut into words the same way (apostrophes, dots and diacritics dropped,
hyphens and other punctuation split words, lower case), so "Kata'ib Hizballah", "KATAIB
HIZBALLAH" and "Kataib-Hizballah" meet on one key. A one-word name of three letters or fewer
("US", "UN", "IS") is an acronym: it matches only where the text writes it in capitals, so the
words "us" and "is" never resolve.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[^\W_]+(?:['’`ʼ.][^\W_]+)*\.?", re.UNICODE)
_DROP = re.compile(r"['’`ʼ.]")
_PLAIN = re.compile(r"^[A-Za-z0-9 ]*$")
_POSSESSIVE = re.compile(r"['’`ʼ]s$", re.IGNORECASE)
ACRONYM_MAX = 3
KINDS = ("country", "org", "person")
PATTERN_LABELS = {"org": "ORG", "person": "PERSON", "country": "GPE"}
RULER_PEOPLE_SINCE = "2000-01-01"
PERSON_NAMES_MAX = 3


@dataclass(frozen=True, slots=True)
class Role:
    """What an entry is from ``start`` to ``until`` (ISO, inclusive; None is open-ended)."""

    country: str | None
    sector: str | None
    patron: str | None = None
    start: str | None = None
    until: str | None = None

    @property
    def is_dated(self) -> bool:
        return self.start is not None or self.until is not None

    def holds_on(self, date: str) -> bool:
        """True when the role is dated and ``date`` (ISO day) falls inside it."""
        return (self.is_dated and (self.start is None or self.start <= date)
                and (self.until is None or date <= self.until))


@dataclass(frozen=True, slots=True)
class Entry:
    """A country, organisation or person of the knowledge base, with its names and roles."""

    id: str
    kind: str
    name: str
    names: tuple[str, ...]
    roles: tuple[Role, ...]
    layer: int = 0  # later layers (our hand files, then user folders) win over earlier ones
    where: str = ""  # path:line it was read from
    # a group acting in many countries (Islamic State, al-Qaeda): its country is only the one
    # its phrase names ("Islamic State in Mali"), never one fixed country nor a namesake's
    transnational: bool = False


@dataclass(frozen=True, slots=True)
class Sense:
    """How an ambiguous role noun reads: ``default`` (its commonest news sense, or None) unless
    a cue in its phrase picks another: a cue word (``duma`` -> LEG), or another role noun whose
    sector is a cue (``opposition deputies``: OPP -> LEG); with ``any_sector`` every other role
    noun is a cue for its own sector (``police spokesman`` -> COP)."""

    default: str | None
    cue_sectors: tuple[tuple[str, str], ...] = ()  # (sector of a role noun, sector it gives)
    cue_words: tuple[tuple[str, str], ...] = ()  # (normalised word, sector it gives)
    any_sector: bool = False

    def read(self, noun: str, nouns: Sequence[tuple[int, str]], phrase: Sequence[str],
             sectors: Mapping[str, str]) -> str | None:
        """The sector of ``noun`` among the ``phrase``'s words and role ``nouns`` ((start, key)
        pairs, ``sectors`` giving theirs): a cue word wins ("Duma deputies" -> LEG), then the
        role noun nearest to it whose sector is a cue ("opposition deputies" -> LEG, "police
        spokesman" -> COP), else the default."""
        by_word = dict(self.cue_words)
        for word in phrase:
            if word in by_word:
                return by_word[word]
        at = next((s for s, k in nouns if k == noun), len(phrase))
        by_sector = dict(self.cue_sectors)
        for _, key in sorted((abs(s - at), k) for s, k in nouns if k != noun):
            sector = sectors.get(key)
            if sector is not None and (self.any_sector or sector in by_sector):
                return sector if self.any_sector else by_sector[sector]
        return self.default


def words(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` as (normalised, as written) pairs: ``Iran-backed`` -> iran, backed."""
    if _PLAIN.match(text):  # most names are plain words: skip the regex walk
        return [(w.lower(), w) for w in text.split()]
    if not text.isascii():  # most names are ASCII: skip the costly decomposition for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    out = []
    for match in _WORD.finditer(text):
        raw = _DROP.sub("", _POSSESSIVE.sub("", match.group(0)))
        if raw:
            out.append((raw.lower(), raw))
    return out


def key_of(text: str) -> str:
    """The index key of a name or phrase: its normalised words joined by blanks."""
    return " ".join(w for w, _ in words(text))


def is_acronym_name(text: str) -> bool:
    """A one-word name of at most three letters, matched only when written in capitals."""
    ws = words(text)
    return len(ws) == 1 and len(ws[0][0]) <= ACRONYM_MAX


def best_role(roles: Sequence[Role], date: str | None) -> Role | None:
    """The role an entry holds on ``date``: a dated role holding then (latest start), else its
    undated role; with no date, its latest dated role, else its undated role; else None."""
    dated = [r for r in roles if r.is_dated]
    undated = [r for r in roles if not r.is_dated]
    if date is not None:
        holding = [r for r in dated if r.holds_on(date)]
        if holding:
            return max(holding, key=lambda r: (r.start or "", r.until or "9999"))
        return undated[0] if undated else None
    if dated:
        return max(dated, key=lambda r: (r.until or "9999", r.start or ""))
    return undated[0] if undated else None


class NameIndex:
    """Normalised name -> entry numbers, plus the longest name length for the n-gram scan.

    ``acronym_max``: the longest one-word name matched only in capitals (role nouns use 2:
    "man", "boy" and "spy" are words, "PM" and "MP" acronyms)."""

    def __init__(self, acronym_max: int = ACRONYM_MAX) -> None:
        self.keys: dict[str, list[int]] = {}
        self.acronyms: set[str] = set()
        self.max_words = 1
        self.acronym_max = acronym_max

    def add(self, name: str, entry_no: int) -> None:
        """Index one name of entry ``entry_no``."""
        ws = words(name)
        if len(ws) > 1 and ws[0][0] == "the":
            ws = ws[1:]  # "THE EUROPEAN UNION" and "European Union" are one name
        if not ws:
            return
        key = " ".join(w for w, _ in ws)
        if len(ws) == 1 and len(key) <= self.acronym_max:
            self.acronyms.add(key)
        found = self.keys.setdefault(key, [])
        if entry_no not in found:
            found.append(entry_no)
        self.max_words = max(self.max_words, key.count(" ") + 1)

    def matches(self, tokens: Sequence[tuple[str, str]],
                skip: Iterable[int] = ()) -> list[tuple[int, int, list[int]]]:
        """Non-overlapping (start, end, entries) matches over ``tokens``, longest first."""
        taken = set(skip)
        found = []
        n = len(tokens)
        for size in range(min(self.max_words, n), 0, -1):
            for i in range(0, n - size + 1):
                if any(j in taken for j in range(i, i + size)):
                    continue
                key = " ".join(t[0] for t in tokens[i:i + size])
                entries = self.keys.get(key)
                if not entries:
                    continue
                if size == 1 and key in self.acronyms and not tokens[i][1].isupper():
                    continue
                found.append((i, i + size, entries))
                taken.update(range(i, i + size))
        return sorted(found, key=lambda m: (-(m[1] - m[0]), m[0]))


def ruler_patterns(entries: Sequence[Entry], role_words: set[str]) -> list[dict[str, Any]]:
    """EntityRuler patterns for ``entries`` (highest layer first), as ``ActorKB.ruler_patterns``."""
    seen: set[tuple[str, str]] = set()
    patterns = []
    for entry in entries:  # highest layer first: its spelling of a name is kept
        if entry.kind == "person" and not any(
                (r.start or "") >= RULER_PEOPLE_SINCE and r.sector not in (None, "ELI")
                for r in entry.roles if r.is_dated):
            continue
        if entry.kind == "org" and all(r.sector == "BUS" for r in entry.roles):
            continue
        label = PATTERN_LABELS[entry.kind]
        # a person's first names are the usual ones; later ones are mostly misspellings
        names = entry.names[:PERSON_NAMES_MAX] if entry.kind == "person" else entry.names
        for name in names:
            ws = [w for w, _ in words(name)]
            if not 2 <= len(ws) <= 5 or (label, " ".join(ws)) in seen:
                continue
            if entry.kind == "person" and any(w in role_words for w in ws):
                continue
            seen.add((label, " ".join(ws)))
            patterns.append({"label": label, "pattern": name, "id": entry.id})
    return patterns
