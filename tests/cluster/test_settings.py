"""clustering.yaml is knowledge a user can edit: every bad line is named, and malformed
mention fields read as unknown instead of stopping the clustering."""

from __future__ import annotations

import pytest

from polemos.cluster import cluster_mentions
from polemos.cluster.facts import date_interval
from polemos.cluster.settings import load_settings, settings_path
from polemos.errors import KnowledgeError


def test_settings_shipped_file_loads_and_maps_every_type_once():
    settings = load_settings()
    assert settings.family_of["ASSAULT"] == settings.family_of["COERCE"] == "violence"
    assert settings.place_km["city"] < settings.place_km["admin1"] < settings.place_km["country"]
    assert 0 < settings.threshold < 1


def test_settings_bad_file_names_every_problem_with_its_line(tmp_path):
    text = settings_path().read_text(encoding="utf-8")
    text = text.replace("  violence: [ASSAULT, COERCE]", "  violence: [ASSAULT, COERCE, BRAWL]")
    text = text.replace("  city: 40", "  city: far")
    bad = tmp_path / "clustering.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_settings(bad)
    problems = caught.value.problems
    assert any(f"{bad}:" in p and "families.violence: unknown event type 'BRAWL'" in p
               for p in problems)
    assert any("place_km.city: not a number: 'far'" in p for p in problems)


@pytest.mark.parametrize("value, expected", [
    ("2020-02-03", (737458, 737458)), ("2020-02", (737456, 737484)),
    ("2020-W06", (737458, 737464)), ("2020", (737425, 737790)),
    ("2020-13-45", (None, None)), (None, (None, None)), (20200203, (None, None)),
])
def test_settings_date_intervals(value, expected):
    assert date_interval(value) == expected


def test_settings_malformed_mentions_still_cluster():
    mentions = [
        {"id": "m1", "doc_id": "a", "event_type": "ASSAULT", "date": "2020-13-45",
         "location": {"lat": "north", "lon": None}, "dead": "many", "flags": None},
        {"id": "m2", "doc_id": "a", "event_type": "NOT_A_TYPE", "sentence_index": None},
        {"id": "m3", "doc_id": "b", "event_type": "ASSAULT", "date": "2020-02-03",
         "date_precision": "day", "dead": 2, "published": "2020-02-04"},
    ]
    incidents = cluster_mentions(mentions)
    assert sorted(m for i in incidents for m in i.mention_ids) == ["m1", "m2", "m3"]
    assert next(i for i in incidents if "m3" in i.mention_ids).dead == 2
