"""Build the place index: the source rows (``rows.py``) and
``polemos/data/gazetteer/additions.yaml`` written to one SQLite file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from polemos.errors import KnowledgeError
from polemos.gazetteer.additions import default_path as additions_path
from polemos.gazetteer.additions import load_additions
from polemos.gazetteer.fingerprint import sources_fingerprint
from polemos.gazetteer.names import name_key, skeleton_key
from polemos.gazetteer.rows import PRIOR, Row, iso3_codes, source_rows


def _insert(db: sqlite3.Connection, rows: Iterable[Row]) -> None:
    for pid, row in enumerate(rows, start=1):
        db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, row.geonames_id, row.name, row.lat, row.lon, row.feature, row.admin1,
                    row.country, row.population, row.prior, row.source))
        keys = sorted({name_key(n) for n in row.names} - {""})
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)",
                       [(k, skeleton_key(k), pid) for k in keys])


def _insert_additions(db: sqlite3.Connection) -> None:
    """Our additions: new places, and other names for places the index already has."""
    additions = load_additions()
    start = db.execute("SELECT coalesce(max(pid), 0) FROM place").fetchone()[0] + 1
    rows = [Row(a.name, a.lat, a.lon, a.feature, a.country, admin1=a.admin1,
                geonames_id=a.geonames_id, source="polemos", names={a.name, *a.aliases})
            for a in additions.places]
    for pid, row in enumerate(rows, start=start):
        db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, row.geonames_id, row.name, row.lat, row.lon, row.feature, row.admin1,
                    row.country, row.population, PRIOR.get(row.feature, 60.0), row.source))
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?,?,?)",
                       [(k, skeleton_key(k), pid) for k in sorted({name_key(n) for n in row.names})])
    for point in additions.countries:
        db.execute("UPDATE place SET lat = ?, lon = ? WHERE country = ? AND feature = 'A.PCLI'",
                   (point.lat, point.lon, point.country))
    missing: list[str] = []
    for alias in additions.aliases:
        target = db.execute(
            "SELECT p.pid FROM alias a JOIN place p ON p.pid = a.pid WHERE a.key = ? "
            "AND (p.country = ? OR ? IS NULL) AND (p.feature = ? OR ? IS NULL) "
            "ORDER BY p.prior DESC LIMIT 1",
            (name_key(alias.target), alias.country, alias.country, alias.feature,
             alias.feature)).fetchone()
        if target is None:
            missing.append(f"{additions_path()}: name: alias {alias.alias!r} points at "
                           f"{alias.target!r}, which is not in {alias.country or 'the index'}")
        else:
            db.execute("INSERT OR IGNORE INTO alias VALUES (?,?,?)",
                       (name_key(alias.alias), skeleton_key(alias.alias), target[0]))
    if missing:
        raise KnowledgeError(missing[0], where=str(additions_path()), problems=tuple(missing))


def build_index(path: Path, version: int) -> None:
    """Write the index to ``path`` (through a temporary file, so a failed build leaves nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE place (pid INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT,
                lat REAL, lon REAL, feature TEXT, admin1 TEXT, country TEXT,
                population INTEGER, prior REAL, source TEXT);
            CREATE TABLE alias (key TEXT, skeleton TEXT, pid INTEGER,
                PRIMARY KEY (key, pid)) WITHOUT ROWID;
        """)
        _insert(db, source_rows(iso3_codes()))
        _insert_additions(db)
        db.executescript("""
            CREATE INDEX alias_skeleton ON alias (skeleton);
            CREATE INDEX place_country ON place (country, feature);
        """)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (str(version),))
        db.execute("INSERT INTO meta VALUES ('sources', ?)", (sources_fingerprint(),))
        db.commit()
        db.execute("VACUUM")
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    tmp.replace(path)
