"""Demonyms as toponyms for ``polemos geoparse``: "Turkish", "South African" name a country.

News geoparsing gold (TR-News, GeoWebNews) annotates a country's adjective as a toponym of that
country; on the TR-News tune half a third of the toponyms we missed were such adjectives. The
event coder never reads them as places ("Iraqi forces" locates no event: place_names.py), so
only geoparse adds them, resolved through the actor dictionaries (which know "Turkish" -> TUR)
and placed at the country's GeoNames point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from polemos.gazetteer.lookup import Gazetteer
from polemos.model import Entity, TextSpan, Toponym
from polemos.resolve.actors.kb import ActorKB

# The score of a demonym's toponym: a country named by its adjective is as sure as its name.
DEMONYM_SCORE = 0.9


def demonym_toponyms(entities: Sequence[Entity], actors: ActorKB, gazetteer: Gazetteer,
                     date: str | None) -> list[Toponym]:
    """A toponym for each NORP entity that names one country and nothing more (no sector, no
    patron: "Sunni" and "Arab" are no country), in text order."""
    out = []
    for ent in entities:
        if ent.label != "NORP":
            continue
        actor = actors.resolve(ent.text, date)
        if actor is None or actor.country is None or actor.sector is not None or \
                actor.patron is not None:
            continue
        country = gazetteer.country(actor.country)
        if country is None:
            continue
        place = replace(country.place, text=ent.text)
        out.append(Toponym(TextSpan(ent.text, ent.start, ent.end), place, DEMONYM_SCORE))
    return out
