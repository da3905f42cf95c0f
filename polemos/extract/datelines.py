"""Datelines: the place (and agency) a wire story opens with, which is never a party to an event.

"BAGHDAD — ...", "KYIV - ...", "WASHINGTON (Reuters) - ...", "NORFOLK, Va. — ...",
"Baghdad, Dec. 30 (AFP) — ...". The parser reads the capitalised place as the subject of the
first verb, so the coder reads the sentence from the end of the dateline on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from polemos.model import Actor
from polemos.nlp import parse

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

# a line of text: line breaks split what the parser may have run together
LINE = re.compile(r"[^\n]+")


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
    start: int = -1  # the article's characters this view stands for: its line of a sentence
    end: int = -1  # the parser ran across line breaks; -1: the whole sentence

    def text_range(self) -> tuple[int, int]:
        """Character range [start, end) in the article of the text the mentions cite."""
        if self.start < 0:
            return self.sentence.start_char, self.sentence.end_char
        return self.start, self.end


def sentence_views(doc: Doc, knowledge: Knowledge) -> list[SentenceView]:
    """The article's sentences as coded: a dateline ("KYIV — ...") is cut off and the rest
    parsed again, since the parser makes the place the subject of the first verb; a sentence
    the parser ran across line breaks ("PM EDT\n\nCrime scene tape ...") is coded line by line,
    and page furniture (copyright, posting times, photo credits) is left out."""
    views = []
    story = story_lines(doc.text, knowledge.lexicon.is_boilerplate)
    ends = [b for _, b in story]
    for k, sent in enumerate(doc.sents):
        pieces = _within(story, sent.start_char, sent.end_char, ends)
        sent_text = sent.text  # built from the tokens on each call: once, not once per line
        if len(pieces) == 1 and sent_text[slice(*pieces[0])] == sent_text.strip():
            cut = dateline_end(sent_text)
            if 0 < cut < len(sent_text.rstrip()):
                views.append(SentenceView(k, sent, parse(knowledge.nlp, sent_text[cut:])[:],
                                          sent.start_char + cut))
            else:
                views.append(SentenceView(k, sent, sent, 0))
            continue
        for start, end in pieces:
            text = sent_text[start:end].rstrip()
            start += len(text) - len(text.lstrip())
            text = text.lstrip()
            if not any(ch.isalpha() for ch in text):
                continue
            cut = dateline_end(text)
            if cut >= len(text.rstrip()):
                cut = 0
            at = sent.start_char + start
            views.append(SentenceView(k, sent, parse(knowledge.nlp, text[cut:])[:], at + cut, at,
                                      at + len(text)))
    return views


def _within(ranges: list[tuple[int, int]], start: int, end: int,
            ends: list[int] | None = None) -> list[tuple[int, int]]:
    """The parts of ``ranges`` inside [start, end), trimmed of spaces, relative to ``start``.

    ``ranges`` are in text order and do not overlap (``story_lines``), so the ones that reach
    into [start, end) are found by bisection, given their ``ends``: scanning every line for
    every sentence made a long article quadratic."""
    ends = [b for _, b in ranges] if ends is None else ends
    lo, hi = bisect_right(ends, start), bisect_left(ranges, (end,))
    return [(max(a, start) - start, min(b, end) - start) for a, b in ranges[lo:hi]
            if min(b, end) > max(a, start)]


def story_lines(text: str, furniture: Callable[[str], int | None]) -> list[tuple[int, int]]:
    """The parts of a sentence's text that are story: each line up to where ``furniture`` says
    page furniture starts, trimmed, empty ones dropped. Returns [start, end) character ranges."""
    out = []
    for m in LINE.finditer(text):
        line = m.group()
        cut = furniture(line)
        part = line[:cut] if cut is not None else line
        stripped = part.strip()
        if stripped and any(ch.isalpha() for ch in stripped):
            start = m.start() + len(part) - len(part.lstrip())
            out.append((start, start + len(stripped)))
    return out


def shift_actor(actor: Actor, offset: int) -> Actor:
    """The actor with its character offsets moved by ``offset`` (from a re-parsed span)."""
    if not offset or actor.start is None or actor.end is None:
        return actor
    return replace(actor, start=actor.start + offset, end=actor.end + offset)
