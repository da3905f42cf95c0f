"""The article's main place (datelines, towns of one state) and how it weighs the sentence's place."""

from __future__ import annotations

import pytest

from polemos.extract.place_names import place_mentions
from polemos.gazetteer.lookup import Gazetteer
from polemos.model import Place, TextSpan, Toponym
from polemos.nlp import entities
from polemos.resolve.places.event_places import is_dateline, main_place, reconcile
from polemos.resolve.places.toponyms import find_toponyms

# Real GeoNames coordinates; the chooser only compares them.
DAYTON = Place("Dayton", 39.759, -84.192, admin1="Ohio", country="USA", feature="P.PPL",
               precision="city")
OHIO = Place("Ohio", 40.250, -83.000, admin1="Ohio", country="USA", feature="A.ADM1",
             precision="admin1")
COLUMBUS_OH = Place("Columbus", 39.961, -82.999, admin1="Ohio", country="USA",
                    feature="P.PPLA", precision="city")
BROADWAY_VA = Place("Broadway", 38.613, -78.799, admin1="Virginia", country="USA",
                    feature="P.PPL", precision="city")
KETTERING = Place("Kettering", 39.690, -84.169, admin1="Ohio", country="USA", feature="P.PPL",
                  precision="city")


def _at(text: str, words: str, place: Place, nth: int = 0) -> Toponym:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Toponym(TextSpan(words, start, start + len(words)), place)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


def test_a_dateline_opens_a_line_and_ends_in_a_dash() -> None:
    text = "Updated 5 p.m.\nDAYTON, Ohio (WXYZ) — A man was shot on Main Street."
    start = text.index("DAYTON")
    assert is_dateline(text, TextSpan("DAYTON", start, start + 6))
    prose = "Police in Dayton said a man was shot."
    at = prose.index("Dayton")
    assert not is_dateline(prose, TextSpan("Dayton", at, at + 6))
    assert not is_dateline("", TextSpan("Dayton", 0, 6))


def test_the_dateline_city_is_the_main_place(plain_nlp, gazetteer) -> None:
    text = ("DENVER — A woman was wounded late Friday. Her brother, who lives in Boston, "
            "flew in Saturday; Boston police had called him.")
    toponyms = find_toponyms(text, place_mentions(text, entities(plain_nlp(text)), gazetteer))
    place = main_place(toponyms, text)
    assert place is not None and place.name == "Denver"


def test_towns_of_one_state_back_each_other() -> None:
    text = "A Kettering man was shot. Broadway police... Broadway. Dayton and Columbus officers came."
    toponyms = [_at(text, "Kettering", KETTERING), _at(text, "Broadway", BROADWAY_VA),
                _at(text, "Broadway", BROADWAY_VA, 1), _at(text, "Dayton", DAYTON),
                _at(text, "Columbus", COLUMBUS_OH)]
    place = main_place(toponyms, text)
    assert place is not None and place.admin1 == "Ohio"


def test_a_state_in_the_sentence_gives_way_to_the_main_city_inside_it() -> None:
    text = "DAYTON — A boy was shot in Ohio on Sunday. Dayton police are looking for a man."
    toponyms = [_at(text, "DAYTON", DAYTON), _at(text, "Ohio", OHIO), _at(text, "Dayton", DAYTON)]
    sentence = TextSpan(text[8:43], 8, 43)
    place, from_article = reconcile(OHIO, DAYTON, toponyms, text, sentence)
    assert from_article and place is not None and place.name == "Dayton"
    assert place.precision == "admin1"  # the article's place stands in one grain coarser
    # named in the same sentence, the city was weighed by the parse: the state stays
    both = TextSpan(text, 0, len(text))
    assert reconcile(OHIO, DAYTON, toponyms, text, both) == (OHIO, False)


def test_a_far_namesake_in_an_untouched_state_gives_way_to_the_main_city() -> None:
    text = "DAYTON — A man was shot on Broadway late Friday. Dayton police said he will live."
    toponyms = [_at(text, "DAYTON", DAYTON), _at(text, "Broadway", BROADWAY_VA),
                _at(text, "Dayton", DAYTON, 0)]
    place, from_article = reconcile(BROADWAY_VA, DAYTON, toponyms, text)
    assert from_article and place is not None and place.name == "Dayton"


def test_a_town_whose_state_the_article_names_is_kept() -> None:
    text = "DAYTON — A man was shot in Broadway, Virginia. Dayton police said he will live."
    virginia = Place("Virginia", 37.5, -79.0, admin1="Virginia", country="USA",
                     feature="A.ADM1", precision="admin1")
    toponyms = [_at(text, "DAYTON", DAYTON), _at(text, "Broadway", BROADWAY_VA),
                _at(text, "Virginia", virginia), _at(text, "Dayton", DAYTON)]
    assert reconcile(BROADWAY_VA, DAYTON, toponyms, text) == (BROADWAY_VA, False)


def test_a_near_town_of_the_next_state_is_kept() -> None:
    near = Place("Richmond", 39.829, -84.890, admin1="Indiana", country="USA",
                 feature="P.PPL", precision="city")
    text = "DAYTON — A man was shot in Richmond. Dayton police helped."
    toponyms = [_at(text, "DAYTON", DAYTON), _at(text, "Richmond", near), _at(text, "Dayton", DAYTON)]
    assert reconcile(near, DAYTON, toponyms, text) == (near, False)


def test_without_a_sentence_place_the_main_place_stands_in() -> None:
    place, from_article = reconcile(None, DAYTON, [], "")
    assert from_article and place is not None and place.name == "Dayton"
    assert reconcile(None, None, [], "") == (None, False)


# The main place from the whole article (issue 14): the headline and the first events' places
# count, not only the first town named. Coordinates are real GeoNames points.
STOCKTON = Place("Stockton", 37.958, -121.291, admin1="California", country="USA",
                 feature="P.PPLA2", precision="city")
SACRAMENTO = Place("Sacramento", 38.582, -121.494, admin1="California", country="USA",
                   feature="P.PPLA", precision="city")
MOSUL = Place("Mosul", 36.335, 43.119, admin1="Nineveh", country="IRQ", feature="P.PPLA",
              precision="city")
ERBIL = Place("Erbil", 36.191, 44.009, admin1="Erbil", country="IRQ", feature="P.PPLA",
              precision="city")
TOLEDO = Place("Toledo", 41.664, -83.555, admin1="Ohio", country="USA", feature="P.PPLA2",
               precision="city")


def test_main_place_the_headline_names_wins_over_the_first_town() -> None:
    cases = [
        ("Man shot dead in Stockton park",
         "A man from Sacramento was shot dead on Sunday. Stockton police said the man, 24, "
         "was found near a park.", "Sacramento", SACRAMENTO, "Stockton", STOCKTON),
        ("Two killed in Mosul bombing",
         "Two men who had fled Erbil were killed on Monday when a bomb went off in a market, "
         "Mosul officials said.", "Erbil", ERBIL, "Mosul", MOSUL),
        ("Toledo teen wounded in drive-by",
         "A Dayton woman said her nephew was wounded late Friday. Toledo police are looking "
         "for a gray car.", "Dayton", DAYTON, "Toledo", TOLEDO),
    ]
    for title, text, first_name, first, main_name, main in cases:
        toponyms = [_at(text, first_name, first), _at(text, main_name, main)]
        assert main_place(toponyms, text).name == first.name  # without the headline
        place = main_place(toponyms, text, title=title)
        assert place is not None and place.name == main.name, title


def test_main_place_the_first_events_place_wins_over_a_town_named_first() -> None:
    text = ("A Dayton man was visiting relatives. He was shot in Toledo on Friday night; "
            "Toledo police have made no arrest.")
    toponyms = [_at(text, "Dayton", DAYTON), _at(text, "Toledo", TOLEDO),
                _at(text, "Toledo", TOLEDO, 1)]
    plain = main_place(toponyms, text)
    assert plain is not None and plain.name == "Toledo"  # named twice already
    single = [_at(text, "Dayton", DAYTON), _at(text, "Toledo", TOLEDO)]
    assert main_place(single, text).name == "Dayton"
    place = main_place(single, text, event_places=(TOLEDO,))
    assert place is not None and place.name == "Toledo"


def test_main_place_a_far_headline_namesake_does_not_move_it() -> None:
    # local news heads stories with neighbourhoods the gazetteer knows as far-off towns
    hyde_park_ma = Place("Hyde Park", 42.255, -71.124, admin1="Massachusetts", country="USA",
                         feature="P.PPL", precision="city")
    los_angeles = Place("Los Angeles", 34.052, -118.244, admin1="California", country="USA",
                        feature="P.PPLA2", precision="city")
    text = ("A man was shot in Hyde Park on Saturday, Los Angeles police said. "
            "Los Angeles County records show three shootings there this year.")
    toponyms = [_at(text, "Hyde Park", hyde_park_ma), _at(text, "Los Angeles", los_angeles),
                _at(text, "Los Angeles", los_angeles, 1)]
    place = main_place(toponyms, text, title="Hyde Park: a man shot",
                       event_places=(hyde_park_ma,))
    assert place is not None and place.name == "Los Angeles"
