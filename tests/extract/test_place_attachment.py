"""Regional phrases: a trigger placed by a part of a country, not by a site (issue 14)."""

from __future__ import annotations

import pytest

from polemos.extract.place_attachment import regional
from polemos.model import TextSpan


@pytest.mark.parametrize("text, verb, want", [
    ("Gunmen shot dead three shepherds in the western desert on Tuesday.", "shot", True),
    ("Fighters attacked a police post in the mountainous north on Sunday.", "attacked", True),
    ("Militants ambushed an army convoy in the south of the country.", "ambushed", True),
    ("Troops clashed with smugglers along the border overnight.", "clashed", True),
    # a site, a named region or the part of a town is no region of the country
    ("Gunmen shot dead two guards in the north of the city.", "shot", False),
    ("Gunmen shot dead two guards outside a school on Monday.", "shot", False),
    ("Rebels attacked a base in the Sinai desert on Friday.", "attacked", False),
    ("Police arrested a man in the south of Kabul.", "arrested", False),
])
def test_place_attachment_regional_phrase(plain_nlp, text: str, verb: str, want: bool) -> None:
    doc = plain_nlp(text)
    at = text.index(verb)
    assert regional(doc, TextSpan(text, 0, len(text)), TextSpan(verb, at, at + len(verb))) is want
