"""Modality: negated, conditional and questioned acts give no event; intentions are recoded."""

from __future__ import annotations

import pytest

from polemos.extract.events import extract_mentions
from polemos.model import Article


def code(text: str, knowledge) -> list:
    article = Article(id="t", text=text, date="2021-06-01")
    return extract_mentions(knowledge.nlp(text), article, knowledge)


@pytest.mark.parametrize("text", [
    "The army did not attack the village on Monday.",
    "Kenya never deported the refugees.",
    "The government no longer detains journalists.",
    "Did Russia attack the convoy?",
    "If Egypt attacks the dam, Ethiopia will respond.",
])
def test_modality_negated_conditional_or_question_gives_no_assault(text: str, knowledge) -> None:
    assert not [m for m in code(text, knowledge) if m.event_type in ("ASSAULT", "COERCE")]


def test_modality_never_bounded_by_until_is_asserted(knowledge) -> None:
    ms = code("Until Friday, the rebels had never killed a Kenyan soldier.", knowledge)
    assert [m.event_type for m in ms] == ["ASSAULT"]


def test_modality_threatened_to_is_threaten_not_assault(knowledge) -> None:
    ms = code("Turkey threatened to bomb Kurdish militants in Syria.", knowledge)
    assert ms[0].event_type == "THREATEN"
    assert ms[0].cameo.startswith("138")
    assert "ASSAULT" not in {m.event_type for m in ms}


def test_modality_will_support_is_agree(knowledge) -> None:
    ms = code("Spain will support Morocco's bid to host the summit.", knowledge)
    assert ms[0].event_type == "AGREE"
    assert ms[0].actors[0].country == "ESP"


def test_modality_intended_attack_is_threaten(knowledge) -> None:
    ms = code("Azerbaijan plans to attack the Armenian positions.", knowledge)
    assert ms[0].event_type == "THREATEN"


def test_modality_refused_to_withdraw_is_reject(knowledge) -> None:
    ms = code("Serbia refused to withdraw its troops from the border.", knowledge)
    assert ms[0].event_type == "REJECT"


def test_modality_said_must_is_request(knowledge) -> None:
    ms = code("Germany said on Monday that Poland must respect the ruling.", knowledge)
    assert ms[0].event_type == "REQUEST"
    assert ms[0].actors[0].country == "DEU"
    assert ms[0].recipients[0].country == "POL"


@pytest.mark.parametrize("text", [
    "No Kenyan soldiers were killed in the raid, the ministry said.",
    "Nobody was injured when the rebels shelled the empty barracks at dawn? No.",
    "None of the hostages were harmed.",
    "No one was hurt in the explosion.",
    "The gunmen killed no one, police said.",
])
def test_modality_no_one_as_party_gives_no_assault(text: str, knowledge) -> None:
    ms = code(text, knowledge)
    assert not [m for m in ms if m.event_type == "ASSAULT" and m.trigger.text != "explosion"]
    assert all(not a.text.lower().startswith(("no", "none")) for m in ms for a in m.actors)


def test_modality_nobody_check_on_the_parse(knowledge) -> None:
    from polemos.extract.modality import negation

    doc = knowledge.nlp("No Americans were killed.")
    killed = next(t for t in doc if t.lemma_ == "kill")
    assert negation(killed) is not None
    doc = knowledge.nlp("Some Americans were killed.")
    assert negation(next(t for t in doc if t.lemma_ == "kill")) is None
