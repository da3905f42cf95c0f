"""Place-name recognition: what evidence an airport's short name needs (issue 14)."""

from __future__ import annotations

import pytest

from polemos.extract.place_names import place_mentions
from polemos.nlp import entities

AIRPORTS = ("S.AIRP", "S.AIRB")


def _features(text: str, name: str, knowledge) -> list[str]:
    """The candidate features of every mention of ``name`` in ``text``."""
    doc = knowledge.nlp(text)
    found = [m for m in place_mentions(text, entities(doc), knowledge.gazetteer)
             if m.span.text == name]
    return [c.place.feature or "" for m in found for c in m.candidates]


@pytest.mark.parametrize("text, name", [
    # a bare airport name that is a common word or a region's: no airport without the word
    ("Two men were shot near a Metro bus stop in Nashville on Monday.", "Metro"),
    ("Deputies across the Lowcountry paid tribute to the slain officer.", "Lowcountry"),
    ("The shooting left Lowcountry families shaken, the sheriff said.", "Lowcountry"),
    ("Metro police said the gunman fled in a car.", "Metro"),
])
def test_place_names_bare_airport_name_needs_airport_word(knowledge, text: str, name: str) -> None:
    assert not any(f in AIRPORTS for f in _features(text, name, knowledge))


@pytest.mark.parametrize("text, name", [
    # the airport word after the name, or the full name
    ("Gunfire broke out at the Lowcountry airport on Sunday.", "Lowcountry"),
    ("Rockets struck the Al Asad air base in Anbar overnight.", "Al Asad"),
    ("Passengers fled when shots rang out at Lowcountry Regional Airport.",
     "Lowcountry Regional Airport"),
    ("Troops guarded Kabul International Airport after the blast.",
     "Kabul International Airport"),
])
def test_place_names_airport_said_keeps_airport(knowledge, text: str, name: str) -> None:
    assert any(f in AIRPORTS for f in _features(text, name, knowledge))


@pytest.mark.parametrize("text", [
    # a service word heading a service's name is no town (Metro, Indonesia)
    "Metro police said the shooting happened just before 7 p.m. on Whitsett Road.",
    "Three Metro students were hit by stray bullets near the bus station.",
    "The Metro Transit Authority said the buses are safe.",
])
def test_place_names_service_word_heading_a_service_is_no_place(knowledge, text: str) -> None:
    assert _features(text, "Metro", knowledge) == []


@pytest.mark.parametrize("text, name", [
    # a numbered street's last word is no town (Street, Somerset; Drive is none either)
    ("The fire broke out near 12th Street and Peoria Avenue in Phoenix.", "Street"),
    ("Officers found the man on 3rd Avenue in Birmingham.", "Avenue"),
    ("The shooting happened at 1200 Road in Memphis, police said.", "Road"),
])
def test_place_names_numbered_street_is_no_place(knowledge, text: str, name: str) -> None:
    assert _features(text, name, knowledge) == []


@pytest.mark.parametrize("text, name, county", [
    # a county named without its "County" or "Parish", which no other place is called
    ("Miami-Dade police are searching for four suspects in the killing of a boy.",
     "Miami-Dade", "Miami-Dade County"),
    ("The shooting happened in Miami-Dade late on Sunday, officials said.",
     "Miami-Dade", "Miami-Dade County"),
    ("Deputies in Broward arrested a man after a shooting at a gas station.",
     "Broward", "Broward County"),
])
def test_place_names_bare_county_name(knowledge, text: str, name: str, county: str) -> None:
    doc = knowledge.nlp(text)
    found = [m for m in place_mentions(text, entities(doc), knowledge.gazetteer)
             if m.span.text == name]
    assert found and found[0].candidates[0].place.name == county


@pytest.mark.parametrize("text, county, state", [
    # a county opening an office's or a facility's name is a place of its own
    ("He was booked into the Trumbull County Jail on Friday.", "Trumbull County", "Ohio"),
    ("A spokesman for the Trumbull County Sheriff's Office said the man was shot twice.",
     "Trumbull County", "Ohio"),
    ("He appeared in Lucas County Common Pleas Court on Monday.", "Lucas County", "Ohio"),
])
def test_place_names_county_opening_a_facility(knowledge, text: str, county: str,
                                               state: str) -> None:
    doc = knowledge.nlp(text)
    found = [m for m in place_mentions(text, entities(doc), knowledge.gazetteer)
             if m.span.text == county]
    assert found and found[0].candidates[0].place.admin1 == state
