"""Time expressions in article text (TIMEX-style), recognised and resolved against the article date.

A regex grammar built from ``polemos/data/lexicon/time.yaml`` finds the expressions ("Friday",
"Dec. 27, 2019", "27 December", "last week", "two days ago", "in March", "1998") and resolves each
to a TimeML-style calendar value: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (week), ``YYYY-MM`` (month) or
``YYYY`` (year). Vague spans ("recent months", "the past three years") are found with value None.
The tense of the clause picks the year of "in March"; "that year", "the next day" count from the
time last mentioned and day ranges are split (``time_passes.py``). Which time is an event's is
resolve's to choose (``resolve/dates/event_dates.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from polemos.extract.time_passes import Found as _Found
from polemos.extract.time_passes import anchor_anaphora, moved, range_after_pattern, range_ends
from polemos.model import DatePrecision, TextSpan, TimeExpr
from polemos.time_lexicon import (
    CUE_BEFORE,
    StoryCues,
    TimeLexicon,
    add_months,
    anchor_date,
    full_year,
    in_calendar,
    iso_week,
    nearest_year,
    plus_days,
    shifted_year,
    weekday_year,
)

_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,]\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_CONTEXT = 160  # characters before an expression searched for future cues and month cues
_STAMP_REACH = 400  # the copy's own date stamp or dateline opens the text


def _words(items: Iterable[str], case: bool = False) -> str:
    """Alternation of words, longest first; ``case`` keeps Title and UPPER spellings only."""
    ordered = sorted(set(items), key=lambda w: (-len(w), w))
    if case:
        forms = sorted({f for w in ordered for f in (w, w.upper())}, key=lambda w: (-len(w), w))
        return "(?:" + ("|".join(re.escape(f) for f in forms) or "(?!)") + ")"
    # no words never match (an empty alternation would match everywhere)
    return "(?i:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)") + ")"


_Resolver = Callable[["TimeGrammar", re.Match[str], str, dt.date | None], _Found | None]


@dataclass(frozen=True, slots=True)
class TimeGrammar:
    """The compiled patterns of one lexicon, each with the function that resolves its matches."""

    lexicon: TimeLexicon
    rules: tuple[tuple[re.Pattern[str], _Resolver], ...]
    range_after: re.Pattern[str]
    cues: StoryCues

    @classmethod
    def build(cls, lex: TimeLexicon) -> TimeGrammar:
        full_months = [m for m in lex.months if len(m) > 3 or m == "May"]
        month = rf"(?:{_words(full_months, case=True)}|{_words(lex.months, case=True)}\.)"
        # wire style drops the dot before a number: "Jan 5 (Reuters)", "Sept 2019"
        dated = rf"(?:{month}|{_words(lex.months, case=True)}(?=\s+\d))"
        weekday = (rf"(?:{_words([w for w in lex.weekdays if len(w) > 4], case=True)}"
                   rf"|{_words([w for w in lex.weekdays if len(w) <= 4], case=True)}\.)")
        ordinal = _words(list(lex.numbers.ordinals))
        day = rf"(?:{_DAY}|{ordinal})"
        narrow = _words(lex.narrowers)
        shift = _words(list(lex.shifts))
        day_shift = _words(list(lex.day_shifts))
        part = _words(lex.day_parts)
        number = rf"(?i:{lex.numbers.cardinal_pattern()}|an?|an?\s+few|several)"  # "Two years"
        teens = _words([w for w, v in lex.numbers.units.items() if 10 <= v <= 20]
                       + [w for w, v in lex.numbers.tens.items() if v == 20])
        tens = _words([w for w, v in lex.numbers.tens.items()])
        ones = _words([w for w, v in lex.numbers.units.items() if 1 <= v <= 19])
        unit = _words(list(lex.units))
        holidays = _words([n for h in lex.holidays for n in h.names])
        lead = rf"(?:(?P<narrow>{narrow})(?:\s+|(?<=-)))?"
        rules: list[tuple[str, _Resolver]] = [
            (r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)", _numeric),  # "2013-03-22T10:00"
            (rf"\b(?:{weekday},?\s+)?(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])"
             r"/(?P<y>\d{4}|\d\d)\b(?!/)", _numeric),
            (rf"(?i:the\s+year)\s+(?P<y>{_YEAR})\b", _year),
            (rf"\b(?P<an>{_words(list(lex.anaphora))})(?![\w-])", _anaphor),
            (rf"{lead}\b(?:(?P<wd>{weekday}),?\s+)?(?:(?P<shift>{day_shift})\s+|(?i:the)\s+)?"
             rf"(?P<mon>{dated})\s+(?P<d>{day})\b(?:,?\s+(?P<y>{_YEAR})\b)?", _month_day),
            (rf"{lead}\b(?:(?P<wd>{weekday}),?\s+)?(?:(?i:the)\s+)?(?P<d>{day})\s+(?:(?i:of)\s+)?"
             rf"(?P<mon>{month})(?:,?\s+(?P<y>{_YEAR})\b)?", _month_day),
            (rf"{lead}\b(?P<mon>{dated}),?\s+(?:(?i:of)\s+)?(?P<y>{_YEAR})\b", _month),
            (rf"{lead}\b(?P<mon>{month})\s+(?P<shift>{shift})\s+(?i:year)\b", _month),
            (rf"{lead}(?:\b(?P<shift>{shift})\s+)?\b(?P<mon>{month})(?![\w-])(?!\s*\d)", _month),
            (rf"{lead}\b(?P<mon>{month}),?\s+(?P<cent>{teens})\s+(?P<yy>{tens}(?:-{ones})?|{ones})\b",
             _month_written_year),
            (rf"{lead}(?<![$\d.,#])\b(?P<y>{_YEAR})\b(?!s\b|-\d|\.\d|\s*%|\s+percent)"
             rf"(?!\s+(?:{_words(lex.not_after_year)})(?!\w))", _year),
            (rf"{lead}\b(?P<dw>{_words(list(lex.day_words))})\b(?:\s+(?P<part>{part})\b)?",
             _day_word),
            (rf"(?:\b(?P<shift>{shift}|(?i:the\s+(?:previous|following)))\s+)?{lead}"
             rf"\b(?P<wd>{weekday})(?!\w)(?:\s+(?P<part>{part})\b)?", _weekday),
            (rf"{lead}\b(?:(?i:the)\s+)?(?P<shift>{shift})\s+(?P<unit>(?i:week|month|year))\b",
             _shifted),
            (rf"(?:\b(?P<hedge>{_words(lex.hedges)})\s+)?\b(?P<n>{number})\s+(?P<unit>{unit})\s+"
             rf"(?P<ago>{_words(list(lex.ago_words))})\b", _ago),
            (rf"(?:\b(?P<shift>{shift})\s+)?\b(?P<hol>{holidays})\b(?:,?\s+(?P<y>{_YEAR})\b)?",
             _holiday),
            (rf"\b(?P<yp>{_words(list(lex.year_phrases))})(?![\w-])", _phrase),
            (rf"\b(?P<mp>{_words(list(lex.month_phrases))})(?![\w-])", _phrase),
            (rf"\b(?:(?i:the\s+year)\s+)?(?P<cent>{teens})\s+(?P<yy>{tens}(?:-{ones})?|{ones})"
             rf"\b|\b(?i:the\s+year)\s+(?P<n>{lex.numbers.word_number_pattern()})\b",
             _written_year),
            (rf"\b(?i:the\s+week\s+of)\s+(?P<mon>{month})\s+(?P<d>{day})\b"
             rf"(?:,?\s+(?P<y>{_YEAR})\b)?", _week_of),
            (rf"\b(?:{_words(lex.vague_heads)}|(?i:the\s+(?:past|last|next|coming)\s+"
             rf"{number}\s+(?:days|weeks|months|years|decades)))\b", _vague),
        ]
        return cls(lex, tuple((re.compile(p), f) for p, f in rules),
                   range_after_pattern(lex.range_followers), StoryCues.build(lex))


def _tense(g: TimeGrammar, m: re.Match[str], text: str) -> int:
    """1 when the clause before the match speaks of the future, -1 of the past, else 0."""
    return g.lexicon.tense(text[max(0, m.start() - _CONTEXT):m.start()])


def _is_future(g: TimeGrammar, m: re.Match[str], text: str) -> bool:
    return _tense(g, m, text) > 0


def _numeric(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    try:
        day = dt.date(full_year(int(m["y"]), dct), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Found(m.start(), m.end(), day.isoformat(), "day")


def _day_number(g: TimeGrammar, word: str) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else g.lexicon.numbers.ordinals.get(word.lower())


def _month_day(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    month, day = g.lexicon.month(m["mon"]), _day_number(g, m["d"])
    if month is None or day is None:
        return None
    wd = m.groupdict().get("wd")
    weekday = g.lexicon.weekday(wd) if wd else None
    shift = g.lexicon.shifts.get((m.groupdict().get("shift") or "").lower())
    if m["y"]:
        year: int | None = int(m["y"])
    elif dct is not None and weekday is not None:
        year = weekday_year(dct, month, day, weekday)
    elif dct is not None and shift:
        year = shifted_year(dct, month, day, shift)  # "last Oct. 23"
    else:
        tense = _tense(g, m, text)
        year = nearest_year(dct, month, day, tense > 0, tense < 0) if dct else None
    if year is None:
        return _Found(m.start(), m.end(), None, "day")
    try:
        return _Found(m.start(), m.end(), dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _month(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    month = g.lexicon.month(m["mon"])
    if month is None:
        return None
    groups = m.groupdict()
    given_year, shift = groups.get("y"), groups.get("shift")
    if m["mon"].rstrip(".") in g.lexicon.ambiguous_months and not (
            given_year or shift or m["narrow"]):
        before = re.findall(r"[\w'-]+", text[max(0, m.start() - 20):m.start()])
        if not before or before[-1].lower() not in g.lexicon.month_cues:
            return None  # "May" the verb, "march" the walk: a month only after a cue word
    if given_year:
        return _Found(m.start(), m.end(), f"{int(given_year):04d}-{month:02d}", "month")
    if dct is None:
        return _Found(m.start(), m.end(), None, "month")
    if shift and m["mon"] and re.search(r"(?i)year\s*$", m.group()):
        year = dct.year + g.lexicon.shifts.get(shift.lower(), 0)  # "June last year"
    elif shift and g.lexicon.shifts.get(shift.lower(), 0) < 0:
        # "last November"; the month just gone would be "last month": "last February" in
        # March is a year back
        year = dct.year if month < dct.month - 1 else dct.year - 1
    elif shift and g.lexicon.shifts.get(shift.lower(), 0) > 0:
        year = dct.year if month > dct.month else dct.year + 1
    elif shift:
        year = dct.year  # "this September"
    else:
        tense = _tense(g, m, text)
        year = nearest_year(dct, month, None, tense > 0, tense < 0)
    return _Found(m.start(), m.end(), _month_value(year, month), "month")


def _month_written_year(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None,
                        ) -> _Found | None:
    """"January nineteen ninety-seven", as transcripts spell it."""
    month, year = g.lexicon.month(m["mon"]), _written_year(g, m, text, dct)
    if month is None or year is None or year.value is None:
        return None
    return _Found(m.start(), m.end(), f"{year.value}-{month:02d}", "month")


def _year(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    return _Found(m.start(), m.end(), m["y"], "year")


_WORD_AFTER = re.compile(r"\s+(?:[a-z]|[A-Z][\w.-]*['’]s\b)")


def _day_word(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    days = g.lexicon.day_words.get(re.sub(r"\s+", " ", m["dw"].lower()))
    if days is None:
        return None
    if re.match(r"(?i)the\s.*\b(?:before|after)$", m["dw"]) and _WORD_AFTER.match(text, m.end()):
        return None  # "the day before her death", "... Smith's birthday": not the article date
    return _Found(m.start(), m.end(), _iso(plus_days(dct, days) if dct else None), "day")


def _weekday(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    wd = g.lexicon.weekday(m["wd"])
    if wd is None:
        return None
    if dct is None:
        return _Found(m.start(), m.end(), None, "day")
    shift_word = re.sub(r"^the\s+", "", (m["shift"] or "").lower())
    shift = g.lexicon.shifts.get(shift_word, 0) if shift_word else None
    back, ahead = (dct.weekday() - wd) % 7, (wd - dct.weekday()) % 7
    if shift is not None and shift < 0:
        days = -(back or 7)  # "last Friday": strictly before the article's day
    elif shift is not None and shift > 0:
        days = ahead or 7
    elif _is_future(g, m, text) or shift_word == "this" and ahead <= 3:
        days = ahead
    elif ahead == 1:
        # the article's next day: the copy is a day ahead of its date (a wire stamp, another
        # time zone, an evening date); six days back would be "last Tuesday"
        days = 1
    else:
        days = -back  # news reports what happened: the latest such day, the article's own included
    return _Found(m.start(), m.end(), _iso(plus_days(dct, days)), "day")


def _shifted(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    shift, unit = g.lexicon.shifts.get(m["shift"].lower()), m["unit"].lower()
    if shift is None:
        return None
    precision: DatePrecision = unit  # type: ignore[assignment]
    if dct is None:
        return _Found(m.start(), m.end(), None, precision)
    return _Found(m.start(), m.end(), moved(dct, unit, shift), precision)


def _ago(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    unit = g.lexicon.units.get(m["unit"].lower())
    word = re.sub(r"\s+", " ", m["n"].lower())
    count = 1 if word in ("a", "an") else g.lexicon.numbers.value(word)
    sign = g.lexicon.ago_words.get(re.sub(r"\s+", " ", m["ago"].lower()))
    if unit is None or sign is None:
        return None
    precision: DatePrecision = unit  # type: ignore[assignment]
    if count is None or dct is None:
        return _Found(m.start(), m.end(), None, precision)  # "several years ago"
    # "two years later" tells a story on from its last time; "two years ago" counts from today
    told = m["ago"].lower() in g.lexicon.anaphoric_ago_words
    return _Found(m.start(), m.end(), moved(dct, unit, sign * count), precision,
                  (unit, sign * count) if told else None)


def _holiday(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    holiday = g.lexicon.holiday(m["hol"])
    if holiday is None:
        return None
    if m["y"]:  # "Christmas 2012"
        return _Found(m.start(), m.end(), _iso(holiday.on(int(m["y"]))), "day")
    this_year = holiday.on(dct.year) if dct is not None else None
    if dct is None or this_year is None:
        return _Found(m.start(), m.end(), None, "day")
    shift = g.lexicon.shifts.get((m["shift"] or "").lower(), 0)
    if shift < 0 or not shift and not _is_future(g, m, text) and this_year > dct:
        day = holiday.on(dct.year - 1) if this_year >= dct else this_year
    elif shift > 0:
        day = this_year if this_year > dct else holiday.on(dct.year + 1)
    else:
        day = this_year
    return _Found(m.start(), m.end(), _iso(day), "day")


def _phrase(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    key = re.sub(r"\s+", " ", m.group().lower())
    if "yp" in m.groupdict():
        if dct is None:
            return _Found(m.start(), m.end(), None, "year")
        year = dct.year + g.lexicon.year_phrases[key]
        return _Found(m.start(), m.end(), f"{year:04d}" if in_calendar(year) else None, "year")
    if dct is None:
        return _Found(m.start(), m.end(), None, "month")
    year, month = add_months(dct, g.lexicon.month_phrases[key])
    return _Found(m.start(), m.end(), _month_value(year, month), "month")


def _written_year(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None,
                  ) -> _Found | None:
    numbers = g.lexicon.numbers
    if m.groupdict().get("n"):
        year = numbers.value(m["n"])
    else:
        century, rest = numbers.value(m["cent"]), numbers.value(m["yy"])
        year = (None if century is None or rest is None or rest < 10
                else century * 100 + rest)  # "nineteen ninety-six", not "twenty six"
    if year is None or not 1000 <= year <= 2100:
        return None
    return _Found(m.start(), m.end(), f"{year:04d}", "year")


def _week_of(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    day = _month_day(g, m, text, dct)
    if day is None or day.value is None:
        return day
    return _Found(m.start(), m.end(), iso_week(dt.date.fromisoformat(day.value)), "week")


def _anaphor(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    """"that year", "the next day": from the article date here; ``anchor_anaphora`` moves it to
    count from the time last mentioned."""
    unit, shift = g.lexicon.anaphora[re.sub(r"\s+", " ", m["an"].lower())]
    if unit == "same":  # "until then": only the time last mentioned can say when
        return _Found(m.start(), m.end(), None, None, (unit, shift))
    precision: DatePrecision = unit  # type: ignore[assignment]
    value = moved(dct, unit, shift) if dct else None
    return _Found(m.start(), m.end(), value, precision, (unit, shift))


def _vague(g: TimeGrammar, m: re.Match[str], text: str, dct: dt.date | None) -> _Found | None:
    return _Found(m.start(), m.end(), None, None)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _month_value(year: int, month: int) -> str | None:
    """``YYYY-MM``; None for a year outside the calendar ("next month" from December 9999)."""
    return f"{year:04d}-{month:02d}" if in_calendar(year) else None


def find_time_expressions(text: str, published: str | None,
                          lexicon: TimeLexicon | None = None, *,
                          grammar: TimeGrammar | None = None) -> list[TimeExpr]:
    """Time expressions in ``text`` with values resolved against ``published`` (ISO date).

    Returns non-overlapping expressions in text order (the longest reading wins an overlap);
    relative ones ("Friday", "last week") get value None when ``published`` is None or not a date.
    Example: ``find_time_expressions("Police said Friday ...", "2019-12-30")`` -> Friday is
    ``2019-12-27`` at day precision. When the text opens with its own earlier stamp ("Posted:
    Saturday, March 2, 2013", a dateline "BOSTON (March 2, 2013):"), relative times count from it:
    the article date given is then an update's or a crawl's.
    """
    if grammar is None:  # the pipeline passes Knowledge.time_grammar, compiled once
        grammar = _default_grammar() if lexicon is None else TimeGrammar.build(lexicon)
    dct = anchor_date(published)
    kept = _scan(grammar, text, dct)
    cues = grammar.cues
    stamps = [k for k in kept if k.start < _STAMP_REACH and k.precision == "day" and k.value
              and cues.is_stamp(text[max(0, k.start - CUE_BEFORE):k.start], text[k.end:k.end + 20])]
    own = anchor_date(stamps[0].value) if stamps else None
    if own is not None and dct is not None and own < dct:
        kept = _scan(grammar, text, own)  # written on its stamp's day, dated later (an update)
    return [TimeExpr(TextSpan(text[k.start:k.end], k.start, k.end), k.value, k.precision)
            for k in sorted(kept, key=lambda f: f.start)]


def _scan(grammar: TimeGrammar, text: str, dct: dt.date | None) -> list[_Found]:
    """Every expression the grammar finds, resolved against ``dct``; the longest wins an overlap."""
    found: list[_Found] = []
    for pattern, resolve in grammar.rules:
        for match in pattern.finditer(text):
            hit = resolve(grammar, match, text, dct)
            if hit is not None and hit.end > hit.start:
                found.append(hit)
    kept: list[_Found] = []
    for hit in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return anchor_anaphora(text, range_ends(text, kept, grammar.range_after))


@cache
def _default_grammar() -> TimeGrammar:
    """Our time lexicon for callers without a ``Knowledge`` (tests, one-off calls), compiled on
    first use (not at import, so a bad file is a clear error at call time)."""
    return TimeGrammar.build(TimeLexicon.load())
