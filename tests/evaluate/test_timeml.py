"""The TimeML scorer: text extraction, DATE spans, value accuracy and span P/R/F1."""

from __future__ import annotations

from polemos.evaluate.timeml import evaluate_timeml, format_timeml, read_tml
from polemos.model import TextSpan, TimeExpr


def test_timeml_reads_text_without_tags_and_keeps_entities(fixtures):
    doc = read_tml(fixtures / "timeml" / "wire1.tml")
    assert doc.dct == "2019-12-30"
    assert "&amp; agreed" in doc.text
    s, e, value = doc.dates[0]
    assert (doc.text[s:e], value) == ("Friday", "2019-12-27")


def test_timeml_our_finder_scores_the_fixture(fixtures):
    report = evaluate_timeml(fixtures / "timeml")
    assert report["documents"] == 2  # testpipeline/ is skipped, sub/ is read
    assert report["gold"] == 5  # PAST_REF is left out of value accuracy
    assert report["left_out"] == {"PAST_REF": 1}
    assert report["value_accuracy"] == 1.0
    assert report["recall"] == 1.0


def test_timeml_first_overlapping_span_decides(fixtures):
    def find(text: str, dct: str | None) -> list[TimeExpr]:
        at = text.find("Friday")
        if at < 0:
            return []
        # a wrong reading first, then the right one: the first one counts
        return [TimeExpr(TextSpan("on Friday", at - 3, at + 6), "2019-12-20", "day"),
                TimeExpr(TextSpan("Friday", at, at + 6), "2019-12-27", "day")]

    report = evaluate_timeml(fixtures / "timeml", find)
    assert report["right"] == 0
    assert report["spans_found"] == 1
    assert report["precision"] == 1.0 and report["exact_f1"] > 0
    assert "'Friday': gold 2019-12-27, got 2019-12-20" in format_timeml(report)
