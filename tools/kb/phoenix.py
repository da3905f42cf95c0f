"""Convert the Phoenix actor and agent dictionaries (MIT) into polemos/data/actors/phoenix_*.tsv.

Bad rows (dates of 7 digits, ranges ending before they start) are printed as errors and skipped.
Run: ``.venv/bin/python tools/kb/phoenix.py`` (reads /work/shared/kb_sources/phoenix).
"""

from __future__ import annotations

import sys

from common import OUT, SOURCES, EnglishWords, IdMaker, clean_name, keep_names, write_actor_tsv

from polemos.datafiles import Problems, read_yaml, write_tsv
from polemos.resolve.actors.phoenix_format import (
    PhoenixActor,
    agent_sector,
    read_actors,
    read_agents,
    split_code,
)

ORIGIN = ("openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf "
          "petrarch2/data/dictionaries/{file} (to early 2014), converted by tools/kb/phoenix.py")
LICENCE = "MIT, Copyright (c) 2014 Open Event Data Alliance (polemos/data/LICENSES/phoenix.txt)"


SMALL = {"of", "the", "and", "al", "el", "de", "du", "des", "la", "le", "bin", "ibn", "for", "in",
         "on", "to", "y", "da", "van", "von"}


def display(name: str) -> str:
    """Phoenix's upper-case phrases in title case (``XI JINPING`` -> ``Xi Jinping``); a one-word
    name of four letters or fewer (ISIS), a word without vowels (PKK) or with dots (U.S.) stays
    as written."""
    if not name.isupper() or (" " not in name and len(name) <= 4):
        return name
    out = []
    for i, word in enumerate(name.split()):
        bare = "".join(c for c in word if c.isalpha())
        if "." in word or (bare and not any(v in bare for v in "AEIOUY")):
            out.append(word)
        elif (i and word.lower() in SMALL) or len(bare) < len(word) - 1:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1] + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def kind_of(actor: PhoenixActor, file: str, countries: dict, sectors: dict) -> str:
    """Country, person or organisation: a record whose codes are all bare countries is a
    country (dated ones too: Iraq under occupation), one with dated roles a person."""
    split = [split_code(r.code, countries, sectors) for r in actor.roles]
    if file == "Countries" and all(c is not None and s is None for c, s in split):
        return "country"
    if any(r.start or r.end for r in actor.roles):
        return "person"
    return "org"


def convert(file: str, countries: dict, sectors: dict, problems: Problems,
            english: EnglishWords) -> int:
    """One Phoenix actor file as a TSV; aliases of ordinary English words (``TIGERS``) are
    dropped (``common.EnglishWords``) except in the Countries file (names and demonyms)."""
    path = SOURCES / "phoenix" / f"Phoenix.{file}.actors.txt"
    make_id = IdMaker("phx")
    rows = []
    dropped: list[str] = []
    for actor in read_actors(path, problems):
        kind = kind_of(actor, file, countries, sectors)
        ident = make_id(actor.names[0])  # before filtering: ids stay stable
        shown = dict.fromkeys(display(clean_name(n)) for n in actor.names if clean_name(n))
        names = "|".join(keep_names(shown, None if file == "Countries" else english, dropped))
        if not names:
            continue
        first = True
        for role in actor.roles:
            country, sector = split_code(role.code, countries, sectors)
            if country is None and sector is None:
                continue  # the null code '---' blocks a phrase: nothing to record
            rows.append((ident, kind, names if first else "", country, sector, None,
                         role.start, role.end))
            first = False
    print(f"{file}: {len(dropped)} ordinary-word aliases dropped: {', '.join(dropped[:40])}",
          file=sys.stderr)
    return write_actor_tsv(f"20_phoenix_{file.lower()}.tsv", ORIGIN.format(
        file=f"Phoenix.{file}.actors.txt"), LICENCE, rows)


def convert_agents(sectors: dict, problems: Problems) -> int:
    path = SOURCES / "phoenix" / "Phoenix.agents.txt"
    rows: dict[str, str] = {}
    for agent in read_agents(path, problems):
        sector = agent_sector(agent.code, sectors)
        if sector is None:
            continue
        for form in agent.forms:
            rows.setdefault(clean_name(form).lower(), sector)
    header = {"origin": ORIGIN.format(file="Phoenix.agents.txt"), "licence": LICENCE}
    count = write_tsv(OUT / "20_phoenix_agents.tsv", header, ("noun", "sector"),
                      sorted(rows.items()))
    print(f"20_phoenix_agents.tsv: {count} rows", file=sys.stderr)
    return count


def main() -> int:
    codes = read_yaml(OUT / "phoenix" / "cameo_codes.yaml").data
    problems = Problems()
    english = EnglishWords()
    for file in ("Countries", "International", "MilNonState"):
        convert(file, codes["countries"], codes["sectors"], problems, english)
    convert_agents(codes["sectors"], problems)
    for line in problems.lines():
        print(f"error (row skipped): {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
