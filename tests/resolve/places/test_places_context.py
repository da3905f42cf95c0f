"""Namesakes chosen by the article's other places: our own short stories, one per mechanism."""

from __future__ import annotations

import pytest

from polemos.extract.place_names import place_mentions
from polemos.gazetteer.lookup import Gazetteer
from polemos.model import Entity, Place, Toponym
from polemos.nlp import entities
from polemos.resolve.places.toponyms import find_toponyms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture
def geoparse(plain_nlp, gazetteer):
    def run(text: str) -> list[Toponym]:
        return find_toponyms(text, place_mentions(text, entities(plain_nlp(text)), gazetteer))
    return run


def _by_text(toponyms: list[Toponym]) -> dict[str, Place | None]:
    return {t.span.text: t.place for t in toponyms}


def test_context_a_name_does_not_vouch_for_its_own_province(geoparse) -> None:
    # Kingston is also a Jamaican parish; only Kingston itself speaks for Jamaica here.
    places = _by_text(geoparse("A boy riding a bicycle was hit by a car in Kingston, south of "
                               "Brisbane, police in Queensland said."))
    kingston = places["Kingston"]
    assert kingston is not None and kingston.country == "AUS" and kingston.admin1 == "Queensland"


def test_context_country_alone_does_not_carry_a_small_town_past_a_world_capital(geoparse) -> None:
    abroad = _by_text(geoparse("Flights from Newark and San Francisco to Paris were cancelled, "
                               "New Jersey officials said."))
    paris = abroad["Paris"]
    assert paris is not None and paris.country == "FRA"
    assert abroad["Newark"] is not None and abroad["Newark"].admin1 == "New Jersey"


def test_context_places_of_the_towns_state_still_pick_the_small_town(geoparse) -> None:
    home = _by_text(geoparse("Tornadoes damaged homes in Paris and Sulphur Springs in northeast "
                             "Texas, officials in Dallas said."))
    paris = home["Paris"]
    assert paris is not None and paris.country == "USA" and paris.admin1 == "Texas"


def test_context_small_town_abroad_is_not_taken_in_a_story_about_another_country(geoparse) -> None:
    toponyms = geoparse("Bird flu was found on a farm in Suffolk, officials in London said, and "
                        "Scotland and Wales were on alert.")
    places = _by_text(toponyms)
    assert "Suffolk" in places and places["Suffolk"] is None  # found, but no Virginian town
    assert places["London"] is not None and places["London"].country == "GBR"


def test_context_parser_cut_name_is_taken_whole(geoparse) -> None:
    places = _by_text(geoparse("In Goz Beida, refugees from Darfur queued for water in eastern "
                               "Chad."))
    assert "Beida" not in places
    assert places["Goz Beida"] is not None and places["Goz Beida"].country == "TCD"


def test_context_long_country_name_with_of_the(geoparse) -> None:
    places = _by_text(geoparse("Polio cases rose in Angola, Chad and Democratic Republic of the "
                               "Congo this year."))
    congo = places["Democratic Republic of the Congo"]
    assert congo is not None and congo.country == "COD"
    assert "Congo" not in places


def test_context_lowercase_words_are_never_places(gazetteer) -> None:
    text = "Some of the volunteers are parishioners and some aren’t."
    start = text.index("n’t")
    # the parser sometimes types a contraction as a place; no lowercase word names one
    found = find_toponyms(text, place_mentions(text, [Entity("n’t", start, start + 3, "GPE")], gazetteer))
    assert found == []


def test_context_a_name_among_named_provinces_is_a_province(geoparse) -> None:
    # not a list, and other countries are named too, but Ohio and Iowa make Georgia a state
    places = _by_text(geoparse("Tests in Ohio found the virus on farms, as did labs in Canada and "
                               "Sweden. Officials in Iowa said poultry from Georgia would be "
                               "checked."))
    georgia = places["Georgia"]
    assert georgia is not None and georgia.country == "USA" and georgia.feature == "A.ADM1"
    capital = _by_text(geoparse("Farmers from Ohio and Iowa flew to Washington to meet the "
                                "agriculture secretary."))["Washington"]
    assert capital is not None and capital.admin1 == "District of Columbia"


def test_context_kind_word_before_the_name(geoparse) -> None:
    # "County of Brant" names Brant, Ontario, whose nearness makes Paris the Ontario town
    places = _by_text(geoparse("Police closed roads near Paris in the County of Brant after the "
                               "storm."))
    brant = places["County of Brant"]
    assert brant is not None and brant.country == "CAN"
    assert places["Paris"] is not None and places["Paris"].country == "CAN"


def test_context_the_town_of_a_name_is_a_town_not_its_country(geoparse) -> None:
    # "the town of Jordan" names a town; no country may stand in for it.
    toponyms = geoparse("The fair moved to the town of Jordan, Minnesota, last summer. "
                        "Jordan's king visited Amman.")
    first = toponyms[0]
    second = next(t for t in toponyms[1:] if t.span.text.startswith("Jordan"))
    assert first.place is not None and first.place.country == "USA"
    assert first.place.feature is not None and first.place.feature.startswith("P.")
    assert second.place is not None and second.place.country == "JOR"


@pytest.mark.parametrize("text, state", [
    # a town named after a country, qualified once by its state, then named bare
    ("LEBANON, Ohio (WKRC) -- A teenager was accidentally shot in Lebanon on Saturday.", "Ohio"),
    ("PERU, Ind. -- A man was shot and killed in Peru on Friday night.", "Indiana"),
    ("MEXICO, Mo. - Two people were wounded in a shooting in Mexico on Sunday.", "Missouri"),
    ("The fair in Jordan, Minnesota, drew crowds. Jordan police said the fair went well.",
     "Minnesota"),
])
def test_context_a_country_named_town_keeps_its_state(geoparse, text: str, state: str) -> None:
    toponyms = [t for t in geoparse(text) if t.place is not None
                and t.place.admin1 != t.place.name]  # the towns, not the state itself
    assert len(toponyms) == 2
    assert all(t.place is not None and t.place.country == "USA" and t.place.admin1 == state
               for t in toponyms)


def test_context_a_list_of_countries_is_no_town_and_its_state(geoparse) -> None:
    # a list of countries goes on after "Lebanon, Syria": no town and its state
    places = _by_text(geoparse("Troops from Lebanon, Syria and Jordan met in Lebanon."))
    assert places["Lebanon"] is not None and places["Lebanon"].country == "LBN"


@pytest.mark.parametrize("text, name, state", [
    # a surname the gazetteer knows only inside a longer town's name votes for no state
    ("A woman was wounded in a drive-by shooting in Orlando on Saturday. Officer Luis Rivera "
     "said Rivera's unit was called at 9 p.m.", "Orlando", "Florida"),
    ("Two men were shot in Memphis overnight, Sgt. Anna Branson said. Branson asked witnesses "
     "to call.", "Memphis", "Tennessee"),
])
def test_context_a_partly_matched_name_says_no_state(geoparse, text: str, name: str,
                                                     state: str) -> None:
    place = _by_text(geoparse(text))[name]
    assert place is not None and place.admin1 == state
