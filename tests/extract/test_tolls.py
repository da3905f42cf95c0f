"""Victims listed one by one as a killing's object: each a dead person (our own sentences)."""

from __future__ import annotations

import pytest

from polemos.extract.numbers import find_casualties
from polemos.model import Article
from polemos.pipeline import code_article


@pytest.mark.parametrize("sentence, dead", [
    # kin listed after a killing verb, a plural counted by its number
    ("Police say the man is suspected of killing his wife and their four children.", 5),
    ("Investigators believe he fatally shot his mother, his stepfather and two sisters.", 4),
    ("The teenager shot and killed his grandmother and grandfather at their farm.", 2),
    ("The gunman killed a man and a woman outside the bar.", 2),
    # found dead, the list between the verb and the death word
    ("A neighbor came by to find his 40-year-old wife, 12-year-old son, and 9-year-old "
     "daughter dead in the kitchen.", 3),
    ("Deputies found a man and a woman shot to death in a parked car.", 2),
    # and the killer's own death after them, as the Gun Violence Archive counts it
    ("He fatally shot his wife and three children, then turned the shotgun on himself.", 5),
])
def test_tolls_listed_victims_are_each_dead(sentence: str, dead: int) -> None:
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence, dead", [
    # how many children is not said: the list adds nothing to the one killing read already
    ("He killed his wife and children before fleeing.", 1),
    ("He shot his wife and son, who both survived.", None),  # shot is not killed
    ("The gunman killed three people and wounded four others.", 3),  # the others were wounded
    ("She found her husband and son waiting at the door.", None),  # found, not found dead
])
def test_tolls_no_list_of_dead(sentence: str, dead: int | None) -> None:
    assert find_casualties(sentence).dead == dead


@pytest.mark.parametrize("sentence, dead", [
    # the death toll told with the perfect or a state verb, not only "rose to"
    ("By Tuesday the death toll had risen to 15.", 15),
    ("The death toll has climbed to four after a woman died at the hospital.", 4),
    ("On Monday the death toll stood at 3, police said.", 3),
    ("The death toll is now 2, the coroner said.", 2),
])
def test_tolls_the_death_toll_told_again(sentence: str, dead: int) -> None:
    assert find_casualties(sentence).dead == dead


def test_tolls_a_risen_toll_is_the_attacks(knowledge) -> None:
    text = ("A gunman opened fire at a nightclub in Orlando early Sunday, killing one man. "
            "By Monday the death toll had risen to three, police said.")
    mentions = code_article(Article(id="t", text=text, date="2019-06-02"), knowledge)
    assert max((m.dead or 0) for m in mentions if m.event_type == "ASSAULT") == 3
