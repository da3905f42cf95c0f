"""Alerts over incident records: no look-ahead (a replay equals the full run), late reports,
every dyad and place, the incidents that drive an alert, stale retellings, bad input."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from analyse_records import incident, nb_counts, series_incidents

from polemos.analyse import alerts, trend
from polemos.errors import InputError

QUIET = [1, 0, 2, 1, 0, 1, 1, 0, 2, 1] * 4  # 40 days of a quiet series, then a burst
BURST = QUIET + [9, 8, 6, 1, 0]


def _talks(days: int, start: str = "2024-01-01") -> list[dict]:
    """A cooperative incident a day elsewhere: the store hears news every day."""
    return [incident(f"talks{i}", _day(start, i), quad=1, actors=("USA",), recipients=("FRA",),
                     place=("FRA", None, "Paris")) for i in range(days)]


def _day(start: str, offset: int) -> str:
    return (date.fromisoformat(start) + timedelta(days=offset)).isoformat()


def _reported_late(seed: int) -> list[dict]:
    """Three dyads over 150 days with breaks, each incident reported 0-3 days after it happened
    and one in ten up to 20 days late."""
    rng = np.random.default_rng(seed)
    out = []
    for tag, (a, r, place), rate in (("a", ("RUS", "UKR", ("UKR", "Kharkiv", "Kharkiv")), 2.0),
                                      ("b", ("ISR", "PSE", ("PSE", "Gaza", "Gaza")), 0.5),
                                      ("c", ("SDN", "SDN", ("SDN", "Khartoum", "Khartoum")), 4.0)):
        rates = np.where((np.arange(150) % 50) >= 40, rate * 4, rate)  # a rise every 50 days
        for i, n in enumerate(nb_counts(rng, rates, 8.0)):
            for j in range(n):
                late = int(rng.integers(0, 4)) if rng.random() > 0.1 else int(rng.integers(4, 21))
                out.append(incident(f"{tag}{i}-{j}", _day("2024-01-01", i),
                                    _day("2024-01-01", i + late), actors=(a,), recipients=(r,),
                                    place=place))
    return out


@pytest.mark.parametrize("by", ["day", "week"])
def test_alerts_replay_equals_the_full_run(by: str) -> None:
    records = _reported_late(7)
    full = alerts(records, by=by)
    assert len({a.series for a in full}) >= 3  # the test has alerts to compare
    for cut in range(30, 170, 9):
        known_by = _day("2024-01-01", cut)
        then = alerts([r for r in records if r["first_reported"] <= known_by], by=by)
        assert [a for a in then if a.end <= known_by] == [a for a in full if a.end <= known_by]
        assert alerts(records, by=by, until=known_by) == then  # `until` is the same replay


def test_alerts_late_report_moves_no_earlier_alert() -> None:
    records = series_incidents(QUIET + [1, 0, 2, 1, 0])
    assert alerts(records, by="day") == []
    late = [incident(f"late{j}", "2024-02-10", "2024-02-14") for j in range(9)]  # told 4 days on
    after = alerts(records + late, by="day", dyad=("RUS", "UKR"))
    assert [a.period for a in after] == ["2024-02-14"]  # the day they were reported, not 02-10
    assert set(after[0].incident_ids) == {r["id"] for r in late}
    assert after[0].observed == 9 and after[0].span == 1


def test_alerts_every_dyad_and_place_with_enough_data() -> None:
    records = (series_incidents(BURST, tag="hot") + _talks(80)
               + series_incidents(QUIET * 2, tag="calm", actors=("ISR",), recipients=("PSE",),
                                  place=("PSE", "Gaza", "Gaza")))
    found = alerts(records, by="day")
    assert {(a.kind, a.series) for a in found} == {
        ("dyad", "RUS→UKR"), ("place", "UKR"), ("place", "Kharkivs'ka Oblast', UKR")}
    first = found[0]
    assert (first.period, first.span, first.observed, first.window) == ("2024-02-10", 1, 9, 28)
    assert first.expected == pytest.approx(sum(QUIET[-28:]) / 28, abs=1e-3)
    assert first.surprise >= 3.5 and first.p_value == pytest.approx(10 ** -first.surprise, rel=0.01)


def test_alerts_name_their_incidents_most_violent_first() -> None:
    records = series_incidents(QUIET) + [
        incident("x1", "2024-02-10", dead=2), incident("x2", "2024-02-10", quad=3),
        incident("x3", "2024-02-10", dead=40), *(incident(f"x{j}", "2024-02-10") for j in range(4, 9))]
    (alert,) = alerts(records, by="day", place="Ukraine")
    assert alert.series == "Ukraine" and alert.kind == "place"
    ids = {r["text"].split()[-1].rstrip("."): r["id"] for r in records[-8:]}
    assert alert.incident_ids[:2] == (ids["x3"], ids["x1"])  # -10 intensity, most dead first
    assert alert.incident_ids[-1] == ids["x2"]  # the verbal conflict (intensity +2) last
    assert alert.texts[0] == "Sentence of incident x3." and alert.dead == 42
    assert len(alert.texts) == len(alert.incident_ids) == alert.observed == 8


def test_alerts_leave_out_stale_retellings_and_cooperation() -> None:
    records = series_incidents(QUIET)
    retold = [incident(f"old{j}", "2023-01-15", "2024-02-10") for j in range(9)]
    talks = [incident(f"talk{j}", "2024-02-10", quad=1) for j in range(9)]
    assert alerts(records + retold + talks, by="day") == []
    assert alerts(records + retold, by="day", stale_days=400) != []


def test_alerts_a_gap_in_the_news_is_no_quiet_period() -> None:
    """Days on which the store heard nothing at all are missing, not zeros: after weeks without
    any report a return to the usual level is no alert, and a baseline skips the gap."""
    usual = [3, 2, 4, 3, 2, 3, 4, 2, 3, 3] * 3
    assert alerts(series_incidents(usual + [0] * 20 + [3, 4, 3, 2, 4]), by="day") == []
    counts = QUIET[:30] + [0] * 10 + [9]  # news every day for 30 days, then 10 days of nothing
    (alert,) = alerts(series_incidents(counts) + _talks(30), by="day", dyad=("RUS", "UKR"))
    assert alert.period == "2024-02-10"
    assert alert.expected == pytest.approx(sum(counts[12:30]) / 18, abs=1e-3)  # its 18 active days


def test_alerts_a_stray_old_date_changes_nothing() -> None:
    records = series_incidents(BURST)
    stray = incident("old", "1950-01-01")  # an archive article: the store starts in 1950
    assert alerts(records + [stray], by="day") == alerts(records, by="day") != []


def test_alerts_a_rise_over_three_periods_with_none_above_the_minimum() -> None:
    """Two and two after weeks of nothing: no single day reaches 3, the three days do."""
    records = series_incidents([0] * 40 + [2, 2]) + _talks(42)
    (alert,) = alerts(records, by="day", dyad=("RUS", "UKR"))
    assert (alert.period, alert.span, alert.observed) == ("2024-02-11", 3, 4)


def test_alerts_and_trend_at_the_ends_of_the_calendar() -> None:
    records = series_incidents(BURST) + [incident("first", "0001-01-01"), incident("last", "9999-12-31")]
    assert [a.period for a in alerts(records, by="day", dyad=("RUS", "UKR"))][:1] == ["2024-02-10"]
    with pytest.raises(InputError, match="narrower"):
        trend(records, by="day")


def test_alerts_bad_input_and_empty_input() -> None:
    records = series_incidents(BURST)
    with pytest.raises(InputError, match="unknown actor 'Narnia'"):
        alerts(records, dyad=("Narnia", "UKR"))
    with pytest.raises(InputError, match="unknown period"):
        alerts(records, by="fortnight")
    with pytest.raises(InputError, match="window"):
        alerts(records, window=1)
    assert alerts([], by="day") == [] and alerts(records, dyad=("UKR", "RUS")) == []
    assert alerts(records, since="2025-01-01", by="day") == []
    assert "incident_ids" in alerts([], by="day").to_arrow().column_names
