"""Periods: labels, ISO weeks across a year's end, month steps, incident dates at four grains."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from polemos.analyse.periods import (
    MAX_PERIODS,
    date_span,
    next_period,
    period_end,
    period_label,
    period_start,
    periods,
    periods_back,
)
from polemos.errors import InputError


@pytest.mark.parametrize(("day", "by", "label"), [
    ("2024-03-06", "day", "2024-03-06"),
    ("2024-03-06", "week", "2024-W10"),
    ("2024-12-31", "week", "2025-W01"),  # ISO week 1 of 2025 starts on Monday 2024-12-30
    ("2024-03-06", "month", "2024-03"),
])
def test_periods_label_names_the_period(day: str, by: str, label: str) -> None:
    assert period_label(period_start(date.fromisoformat(day), by), by) == label  # type: ignore[arg-type]


def test_periods_range_is_every_period_in_order() -> None:
    months = list(periods(date(2023, 11, 15), date(2024, 2, 1), "month"))
    assert [period_label(m, "month") for m in months] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert next_period(date(2024, 12, 1), "month") == date(2025, 1, 1)
    assert len(list(periods(date(2024, 1, 1), date(2024, 12, 31), "day"))) == 366


def test_periods_too_long_a_range_is_an_input_error() -> None:
    with pytest.raises(InputError, match="narrower"):
        list(periods(date(1900, 1, 1), date(1900, 1, 1) + timedelta(days=MAX_PERIODS + 5), "day"))


@pytest.mark.parametrize(("value", "span"), [
    ("2024-03-06", ("2024-03-06", "2024-03-06", "day")),
    ("2024-W10", ("2024-03-04", "2024-03-10", "week")),
    ("2024-02", ("2024-02-01", "2024-02-29", "month")),
    ("2023", ("2023-01-01", "2023-12-31", "year")),
    ("2024-02-31", None), ("yesterday", None), (None, None), ("", None),
])
def test_periods_date_span_reads_every_grain(value: str | None, span: tuple | None) -> None:
    got = date_span(value)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat(), got[2])) == span


def test_periods_at_the_ends_of_the_calendar() -> None:
    for by in ("day", "week", "month"):
        last = list(periods(date(9999, 12, 1), date.max, by))  # type: ignore[arg-type]
        assert last[-1] <= date.max and period_end(last[-1], by) == date.max  # type: ignore[arg-type]
        assert periods_back(date(1, 1, 15), by, 30) == date(1, 1, 1)  # type: ignore[arg-type]
