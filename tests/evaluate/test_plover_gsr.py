"""The PLOVER gold-standard scorer: its arithmetic on hand-made mentions, and a floor on a sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polemos.errors import InputError
from polemos.evaluate.plover_gsr import (
    evaluate_plover_gsr,
    format_plover_gsr,
    read_gold,
    score_plover_gsr,
)
from polemos.extract.events import extract_mentions
from polemos.model import Actor, Mention, TextSpan

TINY = Path(__file__).parent.parent / "fixtures" / "coder" / "gsr_tiny.json"
# our own CAMEO-codebook-style sentences, five per PLOVER type (not from any gold)
HELDOUT_STYLE = Path(__file__).parent.parent / "fixtures" / "coder" / "heldout_style.json"


def mention(doc: str, etype: str, conf: float, actors=(), recipients=()) -> Mention:
    return Mention(id=f"{doc}{etype}", doc_id=doc, sentence_index=0, text="", event_type=etype,
                   trigger=TextSpan("x", 0, 1), confidence=conf,
                   actors=tuple(Actor(text=c, country=c) for c in actors),
                   recipients=tuple(Actor(text=c, country=c) for c in recipients))


def test_plover_gsr_reads_gold_without_document_record() -> None:
    records = read_gold(TINY)
    assert [r["event"] for r in records] == ["FIGHT", "DEMAND", "AGREE", "PROTEST"]


def test_plover_gsr_arithmetic() -> None:
    records = read_gold(TINY)
    mentions = [
        # gsr0 FIGHT→ASSAULT: right top type, right actor, one spurious ACCUSE
        mention("gsr0", "ASSAULT", 0.9, ["TCD"]), mention("gsr0", "ACCUSE", 0.4),
        # gsr1 DEMAND→REQUEST: wrong top type (REJECT), gold type lower; actor from the REQUEST
        mention("gsr1", "REJECT", 0.8, ["BOL"]), mention("gsr1", "REQUEST", 0.5, ["PER"]),
        # gsr2 AGREE: right type and a source country (the target is empty)
        mention("gsr2", "AGREE", 0.7, ["GHA"]),
        # gsr3: nothing coded
    ]
    got = score_plover_gsr(records, mentions)
    assert got["sentences"] == 4
    assert got["type_accuracy"] == pytest.approx(2 / 4)
    assert got["type_recall"] == pytest.approx(3 / 4)
    assert got["spurious_per_sentence"] == pytest.approx(2 / 4)
    assert got["actor_country_n"] == 4
    assert got["actor_country"] == pytest.approx(3 / 4)
    assert ["REQUEST", "REJECT", 1] in got["top_errors"]
    assert ["PROTEST", "(nothing)", 1] in got["top_errors"]
    assert "type accuracy 0.500" in format_plover_gsr(got)


def test_plover_gsr_target_country_among_actors_is_wrong() -> None:
    records = read_gold(TINY)[1:2]  # Peru demanded ... Bolivia
    both = score_plover_gsr(records, [mention("gsr0", "REQUEST", 0.9, ["PER", "BOL"])])
    assert both["actor_country"] == 0.0


def test_plover_gsr_bad_gold_raises_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"not": "a list"}))
    with pytest.raises(InputError):
        read_gold(bad)


def test_plover_gsr_floor_on_bundled_sample(knowledge) -> None:
    def code(articles):
        return [m for a in articles for m in extract_mentions(knowledge.nlp(a.text), a, knowledge)]

    got = evaluate_plover_gsr(TINY, code)
    assert got["type_accuracy"] >= 0.75
    assert got["actor_country"] >= 0.75
    assert got["spurious_per_sentence"] <= 0.5


def test_plover_gsr_floor_on_codebook_style_sentences(knowledge) -> None:
    def code(articles):
        return [m for a in articles for m in extract_mentions(knowledge.nlp(a.text), a, knowledge)]

    records = read_gold(HELDOUT_STYLE)
    assert len(records) == 80
    assert {r["event"] for r in records} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    got = evaluate_plover_gsr(HELDOUT_STYLE, code)
    assert got["type_accuracy"] >= 0.95, got["top_errors"]
    assert got["actor_country"] >= 0.85
    assert got["spurious_per_sentence"] <= 0.15
