"""Which place an event is located at, decided on the dependency parse of our own sentences."""

from __future__ import annotations

import pytest

from polemos.extract.place_attachment import place_links
from polemos.extract.place_names import place_mentions
from polemos.gazetteer.lookup import Gazetteer, precision_of
from polemos.model import Place, TextSpan, Toponym
from polemos.nlp import entities
from polemos.resolve.places.event_places import event_location
from polemos.resolve.places.toponyms import find_toponyms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture
def locate(plain_nlp, gazetteer):
    def run(text: str, verb: str, fallback: Place | None = None,
            parsed: bool = True) -> Place | None:
        doc = plain_nlp(text)
        names = place_mentions(text, entities(doc), gazetteer)
        toponyms: list[Toponym] = find_toponyms(text, names)
        at = text.index(verb)
        sentence, trigger = TextSpan(text, 0, len(text)), TextSpan(verb, at, at + len(verb))
        links = place_links(doc, sentence, trigger, names) if parsed else None
        return event_location(sentence, trigger, toponyms, fallback, links=links)
    return run


def test_attached_place_wins_over_the_actors_origin(locate) -> None:
    place = locate("Fighters from Syria attacked a checkpoint in Mosul on Monday.", "attacked")
    assert place is not None and place.text == "Mosul"
    assert place.precision == precision_of(place.feature)


def test_origin_country_is_never_the_location(locate) -> None:
    assert locate("U.S. soldiers shot two men on Tuesday.", "shot") is None
    assert locate("Iraqi police arrested two men on Tuesday.", "arrested") is None


def test_place_acted_on_is_where_it_happened(locate) -> None:
    place = locate("Government troops shelled Kirkuk overnight.", "shelled")
    assert place is not None and place.text == "Kirkuk"
    assert place.precision == precision_of(place.feature)  # said to be where: not one grain coarser


def test_country_acted_on_is_a_party_not_a_site(locate) -> None:
    assert locate("Iraq accused Iran of the raid.", "accused") is None


def test_speakers_place_is_not_the_events(locate) -> None:
    place = locate("Militants shelled villages near Kirkuk, officials in Baghdad said.", "shelled")
    assert place is not None and place.text == "Kirkuk"
    assert locate("Militants shelled two villages, officials in Baghdad said.", "shelled") is None


def test_agent_after_by_is_a_party(locate) -> None:
    place = locate("Two men were killed by Kenyan police in Mombasa on Friday.", "killed")
    assert place is not None and place.text == "Mombasa"


def test_verb_sharing_the_subject_shares_the_place(locate) -> None:
    place = locate("A gunman shot and killed a guard in Basra on Sunday.", "shot")
    assert place is not None and place.text == "Basra"
    assert place.precision == precision_of(place.feature)


def test_reference_point_is_kept_only_when_nothing_better(locate) -> None:
    near = locate("Rebels ambushed a convoy in Tikrit, 140 km north of Baghdad.", "ambushed")
    assert near is not None and near.text == "Tikrit"
    only = locate("Rebels ambushed a convoy 140 km north of Baghdad.", "ambushed")
    assert only is not None and only.text == "Baghdad"


def test_unattached_place_falls_back_coarser_and_parse_is_optional(locate) -> None:
    fallback = Place("Mosul", lat=36.3, lon=43.1, country="IRQ", precision="city")
    place = locate("Protesters marched for hours.", "marched", fallback)
    assert place is not None and place.name == "Mosul" and place.precision == "admin1"
    unparsed = locate("Fighters attacked a checkpoint in Mosul.", "attacked", parsed=False)
    assert unparsed is not None and unparsed.text == "Mosul"


def test_same_input_same_place(locate) -> None:
    text = "Gunmen from Syria attacked a post near Mosul and fled to Turkey."
    assert locate(text, "attacked") == locate(text, "attacked")


@pytest.mark.parametrize("text", [
    # a city's quarter named for a far town of the same state or another
    "CHICAGO - Two teenage boys were shot Friday evening in the Roseland neighborhood on the "
    "Far South Side. Police in Chicago said no one was in custody.",
    "CHICAGO - Four men were shot early Friday at a Washington Park neighborhood gas station, "
    "Chicago police said. Two of them died.",
])
def test_event_places_quarter_of_the_city_keeps_the_city(knowledge, text: str) -> None:
    from polemos.model import Article
    from polemos.pipeline import code_article
    shot = [m for m in code_article(Article(id="q", text=text, date="2016-05-02"), knowledge)
            if m.event_type == "ASSAULT"]
    assert shot and all(m.location is not None and m.location.name == "Chicago" for m in shot)
