"""The alert method on seeded synthetic series with known breaks: its tail is right, it finds
steps, stays quiet on quiet series, and says so within a period or two.

Thresholds are those of benchmarks/alerts_synthetic.py (200 series a row, docs/alerts.md) with a
margin of about four binomial standard errors for the smaller samples here.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from analyse_records import nb_counts

from polemos.analyse.alerts import MIN_COUNT, SPANS, THRESHOLD, WINDOWS
from polemos.analyse.surprise import baseline, flags, surprise

YEAR = {"day": 365, "week": 52}


def _alerts(counts: list[int], by: str) -> list[int]:
    return [f.index for f in flags(counts, window=WINDOWS[by], threshold=THRESHOLD,
                                   min_count=MIN_COUNT, spans=SPANS)]


@pytest.mark.parametrize(("observed", "window"), [(3, [0] * 12), (7, [1, 2, 0, 3, 1, 2] * 2),
                                                  (30, [10, 12, 9, 11, 8, 30, 10, 9]),
                                                  (1, [0, 0, 1])])
def test_surprise_is_the_negative_binomial_tail(observed: int, window: list[int]) -> None:
    base = baseline(window)
    r = base.mean ** 2 / (base.variance - base.mean)
    p = base.mean / base.variance

    def pmf(j: int) -> float:
        return math.exp(math.lgamma(j + r) - math.lgamma(r) - math.lgamma(j + 1)
                        + r * math.log(p) + j * math.log1p(-p))

    below = sum(pmf(j) for j in range(observed))
    assert sum(pmf(j) for j in range(2000)) == pytest.approx(1.0, abs=1e-9)
    assert 10 ** -surprise(observed, base) == pytest.approx(1.0 - below, rel=1e-6)


def test_surprise_of_a_silent_baseline_is_finite_and_grows() -> None:
    base = baseline([0] * 12)
    sizes = [surprise(n, base) for n in (1, 2, 3, 10)]
    assert sizes == sorted(sizes) and all(math.isfinite(s) for s in sizes)
    assert sizes[0] < THRESHOLD < sizes[2]  # one incident in a quiet series is no alert; three are


def test_surprise_never_flags_a_drop_or_a_full_window_short() -> None:
    assert flags([10] * 12 + [0, 0, 2], window=12, threshold=0.0, min_count=1) == []
    assert flags([0] * 5 + [50], window=12, threshold=0.0, min_count=1) == []  # no full window yet


@pytest.mark.parametrize(("by", "rate", "step", "k", "detect", "delay"), [
    ("week", 5.0, 3.0, 50.0, 0.85, 1.5),  # benchmark: 0.94 within 4 weeks, median 1
    ("week", 20.0, 2.0, 50.0, 0.85, 1.5),  # 0.96, median 1
    ("day", 10.0, 2.0, 50.0, 0.65, 2.5),  # 0.78, median 2
    ("week", 5.0, 3.0, 4.0, 0.60, 2.5),  # bursty news: 0.74, median 1
])
def test_surprise_detects_steps_soon(by: str, rate: float, step: float, k: float, detect: float,
                                     delay: float) -> None:
    rng = np.random.default_rng(15)
    delays = []
    n = 100
    for _ in range(n):
        brk = YEAR[by] + int(rng.integers(0, YEAR[by] // 2))
        counts = nb_counts(rng, np.where(np.arange(brk + 8) >= brk, rate * step, rate), k)
        hits = [i - brk for i in _alerts(counts, by) if 0 <= i - brk < 4]
        if hits:
            delays.append(min(hits))
    assert len(delays) / n >= detect
    assert statistics.median(delays) <= delay


@pytest.mark.parametrize(("by", "rate", "k", "per_year"), [
    ("week", 5.0, 50.0, 0.2),  # benchmark: 0.05 false alarms per series-year
    ("week", 5.0, 4.0, 0.8),  # bursty: 0.40
    ("day", 2.0, 50.0, 0.5),  # 0.17
    ("day", 10.0, 4.0, 1.6),  # bursty: 1.04
])
def test_surprise_false_alarms_per_year_of_quiet_series(by: str, rate: float, k: float,
                                                        per_year: float) -> None:
    rng = np.random.default_rng(14)
    n = 60 if by == "day" else 200
    false = sum(sum(1 for i in _alerts(nb_counts(rng, np.full(2 * YEAR[by], rate), k), by)
                    if i >= YEAR[by]) for _ in range(n))  # the second year: a full baseline
    assert false / n <= per_year
