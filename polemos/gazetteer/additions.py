"""Our gazetteer additions: places none of the installed gazetteers has, and other names.

``polemos/data/gazetteer/additions.yaml`` holds named bases, zones, crossings and regions
("Green Zone", "K-1 Air Base", "eastern Syria"), each with its public source, and aliases that
point a spelling at a place the index already has ("Gayara" -> Qayyarah). The loader checks every
entry and reports all problems at once, as ``path:line: field: what is wrong``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from polemos.datafiles import read_yaml
from polemos.errors import KnowledgeError

FEATURES = frozenset({"A.PCLI", "A.ADM1", "A.ADM2", "L.CONT", "L.RGN", "L.AREA", "P.PPL",
                      "P.PPLC", "S.AIRB", "S.AIRP", "S.MILB", "S.BDG", "S.CRSG", "S.INSM",
                      "H.SEA", "H.STRT", "H.GULF", "T.PLAT", "T.PEN"})


@dataclass(frozen=True, slots=True)
class AddedPlace:
    """A place of our own, with the public source its coordinates come from."""

    name: str
    lat: float
    lon: float
    feature: str
    country: str | None
    source: str
    aliases: tuple[str, ...] = ()
    admin1: str | None = None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    """Another spelling for a place the index already has (``target`` in ``country``)."""

    alias: str
    target: str
    country: str | None
    source: str
    feature: str | None = None  # which of the target's namesakes ("Wash." is the state)


@dataclass(frozen=True, slots=True)
class CountryPoint:
    """The point a country is placed at, where GeoNames' differs from our default source's."""

    country: str
    lat: float
    lon: float
    source: str


@dataclass(frozen=True, slots=True)
class Additions:
    places: tuple[AddedPlace, ...]
    aliases: tuple[Alias, ...]
    countries: tuple[CountryPoint, ...] = ()


def default_path() -> Path:
    return Path(str(resources.files("polemos") / "data" / "gazetteer" / "additions.yaml"))


def user_additions(kb_dirs: Sequence[Path]) -> tuple[Additions, ...]:
    """The ``gazetteer/additions.yaml`` of each user folder that has one (same format as ours).

    They take effect at run time, looked up before the place index, so adding a village needs
    no rebuild. Raises KnowledgeError listing every problem of every file.
    """
    found: list[Additions] = []
    problems: list[str] = []
    for folder in kb_dirs:
        path = Path(folder) / "gazetteer" / "additions.yaml"
        if not path.is_file():
            continue
        try:
            found.append(load_additions(path))
        except KnowledgeError as exc:
            problems.extend(exc.problems or (str(exc),))
    if problems:
        raise KnowledgeError(problems[0], problems=tuple(problems))
    return tuple(found)


def load_additions(path: Path | None = None) -> Additions:
    """Read and check an additions file; raises KnowledgeError listing every bad entry."""
    path = path or default_path()
    data, line_of = read_yaml(path)
    problems: list[str] = []
    if not isinstance(data, dict) or not data.get("origin") or not data.get("licence"):
        problems.append(f"{path}:1: origin/licence: missing (every data file opens with both)")
        data = data if isinstance(data, dict) else {}
    def entries(section: str) -> list[tuple[str, Any]]:
        """Each entry of a section with its ``path:line``, for messages that say where."""
        return [(f"{path}:{line_of((section, i))}", e) for i, e in enumerate(data.get(section) or [])]

    places = [p for p in (_place(w, e, problems) for w, e in entries("places")) if p]
    aliases = [a for a in (_alias(w, e, problems) for w, e in entries("aliases")) if a]
    points = [c for c in (_point(w, e, problems) for w, e in entries("countries")) if c]
    if problems:
        raise KnowledgeError(problems[0], where=str(path), problems=tuple(problems))
    return Additions(tuple(places), tuple(aliases), tuple(points))


def _text(entry: Any, key: str, where: str, problems: list[str], required: bool = True,
          ) -> str | None:
    value = entry.get(key) if isinstance(entry, dict) else None
    if value is None:
        if required:
            problems.append(f"{where}: {key}: missing")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key}: {value!r} is not a name (expected text)")
        return None
    return value.strip()


def _place(where: str, entry: Any, problems: list[str]) -> AddedPlace | None:
    before = len(problems)
    name = _text(entry, "name", where, problems)
    source = _text(entry, "source", where, problems)
    feature = _text(entry, "feature", where, problems)
    country = _text(entry, "country", where, problems, required=False)
    coords = _coordinates(entry, where, problems)
    if feature is not None and feature not in FEATURES:
        problems.append(f"{where}: feature: {feature!r} is unknown (expected one of "
                        f"{', '.join(sorted(FEATURES))})")
    if country is not None and (len(country) != 3 or not country.isupper()):
        problems.append(f"{where}: country: {country!r} is not an ISO3 code")
    aliases = entry.get("aliases", []) if isinstance(entry, dict) else []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{where}: aliases: expected a list of names")
        aliases = []
    gid = entry.get("geonames_id") if isinstance(entry, dict) else None
    if gid is not None and not isinstance(gid, int):
        problems.append(f"{where}: geonames_id: {gid!r} is not a number")
    if len(problems) > before:
        return None
    return AddedPlace(name=name or "", lat=float(coords[0]), lon=float(coords[1]),
                      feature=feature or "", country=country, source=source or "",
                      aliases=tuple(aliases), admin1=_text(entry, "admin1", where, problems,
                                                           required=False),
                      geonames_id=gid)


def _coordinates(entry: Any, where: str, problems: list[str]) -> list[Any]:
    coords = []
    for key, bound in (("lat", 90.0), ("lon", 180.0)):
        value = entry.get(key) if isinstance(entry, dict) else None
        if not isinstance(value, int | float) or isinstance(value, bool) or abs(value) > bound:
            problems.append(f"{where}: {key}: {value!r} is not a coordinate "
                            f"(expected a number within ±{bound:g})")
        coords.append(value)
    return coords


def _point(where: str, entry: Any, problems: list[str]) -> CountryPoint | None:
    before = len(problems)
    country = _text(entry, "country", where, problems)
    source = _text(entry, "source", where, problems)
    coords = _coordinates(entry, where, problems)
    if country is not None and (len(country) != 3 or not country.isupper()):
        problems.append(f"{where}: country: {country!r} is not an ISO3 code")
    if len(problems) > before:
        return None
    return CountryPoint(country or "", float(coords[0]), float(coords[1]), source or "")


def _alias(where: str, entry: Any, problems: list[str]) -> Alias | None:
    before = len(problems)
    alias = _text(entry, "alias", where, problems)
    target = _text(entry, "name", where, problems)
    source = _text(entry, "source", where, problems)
    country = _text(entry, "country", where, problems, required=False)
    feature = _text(entry, "feature", where, problems, required=False)
    if feature is not None and feature not in FEATURES:
        problems.append(f"{where}: feature: {feature!r} is unknown")
    if len(problems) > before:
        return None
    return Alias(alias or "", target or "", country, source or "", feature)


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Words around place names: directions ("northern"), kinds ("province"), false towns."""

    directions: frozenset[str]
    admin_words: frozenset[str]
    city_words: frozenset[str]
    not_places: frozenset[str]
    generic_admin_terms: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    services: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceWords:
        """Read ``words.yaml``; raises KnowledgeError naming the file and the bad key."""
        path = path or default_path().with_name("words.yaml")
        data = read_yaml(path).data
        lists = {}
        for key in ("directions", "admin_words", "city_words", "not_places",
                    "generic_admin_terms", "street_words", "services"):
            value = data.get(key) if isinstance(data, dict) else None
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise KnowledgeError("expected a list of words", where=str(path), field=key)
            lists[key] = frozenset(v.lower() for v in value)
        return cls(**lists)
