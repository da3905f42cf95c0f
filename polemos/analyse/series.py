"""Trend: incidents per period for a dyad, a place or everything, every period with zeros.

An incident falls in the period of the day it happened when its ``date`` is known at least as
finely as the period (a month-precision date in a monthly series), else in the period it was
first reported. Intensity is summed (Goldstein-style, negative for conflict); q1..q4 count the
incidents of each quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict; polemos/data/ontology/intensity.tsv); ``dead`` sums the incidents'
reconciled counts (one per incident, never per mention). docs/alerts.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from polemos.analyse.filters import IncidentRecord, party_query, place_query, select
from polemos.analyse.periods import (
    Grain,
    check_grain,
    date_span,
    day_of,
    fits,
    parse_bound,
    period_end,
    period_label,
    period_start,
    periods,
)
from polemos.analyse.records import Records
from polemos.errors import InputError


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period of a trend: what the incidents in it add up to."""

    period: str  # 2024-03-04, 2024-W10 or 2024-03
    start: str  # first day (ISO)
    end: str  # last day (ISO)
    incidents: int = 0
    intensity: float = 0.0  # summed; negative: conflict outweighs cooperation
    q1: int = 0  # verbal cooperation
    q2: int = 0  # material cooperation
    q3: int = 0  # verbal conflict
    q4: int = 0  # material conflict
    dead: int = 0


def incident_day(record: IncidentRecord, by: Grain) -> date | None:
    """The day that places an incident in a ``by`` series: when it happened, if its date is
    known to that grain, else when it was first reported (None: neither is known)."""
    span = date_span(record.get("date"))
    if span and fits(span[2], by):
        return span[0]
    return day_of(record.get("first_reported"))


def check_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """--since and --until as days; raises InputError for a malformed or reversed pair."""
    first, last = parse_bound(since, "since"), parse_bound(until, "until")
    if first and last and first > last:
        raise InputError(f"{first} is after until {last}", field="since")
    return first, last


def trend(records: Sequence[IncidentRecord], *, actor: str | None = None,
          recipient: str | None = None, place: str | None = None, by: str = "week",
          since: str | None = None, until: str | None = None) -> Records[TrendPoint]:
    """Per period from ``since`` to ``until`` (default: the first and last matching incident),
    every period included, zeros for the empty ones; an empty list when nothing matches and no
    range is given. Raises InputError for an unknown actor or place, or a bad date or period.
    Example: ``trend(records, actor="RUS", recipient="UKR", by="month")``. DOCS: docs/alerts.md
    """
    grain = check_grain(by)
    first, last = check_range(since, until)
    chosen = select(records,
                    party_query(actor, records, "actor") if actor else None,
                    party_query(recipient, records, "recipient") if recipient else None,
                    place_query(place, records) if place else None)
    by_period: dict[date, list[IncidentRecord]] = {}
    for r in chosen:
        day = incident_day(r, grain)
        if day is None or (first and day < first) or (last and day > last):
            continue
        by_period.setdefault(period_start(day, grain), []).append(r)
    lo = first or (min(by_period) if by_period else None)
    hi = last or (max(by_period) if by_period else None)
    if lo is None or hi is None or lo > hi:
        return Records(kind=TrendPoint)
    return Records((_point(start, grain, by_period.get(start, []))
                    for start in periods(lo, hi, grain)), kind=TrendPoint)


def _point(start: date, by: Grain, incidents: list[IncidentRecord]) -> TrendPoint:
    quads = [r.get("quad_class") for r in incidents]
    return TrendPoint(
        period=period_label(start, by), start=start.isoformat(),
        end=period_end(start, by).isoformat(), incidents=len(incidents),
        intensity=round(sum((float(r["intensity"]) for r in incidents
                             if r.get("intensity") is not None), 0.0), 2),
        q1=quads.count(1), q2=quads.count(2), q3=quads.count(3), q4=quads.count(4),
        dead=sum(int(r["dead"]) for r in incidents if r.get("dead") is not None))
