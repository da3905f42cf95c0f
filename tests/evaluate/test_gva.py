"""The GVA scorer: eligibility, sample, and the date/killed/place arithmetic."""

from __future__ import annotations

import pytest

from polemos.errors import InputError
from polemos.evaluate.gva import evaluate_gva, format_gva, gva_sample, km
from polemos.model import Article


def test_gva_sample_keeps_only_eligible_articles(fixtures):
    arts, incidents = gva_sample(fixtures / "gva")
    # a3 fails a QC flag, a4's incident has no date, a5 is cited for two incidents
    assert sorted(a["article_id"] for a in arts) == ["a1", "a2"]
    assert incidents["1"]["num_killed"] == 1


def test_gva_metrics_from_fake_coder(fixtures):
    seen: list[Article] = []

    def code(articles: list[Article]) -> list[dict]:
        seen.extend(articles)
        return [
            {"doc_id": "a1", "event_type": "ASSAULT", "date": "2015-03-06", "date_precision": "day",
             "dead": 1, "injured": 2, "location": {"lat": 39.80, "lon": -84.20}},
            {"doc_id": "a1", "event_type": "ASSAULT", "date": "2015-03-07", "date_precision": "day",
             "dead": None, "location": None},
            {"doc_id": "a1", "event_type": "ASSAULT", "date": "2015-03-06",
             "date_precision": "day"},
            {"doc_id": "a1", "event_type": "ASSAULT", "date": "2015-03", "date_precision": "month"},
            {"doc_id": "a2", "event_type": "PROTEST", "date": "2016-05-02",
             "date_precision": "day"},
        ]

    report = evaluate_gva(fixtures / "gva", code)
    assert {a.id for a in seen} == {"a1", "a2"} and seen[0].date is not None
    assert report["articles"] == 2 and report["with_assault"] == 1
    assert report["date_exact"] == 0.5  # a1 right, a2 has no ASSAULT: divided by all articles
    assert report["killed_exact"] == 0.5
    assert report["place_50km"] == 0.5
    assert report["other_types_only"] == 1 and report["no_record"] == 0
    assert report["mean_km"] == pytest.approx(km(39.80, -84.20, 39.76, -84.19))
    assert "date exact 0.500" in format_gva(report)


def test_gva_limit_shrinks_sample(fixtures):
    report = evaluate_gva(fixtures / "gva", lambda arts: [], limit=1)
    assert report["articles"] == 1 and report["no_record"] == 1
    assert report["mean_km"] is None


def test_gva_bad_gold_line_is_an_input_error(tmp_path):
    (tmp_path / "incidents.jsonl").write_text('{"incident_id": "1"}\nnot json\n')
    (tmp_path / "articles.jsonl").write_text("")
    with pytest.raises(InputError) as err:
        gva_sample(tmp_path)
    assert err.value.where.endswith("incidents.jsonl:2")
