"""Situating mentions: parties of no stated country take the country their event is placed in."""

from __future__ import annotations

import pytest

from polemos.model import Article
from polemos.pipeline import code_article


def _top(text: str, knowledge):
    mentions = code_article(Article(id="s", text=text, date="2021-03-04"), knowledge)
    assert mentions, f"no mention for {text!r}"
    return max(mentions, key=lambda m: m.confidence)


def _parties(parties) -> list[tuple[str | None, str | None]]:
    return [(p.country, p.sector) for p in parties]


@pytest.mark.parametrize("text, actors, recipients", [
    # police, soldiers, officials and civilians "in" a place are that country's (CAMEO IND COP)
    ("Police in Mumbai arrested three men for rioting.", [("IND", "COP")], [("IND", "CVL")]),
    ("Gunmen killed four villagers in Zamfara state on Sunday.", [("NGA", "UAF")],
     [("NGA", "CVL")]),
    ("Soldiers shot dead two civilians at a checkpoint in Kandahar.", [("AFG", "MIL")],
     [("AFG", "CVL")]),
    ("Riot police detained dozens of protesters in Nairobi on Tuesday.", [("KEN", "COP")],
     [("KEN", "PRO")]),
    ("Unknown gunmen shot dead a journalist in Karachi on Friday.", [("PAK", "UAF")],
     [("PAK", "JRN")]),
])
def test_situate_local_parties_take_the_country_they_act_in(knowledge, text: str, actors,
                                                            recipients) -> None:
    m = _top(text, knowledge)
    assert _parties(m.actors) == actors
    assert set(recipients) <= set(_parties(m.recipients))


@pytest.mark.parametrize("text, side, want", [
    # a stated country, a name (the UN's), or a sector outside local_sectors is kept
    ("Russian troops shelled villages near Kharkiv on Monday.", "actors", "RUS"),
    ("UN peacekeepers clashed with rebels near Bunia.", "actors", None),
    # refugees are mostly from elsewhere: REF is no local sector
    ("Gunmen attacked refugees in a camp near Cox's Bazar.", "recipients", None),
])
def test_situate_stated_or_foreign_parties_keep_their_country(knowledge, text: str, side: str,
                                                               want: str | None) -> None:
    parties = getattr(_top(text, knowledge), side)
    assert parties and parties[0].country == want


def test_situate_parties_keep_no_country_without_a_place_of_their_own(knowledge) -> None:
    # the sentence names no place: nothing stands in for the country the text does not state
    m = _top("The police arrested five men after the clashes.", knowledge)
    assert _parties(m.actors) == [(None, "COP")]
