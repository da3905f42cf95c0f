"""Convert the UCDP Actor Dataset v22.1 (non-state actors) into polemos/data/actors/ucdp_actors.tsv.

Governments (Org 4) are left to the country records. Sector: formally organised groups (Org 1)
are rebels (REB); informal and identity-based groups (Org 2, 3) unidentified armed forces (UAF).
Country: the first place in ``Location``, but none for a group UCDP places in several
countries when it is an identity group (Org 3: "Hutu" in Rwanda, Burundi and DR Congo) or spans
four or more (al-Qaida, Al-Shabaab: the list's order is not the home country); such a group's
country then comes from a namesake in another source or from the sentence. Aliases that are
ordinary English words ("The Base", "The Nation") are dropped (``common.EnglishWords``).
Run: ``.venv/bin/python tools/kb/ucdp.py``.
"""

from __future__ import annotations

import csv
import sys

import pycountry
from common import SOURCES, EnglishWords, clean_name, keep_names, write_actor_tsv

ORIGIN = ("UCDP Actor Dataset v22.1 (ucdp-actor-221.csv, ucdp.uu.se, via skytheacademic/"
          "who_keeps_the_peace@5369d2f955d3396072c612a84588654941212a19), converted by "
          "tools/kb/ucdp.py. Cite: Davies, Pettersson & Öberg (2022), Journal of Peace Research "
          "59(4); Pettersson (2022), UCDP Actor Dataset Codebook v22.1")
LICENCE = "UCDP data (CC BY 4.0 as UCDP publishes its datasets; attribution above)"
SECTOR = {"1": "REB", "2": "UAF", "3": "UAF"}
# UCDP's own country names that ISO 3166 spells differently
UCDP_NAMES = {"DR Congo": "COD", "Congo": "COG", "Russia": "RUS", "Iran": "IRN", "Syria": "SYR",
              "Laos": "LAO", "Bolivia": "BOL", "Venezuela": "VEN", "Tanzania": "TZA",
              "Ivory Coast": "CIV", "Kingdom of eSwatini": "SWZ", "Macedonia": "MKD",
              "Moldova": "MDA", "South Vietnam": "VNM", "Vietnam": "VNM", "Kosovo": "XKX",
              "Bosnia-Herzegovina": "BIH", "Turkey": "TUR", "Palestine": "PSE",
              "North Korea": "PRK", "South Korea": "KOR", "Taiwan": "TWN",
              "Hyderabad": "IND", "South Yemen": "YEM", "Cambodia": "KHM", "Myanmar": "MMR"}


def iso3(place: str) -> str | None:
    name = place.split("(")[0].strip()
    if name in UCDP_NAMES:
        return UCDP_NAMES[name]
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def names_of(row: dict[str, str]) -> list[str]:
    out = [row["NameData"], row["NameOrig"], row["NameOrigFull"], row["NameOrigFullEng"]]
    for col in ("NewName", "NewNameFullMotherTongue", "NewNameFullEng"):
        out += row.get(col, "").split(", ")
    names = [clean_name(n) for n in out]
    return list(dict.fromkeys(n for n in names if len(n) > 1 and n.lower() != "n/a"))


def home_country(org: str, places: list[str]) -> str | None:
    """The group's country: its one place, or its first unless it is transnational (above)."""
    if len(places) > 1 and (org == "3" or len(places) > 3):
        return None
    return next((c for c in map(iso3, places) if c), None)


def main() -> int:
    english = EnglishWords()
    dropped: list[str] = []
    rows = []
    unplaced = []
    path = SOURCES / "ucdp_actors" / "ucdp-actor-221.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            sector = SECTOR.get(row["Org"].strip())
            if sector is None:
                continue
            places = [p.strip() for p in row["Location"].split(",") if p.strip()]
            country = home_country(row["Org"].strip(), places)
            if places and not any(map(iso3, places)):
                unplaced.append(row["Location"])
            names = keep_names(names_of(row), english, dropped)
            if names:
                rows.append((f"ucdp:{row['ActorId']}", "org", "|".join(names), country, sector,
                             None, None, None))
    for loc in sorted(set(unplaced)):
        print(f"note: no ISO3 for UCDP location {loc!r}", file=sys.stderr)
    print(f"{len(dropped)} ordinary-word aliases dropped: {', '.join(dropped)}", file=sys.stderr)
    write_actor_tsv("30_ucdp_actors.tsv", ORIGIN, LICENCE, sorted(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
