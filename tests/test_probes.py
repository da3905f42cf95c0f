"""The probe sets of issue 14 and their scorer, benchmarks/probes/score.py."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "benchmarks" / "probes"
SETS = ("disasters", "coercion", "stances", "roles", "police_india", "negation")
# the second batch (2026-12-07): its sizes differ, so it is checked apart
SECOND = {"cameo": (75, 95), "senses": (40, 60), "disasters_blind": (35, 45),
          "police_india_blind": (30, 40)}


def _load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("probe_score", PROBES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["probe_score"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


score = _load_score()


def _mention(doc_id: str, event_type: str, confidence: float, actors: list[dict[str, Any]],
             recipients: list[dict[str, Any]], cameo: str | None = None) -> dict[str, Any]:
    """A record in the shape `polemos code --format jsonl` prints (the fields the scorer reads)."""
    return {"doc_id": doc_id, "event_type": event_type, "confidence": confidence,
            "actors": actors, "recipients": recipients, "cameo": cameo}


def test_probes_score_counts_types_roles_and_false_events(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text(json.dumps([
        {"id": "a", "date": "2024-01-01", "event": "ASSAULT", "text": "x",
         "source": [{"actorText": "Israeli soldiers", "code": "ISR", "sector": "MIL"}],
         "target": [{"actorText": "a Palestinian man", "code": "PSE", "sector": "CVL"}]},
        {"id": "b", "date": "2024-01-01", "event": "ASSAULT", "text": "y",
         "source": [{"actorText": "Pakistani fire", "code": "PAK", "sector": "MIL"}],
         "target": [{"actorText": "Indian soldiers", "code": "IND", "sector": "MIL"}]},
        {"id": "c", "date": "2024-01-01", "event": "NONE", "text": "z"},
        {"id": "d", "date": "2024-01-01", "event": "NONE", "text": "w"},
    ]))
    probes = score.read_probes(path)
    by_doc = {
        "a": [_mention("a", "ASSAULT", 0.9, [{"country": "ISR", "sector": "MIL"}],
                       [{"country": "PSE", "sector": "CVL"}])],
        # the victims read as the attackers: a reversed reading, and a second, spurious type
        "b": [_mention("b", "ASSAULT", 0.8, [{"country": "IND", "sector": "MIL"}],
                       [{"country": "PAK", "sector": "MIL"}]),
              _mention("b", "ACCUSE", 0.5, [], [])],
        "c": [_mention("c", "ASSAULT", 0.7, [], [])],
    }
    f = score.score_set("set", probes, by_doc).figures()
    assert f["sentences"] == 4 and f["event_sentences"] == 2 and f["no_event_sentences"] == 2
    assert f["type_accuracy"] == 1.0
    assert f["actor_country"] == 0.5 and f["recipient_country"] == 0.5
    assert f["reversed"] == 1
    assert f["false_event_rate"] == 0.5 and f["false_assault_rate"] == 0.5
    assert f["spurious_per_sentence"] == 0.5  # one ACCUSE on b, one ASSAULT on c, over 4
    assert ["NONE", "ASSAULT", 1] in f["wrong_top"]


def test_probes_read_names_file_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "a", "date": "2024-01-01", "event": "NONE", "text": "x"},
                                {"id": "b", "date": "2024-01-01", "event": "KILL", "text": "y"}]))
    with pytest.raises(score.ProbeError, match=r"bad\.json:record 1: event: 'KILL'"):
        score.read_probes(path)


def test_probes_score_runs_the_cli_on_a_fixture(fixtures: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    res = subprocess.run([sys.executable, str(PROBES / "score.py"), str(fixtures / "probes" / "tiny.json"),
                          "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    (f,) = json.loads(res.stdout)
    assert f["set"] == "tiny" and f["sentences"] == 3 and f["event_sentences"] == 2
    assert f["type_accuracy"] == 1.0
    assert f["actor_country"] == 1.0
    assert f["false_event_rate"] == 0.0


@pytest.mark.parametrize("name", SETS)
def test_probes_sets_are_varied_and_well_formed(name: str) -> None:
    probes = score.read_probes(PROBES / f"{name}.json")
    assert 30 <= len(probes) <= 50
    assert len({p.text for p in probes}) == len(probes)
    constructions = Counter(p.construction for p in probes)
    assert len(constructions) >= 5, constructions  # a class of constructions, never one sentence
    countries = {c for p in probes for c, _ in (*p.source, *p.target)} - score.NOT_COUNTRY
    assert len(countries) >= (1 if name == "police_india" else 6)
    assert all(p.event == "NONE" or p.source for p in probes)


def test_probes_score_cameo_root_and_code_of_the_top_mention(fixtures: Path) -> None:
    probes = score.read_probes(fixtures / "probes" / "cameo_tiny.json")
    assert [p.cameo for p in probes] == ["195", "0331", "112", ""]
    by_doc = {
        # full code right
        "c1": [_mention("c1", "ASSAULT", 0.9, [], [], "195")],
        # root right (03), code wrong; a lower-confidence mention with the exact code does not count
        "c2": [_mention("c2", "AGREE", 0.8, [], [], "036"), _mention("c2", "AGREE", 0.3, [], [], "0331")],
        # c3 is given nothing: wrong on both; c4 (no cameo) is not counted
        "c4": [_mention("c4", "ASSAULT", 0.5, [], [], "190")],
    }
    s = score.score_set("cameo_tiny", probes, by_doc)
    f = s.figures()
    assert f["cameo_n"] == 3
    assert f["cameo_root_accuracy"] == round(2 / 3, 3) and f["cameo_code_accuracy"] == round(1 / 3, 3)
    assert any(w.startswith("c3 [accuse] cameo 112 -> (nothing)") for w in s.wrong)
    table = score.format_table([f])
    assert "| cameo_tiny | 3 | 0.667 | 0.333 |" in table


def test_probes_read_rejects_a_bad_cameo_code(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "a", "date": "2024-01-01", "event": "ASSAULT", "text": "x",
                                 "cameo": "19x"}]))
    with pytest.raises(score.ProbeError, match=r"bad\.json:record 0: cameo: '19x'"):
        score.read_probes(path)


@pytest.mark.parametrize("name", sorted(SECOND))
def test_probes_second_batch_is_varied_and_well_formed(name: str) -> None:
    probes = score.read_probes(PROBES / f"{name}.json")
    low, high = SECOND[name]
    assert low <= len(probes) <= high
    assert len({p.text for p in probes}) == len(probes)
    assert len(Counter(p.construction for p in probes)) >= 5
    assert all(p.event == "NONE" or p.source for p in probes)
    if name == "police_india_blind":  # lower-cased Indian news: the place gives the country
        # "Â" of the mojibake is upper case: only ASCII letters are checked
        assert not [p.id for p in probes if any("A" <= ch <= "Z" for ch in p.text) or "india" in p.text]
        assert {c for p in probes for c, _ in (*p.source, *p.target)} == {"IND"}
        assert any("â€" in p.text for p in probes) and any("Â" in p.text for p in probes)
    if name == "cameo":  # every CAMEO root, at least three probes each
        roots = Counter(p.cameo[:2] for p in probes)
        assert all(p.cameo for p in probes)
        assert sorted(roots) == [f"{n:02d}" for n in range(1, 21)]
        assert min(roots.values()) >= 3, roots
