"""Calendar words for time expressions (``polemos/data/lexicon/time.yaml``) and date arithmetic.

Neutral ground between extract, which recognises time expressions (``extract/time_expressions.py``),
and resolve, which dates events (``resolve/dates/event_dates.py``): both read these words and cues.
Everything here is data loading and pure calendar functions over ``datetime.date`` (no clock: the
anchor is the article date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from polemos.errors import KnowledgeError
from polemos.lexicons import read_lexicon, readers
from polemos.number_words import NumberLexicon

RECENT_DAYS = 31  # a month-day this close before the article date is this year's, whatever else


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day: fixed (month, day) or the nth weekday of a month (nth -1 = the last),
    counted from day ``start`` of the month (US Election Day: the first Tuesday from Nov. 2)."""

    names: tuple[str, ...]
    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    start: int = 1

    def on(self, year: int) -> dt.date | None:
        """The holiday's date in ``year``; None for a year outside the calendar (1-9999)."""
        if not in_calendar(year):
            return None
        if self.day is not None:
            return dt.date(year, self.month, self.day)
        first = dt.date(year, self.month, self.start)
        if self.nth is not None and self.nth < 0:
            # the month's last day from its length, not the next month's first: December 9999
            # has no next month in the calendar
            last = dt.date(year, self.month, calendar.monthrange(year, self.month)[1])
            return last - dt.timedelta(days=(last.weekday() - (self.weekday or 0)) % 7)
        offset = ((self.weekday or 0) - first.weekday()) % 7
        return first + dt.timedelta(days=offset + 7 * ((self.nth or 1) - 1))


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Month and weekday names, relative day words, shifts, units, holidays, future cues."""

    months: dict[str, int]
    ambiguous_months: tuple[str, ...]
    month_cues: tuple[str, ...]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    day_parts: tuple[str, ...]
    shifts: dict[str, int]
    narrowers: tuple[str, ...]
    not_after_year: tuple[str, ...]
    year_phrases: dict[str, int]
    month_phrases: dict[str, int]
    units: dict[str, str]
    ago_words: dict[str, int]
    hedges: tuple[str, ...]
    vague_heads: tuple[str, ...]
    future_cues: tuple[str, ...]
    holidays: tuple[Holiday, ...]
    numbers: NumberLexicon
    report_cues: tuple[str, ...] = ()
    event_verbs: tuple[str, ...] = ()
    event_nouns: tuple[str, ...] = ()
    time_fillers: tuple[str, ...] = ()
    not_event_heads: tuple[str, ...] = ()
    stamp_cues: tuple[str, ...] = ()
    charge_frames: tuple[str, ...] = ()
    past_cues: tuple[str, ...] = ()
    not_past: tuple[str, ...] = ()
    anaphora: dict[str, tuple[str, int]] = field(default_factory=dict)
    day_shifts: tuple[str, ...] = ()
    anaphoric_ago_words: tuple[str, ...] = ()
    neutral_cues: tuple[str, ...] = ()
    attack_heads: tuple[str, ...] = ()
    step_heads: tuple[str, ...] = ()
    range_followers: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path | None = None, numbers: NumberLexicon | None = None,
             kb_dirs: Sequence[Path] = ()) -> TimeLexicon:
        """Read time.yaml (or ``path``) with the ``kb_dirs`` layers; raises KnowledgeError
        listing every problem."""
        data, where_of = read_lexicon("time.yaml", path, kb_dirs)
        t, w = readers(data, where_of)
        units = data.get("units", {})
        if not isinstance(units, dict) or not set(units.values()) <= {"day", "week", "month",
                                                                     "year"}:
            raise KnowledgeError("expected unit words mapped to day/week/month/year",
                                 where=where_of("units"), field="units")
        return cls(t("months"), w("ambiguous_months"), w("month_cues"), t("weekdays"),
                   t("day_words"), w("day_parts"), t("shifts"), w("narrowers"),
                   w("not_after_year"), t("year_phrases"), t("month_phrases"),
                   {str(k): str(v) for k, v in units.items()}, t("ago_words"), w("hedges"),
                   w("vague_heads"), w("future_cues"), _holidays(data, where_of("holidays")),
                   numbers or NumberLexicon.load(kb_dirs=kb_dirs), w("report_cues"), w("event_verbs"),
                   w("event_nouns"), w("time_fillers"), w("not_event_heads"),
                   w("stamp_cues"), w("charge_frames"), w("past_cues"), w("not_past"),
                   {**{phrase: (unit, shift) for unit in ("day", "week", "month", "year")
                       for phrase, shift in t(f"anaphoric_{unit}s").items()},
                    **{phrase: ("same", 0) for phrase in w("anaphoric_then")}}, w("day_shifts"),
                   w("anaphoric_ago_words"), w("neutral_cues"), w("attack_heads"),
                   w("step_heads"), w("range_followers"))

    def month(self, word: str) -> int | None:
        """Month number of a month name or abbreviation (any case, dot ignored)."""
        key = word.rstrip(".").lower()
        return next((v for k, v in self.months.items() if k.lower() == key), None)

    def weekday(self, word: str) -> int | None:
        """ISO weekday (Monday 0) of a weekday name or abbreviation."""
        key = word.rstrip(".").lower()
        return next((v for k, v in self.weekdays.items() if k.lower() == key), None)

    def holiday(self, phrase: str) -> Holiday | None:
        key = re.sub(r"\s+", " ", phrase.lower())
        return next((h for h in self.holidays if key in (n.lower() for n in h.names)), None)

    def is_future_context(self, before: str) -> bool:
        """Whether the clause before an expression speaks of the future ("will meet on")."""
        return self.tense(before) > 0

    def tense(self, before: str) -> int:
        """Tense of the clause before an expression: 1 future, -1 past, 0 unknown.

        The cue nearest the expression wins: "will begin ... who was rescued in" is past, "was
        told it would be paid in" future. A past form right after "be" is no past ("will be held");
        a past cue before a neutral one counts for nothing ("the only child to be shot Tuesday").
        """
        # a clause ends at punctuation (closing quotes too, or no space: "say.At"), a line break,
        # or a verb of saying
        clause = re.split(r"[.;!?,][\"'”’)]*(?:\s|(?=[A-Z]))|\n|\bsaid\b|\bsays\b|``|''",
                          before)[-1].lower()

        def last(cues: tuple[str, ...]) -> int:
            return max((m.end() for m in re.finditer(
                rf"(?:(?<![\w'-])|(?='))(?:{_any(cues)})(?![\w-])", clause)), default=-1)

        future, neutral = last(self.future_cues), last(self.neutral_cues)
        # "-ed" after "be" or an article, or after "un-", is a passive or an adjective: "to be
        # completed", "the planned vote", "an unspecified date"
        past = max((m.end() for m in re.finditer(
            rf"(?<!\bbe )(?<!\ba )(?<!\ban )(?<!\bthe )(?<![\w'-])"
            rf"(?:{_any(self.past_cues)}|(?!un)[a-z]{{2,}}[^e\W]ed)\b(?!-)", clause)
            if m.group().lower() not in self.not_past), default=-1)
        if neutral > past:
            past = -1  # "the only child to be shot Tuesday": no past; "scheduled to be": future
        return 1 if future >= 0 and future >= past else -1 if past >= 0 else 0


def _any(words: tuple[str, ...]) -> str:
    """Case-blind alternation of phrases, longest first; never matches when there are none."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?i:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)") + ")"


@dataclass(frozen=True, slots=True)
class StoryCues:
    """Cues around a time that say whose date it is: a report's or stamp's, or the event's own."""

    reported: re.Pattern[str]
    marked_before: re.Pattern[str]
    marked_after: re.Pattern[str]
    stamp: re.Pattern[str] = re.compile("(?!)")
    charged: re.Pattern[str] = re.compile("(?!)")
    attack_heads: frozenset[str] = frozenset()
    step_heads: frozenset[str] = frozenset()

    @classmethod
    def build(cls, lex: TimeLexicon) -> StoryCues:
        """Compile the cues of ``lex`` (report cues, event verbs and nouns, fillers)."""
        clock = r"(?:\s+\d{1,2}(?::\d\d)?\s*(?i:[ap]\.?m\.?)(?:\s+[A-Z]{2,4})?,?)"
        filler = rf"\s+{_any(lex.time_fillers)}(?![\w-])"
        fill = rf"(?:{clock}|{filler})*"
        # a report cue takes its time at once ("said Friday", "Posted 3:57 AM, May 26"); "said
        # around 2 p.m. on Sunday, deputies ..." starts the reported clause, the event's time
        return cls(re.compile(rf"\b{_any(lex.report_cues)}:?{clock}?(?:{filler})?\s*$"),
                   re.compile(rf"\b{_any(lex.event_verbs + lex.event_nouns)}{fill}\s*$"),
                   re.compile(rf"^(?:['’]s)?[ \t]+(?:[\w-]+[ \t]+)?{_any(lex.event_nouns)}\b"
                              rf"(?![ \t]+{_any(lex.not_event_heads)}\b)"),
                   re.compile(rf"\b{_any(lex.stamp_cues)}\s*:?\s*(?:{_any(tuple(lex.weekdays))},?\s+)?$"),
                   re.compile(rf"\b{_any(lex.charge_frames)}\s+(?:(?:the|a|an)\s+)?$"),
                   frozenset(w.lower() for w in lex.attack_heads),
                   frozenset(w.lower() for w in lex.step_heads))

    def is_reported(self, before: str, after: str) -> bool:
        """Whether the text before a time makes it a report's or stamp's date ("said Friday").

        "said Friday's shooting" is not: a possessive time names the event it modifies.
        """
        if re.search(r"\(@\w+\)\s*$", before):
            return True  # the stamp of an embedded post: "— Ann Lee (@annlee) March 29, 2017"
        return not re.match(r"['’]s\b", after) and self.reported.search(before) is not None

    def is_stamp(self, before: str, after: str) -> bool:
        """Whether a date is the copy's own: "Posted: May 2, 2013", a dateline "BOSTON (May 2, 2013):"
        or "BOSTON, May 2 (AP) --"."""
        line = before.rsplit("\n", 1)[-1]
        return bool(self.stamp.search(before)
                    or re.fullmatch(r"[A-Z][\w .,'-]*\(\s*", line) and re.match(r"\s*\)\s*:", after)
                    or re.fullmatch(r"[A-Z][\w .,'-]*,\s*", line)
                    and re.match(r"\s*\([A-Z][\w ]*\)\s*(?:--|[-—–_:])", after))

    def is_charged(self, before: str) -> bool:
        """Whether the words before an attack make it the past of a charge or trial ("accused of")."""
        return self.charged.search(before) is not None

    def is_marked(self, before: str, after: str) -> bool:
        """Whether the text says a time is the event's own ("happened Monday", "Monday's attack")."""
        return bool(self.marked_before.search(before) or self.marked_after.match(after))


def first_day(value: str) -> dt.date | None:
    """The first day of a calendar value (day, ISO week, month or year); None if malformed."""
    try:
        if "-W" in value:
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        parts = [int(p) for p in value.split("-")]
        return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return None


def _holidays(data: dict[str, Any], where: str) -> tuple[Holiday, ...]:
    out = []
    for i, item in enumerate(data.get("holidays", [])):
        try:
            out.append(Holiday(tuple(str(n) for n in item["names"]), int(item["month"]),
                               item.get("day"), item.get("weekday"), item.get("nth"),
                               int(item.get("start", 1))))
        except (KeyError, TypeError, ValueError):
            raise KnowledgeError("expected names, month, and day or weekday+nth",
                                 where=where, field=f"holidays[{i}]") from None
    return tuple(out)


def in_calendar(year: int) -> bool:
    """Whether ``year`` is one the calendar can write (1-9999, Python's ``datetime`` range).

    Relative times are counted from the article date, which may itself be 0001-01-01 or
    9999-12-31: "next week" or "in 3000 years" then falls outside, and such a time has no value.
    """
    return dt.MINYEAR <= year <= dt.MAXYEAR


def plus_days(day: dt.date, days: int) -> dt.date | None:
    """The day ``days`` after ``day`` (before, when negative); None outside the calendar.

    Counted on ordinals so that any count ("99999999999 days ago") stays an int, where
    ``timedelta`` would overflow.
    """
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def add_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) that is ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def iso_week(day: dt.date) -> str:
    """ISO week value ``YYYY-Www`` of a day."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def nearest_year(anchor: dt.date, month: int, day: int | None, future: bool,
                 past: bool = False) -> int:
    """The year that puts (month, day) nearest the article date, leaning to the past.

    News reports recent events, so a month or day without a year is read in the year that puts
    it closest to the article date, a gap on the unexpected side (after the article date, or
    before it in a future clause: "will vote on Nov. 25") counting more, and more again after it
    in a past clause ("the year ended Jan. 31"). "Dec. 27" in a January article is last year's;
    "Jan. 14" in a January 5 article is this year's.
    """
    def score(year: int) -> tuple[float, int]:
        if day is None:
            gap = float((year * 12 + month) - (anchor.year * 12 + anchor.month))
        else:
            try:
                gap = float((dt.date(year, month, day) - anchor).days)
            except ValueError:  # Feb. 29 in a common year
                gap = float((dt.date(year, month, 28) - anchor).days)
        # the wrong side of the article date costs double for a day and four times for a month:
        # "in March" is a past March unless the clause is future or March is weeks away
        wrong = (2.0 if day is not None else 4.0) * (3.0 if past and not future else 1.0)
        weight = wrong if gap != 0 and (gap > 0) != future else 1.0
        return abs(gap) * weight, abs(year - anchor.year)

    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1) if in_calendar(y)]
    return min(years, key=score)


def weekday_year(anchor: dt.date, month: int, day: int, weekday: int) -> int:
    """The latest year, up to the article's next, in which (month, day) falls on ``weekday``.

    "Sunday, Nov. 15" in a January 2017 article is 2015, the last Nov. 15 that was a Sunday;
    the weekday is the writer's own check on the year. A date in the month before the article
    keeps the article's year whatever the weekday says. Falls back to the nearest year.
    """
    near = nearest_year(anchor, month, day, future=False)
    try:
        gap = (anchor - dt.date(near, month, day)).days
    except ValueError:
        gap = -1
    if 0 <= gap <= RECENT_DAYS:
        return near  # a weekday at odds with last week's date is a slip, not a year-old event
    for year in range(anchor.year + 1, anchor.year - 7, -1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if when.weekday() == weekday and (when - anchor).days <= 200:
            return year
    return nearest_year(anchor, month, day, future=False)


def shifted_year(dct: dt.date, month: int, day: int, shift: int) -> int:
    """The year of "last Oct. 23" (the latest before the article date) or "next Oct. 23"."""
    for year in (range(dct.year, dct.year - 2, -1) if shift < 0 else range(dct.year, dct.year + 2)):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if when < dct if shift < 0 else when > dct:
            return year
    return dct.year


def full_year(year: int, anchor: dt.date | None) -> int:
    """A year as written: "98" in "5/12/98" is in the century that puts it nearest the article's
    year (2000 without one); four digits are kept."""
    if year >= 100:
        return year
    near = anchor.year if anchor else 2000
    return min((century + year for century in (1900, 2000, 2100)), key=lambda y: abs(y - near))


# Characters around a time searched for report and event cues (extract's stamps, resolve's dates).
CUE_BEFORE, CUE_AFTER = 60, 40


def anchor_date(published: str | None) -> dt.date | None:
    """The day an ISO date or timestamp names; None when absent or not a date."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


@cache
def default_cues() -> StoryCues:
    """Our story cues for callers without a ``Knowledge`` (tests, one-off calls), built on first
    use (not at import, so a bad file is a clear error at call time)."""
    return StoryCues.build(TimeLexicon.load())
