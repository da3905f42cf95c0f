"""How surprising a period's count is against the periods before it: a negative-binomial tail.

The baseline is the previous ``window`` periods' counts. The next count is modelled as negative
binomial with mean ``(S + 0.5) / N`` (S incidents in N periods; the half incident keeps a silent
baseline from making one incident infinitely surprising) and variance
``max(v, mean) * (N + 1) / N`` (``v`` the window's sample variance: bursty news widens the tail;
the factor is the uncertainty of a mean estimated from N periods). The surprise is
``-log10 P(X >= observed)``, for the period alone and for the sum over the last three (a
sustained rise no single period shows; independent periods add their means and variances).
Pure arithmetic, no SciPy. docs/alerts.md gives the reasons and the measured behaviour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

_LN10 = math.log(10.0)


@dataclass(frozen=True, slots=True)
class Baseline:
    """What the window says about the next period: its plain mean and the model's moments."""

    expected: float  # mean count per period in the window (what a reader compares with)
    mean: float  # the model's mean, with the half-incident prior
    variance: float


@dataclass(frozen=True, slots=True)
class Flag:
    """A period whose count, alone or with the periods just before it, surprises its baseline."""

    index: int  # the period the alert is for (the last of its span)
    span: int  # periods the count covers: 1, or several for a sustained rise
    observed: int  # incidents in those periods
    expected: float  # the baseline's count for that many periods
    surprise: float  # -log10 of the tail probability

    @property
    def p_value(self) -> float:
        return 10.0 ** -self.surprise


def baseline(window: Sequence[int]) -> Baseline:
    """The baseline of these previous counts (at least one)."""
    n = len(window)
    plain = sum(window) / n
    mean = (sum(window) + 0.5) / n
    sample_var = sum((c - plain) ** 2 for c in window) / (n - 1) if n > 1 else mean
    return Baseline(plain, mean, max(sample_var, mean) * (n + 1) / n)


def surprise(observed: int, base: Baseline) -> float:
    """-log10 P(X >= observed) for X negative binomial with the baseline's mean and variance."""
    if observed <= 0:
        return 0.0
    mean, var = base.mean, max(base.variance, base.mean * (1 + 1e-9))
    r, p = mean * mean / (var - mean), mean / var  # scipy's nbinom(r, p) has this mean and variance
    log_first = (math.lgamma(observed + r) - math.lgamma(r) - math.lgamma(observed + 1)
                 + r * math.log(p) + observed * math.log1p(-p))
    # the tail relative to its first term: each term is the last times (j + r) / (j + 1) * (1 - p)
    total, term, j = 1.0, 1.0, observed
    while term > 1e-12 * total and j < observed + 100_000:
        term *= (j + r) / (j + 1) * (1 - p)
        total += term
        j += 1
    return max(0.0, -(log_first + math.log(total)) / _LN10)


def scaled(base: Baseline, periods: int) -> Baseline:
    """The baseline of a count summed over ``periods`` periods (independent periods add up)."""
    return Baseline(base.expected * periods, base.mean * periods, base.variance * periods)


def flags(counts: Sequence[int], *, window: int, threshold: float, min_count: int,
          spans: Sequence[int] = (1, 3), active: Sequence[bool] | None = None) -> list[Flag]:
    """The periods of ``counts`` whose count, or the sum over the last ``span`` periods, has a
    surprise of at least ``threshold`` against the ``window`` periods before it (the most
    surprising span is kept). A period needs an incident of its own and at least ``min_count``
    in the span, above the baseline.

    ``active[i]`` says whether anything at all was reported in period i (default: every period):
    a period without reports is a gap in the news, not a quiet period, so the baseline is read
    from the window's active periods, and a period is tested only when at least half its window
    is active (never at a store's start, nor just after a long gap)."""
    out = []
    for i, count in enumerate(counts):
        best: Flag | None = None
        for span in spans:
            first = i - span + 1
            observed = sum(counts[first:i + 1])
            if first - window < 0 or count < 1 or observed < min_count:
                continue
            seen = [counts[j] for j in range(first - window, first) if active is None or active[j]]
            if 2 * len(seen) < window:
                continue
            base = scaled(baseline(seen), span)
            if observed <= base.mean:
                continue
            size = surprise(observed, base)
            if size >= threshold and (best is None or size > best.surprise):
                best = Flag(i, span, observed, round(base.expected, 3), round(size, 2))
        if best is not None:
            out.append(best)
    return out
