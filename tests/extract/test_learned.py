"""The learned event layer: the shipped model's verdicts, the pure judge, and the hook in extract."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from polemos import code_text
from polemos.errors import SetupError
from polemos.extract.learned import EventModel, judge, keep_judged, names_a_weapon
from polemos.knowledge import Knowledge

NO_EVENT = ("The earthquake killed 30 people and destroyed hundreds of homes.",
            "A bus crash killed 12 passengers on the highway.",
            "The storm hit the coast, killing five fishermen.",
            "The team launched a fierce attack and beat their rivals 3-0.")
EVENT = ("Militiamen ambushed a police patrol near the town, killing six officers.",
         "Gunmen shot dead two men outside a bar in the city on Saturday.",
         "Government troops shelled rebel positions on the edge of the city.")


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel.load()


@pytest.fixture(scope="module")
def layered(knowledge: Knowledge) -> Knowledge:
    """Knowledge with the layer on (the session's is off, the default) that shares the session's
    loaded parts (all read-only), so the test does not load spaCy a second time."""
    knowledge.load_all()
    on = Knowledge(learned=True)
    on.__dict__.update({k: v for k, v in vars(knowledge).items()
                        if k not in ("event_model", "learned")})
    return on


def test_learned_shipped_model_loads_in_a_second_or_two() -> None:
    start = time.perf_counter()
    EventModel.load()
    # about 1 s on an idle core; the bound leaves room for a machine shared with other jobs
    assert time.perf_counter() - start < 10.0


@pytest.mark.parametrize("text", NO_EVENT)
def test_learned_disaster_accident_sport_are_no_event(model: EventModel, text: str) -> None:
    assert judge(text, ["ASSAULT"], model).is_no_event


@pytest.mark.parametrize("text", EVENT)
def test_learned_political_violence_is_an_event(model: EventModel, text: str) -> None:
    verdict = judge(text, ["ASSAULT", "PROTEST"], model)
    assert not verdict.is_no_event and verdict.p_event > 0.5
    assert verdict.types[0][0] == "ASSAULT"


def test_learned_probe_most_verdicts_right(model: EventModel, fixtures: Path) -> None:
    rows = [json.loads(line) for line in (fixtures / "learn" / "probe.jsonl").read_text().splitlines()]
    wrong_events = sum(judge(r["text"], ["ASSAULT"], model).is_no_event for r in rows if r["is_event"])
    dropped = sum(judge(r["text"], ["ASSAULT"], model).is_no_event for r in rows if not r["is_event"])
    # of 14 events and 22 non-events; README in polemos/data/models gives the figures
    assert wrong_events <= 1 and dropped >= 12


def test_learned_judge_is_pure(model: EventModel) -> None:
    text = "Police arrested dozens of protesters after the march."
    assert judge(text, ["COERCE", "ASSAULT", "COERCE"], model) == judge(text, ["ASSAULT", "COERCE"],
                                                                        model)


def test_learned_missing_model_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SetupError) as caught:
        EventModel.load(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'event'}: the learned event model is missing (fix: "
                                 f"python -m polemos.learn.train --train DIR --out {tmp_path}, or "
                                 "code without --learned)")


def test_learned_hook_drops_a_disaster_assault_end_to_end(knowledge: Knowledge,
                                                         layered: Knowledge) -> None:
    # a wave is no hazard of lexicon/hazards.yaml ("a wave of attacks"), so the rules keep the
    # ASSAULT that the layer drops; a storm is one, and the rules drop it themselves
    text = "A huge wave hit the fishing boat, killing five fishermen."
    assert "ASSAULT" in {m.event_type for m in code_text(text, "2024-03-01",
                                                         knowledge=knowledge)}
    assert code_text(text, "2024-03-01", knowledge=layered) == []


def test_learned_hook_keeps_an_ambush_end_to_end(knowledge: Knowledge, layered: Knowledge) -> None:
    text = "Militiamen ambushed a police patrol near the town, killing six officers."
    with_layer = code_text(text, "2024-03-01", knowledge=layered)
    assert with_layer == code_text(text, "2024-03-01", knowledge=knowledge)
    assert [m.event_type for m in with_layer] == ["ASSAULT"]


def test_learned_keep_judged_without_model_keeps_all(knowledge: Knowledge) -> None:
    mentions = code_text("A huge wave hit the fishing boat, killing five fishermen.", "2024-03-01",
                         knowledge=knowledge)
    assert keep_judged(mentions, None) == mentions and mentions


def test_learned_hook_keeps_an_armed_assault_the_model_doubts(layered: Knowledge,
                                                              model: EventModel) -> None:
    # police-report register reads to the model like an accident; the gun names a human agent
    text = "The boy died from a gunshot wound to the chest, the medical examiner said."
    assert judge(text, ["ASSAULT"], model).is_no_event
    assert "ASSAULT" in {m.event_type for m in code_text(text, "2024-03-01", knowledge=layered)}


def test_learned_names_a_weapon_by_instrument_code(knowledge: Knowledge) -> None:
    instruments = knowledge.lexicon.instruments
    assert names_a_weapon([("the", "the"), ("gunman", "gunman")], instruments)
    assert names_a_weapon([("bomb", "bombs")], instruments)
    assert not names_a_weapon([("aircraft", "aircraft"), ("crash", "crashed")], instruments)
    assert not names_a_weapon([("flood", "floods")], instruments)
