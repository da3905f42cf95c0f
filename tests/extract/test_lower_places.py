"""Place names in lower-cased text (issue 14): read case-insensitively only when the text has no
capitals, and only with a cue and past the English-word, folding and size guards. Our own
sentences; the real place index and the real spaCy model."""

from __future__ import annotations

import pytest

from polemos.extract.article_reading import read_place_names
from polemos.extract.lower_places import is_lower_cased


def _names(text: str, knowledge) -> dict[str, str | None]:
    """The place names read in ``text`` -> the country of their best candidate."""
    names = read_place_names(knowledge.nlp(text), text, knowledge)
    return {n.span.text: (n.candidates[0].place.country if n.candidates else None) for n in names}


@pytest.mark.parametrize("text, lowered", [
    ("two maoists were gunned down in gadchiroli district on tuesday.", True),
    ("cops nabbed three men in lucknow on monday for the robbery of a jeweller.", True),
    # acronyms keep their capitals in lower-cased Indian news; they say nothing of the casing
    ("CRPF jawans and local police cordoned off the area near pulwama on sunday.", True),
    ("Police arrested two men in Lucknow on Monday.", False),
    ("He said the talks were over. They left the city at dawn and went home.", True),
    ("Gunmen killed two people.", False),  # too short to say
])
def test_lower_places_casing_is_measured(text: str, lowered: bool) -> None:
    assert is_lower_cased(text) is lowered


@pytest.mark.parametrize("text, name, country", [
    ("two maoists were gunned down in an encounter in gadchiroli district on tuesday.",
     "gadchiroli", "IND"),
    ("cops nabbed three men in lucknow on monday for the robbery of a jeweller.", "lucknow", "IND"),
    ("a mob lynched a cattle trader near alwar, rajasthan on friday night.", "rajasthan", "IND"),
    ("a mob lynched a cattle trader near alwar, rajasthan on friday night.", "alwar", "IND"),
    ("the accused was held by the crime branch at a hotel in indore late on sunday.",
     "indore", "IND"),
    ("bsf jawans shot dead a smuggler along the border in west bengal.", "west bengal", "IND"),
    ("clashes broke out in jammu and kashmir after the verdict.", "jammu and kashmir", "IND"),
    # countries and big cities need no cue
    ("turkey's president spoke to officials of the united states and canada.", "united states",
     "USA"),
    ("turkey's president spoke to officials of the united states and canada.", "canada", "CAN"),
])
def test_lower_places_names_with_a_cue_are_found(knowledge, text: str, name: str,
                                                 country: str) -> None:
    assert _names(text, knowledge).get(name) == country


@pytest.mark.parametrize("text, word", [
    # English words that are towns somewhere: not places in running text
    ("the mob torched a police post near the border camp on monday night.", "camp"),
    ("the mob torched a police post near the border camp on monday night.", "border"),
    # the index folds doubled letters and accents: "kill" is no Kiel, "fees" no Fès
    ("they threatened to kill the clerk over the fees at the office in the town.", "kill"),
    ("they threatened to kill the clerk over the fees at the office in the town.", "fees"),
    # a verb or adjective is a place only with its kind said
    ("a male constable was injured when the crowd turned violent at the fair.", "male"),
])
def test_lower_places_ordinary_words_are_not_places(knowledge, text: str, word: str) -> None:
    assert word not in _names(text, knowledge)


def test_lower_places_small_towns_need_their_kind(knowledge) -> None:
    # Sukma (about 14,000 people) is taken when the text says "district", not after "in" alone
    assert _names("two naxals were shot dead in sukma district.", knowledge).get("sukma") == "IND"
    assert "sukma" not in _names("two naxals were shot dead in sukma on monday.", knowledge)


def test_lower_places_capitalised_text_is_read_as_before(knowledge) -> None:
    # with capitals, a lower-case word is never a place: "turkey" is the bird here
    text = "Police in Lucknow said the turkey was stolen from a farm near Kanpur on Monday."
    names = _names(text, knowledge)
    assert names.get("Lucknow") == "IND" and names.get("Kanpur") == "IND"
    assert "turkey" not in names
