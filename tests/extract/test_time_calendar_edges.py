"""Time expressions counted from article dates at the calendar's ends (issue 12): a time that
falls outside years 1-9999 has no value; nothing raises."""

from __future__ import annotations

import datetime as dt

import pytest

from polemos.extract.time_expressions import find_time_expressions
from polemos.extract.time_passes import moved
from polemos.time_lexicon import nearest_year, plus_days, weekday_year

_RELATIVE = ("Rebels attacked the town yesterday, tomorrow, next week, last month, next month, "
             "next year, last year, in 3000 years, 99999999999 days ago, 100000000 weeks ago, "
             "two years later, the next day, on Monday, next Friday, last December, on Dec. 31, "
             "on Jan. 1, at Christmas, on Thanksgiving, last Christmas, next Christmas.")


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-07", "9999-12-31", "9999-12-25"])
def test_dates_relative_times_at_the_calendar_ends_never_raise(published: str) -> None:
    times = find_time_expressions(_RELATIVE, published)
    assert len(times) >= 15  # every expression is still found
    for t in times:
        assert t.value is None or dt.MINYEAR <= int(t.value[:4]) <= dt.MAXYEAR
    assert any(t.value is None for t in times)  # some fall outside the calendar


def test_dates_next_week_from_the_last_day_has_no_value() -> None:
    times = find_time_expressions("Talks resume next week.", "9999-12-31")
    assert [(t.span.text, t.value) for t in times] == [("next week", None)]


def test_dates_yesterday_from_the_first_day_has_no_value() -> None:
    times = find_time_expressions("Troops withdrew yesterday.", "0001-01-01")
    assert [(t.span.text, t.value) for t in times] == [("yesterday", None)]


def test_dates_far_counts_are_counted_in_the_calendar_or_not_at_all() -> None:
    times = find_time_expressions("It happened 3000 years ago.", "2020-06-01")
    assert [(t.value, t.precision) for t in times] == [(None, "year")]  # 980 BC: no ISO year
    times = find_time_expressions("It happened 30 years ago.", "2020-06-01")
    assert [t.value for t in times] == ["1990"]


def test_dates_moved_stays_inside_the_calendar() -> None:
    last, first = dt.date.max, dt.date.min
    assert moved(last, "day", 1) is None and moved(first, "day", -1) is None
    assert moved(last, "week", 1) is None and moved(last, "month", 1) is None
    assert moved(last, "year", 1) is None and moved(first, "year", -1) is None
    assert moved(last, "day", -1) == "9999-12-30"
    assert moved(dt.date(2020, 1, 1), "day", 10**15) is None  # no timedelta overflow
    assert moved(dt.date(2020, 1, 31), "month", 1) == "2020-02"


def test_dates_plus_days_and_year_choices_at_the_ends() -> None:
    assert plus_days(dt.date(2020, 2, 28), 1) == dt.date(2020, 2, 29)
    assert plus_days(dt.date.max, 1) is None and plus_days(dt.date.min, -1) is None
    assert nearest_year(dt.date.max, 1, 5, future=True) == 9999
    assert nearest_year(dt.date.min, 12, 27, future=False) == 1
    assert weekday_year(dt.date.max, 12, 1, 2) <= 9999
