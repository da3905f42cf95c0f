"""Who did what to whom (issue 14): relative clauses, passives, nominalisations and "came under
fire from" decide the actor and the recipient. Our own sentences, several per construction."""

from __future__ import annotations

import pytest
from coding import code, top

from polemos.model import Actor, Mention


def _names(parties: tuple[Actor, ...]) -> str:
    return " | ".join(a.text for a in parties).lower()


def _attack(text: str, knowledge) -> Mention:
    """The surest attack or coercion of ``text``."""
    ms = [m for m in code(text, knowledge) if m.event_type in ("ASSAULT", "COERCE")]
    assert ms, f"no attack in {text!r}"
    return max(ms, key=lambda m: m.confidence)


def _check(m: Mention, actor: str, recipient: str) -> None:
    assert actor in _names(m.actors), (m.actors, m.rule)
    assert recipient in _names(m.recipients), (m.recipients, m.rule)
    assert recipient not in _names(m.actors), (m.actors, m.rule)


@pytest.mark.parametrize("text, actor, recipient", [
    ("The villagers, whom Nigerian soldiers attacked on Sunday, fled to Maiduguri.",
     "soldiers", "villagers"),
    ("Students whom Iranian police beat during the march were taken to hospital.",
     "police", "students"),
    ("The journalists that Syrian troops detained last week were freed on Monday.",
     "troops", "journalists"),
    ("The peacekeepers, whom M23 rebels ambushed near Goma, were from India.", "rebels",
     "peacekeepers"),
])
def test_arguments_object_relative_acts_on_its_antecedent(knowledge, text, actor, recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Protesters who were beaten by Belarusian police gathered again on Sunday.",
     "police", "protesters"),
    ("Two aid workers who were abducted by gunmen in Darfur were released.", "gunmen", "workers"),
    ("Villagers that were attacked by bandits in Katsina fled to the city.", "bandits",
     "villagers"),
])
def test_arguments_passive_relative_acts_on_its_antecedent(knowledge, text, actor, recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Protesters arrested by Egyptian police were released on Sunday.", "police", "protesters"),
    ("Journalists detained by Ethiopian authorities went on hunger strike.", "authorities",
     "journalists"),
    ("Two activists abducted by unknown gunmen in Baluchistan were found dead.", "gunmen",
     "activists"),
    ("Villagers attacked by Fulani herders in Benue fled to Makurdi.", "herders", "villagers"),
    ("Doctors said soldiers wounded by Taliban fighters were flown to Kabul.", "taliban",
     "soldiers"),
])
def test_clauses_reduced_relative_is_an_act_on_its_noun(knowledge, text, actor, recipient):
    """A participle standing for a relative clause is an act of its own, done to its noun."""
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text", [
    "The government declared three days of mourning for the 20 people killed in the floods.",
    "The president visited survivors injured in the train crash.",
    "Families of passengers killed in the plane crash demanded answers from the airline.",
    "The government declared mourning for the villagers killed by the floods in Assam.",
    "Rescuers searched for miners trapped by the collapse of the tunnel.",
])
def test_clauses_reduced_relative_without_doer_is_no_act(knowledge, text):
    """Without a by-phrase naming a party, an attack or a weapon, the participle tells another
    thing's toll: no attack of its own."""
    assert all(m.event_type != "ASSAULT" for m in code(text, knowledge)), text


@pytest.mark.parametrize("text, actor, recipient", [
    ("Two Colombian soldiers were killed in an attack by FARC dissidents.", "farc", "soldiers"),
    ("Three policemen were wounded in an ambush by Maoist rebels in Chhattisgarh.", "rebels",
     "policemen"),
    ("Five Indian policemen were wounded when Maoist rebels ambushed their convoy.", "rebels",
     "policemen"),
    ("Four civilians were killed when Russian forces shelled the town of Kupiansk.", "forces",
     "civilians"),
])
def test_clauses_harm_told_in_an_attack_is_its_doers(knowledge, text, actor, recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Dozens of civilians died at the hands of Sudanese paramilitary forces in Darfur.",
     "forces", "civilians"),
    ("Two detainees died at the hands of prison guards in Cairo.", "guards", "detainees"),
    ("Several journalists died at the hands of Mexican cartel gunmen last year.", "gunmen",
     "journalists"),
])
def test_clauses_who_died_is_harmed_not_the_doer(knowledge, text, actor, recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text", [
    "Four miners died when a tunnel collapsed in Zambia.",
    "Two children died in the floods in Kerala.",
    "An elderly man died of heat stroke in Karachi.",
])
def test_clauses_who_died_with_no_doer_is_no_attack(knowledge, text):
    assert all(m.event_type != "ASSAULT" for m in code(text, knowledge)), text


@pytest.mark.parametrize("text, actor, recipient", [
    ("The killing of three Palestinian teenagers by Israeli soldiers sparked protests.",
     "soldiers", "teenagers"),
    ("The arrest of Turkish journalists by police drew criticism.", "police", "journalists"),
    ("The abduction of 30 students by bandits shocked the country.", "bandits", "students"),
    ("The detention of opposition leaders by Ugandan security forces lasted a week.",
     "forces", "leaders"),
])
def test_arguments_of_names_whom_a_killing_or_arrest_was_done_to(knowledge, text, actor,
                                                                  recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("A Malian army patrol came under fire from jihadist militants near Gao.", "militants",
     "patrol"),
    ("An Israeli convoy came under attack from Hezbollah fighters.", "hezbollah", "convoy"),
    ("Afghan troops came under heavy fire from Taliban fighters in Kunduz.", "taliban", "troops"),
    ("Ukrainian soldiers came under artillery fire from Russian troops.", "russian",
     "ukrainian"),
])
def test_clauses_came_under_fire_from_is_done_by_the_from_party(knowledge, text, actor,
                                                                recipient):
    m = _attack(text, knowledge)
    assert m.event_type == "ASSAULT", m.rule
    _check(m, actor, recipient)


@pytest.mark.parametrize("text, actor, recipient", [
    ("Attacked by Houthi rebels, the Saudi border post was abandoned.", "rebels", "post"),
    ("Ambushed by al-Shabaab fighters near Lamu, the Kenyan soldiers suffered heavy losses.",
     "al-shabaab", "soldiers"),
    ("Arrested by Egyptian police in March, the activist remains in custody.", "police",
     "activist"),
])
def test_arguments_fronted_participle_is_done_to_the_subject(knowledge, text, actor, recipient):
    _check(_attack(text, knowledge), actor, recipient)


@pytest.mark.parametrize("text", [
    "Gunmen carried out an attack against anti-government protesters who killed 15 people.",
    "Troops launched a raid on villagers that left 20 dead.",
    "Soldiers fired on a crowd of mourners who wounded dozens.",
])
def test_clauses_toll_in_a_relative_clause_is_the_attacks(knowledge, text):
    """The victims of an attack are never its killers: one act, not a reversed second one."""
    attacks = [m for m in code(text, knowledge) if m.event_type == "ASSAULT"]
    assert len(attacks) == 1, [(m.trigger.text, _names(m.actors)) for m in attacks]
    victims = _names(attacks[0].recipients)
    assert victims and victims not in _names(attacks[0].actors)


@pytest.mark.parametrize("text", [
    "Police fired on protesters who had killed two officers.",
    "Troops attacked rebels who had ambushed a convoy the day before.",
])
def test_clauses_earlier_act_in_a_relative_clause_stays_its_own(knowledge, text):
    """The past perfect tells an earlier act by those the attack was on: it is coded."""
    ms = [m for m in code(text, knowledge) if m.event_type == "ASSAULT"]
    assert len(ms) == 2, [(m.trigger.text, m.rule) for m in ms]


@pytest.mark.parametrize("text, actor, recipient", [
    ("Kenyan police attacked protesters who were marching to parliament.", "police",
     "protesters"),
    ("Ethiopian troops opened fire on farmers in Amhara.", "troops", "farmers"),
])
def test_arguments_active_baselines_keep_their_roles(knowledge, text, actor, recipient):
    _check(top(text, knowledge), actor, recipient)
