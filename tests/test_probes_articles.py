"""The article-level probe sets of issue 14 and their scorer, benchmarks/probes/score_articles.py."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "benchmarks" / "probes"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("probe_score_articles",
                                                  PROBES / "score_articles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["probe_score_articles"] = module
    spec.loader.exec_module(module)
    return module


sa = _load()


def _m(text: str, event: str, country: str, lat: float, lon: float, dead: int | None = None,
       flags: tuple[str, ...] = (), actor: str = "") -> dict[str, Any]:
    """A record in the shape `polemos code --format jsonl` prints (the fields the scorer reads)."""
    return {"doc_id": "a", "text": text, "event_type": event, "confidence": 0.9, "dead": dead,
            "injured": None, "flags": list(flags), "actors": [{"text": actor}],
            "location": {"country": country, "lat": lat, "lon": lon, "name": "x"}}


def test_probes_articles_places_score_country_distance_and_border(tmp_path: Path) -> None:
    art = {"id": "a", "expected": [
        {"sentence": "hit Mosul", "event": "ASSAULT", "country": "IRQ", "lat": 36.34, "lon": 43.12},
        {"sentence": "sanctions", "event": "SANCTION", "country": "USA",
         "forbid_countries": ["IRQ"]}]}
    by_doc = {"a": [_m("Rockets hit Mosul.", "ASSAULT", "IRQ", 36.0, 43.0),  # ~48 km off
                    _m("The US imposed sanctions.", "SANCTION", "IRQ", 36.3, 43.1,
                       flags=("place_from_article",))]}
    wrong: list[str] = []
    f = sa.score_places([art], by_doc, wrong)
    assert (f["found"], f["country"], f["place_50km"]) == (1.0, 0.5, 1.0)
    assert (f["forbidden_country"], f["standin_other_country"]) == (1, 1)
    assert len(wrong) == 1 and "SANCTION USA" in wrong[0]


def test_probes_articles_casualties_sum_incidents_and_victims() -> None:
    art = {"id": "a", "expected": {"max_killed_total": 12, "incidents": [
        {"sentences": ["killed 12", "which killed 12"], "killed": 12},
        {"sentences": ["fire on protesters"], "killed": 0, "victims": ["protesters"]}]}}
    by_doc = {"a": [_m("A bomb killed 12.", "ASSAULT", "IRQ", 0, 0, dead=12),
                    _m("The blast, which killed 12, was huge.", "ASSAULT", "IRQ", 0, 0, dead=12),
                    _m("Police opened fire on protesters.", "ASSAULT", "IRQ", 0, 0, dead=3,
                       actor="protesters")]}
    f = sa.score_casualties([art], by_doc, [])
    assert (f["killed_total"], f["double_counted"]) == (0.0, 1)
    assert (f["incidents"], f["incident_killed"], f["victim_as_killer"]) == (2, 0.5, 1)


def test_probes_articles_read_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "a", "date": "2024-01-01", "text": "Rockets hit Mosul.",
                                "expected": [{"sentence": "Basra", "event": "ASSAULT",
                                              "country": "IRQ"}]}) + "\n")
    with pytest.raises(sa.SetError, match=r"bad\.jsonl:1: expected: 'Basra' is not exactly once"):
        sa.read_set(path)


def test_probes_articles_sets_are_well_formed() -> None:
    places = sa.read_set(PROBES / "places.jsonl")
    casualties = sa.read_set(PROBES / "casualties.jsonl")
    assert len(places) >= 25 and len(casualties) >= 20
    assert len({c["country"] for a in places for c in a["expected"]}) >= 20
    assert all(i["incidents"] and sum(x["killed"] for x in i["incidents"]) == i["max_killed_total"]
               for i in (a["expected"] for a in casualties))


def test_probes_articles_score_runs_the_cli_on_fixtures(fixtures: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    res = subprocess.run([sys.executable, str(PROBES / "score_articles.py"),
                          str(fixtures / "probes" / "articles_tiny.jsonl"), "--json"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    (places,) = json.loads(res.stdout)
    assert places["set"] == "articles_tiny" and places["events"] == 2 and places["place_n"] == 1
    assert places["found"] == 1.0 and places["place_50km"] == 1.0


def test_probes_articles_bad_set_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "date": "2024-01-01", "text": "x", "expected": 3}\n')
    res = subprocess.run([sys.executable, str(PROBES / "score_articles.py"), str(path)],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.strip().splitlines() == [
        f"score_articles.py: error: {path}:1: expected: not a list of events nor an object "
        "with incidents"]
