"""Police actions and parties in lower-cased Indian-English news (issue 14): arrests told as
"held", "booked", "picked up", "taken into custody"; lathi-charges; prohibitory orders; bombs
hurled; the local words for the parties. Our own sentences, one construction each."""

from __future__ import annotations

import pytest
from coding import code, top


@pytest.mark.parametrize("text", [
    "a history-sheeter was held by the special task force in kanpur on wednesday.",
    "two youths were held for pelting stones at a bus in bhopal.",
    "the police have booked five people for rioting in muzaffarpur.",
    "nearly 40 activists were taken into preventive custody ahead of the bandh in ranchi.",
    "police picked up six suspects from a lodge in vijayawada.",
    "prohibitory orders under section 144 were clamped in bhadrak after the clash.",
    "the district magistrate imposed prohibitory orders in the old city.",
])
def test_police_news_arrests_and_orders_are_coerce(knowledge, text: str) -> None:
    assert top(text, knowledge).event_type == "COERCE"


@pytest.mark.parametrize("text", [
    "the two leaders held talks in new delhi on monday.",
    "the minister held a meeting with district officials.",
    "she booked a flight to mumbai for the conference.",
    "the bus picked up passengers at the depot.",
])
def test_police_news_other_senses_are_not_coerce(knowledge, text: str) -> None:
    assert all(m.event_type != "COERCE" for m in code(text, knowledge))


@pytest.mark.parametrize("text", [
    "police lathi-charged a crowd of farmers outside the tehsil office in meerut.",
    "constables lathicharged villagers who blocked the highway near sitapur.",
    "the cops resorted to a lathi-charge to disperse the students in patna.",
    "police baton-charged the protesters outside the assembly.",
    "miscreants hurled a bomb at the house of a councillor in howrah.",
    "unidentified men lobbed a grenade at a police picket in srinagar.",
])
def test_police_news_charges_and_bombs_are_assault(knowledge, text: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "ASSAULT", m.rule
    assert all(x.event_type != "ACCUSE" for x in code(text, knowledge))


@pytest.mark.parametrize("text, side, sector", [
    ("ultras ambushed an assam rifles patrol in tamenglong, killing two jawans.", "actors", "REB"),
    ("miscreants hurled a bomb at the house of a councillor in howrah.", "actors", "UAF"),
    ("armed dacoits looted a jewellery shop in gaya and shot the owner.", "actors", "CRM"),
    ("goons attacked a shopkeeper in the market at dhanbad.", "actors", "CRM"),
    ("a police party was attacked by villagers in nawada.", "recipients", "COP"),
    ("excise sleuths arrested two bootleggers in vadodara.", "actors", "COP"),
    ("an inspector shot a fleeing robber in the leg at aligarh.", "actors", "COP"),
])
def test_police_news_local_words_name_sectors(knowledge, text: str, side: str,
                                              sector: str) -> None:
    m = top(text, knowledge)
    assert sector in {a.sector for a in getattr(m, side)}, (m.actors, m.recipients)


@pytest.mark.parametrize("text, sector", [
    ("two maoists were gunned down in an encounter with police in gadchiroli district.", "COP"),
    ("a wanted criminal was killed in an encounter with the police in ghaziabad on sunday.",
     "COP"),
    ("three rebels were shot dead in a clash with troops near the border.", "MIL"),
    ("A militant was killed in a gunfight with soldiers in Shopian on Friday.", "MIL"),
])
def test_police_news_a_passive_killing_in_a_fight_names_the_other_side(
        knowledge, text: str, sector: str) -> None:
    m = top(text, knowledge)
    assert m.event_type == "ASSAULT"
    assert sector in {a.sector for a in m.actors}, (m.actors, m.recipients)


def test_police_news_a_passive_killing_without_a_fight_has_no_doer(knowledge) -> None:
    m = top("two men were shot dead in their shop in the old city on monday.", knowledge)
    assert m.actors == ()
