"""Datelines: the place (and agency) a wire story opens with, which is never a party to an event.

"BAGHDAD — ...", "KYIV - ...", "WASHINGTON (Reuters) - ...", "NORFOLK, Va. — ...",
"Baghdad, Dec. 30 (AFP) — ...". The parser reads the capitalised place as the subject of the
first verb, so the coder reads the sentence from the end of the dateline on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from polemos.model import Actor

if TYPE_CHECKING:
    from polemos.knowledge import Knowledge

# An all-capitals place of one to four words ("ADDIS ABABA", "PORT-AU-PRINCE", "N'DJAMENA").
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
# A place in ordinary capitals, accepted only when an agency tag follows ("Baghdad (Reuters) -").
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,3}"
# ", Va." / ", Calif." / ", Ukraine" / ", N.Y." after the place.
_REGION = r"(?:,\s+[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*)?)?"
# ", Dec. 30" / " Dec 30" / ", 30 December": the date wire services put in the dateline.
_DAY = r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
# "(Reuters)", "(AP)", "(dpa)": one to four words in brackets.
_AGENCY = r"\s*\((?:[A-Za-z][\w.&'’\-]*)(?:\s+[A-Za-z][\w.&'’\-]*){0,3}\)"
# The separator, then the story's first word (a capital, a digit or a quote).
_DASH = r"\s*(?:—|–|--|-|:)\s+(?=[A-Z0-9\"'“‘])"

DATELINE = re.compile(
    rf"^\s*(?:{_CAPS_PLACE}{_REGION}{_DAY}(?:{_AGENCY})?|{_TITLE_PLACE}{_REGION}{_DAY}{_AGENCY}){_DASH}"
)


def dateline_end(text: str) -> int:
    """Where the story starts after a dateline at the start of ``text`` (0 when there is none).

    Returns a character offset into ``text``; "AFP —" alone (an agency with no place) counts too.
    """
    match = DATELINE.match(text)
    if match is None:
        return 0
    head = text[: match.end()].strip()
    # a single all-capitals word of two letters is more often an actor ("UN - ...") than a place
    letters = re.sub(r"[^A-Za-z]", "", head.split()[0])
    if len(letters) < 3 and "(" not in head and "," not in head:
        return 0
    return match.end()


@dataclass(frozen=True)
class SentenceView:
    """A sentence and the span coded for it: itself, or its words after a dateline, re-parsed
    (``offset`` turns the span's character offsets into the article's)."""

    index: int
    sentence: Span
    span: Span
    offset: int


def sentence_views(doc: Doc, knowledge: Knowledge) -> list[SentenceView]:
    """The article's sentences as coded: a dateline ("KYIV — ...") is cut off and the rest
    parsed again, since the parser makes the place the subject of the first verb."""
    views = []
    for k, sent in enumerate(doc.sents):
        cut = dateline_end(sent.text)
        if 0 < cut < len(sent.text.rstrip()):
            views.append(SentenceView(k, sent, knowledge.nlp(sent.text[cut:])[:],
                                      sent.start_char + cut))
        else:
            views.append(SentenceView(k, sent, sent, 0))
    return views


def shift_actor(actor: Actor, offset: int) -> Actor:
    """The actor with its character offsets moved by ``offset`` (from a re-parsed span)."""
    if not offset or actor.start is None or actor.end is None:
        return actor
    return replace(actor, start=actor.start + offset, end=actor.end + offset)
