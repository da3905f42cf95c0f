"""Casualty counts read from sentences: dead, injured, arrested, and vague floors."""

from __future__ import annotations

import pytest

from polemos.errors import KnowledgeError
from polemos.extract.numbers import CasualtyLexicon, NumberLexicon, find_casualties
from polemos.model import Casualties


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Gunmen killed 15 people at a checkpoint.", Casualties(dead=15)),
    ("At least 12 dead after the blast.", Casualties(dead=12, is_floor=True)),
    ("Two soldiers were wounded in the ambush.", Casualties(injured=2)),
    ("A man was shot dead outside his home.", Casualties(dead=1)),
    ("The bomb exploded in a market, killing two.", Casualties(dead=2)),
    ("The raid left three people dead.", Casualties(dead=3)),
    ("Militants stormed the post, killing one guard and wounding five others.",
     Casualties(dead=1, injured=5)),
    ("Police arrested twenty-five protesters.", Casualties(arrested=25)),
    ("Officers detained dozens of students.", Casualties(arrested=24, is_floor=True)),
    ("The quake killed 1,200 villagers.", Casualties(dead=1200)),
    ("Four people were shot, one fatally, at a party.", Casualties(dead=1, injured=3)),
    ("Nobody was hurt in the fire.", Casualties(injured=0)),
    ("The gunman shot and killed his brother.", Casualties(dead=1)),
    ("Omar was killed in the crossfire.", Casualties(dead=1)),
])
def test_numbers_casualties_from_sentence(sentence, expected):
    assert find_casualties(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "A 25-year-old man was arrested at 6 p.m. in the 400 block of Elm Street.",
    "Jones, 34, spoke to reporters on May 3, 2019.",
    "The ministry paid $5 million to 200 families.",
    "The army deployed 3,000 troops near the border.",
])
def test_numbers_ignore_ages_times_addresses_dates_money(sentence):
    got = find_casualties(sentence)
    assert got.dead is None and got.injured is None
    assert got.arrested in (None, 1)


def test_numbers_age_is_not_a_count():
    assert find_casualties("Smith, 25, was killed on Monday.").dead == 1


def test_numbers_plural_after_determiner_is_not_one():
    assert find_casualties("The attackers killed the villagers.").dead is None


def test_numbers_no_one_killed_is_zero_not_one():
    assert find_casualties("No one was killed in the attack.").dead == 0


def test_numbers_word_values():
    lex = NumberLexicon.load()
    assert lex.value("twenty-five") == 25
    assert lex.value("one hundred and two") == 102
    assert lex.value("1,200") == 1200
    assert lex.value("several") is None


def test_numbers_lexicon_problems_name_the_field(tmp_path):
    path = tmp_path / "casualties.yaml"
    path.write_text("origin: mine\nlicence: MIT\ndead: [killed]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        CasualtyLexicon.load(path)
    assert err.value.field == "dead"


def test_numbers_broken_yaml_says_line(tmp_path):
    path = tmp_path / "numbers.yaml"
    path.write_text("origin: mine\nlicence: MIT\nunits: {one: 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        NumberLexicon.load(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(("sentence", "dead"), [
    # the attacker's own death counts with the victims'
    ("A gunman killed three people before killing himself.", 4),
    ("Police say the man killed his wife and himself.", 2),
    ("A father kills his son, himself in a farmhouse.", 2),
    ("The woman later took her own life.", 1),
    ("A hunter fatally shot himself while climbing a fence.", 1),
    # one victim by pronoun, by name, or by an age in apposition
    ("The neighbour shot and killed him in the driveway.", 1),
    ("Rosa Delgado, 31, died at the hospital.", 1),
    ("Tomas Reyes died Monday at a trauma center.", 1),
    ("The victim, 25, died at the scene.", 1),
    # kin words are victims, and a possessive before a count keeps the count
    ("He is accused of killing his two stepsons.", 2),
    ("A man shot and killed his daughter.", 1),
    # two singular people joined by "and", and a pronoun subject of "died"
    ("His uncle and a neighbour were shot and killed.", 2),
    ("She later died at the trauma center.", 1),
])
def test_numbers_gva_style_deaths(sentence, dead):
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence", [
    "The boy accidentally shot himself in the leg.",  # shot himself is not a death
    "Forty people were killed in May, the most in a decade.",  # a month's tally
    "He was the 12th person killed so far this year.",
    "Men and women were killed in the war, the museum panel said.",  # plural, not a pair
])
def test_numbers_not_this_incidents_dead(sentence):
    assert find_casualties(sentence).dead in (None, 0)


def test_numbers_headline_line_does_not_join_the_next_sentence():
    text = "Too Many Guns'\n\nA teenager is dead and two people were injured."
    assert find_casualties(text) == Casualties(dead=1, injured=2)


def test_numbers_story_deaths_raise_the_attacks_count():
    from polemos.extract.numbers import with_story_deaths

    own = find_casualties("A gunman opened fire at a birthday party, wounding four.")
    story = ["Officers arrived within minutes.", "Two of the victims later died at the hospital."]
    assert with_story_deaths(own, story) == Casualties(dead=2, injured=4)
    assert with_story_deaths(own, ["Nobody else was hurt."]) == own


@pytest.mark.parametrize(("sentence", "dead"), [
    # shot, then dead in the same clause
    ("One man was shot twice and pronounced dead at the corner.", 1),
    ("A cashier was shot in the chest and later died.", 1),
    ("Two brothers were shot and later died at the clinic.", 2),
    # "found" and "accidentally" between the victims and the casualty words
    ("The four victims were found shot to death in a barn.", 4),
    ("A boy was accidentally shot and killed by his cousin.", 1),
    # deaths told by succumbing, or by a toll brought up to a number
    ("The clerk succumbed to his wounds at dawn.", 1),
    ("A second man has died, bringing the number of fatalities to three.", 3),
])
def test_numbers_gva_style_deaths_more_phrasings(sentence, dead):
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence", [
    "Officers answering a 911 call found the woman dead in her kitchen.",  # a phone number
    "The 12 year old was shot in the arm and died on the way to hospital.",  # an age
    "He was one of two men fatally shot around 11:45 p.m. on the bridge.",  # a clock time
])
def test_numbers_phone_numbers_ages_and_times_are_not_counts(sentence):
    assert find_casualties(sentence).dead in (1, 2)
    assert find_casualties(sentence).dead not in (911, 12, 11, 45)


def test_numbers_since_makes_a_tally():
    assert find_casualties("Six people have been fatally shot since the curfew began.").dead is None
    assert find_casualties("Four men were shot and one died.").dead == 1  # not all four


def test_numbers_two_named_victims_are_two():
    assert find_casualties("Marcus Davis, 22, and Lena Ortiz, 19, were shot and killed.").dead == 2
    assert find_casualties("Tom Hale and Ann Cruz were arrested at the scene.").dead is None


def test_numbers_an_aim_to_kill_is_not_a_toll():
    assert find_casualties("Officers said he had planned to kill dozens of classmates.").dead is None
    assert find_casualties("The gunman went on to kill three people.").dead == 3


@pytest.mark.parametrize("sentence", [
    "The deputy fired back, fatally wounding him.",
    "A clerk was mortally wounded during the robbery.",
])
def test_numbers_fatal_and_mortal_wounds_are_deaths(sentence):
    assert find_casualties(sentence).dead == 1
