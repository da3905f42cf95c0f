"""Casualties per incident, not per mention (issue 14): within an article a toll is counted on
one mention of its act, so that the dead summed over an article's mentions stay honest."""

from __future__ import annotations

from dataclasses import replace

import pytest

import polemos
from polemos.model import Actor, Mention, Place, TextSpan
from polemos.number_words import NumberLexicon
from polemos.resolve.counts import ON_OTHER, count_once


def _mention(k: int, sentence: int, dead: int | None, actors: tuple[Actor, ...] = (),
             recipients: tuple[Actor, ...] = (), place: str | None = None,
             event_type: str = "ASSAULT") -> Mention:
    return Mention(id=f"m{k}", doc_id="a", sentence_index=sentence, text="s",
                   trigger=TextSpan("killed", k, k + 6), event_type=event_type,  # type: ignore[arg-type]
                   actors=actors, recipients=recipients, dead=dead,
                   location=Place(place) if place else None)


REBELS = Actor("rebels", country="MLI", sector="REB")
SOLDIERS = Actor("three soldiers", country="MLI", sector="MIL")
CIVILIANS = Actor("three civilians", country="MLI", sector="CVL")


def test_counts_one_sentence_toll_stays_on_one_mention() -> None:
    ms = count_once([_mention(1, 0, 3, (REBELS,)), _mention(2, 0, 3, (SOLDIERS,), (CIVILIANS,))],
                    NumberLexicon.load().value)
    assert [m.dead for m in ms] == [None, 3]  # the mention naming the victims counted keeps it
    assert ON_OTHER in ms[0].flags and ON_OTHER not in ms[1].flags


def test_counts_toll_repeated_in_the_next_sentence_is_counted_once() -> None:
    ms = count_once([_mention(1, 0, 5, (REBELS,)), _mention(2, 1, 5)])
    assert [m.dead for m in ms] == [5, None]


@pytest.mark.parametrize("later", [
    _mention(2, 1, 3, (REBELS,), (CIVILIANS,)),  # other victims
    _mention(2, 1, 3, place="Timbuktu"),  # another place
    _mention(2, 5, 3),  # far on in the article
    _mention(2, 1, 4),  # another toll
])
def test_counts_other_acts_keep_their_own_tolls(later: Mention) -> None:
    first = _mention(1, 0, 3, (REBELS,), (SOLDIERS,), place="Gao")
    assert [m.dead for m in count_once([first, later])] == [3, later.dead]


def test_counts_revised_toll_replaces_the_first() -> None:
    def revises(text: str) -> bool:
        return "rose to" in text

    first = _mention(1, 0, 12, (REBELS,))
    update = _mention(2, 3, 15)
    update_text = replace(update, text="The toll rose to 15.")
    ms = count_once([first, update_text], revises=revises)
    assert [m.dead for m in ms] == [None, 15] and ON_OTHER in ms[0].flags
    # without words telling a revision, a larger toll later on is another act's
    assert [m.dead for m in count_once([first, update])] == [12, 15]


def test_counts_only_attacks_are_read() -> None:
    ms = count_once([_mention(1, 0, 2), _mention(2, 0, 2, event_type="COERCE")])
    assert [m.dead for m in ms] == [2, 2]


@pytest.mark.parametrize("text, dead", [
    ("Gunmen carried out an attack against anti-government protesters who killed 15 people "
     "in Kirkuk on Tuesday.", 15),
    ("Police fired on protesters who had killed two officers in Lagos on Monday.", 2),
    ("Troops launched a raid on villagers in Zamfara that left 20 dead.", 20),
    ("A suicide bomber killed six worshippers at a mosque in Peshawar. Police said the bomber "
     "killed six people and wounded 20.", 6),
    ("Gunmen killed nine villagers in Zamfara state on Sunday. Police later said the attack "
     "killed 11 people.", 11),
    # two acts, two tolls: both stay
    ("Rebels killed three soldiers in Gao on Monday. In Timbuktu, militants killed three "
     "civilians.", 6),
])
def test_counts_article_sum_counts_each_toll_once(knowledge, text: str, dead: int) -> None:
    """Through the pipeline: the dead summed over the article's mentions are its toll."""
    ms = polemos.code_text(text, date="2024-03-01", knowledge=knowledge)
    assert sum(m.dead or 0 for m in ms) == dead, [(m.trigger.text, m.dead) for m in ms]
