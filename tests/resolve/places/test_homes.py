"""Parties named for their home town ("A Toledo woman"): the article's places decide their
country, and the town's name in the actor files pulls no place name abroad (issue 14)."""

from __future__ import annotations

import pytest

from polemos.model import Actor, Article, Mention
from polemos.pipeline import code_article
from polemos.resolve.places.homes import context_countries, is_home_party


def _coded(text: str, knowledge) -> list[Mention]:
    return code_article(Article(id="home", text=text, date="2016-05-02"), knowledge)


def _party(mentions: list[Mention], words: str) -> Actor:
    return next(a for m in mentions for a in (*m.actors, *m.recipients) if a.text == words)


@pytest.mark.parametrize("text, words, admin1", [
    # the actor files list these towns under Spain and France; the article's places are American
    ("A Toledo woman was charged after her daughter was shot in the leg at their apartment. "
     "Police said the girl was taken to a hospital in Lucas County.", "A Toledo woman", "Ohio"),
    ("A Paris man was wounded in a shooting at a gas station on Lamar Avenue, police said. "
     "Lamar County deputies said the suspect fled toward Texarkana.", "A Paris man", "Texas"),
])
def test_homes_town_of_party_follows_article_places(knowledge, text: str, words: str,
                                                    admin1: str) -> None:
    mentions = _coded(text, knowledge)
    assert _party(mentions, words).country == "USA"
    placed = [m.location for m in mentions if m.event_type == "ASSAULT" and m.location]
    assert placed and all(p.country == "USA" and p.admin1 == admin1 for p in placed)


def test_homes_town_in_its_own_country_keeps_it(knowledge) -> None:
    mentions = _coded("A Madrid man was stabbed near the Puerta del Sol in Madrid, police said.",
                      knowledge)
    assert _party(mentions, "A Madrid man").country == "ESP"


def test_homes_demonym_is_no_home_town(knowledge) -> None:
    # "A Spanish woman" names no town: her country stays context for the article's places
    mentions = _coded("A Spanish woman was shot dead in a robbery, police said.", knowledge)
    assert _party(mentions, "A Spanish woman").country == "ESP"
    assert context_countries(mentions, ()) == ["ESP"]


def test_homes_is_home_party_needs_the_town_inside_the_words(knowledge) -> None:
    from polemos.extract.backdrop_places import backdrop_mentions
    text = "A Toledo woman met a Spanish diplomat."
    homes = backdrop_mentions(text, knowledge.gazetteer)
    assert [h.span.text for h in homes] == ["Toledo"]
    assert is_home_party(Actor("A Toledo woman", country="ESP", start=0, end=14), homes)
    assert not is_home_party(Actor("a Spanish diplomat", country="ESP", start=21, end=39), homes)
