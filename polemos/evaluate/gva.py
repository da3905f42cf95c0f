"""Score coded shooting articles against Gun Violence Archive incidents (date, killed, place).

Gold: a folder with ``incidents.jsonl`` (incident_id, date_iso, lat, lon, num_killed, ...) and
``articles.jsonl`` (article_id, incident_id, dct, title, text, QC flags). The sample and metrics
are the held-out gva scorer's: articles with both QC flags true, linked to one incident only, with
text and a dated, located incident, shuffled with ``random.Random(7)``, the first 300.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.model import Article
from polemos.resolve.places.toponyms import km

SAMPLE = 300  # the held-out scorer's sample size
SEED = 7


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", where=str(path)) from None
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"not JSON: {e.msg}", where=f"{path}:{i}") from None
        if not isinstance(row, dict):
            raise InputError("expected a JSON object", where=f"{path}:{i}")
        rows.append(row)
    return rows


def gva_sample(gold: Path, limit: int | None = None,
               ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The scored articles (in sample order) and the incidents by id, as the held-out scorer."""
    incidents = {str(d["incident_id"]): d for d in _read_jsonl(Path(gold) / "incidents.jsonl")}
    every = _read_jsonl(Path(gold) / "articles.jsonl")
    links = Counter(a.get("article_id") for a in every)  # cited for two incidents: no one answer
    arts = [a for a in every
            if str(a.get("qc_mentions_city")) == "True"
            and str(a.get("qc_shooting_vocab")) == "True"
            and links[a.get("article_id")] == 1 and str(a.get("text", "")).strip()
            and str(a.get("incident_id")) in incidents
            and incidents[str(a["incident_id"])].get("date_iso")
            and incidents[str(a["incident_id"])].get("lat")]
    random.Random(SEED).shuffle(arts)
    return arts[:limit or SAMPLE], incidents


def _first_located(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    for rec in records:
        loc = rec.get("location") or {}
        if isinstance(loc, dict) and loc.get("lat") is not None and loc.get("lon") is not None:
            return loc
    return None


def evaluate_gva(gold: Path, code: Callable[[list[Article]], list[dict[str, Any]]],
                 limit: int | None = None) -> dict[str, Any]:
    """Date exact, killed exact, place within 50 km (all over sampled articles) and place error.

    ``code`` receives the sampled articles and returns schema-v1 records (dicts with ``doc_id``);
    only ASSAULT records count. Returns a report dict; raises InputError on unreadable gold.
    """
    arts, incidents = gva_sample(gold, limit)
    articles = [Article(id=str(a["article_id"]), text=str(a["text"]), date=a.get("dct"),
                        title=a.get("title")) for a in arts]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in code(articles):
        by_doc[str(rec.get("doc_id"))].append(rec)
    date_ok = killed_ok = injured_ok = place_ok = covered = 0
    errors: list[float] = []
    for a in arts:
        g = incidents[str(a["incident_id"])]
        records = [r for r in by_doc.get(str(a["article_id"]), [])
                   if r.get("event_type") == "ASSAULT"]
        if not records:
            continue
        covered += 1
        dates = Counter(r.get("date") for r in records
                        if (r.get("date_precision") or "day") == "day")
        date_ok += bool(dates) and dates.most_common(1)[0][0] == g["date_iso"]
        killed_ok += max((r.get("dead") or 0) for r in records) == g.get("num_killed")
        injured_ok += max((r.get("injured") or 0) for r in records) == g.get("num_injured")
        loc = _first_located(records)
        if loc is not None:
            dist = km(float(loc["lat"]), float(loc["lon"]), float(g["lat"]), float(g["lon"]))
            errors.append(dist)
            place_ok += dist <= 50
    n = max(len(arts), 1)
    silent = sum(not by_doc.get(str(a["article_id"])) for a in arts)
    return {
        "articles": len(arts), "with_assault": covered, "no_record": silent,
        "other_types_only": len(arts) - covered - silent,
        "date_exact": date_ok / n, "killed_exact": killed_ok / n, "injured_exact": injured_ok / n,
        "place_50km": place_ok / n, "located": len(errors),
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
    }


def format_gva(report: dict[str, Any]) -> str:
    """Two readable lines: the held-out figures, then coverage and location error."""
    r = report

    def kms(v: float | None) -> str:
        return "-" if v is None else f"{v:.0f} km"

    return (f"gva: date exact {r['date_exact']:.3f}, killed exact {r['killed_exact']:.3f}, "
            f"place<=50km {r['place_50km']:.3f}, articles with an ASSAULT "
            f"{r['with_assault']}/{r['articles']}\n"
            f"  injured exact {r['injured_exact']:.3f}; located {r['located']}, location error "
            f"mean {kms(r['mean_km'])}, median {kms(r['median_km'])}; "
            f"{r['no_record']} articles with no record, {r['other_types_only']} with other types")
