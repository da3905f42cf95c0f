"""Convert GeoNames' own province (ADM1) and country (PCLI) points into polemos/data/gazetteer/.

Reads ``kb_sources/geonames_admin/geonames_adm1.tsv`` (3,872 first-level divisions with geonameid,
admin1 code and GeoNames' latitude/longitude) and ``geonames_pcli.tsv`` (193 countries), and writes
``geonames_admin1.tsv`` and ``geonames_countries.tsv`` with ISO 3166 alpha-3 country codes, the
columns the place index reads. Why: a province placed at GeoNames' own point ("Alberta" at
52.28,-117.47) is where GeoNames-based gold puts it; the centre of the towns we know of a province
can lie far off in provinces whose towns crowd one corner. Rows whose country has no ISO code are
reported and left out, never guessed.
Run: ``.venv/bin/python tools/kb/geonames_admin.py [KB_SOURCES_DIR]``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from common import REPO, SOURCES

from polemos.datafiles import write_tsv

OUT = REPO / "polemos" / "data" / "gazetteer"
ATTRIBUTION = "Data from GeoNames (geonames.org), licensed under CC BY 4.0."
# GeoNames codes that ISO 3166 does not assign (Kosovo's user-assigned code is the common one).
EXTRA_ISO3 = {"XK": "XKX"}
ADM1_COLUMNS = ("geonameid", "country", "admin1_code", "name", "ascii_name", "lat", "lon")
COUNTRY_COLUMNS = ("geonameid", "country", "name", "lat", "lon")


def iso3(alpha2: str) -> str | None:
    if alpha2 in EXTRA_ISO3:
        return EXTRA_ISO3[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _header(source: str, rows: int) -> dict[str, str]:
    return {"origin": f"GeoNames via kb_sources/geonames_admin/{source} (GeoNames dumps of 2022-23, "
                      "joined from jhnwllr/catalogue-of-centroids@997d9a4 and OpenSextant/Xponents; "
                      "see that folder's README), converted by tools/kb/geonames_admin.py",
            "licence": f"CC BY 4.0. {ATTRIBUTION}",
            "rows": str(rows)}


def convert(sources: Path) -> tuple[int, int, list[str]]:
    """Write both files; returns the row counts and what was left out (with the reason)."""
    folder = sources / "geonames_admin"
    skipped: list[str] = []
    adm1 = []
    for row in _rows(folder / "geonames_adm1.tsv"):
        country = iso3(row["country_code"])
        if country is None:
            skipped.append(f"geonames_adm1.tsv: {row['geonameid']}: country: no ISO code for "
                           f"{row['country_code']!r}")
            continue
        adm1.append((int(row["geonameid"]), country, row["admin1_code"], row["name"],
                     row["asciiname"], float(row["latitude"]), float(row["longitude"])))
    adm1.sort()
    countries = []
    for row in _rows(folder / "geonames_pcli.tsv"):
        countries.append((int(row["geonameid_countryInfo"]), row["iso3"], row["countryInfo_name"],
                          float(row["latitude"]), float(row["longitude"])))
    countries.sort()
    a = write_tsv(OUT / "geonames_admin1.tsv", _header("geonames_adm1.tsv", len(adm1)),
                  ADM1_COLUMNS, adm1)
    c = write_tsv(OUT / "geonames_countries.tsv", _header("geonames_pcli.tsv", len(countries)),
                  COUNTRY_COLUMNS, countries)
    return a, c, skipped


if __name__ == "__main__":
    provinces, nations, left_out = convert(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCES)
    for line in left_out:
        print(line, file=sys.stderr)
    print(f"geonames_admin1.tsv: {provinces} provinces; geonames_countries.tsv: {nations} countries; "
          f"{len(left_out)} left out")
