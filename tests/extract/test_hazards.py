"""An ASSAULT needs a human agent (issue 14): floods, fires, crashes, collapses, illness and
other hazards that kill or destroy are no event, unless a weapon, an act of violence or a party
is named for the harm. Our own sentences, several per construction."""

from __future__ import annotations

from pathlib import Path

import pytest
from coding import code

from polemos.errors import KnowledgeError
from polemos.extract.hazards import HarmReader, HazardLexicon, party_test


def _assaults(text: str, knowledge) -> list[str]:
    return [m.trigger.text for m in code(text, knowledge) if m.event_type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    # the hazard is the subject of the harm
    "Heavy flooding killed at least 23 people in northern Kenya on Sunday, officials said.",
    "A fire at a textile factory in Dhaka killed 31 workers on Tuesday.",
    "A heat wave killed more than 200 people across Pakistan last week.",
    "Torrential rains destroyed hundreds of homes in Bangladesh.",
    "Dengue fever has killed 150 people in Bangladesh this year.",
    "An outbreak of meningitis has killed 60 people in northern Nigeria.",
    "Heavy snowfall killed three people in Afghanistan's Bamiyan province.",
    "The storm destroyed crops and killed livestock across Zimbabwe.",
    # a participle inherits the hazard ("..., killing 14"), or the head verb fails by itself
    "A landslide buried a village in Nepal, killing 14 residents.",
    "An earthquake of magnitude 6.8 struck western Turkey, leaving 40 dead.",
    "Cyclone Idai hit Mozambique, killing hundreds of people.",
    "A plane crashed shortly after takeoff in Nepal, killing all 72 on board.",
    "A pedestrian bridge collapsed in Mumbai on Thursday, killing six people and injuring 30.",
    "A military helicopter crashed into a hillside in Colombia, killing all nine soldiers on board.",
    # the hazard under a preposition or a by-agent of a passive
    "Nineteen people were killed in a bus crash on a mountain road in Peru.",
    "Two climbers were killed by an avalanche in the Swiss Alps.",
    "A farmer was struck by lightning and killed in his field in Malawi.",
    "Eleven pilgrims were crushed to death in a stampede at a temple in Andhra Pradesh.",
    "At least 40 people were killed in a fire that swept through a crowded market in Onitsha.",
    # a clause of time whose verb fails by itself
    "Five workers were injured when scaffolding collapsed at a building site in Lagos.",
    "Four children were killed when the roof of their school caved in during heavy rain.",
    # vehicles that hit, and explosions with an accidental source
    "A passenger train hit a stationary freight train in Odisha, killing 288 people.",
    "A gas cylinder blast in a crowded restaurant killed five people in Karachi.",
    "A boiler explosion at a textile mill injured 17 workers in Faisalabad.",
    "A tanker truck overturned and exploded on a highway in Kenya, killing 13 people.",
])
def test_hazards_harm_without_a_human_agent_is_no_assault(knowledge, text: str) -> None:
    assert _assaults(text, knowledge) == []


@pytest.mark.parametrize("text", [
    # arson and fires set by someone
    "Arsonists set fire to a mosque in Sweden, injuring three worshippers.",
    "A fire set by rioters destroyed a police station in Minneapolis.",
    "The fire that killed 20 people in the market was started by rioters, police said.",
    "Protesters set a police station on fire in Dhaka, injuring nine officers.",
    # a crash or a fire caused by a weapon or a shoot-down; a fire after shelling
    "Investigators said a bomb brought down the plane, killing all 224 people on board.",
    "Rebels shot down a military helicopter over Darfur, killing all 12 soldiers aboard.",
    "Artillery shelling set fire to a market in Aleppo, killing nine civilians.",
    "Saboteurs derailed a train carrying troops, killing 12 soldiers.",
    # explosions: a landmine, a bomb, and one whose source is not named
    "A landmine explosion killed four soldiers in northern Mali.",
    "Soldiers were killed in an explosion caused by a roadside bomb in Helmand.",
    "An explosion killed four soldiers at a checkpoint in Kandahar.",
    # fire as gunfire, police encounters, exchanges of fire
    "Three people were killed by Israeli fire in the West Bank, the health ministry said.",
    "Two suspected Maoists were killed in a police encounter in Chhattisgarh.",
    "Two militants were killed in an exchange of fire with security forces in Shopian.",
    "A jawan was injured in fire by militants near the border.",
])
def test_hazards_a_named_human_agent_keeps_the_assault(knowledge, text: str) -> None:
    assert _assaults(text, knowledge), text


def _reader(knowledge, lexicon: HazardLexicon) -> HarmReader:
    resolve = knowledge.actors.resolve
    return HarmReader(lexicon, knowledge.lexicon.instruments,
                      party_test(lambda t, d, h: resolve(t, d, head=h), "2024-03-01"))


def _harm(knowledge, text: str):
    return next(t for t in knowledge.nlp(text) if t.lemma_ == "kill")


def test_hazards_a_kb_folder_adds_and_removes_hazards(knowledge, tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "hazards.yaml").write_text(
        "origin: a test\nlicence: CC0\nhazards: [hailstone]\nremove:\n  hazards: [flooding]\n",
        encoding="utf-8")
    ours, theirs = HazardLexicon.load(), HazardLexicon.load(kb_dirs=[tmp_path])
    hail = _harm(knowledge, "A hailstone killed a shepherd in Tibet.")
    flood = _harm(knowledge, "Heavy flooding killed 12 people in Kenya.")
    assert not _reader(knowledge, ours).is_hazard_harm(hail)
    assert _reader(knowledge, theirs).is_hazard_harm(hail)
    assert _reader(knowledge, ours).is_hazard_harm(flood)
    assert not _reader(knowledge, theirs).is_hazard_harm(flood)


def test_hazards_a_bad_kb_file_names_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "hazards.yaml").write_text(
        "origin: a test\nlicence: CC0\nhazards: flood\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        HazardLexicon.load(kb_dirs=[tmp_path])
    assert f"{tmp_path / 'lexicon' / 'hazards.yaml'}:3: hazards: is a str, not a list" in str(err.value)
