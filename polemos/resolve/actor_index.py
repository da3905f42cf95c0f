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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['’`ʼ.][^\W_]+)*\.?", re.UNICODE)
_DROP = re.compile(r"['’`ʼ.]")
_PLAIN = re.compile(r"^[A-Za-z0-9 ]*$")
_POSSESSIVE = re.compile(r"['’`ʼ]s$", re.IGNORECASE)
ACRONYM_MAX = 3
KINDS = ("country", "org", "person")


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
    """Normalised name -> entry numbers, plus the longest name length for the n-gram scan."""

    def __init__(self) -> None:
        self.keys: dict[str, list[int]] = {}
        self.acronyms: set[str] = set()
        self.max_words = 1

    def add(self, name: str, entry_no: int) -> None:
        """Index one name of entry ``entry_no``."""
        ws = words(name)
        if len(ws) > 1 and ws[0][0] == "the":
            ws = ws[1:]  # "THE EUROPEAN UNION" and "European Union" are one name
        if not ws:
            return
        key = " ".join(w for w, _ in ws)
        if len(ws) == 1 and len(key) <= ACRONYM_MAX:
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
