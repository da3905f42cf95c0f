"""The actor knowledge base's tables: entries and name indexes, loaded from the data files.

``ActorTables.load()`` reads our data files (``polemos/data/actors/``) and any user folders
layered over them; ``ActorTables.from_phoenix()`` reads PETRARCH/Phoenix dictionaries instead.
The tables index every name, surname, role noun and named facility by its normalised words,
so that phrase resolution (``actors.py``) is dict lookups, never a scan of the KB.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

from polemos.datafiles import Problems, read_yaml
from polemos.resolve.actors.files import KBData, facility_places, load_folder
from polemos.resolve.actors.index import Entry, NameIndex, Sense, best_role, key_of, ruler_patterns, words

log = logging.getLogger("polemos.resolve.actors.kb")  # the name the KB has always logged under

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "actors"
CAMEO_CODES = DATA_DIR / "phoenix" / "cameo_codes.yaml"
# words after which a noun phrase's modifiers begin ("the President of Iraq"): grammar, not data
# (a closed class of 12 prepositions, read like the dependency labels)
PREPOSITIONS = frozenset({"of", "in", "from", "at", "for", "on", "with", "near", "inside",
                          "against", "to", "by"})



class ActorTables:
    """Countries, organisations, people (with dated roles) and role nouns, indexed by name."""

    def __init__(self, data: KBData, places: Sequence[tuple[str, str]] = ()) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(data.entries.values(),
                                                       key=lambda e: (-e.layer, e.id)))
        # a person's country says where they come from, not where they act (resolve/places)
        self.people: frozenset[str] = frozenset(e.id for e in self.entries if e.kind == "person")
        self.names = NameIndex()
        self.surnames = NameIndex()
        # a source's name made only of common words ("Union", "Opposition coalition") would
        # swallow ordinary phrases: such names are not indexed
        generic = data.generic_words | {n for n in (*data.agents, *data.senses) if " " not in n}
        for number, entry in enumerate(self.entries):
            # only generated (TSV) sources are filtered: hand-written names were chosen
            from_source = entry.where.rsplit(":", 1)[0].endswith(".tsv")
            for name in entry.names:
                if from_source and entry.kind != "country" and _is_generic(name, generic):
                    continue
                self.names.add(name, number)
            if entry.kind == "person" and any(r.is_dated for r in entry.roles):
                for name in entry.names:
                    parts = name.split()
                    # "Georgia (nation)" is a dated state, not a person with a surname
                    if len(parts) > 1 and len(parts[-1]) > 3 and "(" not in name:
                        self.surnames.add(parts[-1], number)
        self.agents = NameIndex(acronym_max=2)
        self.agent_sector: dict[str, str] = {}
        for noun, sector in sorted(data.agents.items()):
            key = key_of(noun)
            if key:
                self.agent_sector[key] = sector
                self.agents.add(noun, 0)
        # an ambiguous noun's table sector is its default sense ("deputies" -> COP), or none
        self.senses: dict[str, Sense] = dict(sorted(data.senses.items()))
        for key, sense in self.senses.items():
            self.agents.add(key, 0)
            if sense.default is None:
                self.agent_sector.pop(key, None)
            else:
                self.agent_sector[key] = sense.default
        self.part_nouns = frozenset(data.part_nouns)
        self.local_sectors = frozenset(data.local_sectors)
        # named facilities ("Al Asad Air Base") -> their country, from our gazetteer additions
        self.places = NameIndex()
        self.place_countries = tuple(sorted({c for _, c in places}))
        for name, country in places:
            self.places.add(name, self.place_countries.index(country))
        self.facilities = NameIndex()
        for noun in sorted(data.facility_nouns):
            self.facilities.add(noun, 0)
        self.former_markers = frozenset(data.former_markers)
        self.opponent_prefixes = frozenset(data.opponent_prefixes)
        self.patron_markers = frozenset(data.patron_markers)
        self.patron_prefixes = frozenset(data.patron_prefixes)
        self.problems: tuple[str, ...] = ()  # lines skipped by from_phoenix

    # ---- loading ------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> Self:
        """Our actor data plus user folders layered over it (user entries win).

        Raises KnowledgeError listing every problem in every file (``path:line: field: ...``).
        Example: ``kb = ActorKB.load([Path("my_kb")])``.
        """
        problems = Problems()
        data = KBData()
        for folder in (DATA_DIR, *(Path(d) for d in extra_dirs)):
            load_folder(folder, data, problems)
        problems.raise_if_any("actor knowledge")
        log.debug("actor KB: %d entries, %d role nouns", len(data.entries), len(data.agents))
        return cls(data, facility_places())

    @classmethod
    def from_phoenix(cls, actor_paths: Sequence[Path], agent_paths: Sequence[Path] = (), *,
                     iso3: bool = True) -> Self:
        """A KB from PETRARCH/Phoenix actor and agent dictionaries (e.g. a validation suite's).

        CAMEO codes become country + sector (``IRQGOV`` -> IRQ, GOV), the country read as ISO3
        (``ZAR`` -> COD) unless ``iso3`` is False; undated codes are always-valid roles.
        Malformed lines (a 7-digit date) are skipped, logged as warnings and kept in
        ``kb.problems``; an unreadable file raises KnowledgeError.
        """
        from polemos.resolve.actors.phoenix_format import kb_data

        problems = Problems()
        codes = read_yaml(CAMEO_CODES).data
        countries = codes["countries"] if iso3 else {
            k: None for k, v in codes["countries"].items() if v is None}
        data = kb_data(actor_paths, agent_paths, countries, codes["sectors"], problems)
        for line in problems.lines():
            log.warning("skipped: %s", line)
        kb = cls(data)
        kb.problems = problems.lines()
        return kb

    # ---- lookups ------------------------------------------------------------------------
    def sector_of(self, noun: str) -> str | None:
        """The sector a role noun names: ``troops`` -> MIL, ``prime minister`` -> GOV; else None."""
        return self.agent_sector.get(key_of(noun))

    def country_of(self, text: str) -> str | None:
        """ISO3 of a country name, demonym or capital (``Iranian``, ``Tehran``); else None."""
        tokens = words(text)
        if len(tokens) > 1 and tokens[0][0] == "the":
            tokens = tokens[1:]
        if not tokens:
            return None
        key = " ".join(t[0] for t in tokens)
        if key in self.names.acronyms and not tokens[0][1].isupper():
            return None
        for number in self.names.keys.get(key, ()):
            entry = self.entries[number]
            if entry.kind == "country":
                role = best_role(entry.roles, None)
                if role is not None and role.country:
                    return role.country
        return None

    # ---- spaCy patterns -----------------------------------------------------------------
    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for names worth fixing before spaCy's NER guesses: multi-word
        names of organisations (not companies), countries, and people holding a role that
        started in or after 2000 (label ORG, GPE, PERSON; ``id`` is the entry id).

        Names of more than five words and names carrying a title ("President Vladimir Putin")
        are left out: the title is not part of the person's name span. The cap keeps the
        pipeline's load time near three seconds.
        """
        role_words = {k for k in self.agent_sector if " " not in k}
        return ruler_patterns(self.entries, role_words)

    def __len__(self) -> int:
        return len(self.entries)


def _is_generic(name: str, generic: set[str]) -> bool:
    return all(w in generic or w in PREPOSITIONS or w in ("the", "and", "a")
               for w, _ in words(name))
