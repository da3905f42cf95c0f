"""Escalation alerts: periods where conflict incidents for a dyad or a place exceed their baseline.

A conflict incident (quad class 3 or 4: verbal or material conflict) counts in the period it was
first reported, so the value of period D depends only on what was reported by the end of D: a
late report lands in its own period and never moves an earlier alert. An incident told more than
``stale_days`` after its event date (an anniversary, a trial) is history, not news, and is left
out. Each series is scored against its own previous ``window`` periods (surprise.py), of which
only those in which the store heard anything at all count: a period with no report is a gap in
the news, not a quiet one. The method, its defaults and what it cannot see: docs/alerts.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from polemos.analyse.filters import (
    IncidentRecord,
    Query,
    dyad_keys,
    party_query,
    place_keys,
    place_query,
    select,
)
from polemos.analyse.periods import (
    Grain,
    check_grain,
    date_span,
    day_of,
    period_end,
    period_label,
    period_start,
    periods,
    periods_back,
)
from polemos.analyse.records import Records
from polemos.analyse.series import check_range
from polemos.analyse.surprise import Flag, flags
from polemos.errors import InputError

# The baseline window per grain: four weeks of days, a quarter of weeks, a year of months.
WINDOWS: dict[str, int] = {"day": 28, "week": 12, "month": 12}
THRESHOLD = 3.5  # surprise, -log10 p: a count with odds of 1 in 3,000 (two spans are tested)
SPANS = (1, 3)  # a period alone, and with the two before it
MIN_COUNT = 3  # fewer conflict incidents in a period is never an alert
STALE_DAYS = 14


@dataclass(frozen=True, slots=True)
class Alert:
    """A period in which a dyad or a place saw more conflict incidents than its baseline."""

    kind: str  # dyad | place
    series: str  # "RUS→UKR", "UKR", "Kharkiv, UKR"
    period: str  # the period alerted (the last of the span)
    start: str  # first day of the span
    end: str  # last day of the period
    span: int  # periods the count covers: 1, or 3 for a rise sustained over three periods
    observed: int  # conflict incidents first reported in the span
    expected: float  # what the baseline window gives for as many periods
    surprise: float  # -log10 P(a count this high | baseline)
    p_value: float
    window: int  # periods in the baseline
    intensity: float  # summed intensity of the period's conflict incidents
    dead: int
    incident_ids: tuple[str, ...]  # the incidents that drive it, most violent first
    texts: tuple[str, ...]  # their evidence sentences, in the same order


@dataclass(frozen=True, slots=True)
class Settings:
    """The method's parameters (docs/alerts.md)."""

    by: Grain = "week"
    window: int = 12
    threshold: float = THRESHOLD
    min_count: int = MIN_COUNT
    stale_days: int = STALE_DAYS


def is_conflict(record: IncidentRecord) -> bool:
    """Verbal or material conflict (quad class 3 or 4; without one, a negative intensity)."""
    quad = record.get("quad_class")
    if quad is not None:
        return int(quad) in (3, 4)
    return record.get("intensity") is not None and float(record["intensity"]) < 0


def report_day(record: IncidentRecord, stale_days: int | None) -> date | None:
    """The day an incident became known (first report; else its own day-precision date), or
    None when unknown or when the report retells something over ``stale_days`` old."""
    span = date_span(record.get("date"))
    reported = day_of(record.get("first_reported")) or (span[0] if span and span[2] == "day" else None)
    if reported is None or (stale_days is not None and span and (reported - span[1]).days > stale_days):
        return None
    return reported


def alerts(records: Sequence[IncidentRecord], *, dyad: tuple[str, str] | None = None,
           place: str | None = None, by: str = "week", since: str | None = None,
           until: str | None = None, window: int | None = None, threshold: float = THRESHOLD,
           min_count: int = MIN_COUNT, stale_days: int = STALE_DAYS) -> Records[Alert]:
    """Alerts for one dyad (ACTOR, RECIPIENT), one place, both, or (neither) every dyad and every
    country and province; periods from ``since``, knowing only what was reported by ``until``.

    Sorted by period, then surprise (largest first). Raises InputError for an unknown actor or
    place, a bad date, period or parameter. Example:
    ``alerts(records, dyad=("RUS", "UKR"), by="day")``. DOCS: docs/alerts.md
    """
    grain = check_grain(by)
    settings = Settings(grain, window or WINDOWS[grain], threshold, min_count, stale_days)
    if settings.window < 2 or settings.min_count < 1 or settings.stale_days < 0:
        raise InputError("window must be at least 2, min_count at least 1, stale_days at least 0",
                         field="window")
    first, last = check_range(since, until)
    known = [(day, r) for r in records
             if (day := report_day(r, stale_days)) is not None and (last is None or day <= last)]
    if not known:
        return Records(kind=Alert)
    # the periods in which anything at all was reported (stale retellings too): the rest are gaps
    active = {period_start(day, grain) for r in records
              if (day := report_day(r, None)) is not None and (last is None or day <= last)}
    series = _series(known, records, dyad, place)
    found = [a for kind, name, items in series
             for a in _series_alerts(kind, name, items, active, settings)]
    if first is not None:
        found = [a for a in found if a.end >= first.isoformat()]
    return Records(sorted(found, key=lambda a: (a.end, -a.surprise, a.kind, a.series)), kind=Alert)


def _series(known: list[tuple[date, IncidentRecord]], records: Sequence[IncidentRecord],
            dyad: tuple[str, str] | None, place: str | None
            ) -> list[tuple[str, str, list[tuple[date, IncidentRecord]]]]:
    """(kind, name, its conflict incidents with their report days) for each series to score."""
    conflict = [(day, r) for day, r in known if is_conflict(r)]
    if dyad or place:
        actor, recipient = (party_query(dyad[0], records, "actor"),
                            party_query(dyad[1], records, "recipient")) if dyad else (None, None)
        where: Query | None = place_query(place, records) if place else None
        # records are dicts, which do not hash: the chosen ones are known by identity
        ids = {id(r) for r in select((r for _, r in conflict), actor, recipient, where)}
        name = " @ ".join(p for p in (f"{dyad[0]}→{dyad[1]}" if dyad else "", place or "") if p)
        return [("dyad" if dyad else "place", name, [(d, r) for d, r in conflict if id(r) in ids])]
    grouped: dict[tuple[str, str], list[tuple[date, IncidentRecord]]] = {}
    for day, r in conflict:
        for key in dyad_keys(r):
            grouped.setdefault(("dyad", key), []).append((day, r))
        for key in place_keys(r):
            grouped.setdefault(("place", key), []).append((day, r))
    return [(kind, name, items) for (kind, name), items in sorted(grouped.items())]


def _series_alerts(kind: str, name: str, items: list[tuple[date, IncidentRecord]],
                   active: set[date], settings: Settings) -> list[Alert]:
    """The alerts of one series: its counts per period, each against its window."""
    by_period: dict[date, list[IncidentRecord]] = {}
    for day, r in items:
        by_period.setdefault(period_start(day, settings.by), []).append(r)
    if len(items) < settings.min_count:
        return []  # no span could reach the minimum: skip building the series
    # before a series' first incident its counts are zeros: a full window and span are enough
    lo = periods_back(min(by_period), settings.by, settings.window + max(SPANS))
    starts = list(periods(lo, max(by_period), settings.by, limit=None))
    counts = [len(by_period.get(s, ())) for s in starts]
    return [_alert(kind, name, starts[f.index - f.span + 1:f.index + 1], by_period, f, settings)
            for f in flags(counts, window=settings.window, threshold=settings.threshold,
                           min_count=settings.min_count, spans=SPANS,
                           active=[s in active for s in starts])]


def _alert(kind: str, name: str, block: list[date], by_period: dict[date, list[IncidentRecord]],
           flag: Flag, settings: Settings) -> Alert:
    incidents = [r for start in block for r in by_period.get(start, ())]
    ranked = sorted(incidents, key=lambda r: (float(r.get("intensity") or 0.0), -int(r.get("dead") or 0),
                                              str(r["id"])))
    return Alert(
        kind=kind, series=name, period=period_label(block[-1], settings.by),
        start=block[0].isoformat(), end=period_end(block[-1], settings.by).isoformat(),
        span=flag.span, observed=flag.observed, expected=flag.expected, surprise=flag.surprise,
        p_value=float(f"{flag.p_value:.3g}"), window=settings.window,
        intensity=round(sum(float(r.get("intensity") or 0.0) for r in incidents), 2),
        dead=sum(int(r.get("dead") or 0) for r in incidents),
        incident_ids=tuple(str(r["id"]) for r in ranked),
        texts=tuple(str(r.get("text") or "") for r in ranked))
