"""Place-name keys: the spellings of one place ("Deir el-Zour", "Deir ez-Zor") meet on one key.

News transliterates Arabic, Persian and Slavic names many ways. ``name_key`` folds what varies
without changing the place (case, diacritics, apostrophes, hyphens, Arabic articles, doubled
letters); ``skeleton_key`` also drops vowels, for a second, looser lookup used only when the
first finds nothing.
"""

from __future__ import annotations

import re
import unicodedata

from polemos.lexicons import word_lists

# Arabic definite articles as transliterated (al-Qaim, el-Zour, ad-Dawr, ash-Sham, ez-Zor), from
# places.yaml. Ours only, never layered by --kb: the index's keys were built with these.
PLACE_WORDS = word_lists("places.yaml")
ARTICLES = PLACE_WORDS["arabic_articles"]
_APOSTROPHES = re.compile(r"[’'`ʼʻʿʾ‘´]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouyhw]")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.")


def fold(text: str) -> str:
    """Lower case without diacritics or apostrophes; other punctuation becomes spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d")
    plain = _APOSTROPHES.sub("", plain.lower())
    plain = plain.replace(".", "")  # "U.S." and "US" are one name
    return " ".join(_SEPARATORS.sub(" ", plain).split())


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, articles dropped, doubled letters single.

    >>> name_key("Deir ez-Zor") == name_key("Deir el Zor")
    True
    """
    words = fold(text).split()
    stripped = text.strip()
    if _ABBREVIATION.fullmatch(stripped):  # "Man." (Manitoba) is not the word "Man"
        return fold(stripped) + "."
    if words and words[0] == "the":
        words = words[1:]
    kept = [w for w in words if w not in ARTICLES] or words
    return _DOUBLED.sub(r"\1", " ".join(kept))


def skeleton_key(text: str) -> str:
    """A looser key: the name key with vowels (and h, w, y) dropped after each word's first letter."""
    words = name_key(text).split()
    return " ".join(w[0] + _DOUBLED.sub(r"\1", _VOWELS.sub("", w[1:])) for w in words if w)


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (other scripts never occur in our text)."""
    bare = _APOSTROPHES.sub("", text)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or not ch.isalpha() for ch in bare)
