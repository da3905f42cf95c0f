"""Convert Wikidata heads of state and government (to Oct 2025) into wikidata_leaders.tsv.

Noise handled (README of the source): undated rows dropped; duplicate statements of one person
in one office merged; an open-ended spell ends when the next holder starts; an open-ended spell
lying wholly inside another holder's spell (fictional or stray holders) is dropped.
Run: ``.venv/bin/python tools/kb/wikidata_leaders.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass

from common import SOURCES, clean_name, write_actor_tsv

ORIGIN = ("cfmessias/geografia@2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 data/leaders_history.csv "
          "+ leaders_current.csv (a Wikidata SPARQL export, Oct 2025), converted by "
          "tools/kb/wikidata_leaders.py")
LICENCE = "facts from Wikidata (CC0 1.0); the exporting repository states no licence"
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})T")


@dataclass
class Spell:
    qid: str
    name: str
    country: str
    office: str
    start: str
    end: str | None
    had_end: bool


def read_rows() -> list[Spell]:
    spells: dict[tuple[str, str, str, str], Spell] = {}
    for file in ("leaders_history.csv", "leaders_current.csv"):
        with open(SOURCES / "wikidata_leaders" / file, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                start = DATE.match(row.get("start") or "")
                name = clean_name(row.get("person") or "")
                qid = (row.get("person_qid") or "").strip()
                iso3 = (row.get("iso3") or "").strip()
                if not start or not name or re.fullmatch(r"Q\d+", name) or len(iso3) != 3:
                    continue
                end = DATE.match(row.get("end") or "")
                if end and end.group(1) < start.group(1):
                    print(f"error (row skipped): {file}: {qid} {name}: ends {end.group(1)} "
                          f"before it starts {start.group(1)}", file=sys.stderr)
                    continue
                spell = Spell(qid, name, iso3, row["role"], start.group(1),
                              end.group(1) if end else None, bool(end))
                key = (qid, iso3, row["role"], spell.start[:7])
                old = spells.get(key)
                if old is None or (spell.end or "9999") > (old.end or "9999"):
                    spells[key] = spell
    return merge(sorted(spells.values(), key=lambda s: (s.country, s.office, s.start, s.qid)))


def merge(spells: list[Spell]) -> list[Spell]:
    """Merge overlapping spells of one person in one office; end open spells at the successor."""
    by_office: dict[tuple[str, str], list[Spell]] = {}
    for s in spells:
        group = by_office.setdefault((s.country, s.office), [])
        last = next((g for g in reversed(group) if g.qid == s.qid), None)
        if last is not None and (last.end is None or s.start <= last.end):
            if last.end is not None and (s.end is None or s.end > last.end):
                last.end, last.had_end = s.end, s.had_end
            continue
        group.append(s)
    out = []
    for group in by_office.values():
        for i, s in enumerate(group):
            if s.end is None:
                later = [g.start for g in group[i + 1:] if g.qid != s.qid and g.start > s.start]
                if later:
                    s.end = min(later)
        for s in group:
            inside = any(g is not s and g.qid != s.qid and g.had_end and g.start <= s.start
                         and s.end is not None and g.end is not None and s.end <= g.end
                         for g in group)
            if not (inside and not s.had_end):
                out.append(s)
    return out


def main() -> int:
    rows = []
    names: dict[str, str] = {}
    for s in read_rows():
        first = s.qid not in names
        names.setdefault(s.qid, s.name)
        rows.append((f"wd:{s.qid}", "person", s.name if first else "", s.country, "GOV", None,
                     s.start, s.end))
    # a president who is head of state and of government appears twice: keep one row per spell
    unique: dict[tuple, tuple] = {}
    for r in rows:
        unique.setdefault((r[0], r[3], r[6], r[7]), r)
    rows = sorted(unique.values(), key=lambda r: (r[0], r[2] == "", r[6]))
    names_first = []
    for r in rows:  # the first row of each id carries the names
        if names_first and names_first[-1][0] == r[0]:
            names_first.append((*r[:2], "", *r[3:]))
        else:
            names_first.append((*r[:2], names[r[0][3:]], *r[3:]))
    rows = names_first
    write_actor_tsv("50_wikidata_leaders.tsv", ORIGIN, LICENCE, rows,
                    note="sector GOV = head of state or of government while in office")
    return 0


if __name__ == "__main__":
    sys.exit(main())
