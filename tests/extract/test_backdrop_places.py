"""Towns named as people's home or a local service's ("two Gary men", "Memphis police"):
read apart from place names, and the article's main place only when it names none."""

from __future__ import annotations

import pytest

from polemos.extract.backdrop_places import as_towns, backdrop_mentions, headline_mentions
from polemos.extract.place_names import place_mentions
from polemos.model import Article
from polemos.nlp import entities
from polemos.pipeline import code_article


def _names(text: str, knowledge) -> list[tuple[str, str | None]]:
    return [(m.span.text, m.candidates[0].place.admin1)
            for m in backdrop_mentions(text, knowledge.gazetteer)]


@pytest.mark.parametrize("text, want", [
    # a service named for the town, before or inside its name
    ("Memphis police are searching for the driver.", [("Memphis", "Tennessee")]),
    ("A spokesman for the Joliet Police Department said no one was arrested.",
     [("Joliet", "Illinois")]),
    ("Anyone with information may call the Buffalo Police tip line.", [("Buffalo", "New York")]),
    # people of the town
    ("Two Gary men were charged on Friday.", [("Gary", "Indiana")]),
    ("A Toledo woman was taken to a hospital.", [("Toledo", None)]),
    # a home town set off by commas after a person
    ("The victim, Tevin Donelson, 21, of Gary, died at the scene.", [("Gary", "Indiana")]),
    ("Donelson, also of Joliet, was released.", [("Joliet", "Illinois")]),
    # a word rarely a town alone is one before its police
    ("Mobile police said the man fled on foot.", [("Mobile", "Alabama")]),
])
def test_backdrop_places_towns_of_people_and_services(knowledge, text: str, want) -> None:
    got = _names(text, knowledge)
    assert [name for name, _ in got] == [name for name, _ in want]
    for (_, admin1), (_, expected) in zip(got, want, strict=True):
        if expected is not None:
            assert admin1 == expected


@pytest.mark.parametrize("text", [
    "One man was shot in the leg.",  # a sentence's first word, a village somewhere
    "Many residents heard the shots.",
    "Since police arrived, nobody has left.",
    "Rangel's mother said he was a good son.",  # a person's
    "The Jackson family asked for privacy.",  # families are people's, not towns'
    "Police said the man was shot twice.",  # no town at all
    "Metro police said the shooting happened on Whitsett Road.",  # a service's own word
])
def test_backdrop_places_not_a_town(knowledge, text: str) -> None:
    assert _names(text, knowledge) == []


def _assault_places(text: str, knowledge):
    mentions = code_article(Article(id="b", text=text, date="2019-03-12"), knowledge)
    return [m for m in mentions if m.event_type == "ASSAULT"]


@pytest.mark.parametrize("text, town, state", [
    ("Two Gary men were charged after one of them shot himself. Officers found a man with a "
     "gunshot wound to his thigh on Adams Street.", "Gary", "Indiana"),
    ("Memphis police are searching for a man who fired shots into a bowling alley on White "
     "Station Road. Four people were wounded.", "Memphis", "Tennessee"),
    ("A teenager was shot and killed on Roosevelt Avenue on Sunday. Anyone with information "
     "is asked to call the Buffalo Police tip line.", "Buffalo", "New York"),
])
def test_backdrop_places_stand_in_when_the_story_names_no_place(knowledge, text: str, town: str,
                                                                state: str) -> None:
    assaults = _assault_places(text, knowledge)
    assert assaults
    for m in assaults:
        assert m.location is not None and m.location.name == town
        assert m.location.admin1 == state
        assert "place_from_article" in m.flags


def test_backdrop_places_never_move_a_story_that_names_its_place(knowledge) -> None:
    # the shooting is in Hammond; the victims' home town does not take its place
    text = ("Two Gary men were wounded in a shooting in Hammond on Saturday night. "
            "Hammond police said the gunman fled.")
    assaults = _assault_places(text, knowledge)
    assert assaults and assaults[0].location is not None
    assert assaults[0].location.name == "Hammond"


@pytest.mark.parametrize("text, name, state", [
    # a city that shares its name with a province abroad, named as a home or by its police
    ("A 17-year-old boy was shot in the hand in central Toledo late Tuesday, according to "
     "Toledo police.", "Toledo", "Ohio"),
    ("One person was killed in a shooting in northeast Portland, according to the Portland "
     "Police Bureau.", "Portland", "Oregon"),
])
def test_backdrop_places_a_home_town_is_read_as_a_town(knowledge, text: str, name: str,
                                                       state: str) -> None:
    assaults = _assault_places(text, knowledge)
    placed = [m.location for m in assaults if m.location is not None]
    assert placed and all(p.name == name and p.admin1 == state for p in placed)


@pytest.mark.parametrize("text, name", [
    ("Kerala police arrested two men after clashes in Kerala.", "Kerala"),
    ("Punjab Police said the attack in Punjab was planned.", "Punjab"),
])
def test_backdrop_places_a_state_police_leaves_the_state(knowledge, text: str, name: str) -> None:
    names = place_mentions(text, entities(knowledge.nlp(text)), knowledge.gazetteer)
    read = as_towns(names, backdrop_mentions(text, knowledge.gazetteer))
    assert [m.kind for m in read if m.query == name] == [m.kind for m in names if m.query == name]


@pytest.mark.parametrize("title, want", [
    # after a preposition that places the story, in sentence case and in title case
    ("Teen accidentally shoots mother in Evansville parking lot", ["Evansville"]),
    ("Shooting In Gary Leaves One Dead", ["Gary"]),
    ("Man charged in NW Albuquerque shooting death of friend", ["Albuquerque"]),
    # a direction word opening the run
    ("Downtown Austin shooting: warrant issued for suspect", ["Austin"]),
    # a facility named for a person is no town; the town after it is
    ("8 shot at Martin Luther King Jr. Memorial Park in Miami on MLK Day", ["Miami"]),
    # no town at all
    ("Man Shot In Leg At Party", []),
    ("Woman killed in shooting at Walmart", []),
    ("Teen shot in", []),
])
def test_backdrop_places_the_headline_places_its_story(knowledge, title: str, want) -> None:
    got = headline_mentions(title, knowledge.gazetteer)
    assert [m.candidates[0].place.name for m in got] == want
    assert all(title[m.span.start:m.span.end] == m.span.text for m in got)


def test_backdrop_places_the_headline_stands_in_last(knowledge) -> None:
    text = ("A woman was taken to a hospital after an accidental shooting. It happened in the "
            "parking lot of a store. Police said her son pulled the trigger.")
    title = "Teen accidentally shoots mother in Evansville parking lot"
    mentions = code_article(Article(id="h", text=text, date="2019-03-12", title=title),
                            knowledge)
    assaults = [m for m in mentions if m.event_type == "ASSAULT"]
    assert assaults and all(m.location is not None and m.location.name == "Evansville"
                            and "place_from_article" in m.flags for m in assaults)
    # a town the text names itself wins over the headline's
    own = code_article(Article(id="h2", text=text.replace("a store", "a store in Newburgh"),
                               date="2019-03-12", title=title), knowledge)
    placed = [m.location.name for m in own if m.event_type == "ASSAULT" and m.location]
    assert "Newburgh" in placed and "Evansville" not in placed
