"""Trend: every period with zeros, directed dyads, places by code, name or province, the counts."""

from __future__ import annotations

import pytest
from analyse_records import incident

from polemos.analyse import trend
from polemos.errors import InputError

RECORDS = [
    incident(1, "2024-03-04", dead=3),
    incident(2, "2024-03-04", quad=3),
    incident(3, "2024-03-13", actors=("UKR",), recipients=("RUS",),
             place=("RUS", "Belgorod Oblast", "Belgorod"), dead=1),
    incident(4, "2024-03-06", actors=("ISR",), recipients=("hamas",),
             place=("PSE", "Gaza", "Gaza"), quad=4, dead=None),
    incident(5, "2024-03", "2024-03-20", precision="month"),
    incident(6, "2024-03-08", quad=1, actors=("USA",), recipients=("IRQ",),
             place=("IRQ", "Baghdād", "Baghdad"), intensity=3.5),
]


def test_series_every_period_with_zeros() -> None:
    points = trend(RECORDS, actor="RUS", recipient="UKR", by="day")
    assert [p.period for p in points] == [f"2024-03-{d:02d}" for d in range(4, 21)]
    by_day = {p.period: p.incidents for p in points}
    assert by_day["2024-03-04"] == 2 and by_day["2024-03-05"] == 0
    assert by_day["2024-03-20"] == 1  # a month-precision date falls on the day first reported
    assert sum(by_day.values()) == 3


def test_series_counts_intensity_quads_and_dead() -> None:
    (week,) = trend(RECORDS, actor="RUS", by="week", until="2024-03-10")[:1]
    assert (week.period, week.start, week.end) == ("2024-W10", "2024-03-04", "2024-03-10")
    assert (week.incidents, week.q3, week.q4, week.dead) == (2, 1, 1, 3)
    assert week.intensity == pytest.approx(-8.0)


def test_series_month_keeps_a_month_precision_date() -> None:
    (march,) = trend(RECORDS, by="month")
    assert march.period == "2024-03" and march.incidents == len(RECORDS)
    assert (march.q1, march.q3, march.q4, march.dead) == (1, 1, 4, 4)


def test_series_dyad_is_directed() -> None:
    forward = trend(RECORDS, actor="RUS", recipient="UKR", by="month")
    backward = trend(RECORDS, actor="UKR", recipient="RUS", by="month")
    assert (forward[0].incidents, backward[0].incidents) == (3, 1)
    assert trend(RECORDS, actor="Russian Federation", by="month")[0].incidents == 3  # pycountry name
    assert trend(RECORDS, recipient="Hamas", by="month")[0].incidents == 1  # an actor's name


@pytest.mark.parametrize(("place", "n"), [("UKR", 3), ("Ukraine", 3), ("baghdad", 1),
                                          ("Gaza", 1), ("Belgorod Oblast", 1)])
def test_series_place_by_code_name_or_province(place: str, n: int) -> None:
    assert sum(p.incidents for p in trend(RECORDS, place=place, by="month")) == n


def test_series_unknown_actor_or_place_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown actor 'XYZ'"):
        trend(RECORDS, actor="XYZ")
    with pytest.raises(InputError, match="unknown place 'Atlantis'"):
        trend(RECORDS, place="Atlantis")


def test_series_range_without_data_is_zeros_and_no_range_is_empty() -> None:
    quiet = trend(RECORDS, actor="NZL", since="2024-01-01", until="2024-01-31", by="week")
    assert len(quiet) == 5 and all(p.incidents == 0 and p.dead == 0 for p in quiet)
    assert trend(RECORDS, actor="NZL") == [] and trend([], by="day") == []
    with pytest.raises(InputError, match="after until"):
        trend(RECORDS, since="2024-02-01", until="2024-01-01")
    with pytest.raises(InputError, match="not a date"):
        trend(RECORDS, since="2024-02-30")


def test_series_records_become_dicts_and_arrow() -> None:
    points = trend(RECORDS, by="week")
    table = points.to_arrow()
    assert table.num_rows == len(points) == 3  # weeks 10, 11 (zero) and 12
    assert table.column_names == ["period", "start", "end", "incidents", "intensity", "q1", "q2",
                                  "q3", "q4", "dead"]
    assert points.to_dicts()[0]["incidents"] == table.column("incidents").to_pylist()[0]
    assert trend([], by="week").to_arrow().column_names == table.column_names
