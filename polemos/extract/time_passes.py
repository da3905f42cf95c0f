"""Passes over the time expressions found in one text, after the grammar of ``dates.py``.

Two readings need the other expressions around them: the second day of a range ("April 24 and
25", "24-25 April") takes its month and year from the first, and an anaphoric time ("that year",
"the next day") counts from the time last mentioned, as TimeML anchors it, not from the article date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from polemos.model import DatePrecision
from polemos.time_lexicon import add_months, first_day, in_calendar, iso_week, plus_days

REACH = 600  # characters back to the time an anaphoric expression counts from (a few sentences)
_RANGE_GAP = 14  # days: "April 24 and 25" is a range; "April 4 and 25 people" is not
_JOIN = r"\s*(?:-|–|—|(?i:and|or|to|through|till|until))\s*"
# words that open the object of "the day before": "the day before his death". A closed class
# (articles, demonstratives, possessive determiners) the grammar reads, not vocabulary to extend.
_OBJECT = r"(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those)"
_FINER = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month"),
          "year": ("day", "week", "month", "year"), "same": ("day", "week", "month", "year")}


@dataclass(frozen=True, slots=True)
class Found:
    """One expression at character offsets, its value and precision; ``anaphor`` (unit, shift)
    when it counts from the time last mentioned."""

    start: int
    end: int
    value: str | None
    precision: DatePrecision | None
    anaphor: tuple[str, int] | None = None


def moved(day: dt.date, unit: str, steps: int) -> str | None:
    """The day, week, month or year ``steps`` units from ``day``, at that precision; None when
    that falls outside the calendar (years 1-9999: "next week" from 9999-12-31)."""
    if unit in ("day", "week"):
        to = plus_days(day, steps * (7 if unit == "week" else 1))
        if to is None:
            return None
        return to.isoformat() if unit == "day" else iso_week(to)
    if unit == "month":
        year, month = add_months(day, steps)
        return f"{year:04d}-{month:02d}" if in_calendar(year) else None
    return f"{day.year + steps:04d}" if in_calendar(day.year + steps) else None


def anchor_anaphora(text: str, found: Sequence[Found]) -> list[Found]:
    """The expressions in text order, each anaphoric one counted from the nearest earlier time
    (within REACH characters, not itself shifted) at least as fine as its unit; without one it
    keeps its value. "the day before"/"after" counts from the time right after it ("the day after
    Christmas") and is dropped before other words ("the day after his death": not placeable)."""
    ordered = sorted(found, key=lambda f: f.start)
    out: list[Found] = []
    for i, f in enumerate(ordered):
        if f.anaphor is not None and re.search(r"(?i)\b(?:before|after)$", text[f.start:f.end]):
            following = ordered[i + 1] if i + 1 < len(ordered) else None
            if following is not None and following.value and not text[f.end:following.start].strip():
                day = first_day(following.value)
                out.append(replace(f, value=moved(day, *f.anaphor) if day else None, anaphor=None))
                continue
            if _OBJECT_AFTER.match(text, f.end):
                continue  # "the day before her death", "... Smith's birthday"
        if f.anaphor is not None:
            unit, shift = f.anaphor
            # a shifted anaphor is no reference: two "the previous year" in one report are one year
            ref = next((p for p in reversed(out) if p.value and p.precision in _FINER[unit]
                        and f.start - p.end <= REACH and not (p.anaphor and p.anaphor[1])), None)
            day = first_day(ref.value) if ref is not None and ref.value else None
            if ref is not None and unit == "same":
                f = replace(f, value=ref.value, precision=ref.precision)
            elif day is not None:
                f = replace(f, value=moved(day, unit, shift))
        out.append(f)
    return out


_OBJECT_AFTER = re.compile(rf"\s+(?:{_OBJECT}\b|[A-Z][\w.-]*['’]s\b)")


def range_after_pattern(followers: Sequence[str]) -> re.Pattern[str]:
    """The second day of a range after a first ("and 25"), from the words that may follow it
    (``range_followers`` of time.yaml): another lowercase word there makes the number a count."""
    after = "(?:" + ("|".join(re.escape(w) for w in followers) or "(?!)") + ")"
    return re.compile(rf"{_JOIN}(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(1[6-9]\d\d|20\d\d)\b)?"
                      rf"(?![.,:]\d|\s*%|\s+(?!{after}\b)[a-z])")


_RANGE_BEFORE = re.compile(rf"(?<![\d.,$])\b(\d{{1,2}})(?:st|nd|rd|th)?{_JOIN}$")


def _join_reach(text: str, end: int) -> int:
    """Where a match of ``_RANGE_BEFORE`` ending at ``end`` can start at the earliest: a day
    ("25th"), spaces, a joining word ("through"), spaces."""
    k = end
    for margin in (10, 10):
        while k > 0 and text[k - 1].isspace():
            k -= 1
        k = max(0, k - margin)
    return k


def range_ends(text: str, found: Sequence[Found], range_after: re.Pattern[str]) -> list[Found]:
    """``found`` (in text order) with the other day of each day range added: "April 24 and 25"
    gives 25 April; "24-25 April" gives 24 April; a year after the range ("April 24-25, 1999")
    goes to both days. ``range_after`` is :func:`range_after_pattern` of the time lexicon."""
    ordered = sorted(found, key=lambda f: f.start)
    out: list[Found | None] = list(ordered)
    for i, f in enumerate(list(out)):
        if f is None or f.precision != "day" or not f.value or len(f.value) != 10:
            continue
        day, words = int(f.value[8:10]), text[f.start:f.end]
        # matched in place, not on copies of the text after and before: those made a long
        # article's ranges quadratic
        after = range_after.match(text, f.end)
        before = _RANGE_BEFORE.search(text, _join_reach(text, f.start), f.start)
        if re.search(r"\d(?:st|nd|rd|th)?$", words) and after:
            other, start, end = int(after[1]), after.start(1), after.end()
            first = replace(f, value=after[2] + f.value[4:]) if after[2] else f
            value = first.value[:8] + f"{other:02d}" if first.value else None
            if not day < other <= day + _RANGE_GAP:
                continue
        elif re.match(r"\d", words) and before:
            other, start, end = int(before[1]), before.start(1), before.end(1)
            first, value = f, f.value[:8] + f"{other:02d}"
            if not other < day <= other + _RANGE_GAP:
                continue
        else:
            continue
        # the year after the range, found alone ("2017" in "April 24-25, 2017"): the day has it
        out = [g if g is None or not start <= g.start < g.end <= end else None for g in out]
        if all(g is None or end <= g.start or start >= g.end for g in out):
            out[i] = first
            out.append(Found(start, end, value, "day"))
    return sorted((g for g in out if g is not None), key=lambda f: f.start)
