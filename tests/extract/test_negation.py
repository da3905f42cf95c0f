"""Denied, negated, hypothetical and future acts (issue 14, docs/schema.md: not coded). Our own
sentences, several per construction; stated intentions and conditional threats stay coded."""

from __future__ import annotations

import pytest
from coding import code


@pytest.mark.parametrize("text", [
    # a denial is a statement about one's own past, and the denied act is not told as done
    "The Taliban denied carrying out the attack on the checkpoint.",
    "Hamas denied that its fighters had fired the rockets.",
    "The ministry denied that troops had killed civilians in the village.",
    "Russia denied reports that it had shelled the hospital.",
    "The Rwandan army denied the accusation.",
    # an act told as the content of a noun that "no" denies
    "Turkey has no intention of attacking Syria.",
    "Washington has no plans to send troops to Haiti.",
    "There is no evidence that Ugandan soldiers fired on the crowd.",
    # others' forecasts and deliberations
    "Analysts said Russia could launch a new offensive in the spring.",
    "The rebels might attack the capital before the rainy season.",
    "The army is expected to deploy more troops to the border.",
    "Ethiopia is likely to close the border crossing.",
    "France is considering deploying warships to the region.",
    # a deployment announced for later is no force posture yet
    "The United States will send two aircraft carriers to the Mediterranean.",
])
def test_negation_denied_negated_and_hypothetical_acts_are_no_events(knowledge,
                                                                      text: str) -> None:
    assert [(m.event_type, m.trigger.text) for m in code(text, knowledge)] == []


def test_negation_denying_others_entry_rejects_them(knowledge) -> None:
    [m] = code("Israel denied the UN envoy entry to Gaza.", knowledge)
    assert m.event_type == "REJECT"


@pytest.mark.parametrize("text, event_type", [
    # the doer's own word about a possible act is a threat, reported
    ("Iran said it could strike US bases in the Gulf.", "THREATEN"),
    # a conditional consequence is a conditional threat (CAMEO's practice)
    ("The European Union may suspend talks with Ankara if the arrests continue.", "THREATEN"),
    # stated intentions stay what CAMEO codes them
    ("Hezbollah threatened to strike Israeli cities.", "THREATEN"),
    ("The German foreign minister will visit Albania in June.", "AGREE"),
])
def test_negation_stated_intentions_and_conditional_threats_stay(knowledge, text: str,
                                                                 event_type: str) -> None:
    ms = code(text, knowledge)
    assert ms and max(ms, key=lambda m: m.confidence).event_type == event_type


@pytest.mark.parametrize("text", [
    "A strike on Iran is unlikely, officials said.",
    "The army's planned offensive against the rebels was postponed.",
    "An attack on the capital is expected within days.",
    "Diplomats in Brussels fear possible sanctions against the bank.",
])
def test_negation_a_nominal_act_not_yet_done_is_no_event(knowledge, text: str) -> None:
    assert code(text, knowledge) == []


def test_negation_a_nominal_act_done_stays(knowledge) -> None:
    [m] = code("The army's offensive against the rebels began on Monday.", knowledge)
    assert m.event_type == "ASSAULT"
