"""Which articles are the same: one text is one article, whatever its id or route.

An article read again is one of: new (code it), unchanged (skip), a new version of a stored id
(update: re-code, replace its mentions), a copy of another article's text under another id
(skip), or — within one run — a second, different text under an id already used (ambiguous: a
failure). Pure functions over ``Article`` records; the store and the run supply what they hold.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from polemos.model import Article, stable_id

# "same text": the body after Unicode NFC and with every run of whitespace made one space, so a
# .txt file's trailing newline, a JSON string's "\n" or re-wrapped lines do not make a new article.
# Title, date, URL and source are not part of it: they are facts about the text, not the text.
Action = Literal["code", "update", "skip", "keep", "same_text", "ambiguous"]
OnChange = Literal["update", "keep"]
Version = tuple[str, str | None]  # (content_hash of title and exact text, ISO date)


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one article; ``other`` names the article it repeats or clashes with."""

    action: Action
    other: str | None = None


def text_key(text: str) -> str:
    """The identity of an article's text: equal for texts that differ only in whitespace."""
    return stable_id(" ".join(unicodedata.normalize("NFC", text).split()), length=32)


def version(article: Article) -> Version:
    """What a stored article must match to be unchanged: its title and exact text, and its date."""
    return (article.content_hash, article.date)


def decide(article: Article, run: Mapping[str, Article], run_texts: Mapping[str, str],
           stored: Mapping[str, Version], stored_texts: Mapping[str, str],
           on_change: OnChange = "update") -> Decision:
    """The action for ``article`` given what this run has seen (by id, and id by text key) and
    what the store holds (version by id, and id by text key)."""
    first = run.get(article.id)
    if first is not None:  # seen in this run: the same twice is nothing, two texts are ambiguous
        if version(first) == version(article):
            return Decision("skip", article.id)
        return Decision("ambiguous", first.origin or first.id)
    key = text_key(article.text)
    known = stored.get(article.id)
    if known is not None:  # the id is stored: unchanged, or a new version of it
        if known == version(article):
            return Decision("skip", article.id)
        return Decision("update" if on_change == "update" else "keep", article.id)
    twin = run_texts.get(key) or stored_texts.get(key)
    if twin is not None and twin != article.id:
        return Decision("same_text", twin)
    return Decision("code")
