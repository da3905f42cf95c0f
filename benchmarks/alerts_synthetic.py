"""The alert method on seeded synthetic series: detection, false alarms per year, delay (issue 15).

    PYTHONPATH=. python benchmarks/alerts_synthetic.py [--series 200] [--seed 15]

Each series is a year of warm-up at a base rate, then either stays quiet (false alarms are
counted over its second year) or steps up by a factor at a known period (the break). Counts are
negative binomial, variance = mean + mean²/k: k = 4 for bursty news, k = 50 nearly Poisson. A break is
detected when an alert falls within ``HORIZON`` periods from it; the delay is the first such
alert's distance from the break (0: the break's own period). Prints a Markdown table
(docs/alerts.md shows it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from polemos.analyse.alerts import MIN_COUNT, SPANS, THRESHOLD, WINDOWS  # noqa: E402
from polemos.analyse.surprise import flags  # noqa: E402

HORIZON = 4  # periods after a break within which an alert counts as its detection
DISPERSIONS = (4.0, 50.0)  # bursty news, and nearly Poisson
PER_YEAR = {"day": 365, "week": 52}
SCENARIOS = (  # grain, base rate per period, step factor
    ("day", 0.5, 3.0), ("day", 0.5, 5.0), ("day", 2.0, 2.0), ("day", 2.0, 3.0),
    ("day", 10.0, 1.5), ("day", 10.0, 2.0),
    ("week", 1.0, 3.0), ("week", 1.0, 5.0), ("week", 5.0, 2.0), ("week", 5.0, 3.0),
    ("week", 20.0, 1.5), ("week", 20.0, 2.0),
)


def counts(rng: np.random.Generator, rates: np.ndarray, k: float) -> list[int]:
    """Negative-binomial counts with these means and dispersion ``k``."""
    return [int(c) for c in rng.negative_binomial(k, k / (k + rates))]


def alert_indices(series: list[int], grain: str) -> list[int]:
    """The periods the method alerts in, with its defaults."""
    return [f.index for f in flags(series, window=WINDOWS[grain], threshold=THRESHOLD,
                                   min_count=MIN_COUNT, spans=SPANS)]


def run(grain: str, rate: float, factor: float, k: float, n_series: int,
        seed: int) -> dict[str, float]:
    """Detection rate, false alarms per series-year and delays for one scenario."""
    rng = np.random.default_rng(seed)
    year = PER_YEAR[grain]
    detected, delays, false_alarms = 0, [], 0
    for _ in range(n_series):
        quiet = counts(rng, np.full(2 * year, rate), k)
        false_alarms += sum(1 for i in alert_indices(quiet, grain) if i >= year)
        brk = year + int(rng.integers(0, year // 2))
        rates = np.where(np.arange(brk + 2 * HORIZON) >= brk, rate * factor, rate)
        hits = [i - brk for i in alert_indices(counts(rng, rates, k), grain)
                if 0 <= i - brk < HORIZON]
        if hits:
            detected += 1
            delays.append(min(hits))
    return {"detection": detected / n_series, "false_per_year": false_alarms / n_series,
            "median_delay": statistics.median(delays) if delays else float("nan"),
            "mean_delay": statistics.fmean(delays) if delays else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200, help="series per scenario")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    print(f"window {WINDOWS['day']} days / {WINDOWS['week']} weeks, surprise ≥ {THRESHOLD:g}, "
          f"spans {SPANS}, at least {MIN_COUNT} incidents; {args.series} series "
          f"per row, seed {args.seed}; detected = an alert within {HORIZON} periods of the break\n")
    print("| by | k | base rate | step | detected | delay median (mean) | false alarms / series-year |")
    print("|---|---|---|---|---|---|---|")
    for j, k in enumerate(DISPERSIONS):
        for i, (grain, rate, factor) in enumerate(SCENARIOS):
            r = run(grain, rate, factor, k, args.series, args.seed + 100 * j + i)
            print(f"| {grain} | {k:g} | {rate:g} | ×{factor:g} | {r['detection']:.2f} | "
                  f"{r['median_delay']:g} ({r['mean_delay']:.2f}) | {r['false_per_year']:.2f} |")


if __name__ == "__main__":
    main()
