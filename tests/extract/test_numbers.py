"""Casualty counts read from sentences: dead, injured, arrested, and vague floors."""

from __future__ import annotations

import time

import pytest

from polemos.errors import KnowledgeError
from polemos.extract.numbers import CasualtyLexicon, NumberLexicon, find_casualties
from polemos.model import Casualties
from polemos.number_words import MAX_WORDS


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


@pytest.mark.parametrize(("sentence", "dead"), [
    # victims described between their count and the casualty words
    ("Two cousins -- a 12-year-old and a 20-year-old -- were fatally shot near the lake.", 2),
    ("Three workers including a 19-year-old, were killed at the depot.", 3),
    # some of a group told dead later
    ("One of the five men hurt in the bar fight has died.", 1),
    # a bare singular victim, as headlines write it
    ("Cyclist hit by gunfire; teen killed near Elm Park", 1),
    ("Coroner names boy killed on Friday", 1),
    # a long description between "left" and "dead"
    ("The crash left one Ridgeview Community College nursing student dead.", 1),
    # two victims of one active verb
    ("The gunman killed a 6-year-old girl and her 40-year-old grandfather.", 2),
    ("Deputies say he killed Rosa Vance, 44, and Pete Lund, 51, at the farm.", 2),
    # a victim with age and home town, or described in apposition, then dying
    ("Lena Park, 27, of Fairview, died at the hospital on Sunday.", 1),
    ("The victim, a 60-year-old grocer named Al Brooks, died on the way to the clinic.", 1),
    ("Marlo died two days after the ambush.", 1),
])
def test_numbers_deaths_told_without_a_plain_count(sentence, dead):
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Detectives are investigating a double homicide on Pine Street.", 2),
    ("The triple murder shocked the small town.", 3),
    ("A teenager was charged in the fatal weekend shooting at the mall.", 1),
    ("Officers found a couple dead in what they called a murder-suicide.", 2),
    ("The man shot his neighbor and then himself in a murder-suicide.", 2),
])
def test_numbers_killings_named_by_their_kind(sentence, dead):
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence", [
    "Homicide detectives took over the case on Monday.",
    "Officers could not say if the driver had died.",
    "Neighbors did not know whether he was dead or alive.",
    "She was charged with intent to harm or kill a person.",
    "The mother was wounded and her unborn baby was killed.",
    "Two people died in separate shootings across the county.",
])
def test_numbers_doubt_aims_and_uncounted_victims_are_no_deaths(sentence):
    assert find_casualties(sentence).dead in (None, 0)


@pytest.mark.parametrize(("sentence", "dead"), [
    ("He was sentenced for the 2014 attack that killed a guard at the bank.", 1),  # a year
    ("A neighbor called 911 after finding the bodies.", None),  # the emergency number
    ("Police said the Oct. 7 shooting killed a cook.", 1),  # a date before a singular noun
    ("Two of the six shooting victims had died by morning.", 2),  # six is the whole
    ("So far in 2021, 90 people have been murdered in the county.", None),  # a period's tally
    ("The boy was fatally shot about 9 p.", 1),  # a clock time cut at the sentence end
    ("A K-9 officer was found dead in the woods.", 1),  # a name with a number
    ("The third suspect was pronounced dead at the scene.", 1),  # an ordinal is no count
])
def test_numbers_years_phones_dates_wholes_and_ordinals_are_not_counts(sentence, dead):
    assert find_casualties(sentence).dead == dead


def test_numbers_story_takes_the_title_toll():
    from polemos.extract.numbers import with_story_deaths

    own = find_casualties("Gunfire broke out at a block party late Saturday.")
    story = ["3 killed, 2 wounded in block party shooting", "Officers closed the street."]
    assert with_story_deaths(own, story).dead == 3


def test_numbers_story_counts_the_attackers_death_with_the_victims():
    from polemos.extract.numbers import tells_attacker_death, with_story_deaths

    text = "A gunman opened fire in a warehouse, killing three workers."
    own = find_casualties(text)
    later = ["Officers later shot and killed the gunman on the roof."]
    assert with_story_deaths(own, later, own_text=text).dead == 4
    # a toll that already counts the attacker is not raised again
    assert with_story_deaths(own, [*later, "Four people, including the gunman, died."],
                             own_text=text).dead == 4
    # one death told twice in a police shooting is one death
    alone = find_casualties("One man was killed in a police shooting downtown.")
    assert with_story_deaths(alone, ["Police said the suspect was killed."]).dead == 1
    assert tells_attacker_death("The shooter was killed by deputies.")
    assert not tells_attacker_death("It is unclear whether the gunman was killed by police.")
    assert not tells_attacker_death("The suspect killed two people.")


def test_numbers_pipeline_reads_the_title_and_the_attackers_death(knowledge):
    from polemos.model import Article
    from polemos.pipeline import code_article

    text = ("A gunman opened fire at a grocery store in Dayton on Friday, killing two shoppers. "
            "Witnesses said the store was crowded. "
            "A man shot at a car in Toledo later that night. "
            "Officers shot and killed the gunman outside the Dayton store.")
    dead = [m.dead or 0 for m in code_article(Article(id="t", text=text, date="2023-05-06"),
                                               knowledge) if m.event_type == "ASSAULT"]
    assert max(dead) == 3  # two shoppers and the gunman
    titled = Article(id="h", text="A man opened fire at a bar in Dayton on Friday.",
                     date="2023-05-06", title="Two killed, one hurt in Dayton bar shooting")
    assert max(m.dead or 0 for m in code_article(titled, knowledge)
               if m.event_type == "ASSAULT") == 2


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Stabbing becomes the town's latest homicide", 1),
    ("The shooting was the county's 14th murder this spring.", 1),
    ("Girl's death ruled a homicide by the coroner", 1),
    ("The first homicides of the year were reported in May.", None),
])
def test_numbers_one_killing_in_a_tally_or_a_death_named(sentence, dead):
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence", [
    "Gunmen killed " + "1" * 5000 + " people.",  # int() refuses strings of over 4,300 digits
    "Gunmen killed " + "9" * 14 + " people.",
])
def test_numbers_absurd_counts_are_no_counts(sentence: str) -> None:
    assert find_casualties(sentence).dead is None


def test_numbers_value_keeps_large_real_counts_and_drops_absurd_ones() -> None:
    n = NumberLexicon.load()
    assert n.value("1,000,000,000,000") == 10**12
    assert n.value("1000000000001") is None
    assert n.value("0" * 20 + "7") == 7
    assert n.value("1" * 5000) is None
    assert n.value("two million") == 2_000_000


def test_numbers_a_long_run_of_number_words_is_read_in_linear_time() -> None:
    # an unbounded cardinal pattern backtracked over the whole run from every start: 3,000
    # words took minutes; now a cardinal is at most MAX_WORDS words, the last ones before "people"
    started = time.perf_counter()
    counts = find_casualties("Gunmen killed" + " thousand" * 3000 + " people.")
    assert time.perf_counter() - started < 10
    assert counts.dead == MAX_WORDS * 1000
