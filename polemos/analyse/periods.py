"""Periods of a series (day, ISO week, month) and the incident dates that fall into them.

A period is named by its first day; ``period_label`` gives the name a reader sees
(``2024-03-04``, ``2024-W10``, ``2024-03``). Incident dates come at four grains (schema v1:
``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY``); ``date_span`` reads any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from polemos.errors import InputError

Grain = Literal["day", "week", "month"]
GRAINS: tuple[Grain, ...] = ("day", "week", "month")
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# A series longer than this is a typo in --since or a stray date, not a question anyone asks.
MAX_PERIODS = 20_000

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def check_grain(by: str) -> Grain:
    """``by`` as a Grain; raises InputError naming the choices."""
    if by not in GRAINS:
        raise InputError(f"unknown period {by!r} (expected day, week or month)", field="by")
    return by  # type: ignore[return-value]  # checked just above


def period_start(day: date, by: Grain) -> date:
    """The first day of the period that holds ``day``."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    return day.replace(day=1)


def is_last(start: date, by: Grain) -> bool:
    """Whether this is the calendar's last period (of year 9999): none comes after it."""
    return start >= period_start(date.max, by)


def next_period(start: date, by: Grain) -> date:
    """The first day of the period after the one starting on ``start`` (not the last one)."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def periods_back(start: date, by: Grain, n: int) -> date:
    """The first day of the period ``n`` periods before the one starting on ``start`` (at most
    back to the calendar's first)."""
    if by != "month":
        days = n * (1 if by == "day" else 7)
        return start - timedelta(days=days) if (start - date.min).days >= days else date.min
    months = max(start.year * 12 + start.month - 1 - n, 12)
    return date(months // 12, months % 12 + 1, 1)


def period_end(start: date, by: Grain) -> date:
    """The last day of the period starting on ``start``."""
    return date.max if is_last(start, by) else next_period(start, by) - timedelta(days=1)


def period_label(start: date, by: Grain) -> str:
    """The period as a reader names it: ``2024-03-04``, ``2024-W10`` or ``2024-03``."""
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{start.year:04d}-{start.month:02d}"


def periods(first: date, last: date, by: Grain, limit: int | None = MAX_PERIODS) -> Iterator[date]:
    """Every period from the one holding ``first`` to the one holding ``last``, in order.

    Raises InputError when that is more than ``limit`` periods (a typo in a date, or a stray
    incident date centuries away: narrow the range with since/until).
    """
    start, stop = period_start(first, by), period_start(last, by)
    span = {"day": 1, "week": 7, "month": 30}[by]
    if limit is not None and (stop - start).days // span > limit:
        raise InputError(f"{first.isoformat()} to {last.isoformat()} is over {limit} {by}s "
                         "(give a narrower --since/--until)", field="period")
    while start <= stop:
        yield start
        if is_last(start, by):
            return
        start = next_period(start, by)


def date_span(value: str | None) -> tuple[date, date, str] | None:
    """The first and last day an incident date may mean, and its grain (day/week/month/year);
    None for a missing or unreadable date."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6), "week"
        if m := _MONTH.match(value):
            first = date(int(m[1]), int(m[2]), 1)
            return first, period_end(first, "month"), "month"
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), "year"
    except ValueError:  # 2024-02-31, week 54, year 0: no date
        return None
    return None


def day_of(value: str | None) -> date | None:
    """An ISO day (``first_reported``, a --since bound) as a date; None when missing or malformed."""
    span = date_span(value)
    return span[0] if span and span[2] == "day" else None


def fits(grain: str, by: Grain) -> bool:
    """Whether a date known to ``grain`` can be placed in a period of ``by``."""
    return _RANK[grain] <= _RANK[by]


def parse_bound(value: str | None, field: str) -> date | None:
    """A --since/--until day; raises InputError naming the field for a malformed one."""
    if value is None:
        return None
    day = day_of(value)
    if day is None:
        raise InputError(f"{value!r} is not a date (expected YYYY-MM-DD)", field=field)
    return day
