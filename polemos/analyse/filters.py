"""Which incidents a dyad or a place selects, and the dyads and places an incident belongs to.

A party query (``IRQ``, ``Iraq``, ``hamas``, ``Islamic State``) matches an actor or recipient by
its ISO3 ``country``, its ``id`` or its ``name`` (case and accents ignored); a country name is
read with pycountry. A dyad is directed: ACTOR is among the incident's actors (who acted) and
RECIPIENT among its recipients (who it was done to). A place query matches the incident's
location by country (ISO3 or name), province (``admin1``) or place name. docs/alerts.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from polemos.errors import InputError

IncidentRecord = Mapping[str, Any]  # a model.incident_record dict


def fold(text: str) -> str:
    """Text compared without case or accents: "Baghdād" and "baghdad" are one name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Query:
    """What one query word selects: ISO3 countries, and folded ids or names."""

    text: str
    countries: frozenset[str]
    names: frozenset[str]

    def matches_party(self, party: Mapping[str, Any]) -> bool:
        if party.get("country") in self.countries:
            return True
        return any(fold(str(party[k])) in self.names for k in ("id", "name") if party.get(k))

    def matches_place(self, place: Mapping[str, Any] | None) -> bool:
        if not place:
            return False
        if place.get("country") in self.countries:
            return True
        return any(fold(str(place[k])) in self.names for k in ("admin1", "name") if place.get(k))


def country_code(text: str) -> str | None:
    """The ISO3 code a code or a country name stands for ("Syria", "SY", "SYR"; pycountry), None
    when it is neither. The incident filters of the CLI and the HTTP API use it too."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_3)
    except LookupError:
        return None


def party_query(text: str, records: Sequence[IncidentRecord], field: str = "actor") -> Query:
    """The query for an actor or recipient; raises InputError when ``text`` is no country and
    no party of these incidents has that id, name or country code."""
    folded, code = fold(text), country_code(text)
    countries = {code} if code else set()
    known = bool(code)
    for r in records:
        for party in (*(r.get("actors") or ()), *(r.get("recipients") or ())):
            if party.get("country") and fold(str(party["country"])) == folded:
                countries.add(str(party["country"]))  # a CAMEO code such as IGO
                known = True
            known = known or any(fold(str(party[k])) == folded for k in ("id", "name")
                                 if party.get(k))
    if not known:
        raise InputError(f"unknown actor {text!r} (expected an ISO3 country code such as IRQ, a "
                         "country name, or the id or name of a party in the incidents)", field=field)
    return Query(text, frozenset(countries), frozenset({folded}))


def place_query(text: str, records: Sequence[IncidentRecord]) -> Query:
    """The query for a place; raises InputError when ``text`` is no country and no incident is
    located in a province or place of that name."""
    folded, code = fold(text), country_code(text)
    known = bool(code) or any(
        fold(str(loc[k])) == folded for r in records if (loc := r.get("location"))
        for k in ("admin1", "name", "country") if loc.get(k))
    if not known:
        raise InputError(f"unknown place {text!r} (expected an ISO3 country code, a country name, "
                         "or a province or place named in the incidents)", field="place")
    countries = {code} if code else ({text.strip().upper()} if len(text.strip()) == 3 else set())
    return Query(text, frozenset(countries), frozenset({folded}))


def select(records: Iterable[IncidentRecord], actor: Query | None = None,
           recipient: Query | None = None, place: Query | None = None) -> list[IncidentRecord]:
    """The incidents with ``actor`` among their actors, ``recipient`` among their recipients
    and located at ``place`` (each that is given)."""
    out = []
    for r in records:
        if actor and not any(actor.matches_party(p) for p in r.get("actors") or ()):
            continue
        if recipient and not any(recipient.matches_party(p) for p in r.get("recipients") or ()):
            continue
        if place and not place.matches_place(r.get("location")):
            continue
        out.append(r)
    return out


def party_key(party: Mapping[str, Any]) -> str | None:
    """The name a party has in a dyad: its country code, else its id (None: neither)."""
    return party.get("country") or party.get("id") or None


def dyad_keys(record: IncidentRecord) -> set[str]:
    """The directed dyads ("USA→IRQ") of an incident: every actor with every recipient."""
    actors = {k for p in record.get("actors") or () if (k := party_key(p))}
    recipients = {k for p in record.get("recipients") or () if (k := party_key(p))}
    return {f"{a}→{b}" for a in actors for b in recipients}


def place_keys(record: IncidentRecord) -> set[str]:
    """The places an incident counts for: its country ("IRQ") and its province ("Anbar, IRQ")."""
    loc = record.get("location") or {}
    country = loc.get("country")
    if not country:
        return set()
    keys = {str(country)}
    if loc.get("admin1"):
        keys.add(f"{loc['admin1']}, {country}")
    return keys
