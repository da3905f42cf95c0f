"""Geoparsing scorer for TR-News / GeoVirus / LGL-style XML gold (toponym spans + lat/lon).

Matching follows the held-out scorer: a prediction counts only with start, end and lat; each
gold toponym takes at most one prediction, the one overlapping it most among those no longer
than twice its length plus 10 characters (a sentence-wide span finds nothing); precision counts
predictions overlapping any annotated span, with or without coordinates.
"""

from __future__ import annotations

import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.model import Toponym
from polemos.resolve.places.toponyms import km  # the one great-circle distance (12,742 km diameter)

NEAR_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold article: its id, text, toponyms with coordinates, and every annotated span."""

    id: str
    text: str
    toponyms: tuple[tuple[int, int, float, float], ...]
    spans: tuple[tuple[int, int], ...]


def realign(text: str, start: int, end: int, words: str | None) -> tuple[int, int]:
    """Move a span whose offsets drift from its own words to their nearest occurrence."""
    if not words or text[start:end] == words:
        return start, end
    at = [m.start() for m in re.finditer(re.escape(words), text)]
    if not at:
        return start, end
    p = min(at, key=lambda p: abs(p - start))
    return p, p + len(words)


def load_gold(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Read TR-News (``<toponym><phrase><gaztag>``) or GeoVirus (``<location><name>``) XML.

    Raises InputError naming the file (and article) when it cannot be read.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"cannot read geoparsing gold ({exc})", where=str(path)) from exc
    articles = []
    for i, art in enumerate(root.findall("article")[:limit]):
        text = art.findtext("text") or ""
        gold, spans = [], []
        for t in [*art.iter("toponym"), *art.iter("location")]:
            try:
                start, end = int(t.findtext("start") or ""), int(t.findtext("end") or "")
            except ValueError as exc:
                raise InputError("a toponym has no integer start/end", where=f"{path}#{i}",
                                 field="start") from exc
            start, end = realign(text, start, end, t.findtext("phrase") or t.findtext("name"))
            lat = t.findtext("gaztag/lat") or t.findtext("lat")
            lon = t.findtext("gaztag/lon") or t.findtext("lon")
            spans.append((start, end))
            if lat and lon:
                gold.append((start, end, float(lat), float(lon)))
        articles.append(GoldArticle(f"{path.name}-{i}", text, tuple(gold), tuple(spans)))
    return articles


def score_article(article: GoldArticle, predicted: list[Toponym]) -> dict[str, Any]:
    """Counts for one article: predictions, true predictions, gold, found, near, errors (km)."""
    free = [t for t in predicted if t.place is not None and t.place.lat is not None
            and t.place.lon is not None]
    true_pred = sum(any(t.span.start < e and t.span.end > s for s, e in article.spans)
                    for t in free)
    n_pred = len(free)
    found = near = 0
    errors: list[tuple[float, str, str]] = []
    for s, e, lat, lon in article.toponyms:
        overlaps = [(min(e, t.span.end) - max(s, t.span.start), i) for i, t in enumerate(free)]
        overlaps = [o for o in overlaps if o[0] > 0
                    and free[o[1]].span.end - free[o[1]].span.start <= 2 * (e - s) + 10]
        if not overlaps:
            continue
        hit = free.pop(max(overlaps)[1])
        assert hit.place is not None and hit.place.lat is not None
        found += 1
        dist = km(hit.place.lat, hit.place.lon or 0.0, lat, lon)
        near += dist <= NEAR_KM
        chosen = ", ".join(p for p in (hit.place.name, hit.place.admin1, hit.place.country) if p)
        errors.append((dist, article.text[s:e], chosen))
    return {"predicted": n_pred, "true_predicted": true_pred, "gold": len(article.toponyms),
            "found": found, "near": near, "errors": errors}


def evaluate_geoparsing(gold: Path, geoparse: Callable[[str, str], list[Toponym]],
                        limit: int | None = None, worst: int = 10) -> dict[str, Any]:
    """Score ``geoparse(doc_id, text)`` on a gold file: span precision/recall/F1 and distance.

    Returns a dict with ``precision``, ``recall``, ``f1``, ``acc161`` (among found toponyms),
    ``end_to_end`` (within 161 km / all gold), ``median_km``, ``mean_km``, counts and the
    ``worst`` misses as (words, km, article id, place chosen). Raises InputError when the gold cannot be read.
    """
    totals = {"predicted": 0, "true_predicted": 0, "gold": 0, "found": 0, "near": 0}
    errors: list[tuple[float, str, str, str]] = []
    articles = load_gold(Path(gold), limit)
    for article in articles:
        counts = score_article(article, geoparse(article.id, article.text))
        for key in totals:
            totals[key] += counts[key]
        errors.extend((d, words, article.id, chosen) for d, words, chosen in counts["errors"])
    precision = totals["true_predicted"] / max(totals["predicted"], 1)
    recall = totals["found"] / max(totals["gold"], 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    distances = [d for d, _, _, _ in errors]
    misses = sorted((e for e in errors if e[0] > NEAR_KM), reverse=True)[:worst]
    return {"gold_file": str(gold), "articles": len(articles), **totals,
            "precision": precision, "recall": recall, "f1": f1,
            "acc161": totals["near"] / max(totals["found"], 1),
            "end_to_end": totals["near"] / max(totals["gold"], 1),
            "median_km": statistics.median(distances) if distances else None,
            "mean_km": statistics.fmean(distances) if distances else None,
            "worst_misses": [(words, round(d), doc, chosen) for d, words, doc, chosen in misses]}


def format_geoparsing(report: dict[str, Any]) -> str:
    """A few readable lines for a report from ``evaluate_geoparsing``."""
    med = report["median_km"]
    mean = report["mean_km"]
    lines = [
        f"{Path(report['gold_file']).name}: {report['articles']} articles, "
        f"{report['gold']} gold toponyms with coordinates",
        f"  spans: precision {report['precision']:.3f} ({report['true_predicted']}/"
        f"{report['predicted']}), recall {report['recall']:.3f} ({report['found']}/"
        f"{report['gold']}), F1 {report['f1']:.3f}",
        f"  distance: acc@161 {report['acc161']:.3f} of found, end to end "
        f"{report['end_to_end']:.3f}, median {'-' if med is None else f'{med:.0f}'} km, "
        f"mean {'-' if mean is None else f'{mean:.0f}'} km",
    ]
    if report["worst_misses"]:
        lines.append("  worst misses: " + ", ".join(f"{w!r} {k} km ({d})"
                                                     for w, k, d, _ in report["worst_misses"][:5]))
    return "\n".join(lines)
