"""The clustering's knowledge, read from polemos/data/cluster/clustering.yaml (docs/incidents.md).

Families of event types, date gaps, distances by place grain, weights and the link threshold
are data a user can read; this module checks them and hands them over as one frozen record.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from polemos.datafiles import Problems, check_header, read_yaml
from polemos.model import EVENT_TYPES

GRAINS = ("point", "city", "admin1", "country")  # finest first
PRECISIONS = ("day", "week", "month", "year")  # finest first
WEIGHT_KEYS = ("text", "same_day", "near_place", "same_dead", "same_injured", "party_conflict")
WORD_KINDS = ("name", "number", "word", "common")


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """What decides whether two mentions tell one incident (clustering.yaml, checked)."""

    family_of: dict[str, str]  # PLOVER type -> family name
    gap_within: int  # days between date intervals, within an article
    gap_across: int  # ... across articles
    unlinkable_precision: frozenset[str]
    place_km: dict[str, float]  # grain -> widest distance
    weights: dict[str, float]
    threshold: float
    word_weights: dict[str, float]
    common_words: frozenset[str]


def settings_path() -> Path:
    return Path(str(resources.files("polemos") / "data" / "cluster" / "clustering.yaml"))


@lru_cache(maxsize=4)
def load_settings(path: Path | None = None) -> ClusterSettings:
    """The checked settings; raises KnowledgeError naming every bad line of the file."""
    path = path or settings_path()
    doc = read_yaml(path)
    data, line_of = doc.data, doc.line_of
    problems = Problems()
    check_header(data, path, line_of, problems)

    def number_map(key: str, keys: tuple[str, ...]) -> dict[str, float]:
        raw = data.get(key) if isinstance(data, dict) else None
        out: dict[str, float] = {}
        for k in keys:
            v = raw.get(k) if isinstance(raw, dict) else None
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                problems.add(path, line_of((key,)), f"{key}.{k}", f"not a number: {v!r}",
                             "a number >= 0")
            else:
                out[k] = float(v)
        return out

    family_of = _families(data, path, line_of, problems)
    gaps = number_map("date_gap_days", ("within_article", "across_articles"))
    place_km = number_map("place_km", GRAINS)
    weights = number_map("weights", WEIGHT_KEYS)
    word_weights = number_map("word_weights", WORD_KINDS)
    threshold = data.get("threshold") if isinstance(data, dict) else None
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        problems.add(path, line_of(("threshold",)), "threshold", f"not a number: {threshold!r}",
                     "a number")
        threshold = 0.0
    unlinkable = _words(data, "unlinkable_precision", path, line_of, problems)
    for p in unlinkable - set(PRECISIONS):
        problems.add(path, line_of(("unlinkable_precision",)), "unlinkable_precision",
                     f"unknown precision {p!r}", ", ".join(PRECISIONS))
    common = _words(data, "common_words", path, line_of, problems)
    problems.raise_if_any("clustering settings")
    return ClusterSettings(
        family_of=family_of, gap_within=int(gaps["within_article"]),
        gap_across=int(gaps["across_articles"]), unlinkable_precision=frozenset(unlinkable),
        place_km=place_km, weights=weights, threshold=float(threshold),
        word_weights=word_weights, common_words=frozenset(w.lower() for w in common))


def _families(data: Any, path: Path, line_of: Any, problems: Problems) -> dict[str, str]:
    raw = data.get("families") if isinstance(data, dict) else None
    family_of: dict[str, str] = {}
    if not isinstance(raw, dict):
        problems.add(path, line_of(("families",)), "families", "missing",
                     "a mapping of family name to PLOVER types")
        return family_of
    for name, types in raw.items():
        for t in types if isinstance(types, list) else [types]:
            if t not in EVENT_TYPES:
                problems.add(path, line_of(("families", name)), f"families.{name}",
                             f"unknown event type {t!r}", "a PLOVER type")
            elif t in family_of:
                problems.add(path, line_of(("families", name)), f"families.{name}",
                             f"{t} is already in family {family_of[t]}", "each type once")
            else:
                family_of[t] = str(name)
    return family_of


def _words(data: Any, key: str, path: Path, line_of: Any, problems: Problems) -> set[str]:
    raw = data.get(key) if isinstance(data, dict) else None
    if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
        problems.add(path, line_of((key,)), key, "not a list of words", "a list of words")
        return set()
    return set(raw)
