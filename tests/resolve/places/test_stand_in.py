"""When the article's main place may stand in for a sentence's own, on whole articles of our own.

Issue 14: the stand-in only where the sentence names no other country and the event's parties
fit the main place's country; never across a border the sentence names; a state's words and
measures with no place of their own are placed in that state, at country precision; the main
place is chosen from the whole article (dateline, frequency, headline, the first events' places).
"""

from __future__ import annotations

from polemos.model import Actor, Article, Mention, Place, TextSpan, Toponym
from polemos.pipeline import code_article
from polemos.resolve.places.stand_in import may_stand_in


def _coded(text: str, knowledge, title: str | None = None) -> list[Mention]:
    mentions = code_article(Article(id="t", text=text, date="2021-03-04", title=title), knowledge)
    assert mentions, f"no mention in {text!r}"
    return mentions


def _at(mentions: list[Mention], trigger: str) -> Mention:
    found = [m for m in mentions if m.trigger.text.startswith(trigger)]
    assert found, f"no mention for {trigger!r}: {[m.trigger.text for m in mentions]}"
    return found[0]


# Class 1: a sentence naming another country is never placed at the main place across a border.
def test_stand_in_never_crosses_a_border_the_sentence_names(knowledge) -> None:
    cases = [
        ("BAGHDAD — Militias fired rockets at a base near Kirkuk on Friday.\n\n"
         "On Sunday, American warplanes struck five militia facilities in Iraq and Syria, "
         "killing at least 25 fighters.", "struck"),
        ("KABUL — A car bomb killed nine people in Kabul on Monday.\n\n"
         "On Tuesday, drones bombed a training camp in Afghanistan and Pakistan, killing 12.",
         "bombed"),
        ("MOGADISHU — Gunmen attacked a hotel in Mogadishu on Friday.\n\n"
         "Fighters also raided a police post in Kenya and Somalia on Saturday, killing four.",
         "raided"),
    ]
    for text, trigger in cases:
        m = _at(_coded(text, knowledge), trigger)
        assert "place_from_article" not in m.flags, text
        assert m.location is not None and m.location.precision == "country", text


def test_stand_in_still_fills_a_sentence_of_the_main_country(knowledge) -> None:
    text = ("KABUL — A car bomb killed nine people in Kabul on Monday.\n\n"
            "On Tuesday, gunmen shot dead two guards outside a school, police said.")
    m = _at(_coded(text, knowledge), "shot")
    assert "place_from_article" in m.flags
    assert m.location is not None and m.location.country == "AFG"


# Class 2: parties of another country, no place named: the main place does not stand in.
def test_stand_in_needs_parties_of_the_main_country(knowledge) -> None:
    cases = [
        ("BAGHDAD — Militias fired rockets at a base near Kirkuk on Friday.\n\n"
         "The U.S. Treasury imposed economic sanctions on three militia leaders.",
         "imposed", "USA"),
        ("BAGHDAD — Militias fired rockets at a base near Kirkuk on Friday.\n\n"
         "Washington imposed economic sanctions on three militia leaders.", "imposed", "USA"),
        ("KABUL — A car bomb killed nine people in Kabul on Monday.\n\n"
         "The French government condemned the bombing on Tuesday.", "condemned", "FRA"),
        ("MOGADISHU — Gunmen attacked a hotel in Mogadishu on Friday.\n\n"
         "The Turkish government condemned the attack.", "condemned", "TUR"),
    ]
    for text, trigger, country in cases:
        m = _at(_coded(text, knowledge), trigger)
        assert "place_from_article" not in m.flags, text
        # a state's words and measures are placed in that state, no finer than the country
        assert m.location is not None, text
        assert (m.location.country, m.location.precision) == (country, "country"), text


def test_stand_in_kept_when_the_parties_fit(knowledge) -> None:
    text = ("BAGHDAD — Militias fired rockets at a base near Kirkuk on Friday.\n\n"
            "The Iraqi government condemned the attack on Saturday.")
    m = _at(_coded(text, knowledge), "condemned")
    assert "place_from_article" in m.flags
    assert m.location is not None and m.location.country == "IRQ"


def test_foreign_force_without_a_place_is_left_unplaced(knowledge) -> None:
    # a force acts abroad: neither the main place (its parties do not fit) nor its own country
    text = ("BAGHDAD — Militias fired rockets at a base near Kirkuk on Friday.\n\n"
            "American warplanes struck back on Sunday, killing at least 25 fighters.")
    m = _at(_coded(text, knowledge), "struck")
    assert "place_from_article" not in m.flags
    assert m.location is None or m.location.country != "USA"


# Class 3: a regional phrase with no name ("in the western desert", "in the mountainous north")
# places the event in the main place's country, not at its town.
def test_regional_phrase_is_placed_at_country_precision(knowledge) -> None:
    cases = [
        ("BAGHDAD — A bomb killed five people in Baghdad on Monday.\n\n"
         "On Tuesday, gunmen shot dead three shepherds in the western desert.", "shot",
         "IRQ"),
        ("KABUL — A car bomb killed nine people in Kabul on Monday.\n\n"
         "Fighters attacked a police post in the mountainous north on Sunday.", "attacked",
         "AFG"),
        ("MOGADISHU — Gunmen attacked a hotel in Mogadishu on Friday.\n\n"
         "Militants ambushed an army convoy in the south of the country on Saturday.",
         "ambushed", "SOM"),
    ]
    for text, trigger, country in cases:
        m = _at(_coded(text, knowledge), trigger)
        assert m.location is not None, text
        assert (m.location.country, m.location.precision) == (country, "country"), text
        assert m.location.feature == "A.PCLI", text  # the country's point, not a town's


def test_a_part_of_the_town_is_no_region(knowledge) -> None:
    text = ("KABUL — A car bomb killed nine people in Kabul on Monday.\n\n"
            "On Tuesday, gunmen shot dead two guards in the north of the city.")
    m = _at(_coded(text, knowledge), "shot")
    assert "place_from_article" in m.flags
    assert m.location is not None and m.location.precision != "country"


# The guard on plain records: which names and which actors keep the main place out.
PHOENIX = Place("Phoenix", 33.448, -112.074, admin1="Arizona", country="USA", feature="P.PPLA",
                precision="city")
STREET_GB = Place("Street", 51.125, -2.740, admin1="England", country="GBR", feature="P.PPL",
                  precision="city")
ALEPPO = Place("Aleppo", 36.202, 37.155, admin1="Aleppo", country="SYR", feature="P.PPLA",
               precision="city")


def _mention(*actors: Actor) -> Mention:
    return Mention(id="m", doc_id="d", sentence_index=0, text="x", trigger=TextSpan("x", 0, 1),
                   event_type="ASSAULT", actors=actors)


def test_stand_in_guard_reads_towns_abroad_and_states_not_people() -> None:
    # "A man was shot on Street near Aleppo."
    street = Toponym(TextSpan("Street", 18, 24), STREET_GB)
    aleppo = Toponym(TextSpan("Aleppo", 30, 36), ALEPPO)
    gunman = _mention(Actor("a man"))
    # a town of another country named in the sentence keeps the main place out, a namesake too
    assert not may_stand_in(PHOENIX, [aleppo], gunman)
    assert not may_stand_in(PHOENIX, [street], gunman)
    assert may_stand_in(PHOENIX, [], gunman)
    # a state of another country keeps it out; a person's country (a surname matched to a
    # politician abroad) does not, nor does the main place's own state
    assert not may_stand_in(PHOENIX, [], _mention(Actor("Mexico", id="country:MEX",
                                                        country="MEX")))
    osborne = _mention(Actor("Brady Osborne", id="phx:george_osborne", country="GBR",
                             sector="GOV"))
    assert not may_stand_in(PHOENIX, [], osborne)
    assert may_stand_in(PHOENIX, [], osborne, people=frozenset({"phx:george_osborne"}))
    # the organ a person heads is a state's: "the Trump administration" in a Baghdad story
    trump = _mention(Actor("Trump administration", id="donald_trump", country="USA",
                           sector="GOV"))
    baghdad = Place("Baghdad", 33.341, 44.401, admin1="Baghdad", country="IRQ",
                    feature="P.PPLC", precision="city")
    assert not may_stand_in(baghdad, [], trump, people=frozenset({"donald_trump"}))
    assert may_stand_in(PHOENIX, [], _mention(Actor("the Mexican government", id="country:MEX",
                                                    country="MEX"),
                                              Actor("Washington", id="country:USA",
                                                    country="USA")))

