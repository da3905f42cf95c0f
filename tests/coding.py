"""Extract's mentions of one sentence, for the tests of event-type rules (our own sentences)."""

from __future__ import annotations

from typing import Any

from polemos.extract.events import extract_mentions
from polemos.model import Article, Mention


def code(text: str, knowledge: Any) -> list[Mention]:
    """The mentions extract finds in ``text``, dated 2024-03-01."""
    article = Article(id="t", text=text, date="2024-03-01")
    return extract_mentions(knowledge.nlp(text), article, knowledge)


def top(text: str, knowledge: Any) -> Mention:
    """The surest mention of ``text``; fails the test when there is none."""
    ms = code(text, knowledge)
    assert ms, f"no mention for {text!r}"
    return max(ms, key=lambda m: m.confidence)
