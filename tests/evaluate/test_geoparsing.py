"""The geoparsing scorer's arithmetic on a two-article fixture, answers computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.errors import InputError
from polemos.evaluate.geoparsing import evaluate_geoparsing, format_geoparsing, load_gold
from polemos.model import Place, TextSpan, Toponym


def _top(text: str, words: str, lat: float, lon: float) -> Toponym:
    start = text.index(words)
    return Toponym(TextSpan(words, start, start + len(words)), Place(words, lat=lat, lon=lon))


def _geoparse(doc_id: str, text: str) -> list[Toponym]:
    if doc_id.endswith("-0"):
        return [_top(text, "Clashes", 1.0, 1.0),        # overlaps nothing annotated: false
                _top(text, "Mosul", 36.335, 43.119),    # 0 km
                _top(text, "Erbil", 36.335, 43.119),    # placed on Mosul: 81.5 km, near
                _top(text, "Kirkuk", 35.47, 44.39),     # annotated without coordinates
                Toponym(TextSpan("spread", 17, 23), None)]  # unresolved: not a prediction
    return [_top(text, "Manila", 16.6, 121.0)]          # 2 degrees north: 222.4 km, a miss


@pytest.fixture
def tiny(fixtures: Path) -> Path:
    return fixtures / "geo" / "tiny.xml"


def test_geoparsing_load_gold_realigns_one_based_offsets(tiny: Path) -> None:
    first, second = load_gold(tiny)
    assert [s for s, _, _, _ in first.toponyms] == [11, 27]
    assert first.spans[-1] == (37, 43)                  # Kirkuk counts for precision only
    assert second.toponyms[0][:2] == (13, 19)           # moved from 14-20 onto "Manila"
    assert second.text[13:19] == "Manila"


def test_geoparsing_scores_match_hand_computation(tiny: Path) -> None:
    report = evaluate_geoparsing(tiny, _geoparse)
    assert (report["predicted"], report["true_predicted"]) == (5, 4)
    assert (report["gold"], report["found"], report["near"]) == (3, 3, 2)
    assert report["precision"] == pytest.approx(0.8)
    assert report["recall"] == pytest.approx(1.0)
    assert report["f1"] == pytest.approx(2 * 0.8 / 1.8)
    assert report["acc161"] == pytest.approx(2 / 3)
    assert report["end_to_end"] == pytest.approx(2 / 3)
    assert report["median_km"] == pytest.approx(81.5, abs=0.5)
    assert report["mean_km"] == pytest.approx((0 + 81.5 + 222.4) / 3, abs=0.5)
    assert report["worst_misses"][0][0] == "Manila"
    assert report["worst_misses"][0][3] == "Manila"             # the place chosen for it
    assert evaluate_geoparsing(tiny, _geoparse, worst=0)["worst_misses"] == []
    text = format_geoparsing(report)
    assert "precision 0.800" in text and "acc@161 0.667" in text


def test_geoparsing_long_span_finds_nothing(tiny: Path) -> None:
    def sentence_wide(doc_id: str, text: str) -> list[Toponym]:
        return [Toponym(TextSpan(text, 0, len(text)), Place("x", lat=36.335, lon=43.119))]

    report = evaluate_geoparsing(tiny, sentence_wide)
    # 44 characters > 2 x 5 + 10 for Mosul; the 20-character Manila article is within 2 x 6 + 10
    assert report["found"] == 1
    assert report["true_predicted"] == 2                # both overlap annotated spans


def test_geoparsing_bad_gold_raises_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate_geoparsing(bad, _geoparse)
    assert str(bad) in str(info.value)
