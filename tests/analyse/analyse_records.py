"""Incident records for the analysis tests, built as the clustering builds them (model.Incident)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from polemos.model import Actor, Incident, Place, incident_record, stable_id


def incident(n: int | str, day: str | None, reported: str | None = None, *, quad: int = 4,
             actors: tuple[str, ...] = ("RUS",), recipients: tuple[str, ...] = ("UKR",),
             place: tuple[str, str | None, str] | None = ("UKR", "Kharkivs'ka Oblast'", "Kharkiv"),
             dead: int | None = None, intensity: float | None = None,
             precision: str = "day") -> dict[str, Any]:
    """One incident record; ``place`` is (country, admin1, name); parties are ISO3 codes or,
    when lower-case, actor ids."""
    def party(code: str) -> Actor:
        if code.islower():
            return Actor(text=code, name=code.replace("_", " ").title(), id=code)
        return Actor(text=code, name=code, id=f"country:{code}", country=code)

    return incident_record(Incident(
        id=stable_id("test-incident", n), event_type="ASSAULT" if quad == 4 else "ACCUSE",
        family="violence", mention_ids=(f"m{n}",), doc_ids=(f"d{n}",), lead_mention_id=f"m{n}",
        text=f"Sentence of incident {n}.", first_reported=reported or day, last_reported=reported or day,
        date=day, date_precision=precision, date_rule="lead", cameo="190" if quad == 4 else "112",
        quad_class=quad, intensity=intensity if intensity is not None else (-10.0 if quad == 4 else 2.0),
        actors=tuple(party(a) for a in actors), recipients=tuple(party(r) for r in recipients),
        location=Place(name=place[2], country=place[0], admin1=place[1]) if place else None,
        dead=dead))


def series_incidents(counts: list[int], start: str = "2024-01-01", *, tag: str = "s",
                     **kw: Any) -> list[dict[str, Any]]:
    """``counts[i]`` conflict incidents on day i from ``start``, each reported the day it happened."""
    first = date.fromisoformat(start)
    out = []
    for i, c in enumerate(counts):
        day = (first + timedelta(days=i)).isoformat()
        out.extend(incident(f"{tag}{i}-{j}", day, **kw) for j in range(c))
    return out


def nb_counts(rng: np.random.Generator, rates: np.ndarray, k: float = 4.0) -> list[int]:
    """Negative-binomial counts with these means (variance mean + mean²/k: bursty, like news)."""
    return [int(c) for c in rng.negative_binomial(k, k / (k + rates))]
