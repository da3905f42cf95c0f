"""Stances (issue 14): orders to leave are expulsions, verdicts are ACCUSE, and acts not yet done
are not events. Our own sentences, several per construction."""

from __future__ import annotations

import pytest
from coding import code, top


@pytest.mark.parametrize("text, recipient", [
    ("The government ordered the French ambassador to leave the country within 72 hours.",
     "FRA"),
    ("Mali ordered the Danish special forces to leave immediately.", "DNK"),
    ("Khartoum asked the British envoy to leave.", "GBR"),
])
def test_stances_ordered_to_leave_is_an_expulsion(knowledge, text: str, recipient: str) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == ("SANCTION", "166"), m.rule
    assert recipient in [a.country for a in m.recipients]


def test_stances_ordered_to_do_something_else_stays_a_demand(knowledge) -> None:
    m = top("Armenia ordered Azerbaijan to release the prisoners.", knowledge)
    assert m.event_type == "REQUEST"


@pytest.mark.parametrize("text", [
    "The court found the opposition leader guilty of treason.",
    "The general was found guilty of war crimes.",
    "A tribunal in Arusha found three former officers guilty of genocide.",
])
def test_stances_a_guilty_verdict_is_accuse(knowledge, text: str) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == ("ACCUSE", "116"), m.rule


@pytest.mark.parametrize("text", [
    "Police have yet to arrest anyone over the killing.",
    "The army is yet to withdraw from the disputed town.",
    "Kenya has yet to deport the activists.",
])
def test_stances_yet_to_is_not_done(knowledge, text: str) -> None:
    assert code(text, knowledge) == []


@pytest.mark.parametrize("text", [
    "The Kenyan government withdrew the finance bill after weeks of protests.",
    "Parliament repealed the controversial security law.",
    "The junta suspended the new tax on mobile money after street protests.",
    "The government scrapped the fuel price increase.",
])
def test_stances_a_law_or_tax_taken_back_is_concede(knowledge, text: str) -> None:
    m = top(text, knowledge)
    assert (m.event_type, m.cameo) == ("CONCEDE", "0832"), m.rule


def test_stances_forces_taken_back_stay_retreat(knowledge) -> None:
    m = top("Russia withdrew its troops from the Kyiv region.", knowledge)
    # the verb dictionary's "withdraw" + troops sharpens our 0872 to CAMEO's own code for it,
    # 0874 "retreat or surrender militarily", under the same root and type (issue 14)
    assert (m.event_type, m.cameo) == ("RETREAT", "0874"), m.rule
