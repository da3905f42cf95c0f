"""Convert the US Treasury OFAC SDN list's foreign terrorist organisations into ofac_fto.tsv.

Keeps entities (``SDN_Type`` empty) tagged ``FTO``, with the ``a.k.a.`` aliases from Remarks.
The list says nothing of where a group fights: a country is set only when a program tag names
one (``IRAQ3``, ``SOMALIA``, ``DRCONGO``, ``IRGC``); IRGC units are Iran's military (MIL),
other groups non-state armed groups (REB). Run: ``.venv/bin/python tools/kb/ofac.py``.
"""

from __future__ import annotations

import csv
import re
import sys

from common import SOURCES, EnglishWords, clean_name, keep_names, write_actor_tsv

ORIGIN = ("US Treasury, OFAC, SDN List, 3 May 2024 (sdn.csv via jackdwyer/"
          "specially-designated-nationals-list@a5ec3c5ee4aae1b36ba24897a051787ea5429d30), "
          "FTO entities, converted by tools/kb/ofac.py")
LICENCE = "US government work, public domain in the US (17 U.S.C. 105)"
PROGRAM_COUNTRY = {"IRAQ3": "IRQ", "SOMALIA": "SOM", "DRCONGO": "COD", "IRGC": "IRN"}
AKA = re.compile(r"a\.k\.a\. '([^']+(?:'[A-Z][^']*)*)'")


SMALL = {"of", "the", "in", "for", "and", "al", "fi", "wal", "ash", "to", "on", "an"}


def title(name: str) -> str:
    """OFAC's upper-case names in title case; a one-word name of five letters or fewer (ISIS,
    HTS) stays an acronym."""
    if " " not in name and len(re.sub(r"[^A-Za-z]", "", name)) <= 5:
        return name
    words = []
    for i, word in enumerate(name.lower().split()):
        parts = word.split("-")
        parts = [p if (p in SMALL and (i or j)) else p[:1].upper() + p[1:]
                 for j, p in enumerate(parts)]
        words.append("-".join(parts))
    return " ".join(words)


def main() -> int:
    english = EnglishWords()  # aliases that are ordinary English words are dropped
    rows = []
    path = SOURCES / "ofac_sdn" / "sdn.csv"
    with open(path, encoding="cp1252", errors="replace", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 12 or row[2].strip() != "-0-":
                continue
            programs = [p.strip() for p in row[3].split("] [")]
            if "FTO" not in programs:
                continue
            names = [title(clean_name(row[1]))]
            names += [title(clean_name(a)) for a in AKA.findall(row[11])]
            country = next((PROGRAM_COUNTRY[p] for p in programs if p in PROGRAM_COUNTRY), None)
            sector = "MIL" if "IRGC" in programs else "REB"
            names = keep_names([n for n in dict.fromkeys(names) if len(n) > 2], english)
            rows.append((f"ofac:{row[0].strip()}", "org", "|".join(names), country, sector,
                         None, None, None))
    write_actor_tsv("40_ofac_fto.tsv", ORIGIN, LICENCE, sorted(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
