"""Toponyms in our own short articles: recognition, resolution in context, event locations."""

from __future__ import annotations

import pytest

from polemos.extract.place_names import place_mentions
from polemos.gazetteer.lookup import Gazetteer
from polemos.model import Place, TextSpan, Toponym
from polemos.nlp import entities
from polemos.resolve.places.event_places import event_location, main_place
from polemos.resolve.places.toponyms import find_toponyms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture
def geoparse(plain_nlp, gazetteer):
    def run(text: str, context: tuple[str, ...] = ()) -> list[Toponym]:
        names = place_mentions(text, entities(plain_nlp(text)), gazetteer)
        return find_toponyms(text, names, context_countries=context)
    return run


def _by_text(toponyms: list[Toponym]) -> dict[str, Place]:
    return {t.span.text: t.place for t in toponyms if t.place is not None}


def test_places_offsets_index_the_text(geoparse) -> None:
    text = "Rockets struck Baghdad on Monday, and the Iraqi army moved north to Mosul."
    toponyms = geoparse(text)
    assert toponyms, "no toponyms found"
    for t in toponyms:
        assert text[t.span.start:t.span.end] == t.span.text
    places = _by_text(toponyms)
    assert places["Baghdad"].country == "IRQ" and places["Mosul"].country == "IRQ"
    assert "Iraqi" not in places                        # a demonym locates nothing


def test_places_context_resolves_ambiguous_names(geoparse) -> None:
    us = _by_text(geoparse("The governor of Georgia flew from Atlanta to Texas and Florida on "
                           "Friday to discuss the hurricane season."))
    assert us["Georgia"].country == "USA" and us["Georgia"].feature == "A.ADM1"
    caucasus = _by_text(geoparse("Russian troops crossed into Georgia from South Ossetia, "
                                 "officials in Tbilisi said."))
    assert caucasus["Georgia"].country == "GEO"


def test_places_actor_countries_are_context(geoparse) -> None:
    helped = _by_text(geoparse("Gunmen attacked a convoy near Qaim.", ("IRQ",)))
    assert helped["Qaim"].country == "IRQ" and helped["Qaim"].text == "Qaim"


def test_places_spelling_variants_resolve_alike(geoparse) -> None:
    one = _by_text(geoparse("Shelling hit Deir el-Zour in Syria on Sunday."))
    other = _by_text(geoparse("Shelling hit Deir ez-Zor in Syria on Sunday."))
    assert one["Deir el-Zour"].geonames_id == other["Deir ez-Zor"].geonames_id


def test_places_gazetteer_finds_names_the_parser_missed(gazetteer) -> None:
    text = "Talks resumed in Vienna while fighting went on in Syria."
    toponyms = find_toponyms(text, place_mentions(text, (), gazetteer))      # no entities at all
    assert {t.span.text for t in toponyms if t.place} >= {"Vienna", "Syria"}
    assert all(t.span.text != "Talks" for t in toponyms)


def test_places_main_place_prefers_the_named_town(geoparse) -> None:
    text = ("Car bombs exploded in Kirkuk on Tuesday. Police in Kirkuk said the blasts killed "
            "four people. Iraq has seen such attacks for years.")
    main = main_place(geoparse(text))
    assert main is not None and main.name.lower().startswith("kirk") and main.country == "IRQ"
    assert main_place([]) is None


def test_places_event_location_takes_the_attached_place(geoparse) -> None:
    text = "Militants shelled villages near Kirkuk, officials in Baghdad said."
    toponyms = geoparse(text)
    sentence = TextSpan(text, 0, len(text))
    start = text.index("shelled")
    trigger = TextSpan("shelled", start, start + len("shelled"))
    place = event_location(sentence, trigger, toponyms, None)
    assert place is not None and place.text == "Kirkuk"
    assert place.precision in ("city", "admin1")


def test_places_event_location_falls_back_coarser(geoparse) -> None:
    text = "Protesters marched for hours."
    sentence = TextSpan(text, 0, len(text))
    trigger = TextSpan("marched", 11, 18)
    fallback = Place("Mosul", lat=36.3, lon=43.1, country="IRQ", precision="city")
    place = event_location(sentence, trigger, geoparse(text), fallback)
    assert place is not None and place.name == "Mosul" and place.precision == "admin1"
    assert event_location(sentence, trigger, [], None) is None


def test_places_same_input_same_output(geoparse) -> None:
    text = "Airstrikes near Idlib and Aleppo killed civilians, the Syrian monitor said."
    assert geoparse(text) == geoparse(text)


def test_places_state_after_a_town_picks_its_namesake(geoparse) -> None:
    maine = _by_text(geoparse("A man was shot in Portland, Maine, on Friday night."))
    assert maine["Portland"].admin1 == "Maine" and maine["Maine"].feature == "A.ADM1"
    ontario = _by_text(geoparse("Police in London, Ontario, arrested two men on Monday."))
    assert ontario["London"].country == "CAN"


def test_places_town_missing_from_the_state_named_is_not_a_far_namesake(geoparse) -> None:
    toponyms = geoparse("Deputies went to a home in Fountain, Fla., late on Monday.")
    fountain = [t for t in toponyms if t.span.text == "Fountain"]
    assert fountain and all(t.place is None or t.place.admin1 == "Florida" for t in fountain)


def test_places_other_towns_give_the_state(geoparse) -> None:
    alone = _by_text(geoparse("A man was wounded in Warren on Saturday."))
    ohio = _by_text(geoparse("Officers from Akron and Youngstown searched a house in Warren "
                             "on Saturday."))
    assert ohio["Akron"].admin1 == "Ohio" and ohio["Warren"].admin1 == "Ohio"
    assert alone["Warren"].admin1 != "Ohio"  # without the other towns, the larger namesake


def test_places_counties_resolve_within_the_state(geoparse) -> None:
    places = _by_text(geoparse("Deputies of the Lincoln County Sheriff's Office said the suspect "
                               "fled to Brookhaven, Mississippi."))
    assert places["Lincoln County"].feature == "A.ADM2"
    assert places["Lincoln County"].admin1 == "Mississippi"


def test_places_local_service_names_its_town(geoparse) -> None:
    places = _by_text(geoparse("The Wetumpka Police Department named the victims on Friday."))
    assert places["Wetumpka"].admin1 == "Alabama"


def test_places_quarter_of_a_big_city_is_the_city(geoparse) -> None:
    places = _by_text(geoparse("Four people were wounded in South Los Angeles on Tuesday."))
    assert places["South Los Angeles"].name == "Los Angeles"


def test_places_streets_directions_and_acronyms_are_not_towns(geoparse) -> None:
    text = ("He hid a rifle in an SUV on Park Street, police said, as storms hit the "
            "Northeast. Canada's envoy and officials in Peru said nothing.")
    places = _by_text(geoparse(text))
    assert not {"SUV", "Park Street", "Northeast"} & set(places)
    assert places["Canada's"].feature == "A.PCLI" and places["Peru"].feature == "A.PCLI"


def test_places_event_location_prefers_the_town_to_its_state(geoparse) -> None:
    text = "NORFOLK, Va. — Two men were wounded early Sunday, Virginia police said."
    toponyms = geoparse(text)
    sentence = TextSpan(text, 0, len(text))
    start = text.index("wounded")
    trigger = TextSpan("wounded", start, start + len("wounded"))
    place = event_location(sentence, trigger, toponyms, None)
    assert place is not None and place.admin1 == "Virginia" and place.name == "Norfolk"
    main = main_place(toponyms)
    assert main is not None and main.name == "Norfolk"



def test_places_big_city_the_parser_took_for_a_person(geoparse) -> None:
    places = _by_text(geoparse("Rebels attacked Goma on Monday."))
    assert places["Goma"].country == "COD"
    # a word of a full personal name stays the person's
    places = _by_text(geoparse("Minister Ali Goma spoke in Cairo on Monday. Goma said little."))
    assert "Goma" not in places and places["Cairo"].country == "EGY"


def test_places_region_beats_a_small_town_named_after_it(geoparse) -> None:
    text = "Ranchers in Alberta, Texas and Canada said beef exports to England fell."
    places = _by_text(geoparse(text))
    assert places["England"].country == "GBR" and places["England"].feature == "A.ADM1"
    ocean = _by_text(geoparse("Whales were seen in the Pacific off Oregon and Washington."))
    assert ocean["Pacific"].feature == "H.SEA" and ocean["Oregon"].country == "USA"


def test_places_province_named_alone_is_the_province(geoparse) -> None:
    assert _by_text(geoparse("Voters in Quebec rejected the plan."))["Quebec"].feature == "A.ADM1"
    city = _by_text(geoparse("Snow closed roads in Quebec City."))["Quebec City"]
    assert city.feature is not None and city.feature.startswith("P.")


def test_places_capitalised_direction_is_part_of_a_regions_name(geoparse) -> None:
    places = {t.span.text: t.place for t in geoparse("Flooding hit the West Midlands on Sunday.")}
    assert places.get("West Midlands") is None              # not Zimbabwe's Midlands
    assert _by_text(geoparse("Fighting spread across northern Iraq."))["Iraq"].country == "IRQ"
    brazil = _by_text(geoparse("Floods struck Rio Grande do Sul in Brazil."))
    assert brazil["Rio Grande do Sul"].feature == "A.ADM1"


def test_places_words_around_a_name_say_it_is_a_state(geoparse) -> None:
    farm = _by_text(geoparse("A sick cow came from a Washington state farm, inspectors said."))
    assert farm["Washington"].feature == "A.ADM1"
    of = _by_text(geoparse("The first case was found in the state of Washington last year."))
    assert of["Washington"].feature == "A.ADM1"
    listed = _by_text(geoparse("Cases were reported in Utah, Washington and Ohio on Friday."))
    assert listed["Washington"].feature == "A.ADM1" and listed["Utah"].feature == "A.ADM1"
    capital = _by_text(geoparse("Talks in Washington ended without a deal, Texas officials said."))
    assert capital["Washington"].feature == "P.PPLC"
