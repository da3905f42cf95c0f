"""Read and check actor knowledge files: generated TSV and hand-written or user YAML.

A folder's files load in name order (``10_countries.tsv`` ... ``90_polemos_groups.yaml``), and
each file is a layer over the ones before: an entry with an id seen before replaces it, and on
a shared name the later entry wins. Every problem in every file is collected, never only the
first. YAML layout (STYLE.md §4)::

    origin: where the facts come from
    licence: under what terms
    organisations:
      - {id: kataib_hezbollah, names: [Kataib Hezbollah], country: IRQ, sector: UAF, patron: IRN}
    people:
      - id: donald_trump
        names: [Donald Trump]
        roles: [{country: USA, sector: GOV, from: 2017-01-20, until: 2021-01-20}]
    countries: [{country: USA, names: [American, Americans]}]
    agents: {MIL: [troops, soldier, soldiers]}
    patron_markers: [backed, supported]  # "Iran-backed"
    patron_prefixes: [pro]               # "pro-Iranian"
    generic_words: [union, front]        # a name made only of these and role nouns is ignored
    facility_nouns: [air base, airport]  # "Al Asad air base" is a place, not an actor
    former_markers: [former]             # "former president X" is an elite (ELI), not GOV
    opponent_prefixes: [anti]            # "anti-Syrian journalist": Syria is not its country
    part_nouns: [branch, wing]           # "Libyan branch of the Islamic State" is the group
    local_sectors: [COP, UAF]            # "police in Mumbai": a party of no stated country
                                         # takes the country where it acts (IND)
    agent_senses:                        # ambiguous role nouns: commonest sense unless cued
      - {nouns: [deputies], default: COP, cues: {LEG: [LEG, OPP, duma]}}
      - {nouns: [spokesman], default: GOV, cues: any}

An organisation with ``transnational: true`` has no fixed country (only the phrase's).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polemos.datafiles import (
    ISO_DATE_HELP,
    LineOf,
    Problems,
    check_header,
    end_of,
    parse_iso_date,
    read_tsv,
    read_yaml,
)
from polemos.errors import KnowledgeError
from polemos.resolve.actors.index import KINDS, Entry, Role, Sense, key_of

SECTORS = frozenset(("GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "INS", "UAF", "CVL",
                     "PRO", "MED", "JRN", "BUS", "EDU", "REL", "NGO", "IGO", "REF", "LAB", "CRM",
                     "SPY", "ELI"))
SECTOR_HELP = "a CAMEO/PLOVER sector: " + " ".join(sorted(SECTORS))
_CODE = re.compile(r"^[A-Z]{3}$")
_ISO_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
YAML_SECTIONS = ("organisations", "people", "countries", "agents", "patron_markers",
                 "patron_prefixes", "generic_words", "facility_nouns", "former_markers",
                 "opponent_prefixes", "part_nouns", "agent_senses", "local_sectors")
ROLE_KEYS = frozenset({"country", "sector", "patron", "from", "until", "source", "note"})


@dataclass
class KBData:
    """What the files say, before indexing: entries by id, role nouns, patron markers."""

    entries: dict[str, Entry] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    patron_markers: set[str] = field(default_factory=set)
    generic_words: set[str] = field(default_factory=set)
    patron_prefixes: set[str] = field(default_factory=set)
    facility_nouns: set[str] = field(default_factory=set)
    former_markers: set[str] = field(default_factory=set)
    opponent_prefixes: set[str] = field(default_factory=set)
    part_nouns: set[str] = field(default_factory=set)
    local_sectors: set[str] = field(default_factory=set)  # parties placed where they act
    senses: dict[str, Sense] = field(default_factory=dict)  # normalised noun -> its senses
    layers: int = 0


def load_folder(folder: Path, data: KBData, problems: Problems) -> None:
    """Load every ``*.tsv``/``*.yaml`` file directly in ``folder``, each as a new layer."""
    if not folder.is_dir():
        problems.add(folder, None, "kb", "not a folder", "a folder of .yaml/.tsv actor files")
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".tsv":
            data.layers += 1
            _load_tsv(path, data, problems)
        elif path.suffix in (".yaml", ".yml"):
            data.layers += 1
            _load_yaml(path, data, problems)


def _load_tsv(path: Path, data: KBData, problems: Problems) -> None:
    try:
        tsv = read_tsv(path, problems=problems)
    except KnowledgeError as exc:
        problems.extend_from(exc)
        return
    if "noun" in tsv.columns:
        for row in tsv.rows:
            sector = row.values.get("sector", "")
            if sector not in SECTORS:
                problems.add(path, row.line, "sector", f"'{sector}' is not a sector", SECTOR_HELP)
            else:
                data.agents[row.values["noun"]] = sector
        return
    pending: dict[str, tuple[str, str, list[str], list[Role], int]] = {}
    seen: dict[tuple[str, ...], Role] = {}
    for row in tsv.rows:
        v = row.values
        ident = v.get("id", "")
        role = _tsv_role(v, path, row.line, problems, seen)
        if ident in pending:
            pending[ident][3].append(role) if role else None
            continue
        names = [n for n in v.get("names", "").split("|") if n]
        kind = v.get("kind", "")
        if not ident or not names or kind not in KINDS:
            problems.add(path, row.line, "id/kind/names", "missing or unknown",
                         f"an id, a kind ({', '.join(KINDS)}) and names")
            continue
        pending[ident] = (kind, names[0], names, [role] if role else [], row.line)
    for ident, (kind, name, names, roles, line) in pending.items():
        data.entries[ident] = Entry(ident, kind, name, tuple(names), tuple(roles), data.layers,
                                    f"{path}:{line}")


def _tsv_role(v: Mapping[str, str], path: Path, line: int, problems: Problems,
              seen: dict[tuple[str, ...], Role] | None = None) -> Role | None:
    """The role on a TSV row; identical rows share one checked Role (fast, and less memory)."""
    key = (v.get("country", ""), v.get("sector", ""), v.get("patron", ""), v.get("from", ""),
           v.get("until", ""))
    if seen is not None and key in seen:
        return seen[key]
    country, sector, patron, start, until = (k or None for k in key)
    if not _check_role(country, sector, patron, start, until, path, line, problems, ""):
        return None
    role = Role(country, sector, patron, start, until)
    if seen is not None:
        seen[key] = role
    return role


def _check_role(country: Any, sector: Any, patron: Any, start: Any, until: Any, path: Path,
                line: int, problems: Problems, prefix: str) -> bool:
    ok = True
    for name, value in (("country", country), ("patron", patron)):
        if value is not None and not (isinstance(value, str) and _CODE.match(value)):
            problems.add(path, line, prefix + name, f"{value!r} is not a country code",
                         "an ISO 3166 alpha-3 code such as IRQ, or empty")
            ok = False
    if sector is not None and sector not in SECTORS:
        problems.add(path, line, prefix + "sector", f"{sector!r} is not a sector", SECTOR_HELP)
        ok = False
    for name, value in (("from", start), ("until", until)):
        if value is not None and not (isinstance(value, str) and _ISO_DAY.match(value)) and (
                parse_iso_date(value) is None):
            problems.add(path, line, prefix + name, f"{value!r} is not a date", ISO_DATE_HELP)
            ok = False
    if (ok and start is not None and until is not None and until < start
            and (end_of(until) or "") < (parse_iso_date(start) or "")):
        problems.add(path, line, prefix + "until", f"{until} precedes from {start}",
                     "until on or after from")
        ok = False
    if ok and country is None and sector is None:
        problems.add(path, line, prefix + "country/sector", "neither given",
                     "a country, a sector, or both")
        ok = False
    return ok


def _load_yaml(path: Path, data: KBData, problems: Problems) -> None:
    try:
        doc, line_of = read_yaml(path)
    except KnowledgeError as exc:
        problems.extend_from(exc)
        return
    check_header(doc, path, line_of, problems)
    if not isinstance(doc, Mapping):
        return
    for key in doc:
        if key not in (*YAML_SECTIONS, "origin", "licence"):
            problems.add(path, line_of((key,)), key, "unknown section",
                         "origin, licence, " + ", ".join(YAML_SECTIONS))
    for section, kind in (("organisations", "org"), ("people", "person"),
                          ("countries", "country")):
        items = doc.get(section, [])
        if not isinstance(items, list):
            problems.add(path, line_of((section,)), section, "not a list", "a list of entries")
            continue
        for i, item in enumerate(items):
            entry = _yaml_entry(item, kind, (section, i), path, line_of, data.layers, problems)
            if entry is not None:
                data.entries[entry.id] = entry
    _yaml_agents(doc, path, line_of, data, problems)
    _yaml_senses(doc, path, line_of, data, problems)


def _yaml_entry(item: Any, kind: str, at: tuple[str, int], path: Path, line_of: LineOf,
                layer: int, problems: Problems) -> Entry | None:
    line = line_of(at)
    label = f"{at[0]}[{at[1]}]"
    if not isinstance(item, Mapping):
        problems.add(path, line, label, "not a mapping", "id:, names:, and roles or codes")
        return None
    names = item.get("names")
    ok = True
    if (not isinstance(names, list) or not names
            or not all(isinstance(n, str) and n.strip() for n in names)):
        problems.add(path, line_of((*at, "names")), f"{label}.names", "missing or not a list",
                     "a list of one or more names")
        ok = False
    ident = item.get("id")
    if kind == "country":
        ident = ident or f"country:{item.get('country')}"
    if not isinstance(ident, str) or not ident.strip():
        problems.add(path, line, f"{label}.id", "missing", "a unique id such as kataib_hezbollah")
        ok = False
    raw_roles = item.get("roles")
    role_at: list[tuple[Any, ...]]
    if raw_roles is None:
        raw_roles, role_at = [item], [at]
    elif isinstance(raw_roles, list) and raw_roles:
        role_at = [(*at, "roles", j) for j in range(len(raw_roles))]
    else:
        problems.add(path, line_of((*at, "roles")), f"{label}.roles", "not a list of roles",
                     "roles: [{country: ..., sector: ..., from: YYYY-MM-DD}]")
        return None
    roles = []
    for j, (raw, r_at) in enumerate(zip(raw_roles, role_at, strict=True)):
        prefix = f"{label}." if raw is item else f"{label}.roles[{j}]."
        if not isinstance(raw, Mapping):
            problems.add(path, line_of(r_at), prefix.rstrip("."), "not a mapping",
                         "{country: ..., sector: ..., from: ..., until: ...}")
            ok = False
            continue
        if raw is not item:
            for key in raw:
                if key not in ROLE_KEYS:
                    problems.add(path, line_of((*r_at, key)), prefix + key, "unknown field",
                                 ", ".join(sorted(ROLE_KEYS)))
                    ok = False
        country, sector, patron, start, until = (
            raw.get(k) for k in ("country", "sector", "patron", "from", "until"))
        if _check_role(country, sector, patron, start, until, path, line_of(r_at), problems,
                       prefix):
            roles.append(Role(country, sector, patron,
                              parse_iso_date(start) if start else None,
                              end_of(until) if until else None))
        else:
            ok = False
    transnational = item.get("transnational", False)
    if not isinstance(transnational, bool):
        problems.add(path, line_of((*at, "transnational")), f"{label}.transnational",
                     f"{transnational!r} is not true or false", "true, false, or absent")
        ok = False
    if not ok or not isinstance(names, list) or not isinstance(ident, str):
        return None
    return Entry(ident, kind, names[0], tuple(names), tuple(roles), layer, f"{path}:{line}",
                 transnational)


def _yaml_agents(doc: Mapping[str, Any], path: Path, line_of: LineOf, data: KBData,
                 problems: Problems) -> None:
    agents = doc.get("agents", {})
    if not isinstance(agents, Mapping):
        problems.add(path, line_of(("agents",)), "agents", "not a mapping",
                     "agents: {SECTOR: [noun, nouns, ...]}")
        agents = {}
    for sector, nouns in agents.items():
        if sector not in SECTORS:
            problems.add(path, line_of(("agents", sector)), f"agents.{sector}",
                         "not a sector", SECTOR_HELP)
            continue
        if not isinstance(nouns, list) or not all(isinstance(n, str) for n in nouns):
            problems.add(path, line_of(("agents", sector)), f"agents.{sector}",
                         "not a list of words", "a list of role nouns")
            continue
        for noun in nouns:
            data.agents[noun.lower()] = sector
    sectors = doc.get("local_sectors", [])
    if not isinstance(sectors, list) or not all(isinstance(m, str) for m in sectors):
        problems.add(path, line_of(("local_sectors",)), "local_sectors", "not a list of sectors",
                     "[SECTOR, SECTOR, ...]")
        sectors = []
    for i, sector in enumerate(sectors):
        if sector in SECTORS:
            data.local_sectors.add(sector)
        else:
            problems.add(path, line_of(("local_sectors", i)), "local_sectors",
                         f"{sector!r} is not a sector", SECTOR_HELP)
    for key, target in (("patron_markers", data.patron_markers),
                        ("patron_prefixes", data.patron_prefixes),
                        ("generic_words", data.generic_words),
                        ("facility_nouns", data.facility_nouns),
                        ("former_markers", data.former_markers),
                        ("opponent_prefixes", data.opponent_prefixes),
                        ("part_nouns", data.part_nouns)):
        values = doc.get(key, [])
        if not isinstance(values, list) or not all(isinstance(m, str) for m in values):
            problems.add(path, line_of((key,)), key, "not a list of words", "[word, word, ...]")
        else:
            target.update(m.lower() for m in values)


SENSE_HELP = ("{nouns: [noun, ...], default: SECTOR or null, "
              "cues: any, or {SECTOR: [SECTOR or cue word, ...]}}")


def _yaml_senses(doc: Mapping[str, Any], path: Path, line_of: LineOf, data: KBData,
                 problems: Problems) -> None:
    """``agent_senses``: role nouns whose sector depends on the words around them."""
    items = doc.get("agent_senses", [])
    if not isinstance(items, list):
        problems.add(path, line_of(("agent_senses",)), "agent_senses", "not a list", SENSE_HELP)
        return
    for i, item in enumerate(items):
        label, line = f"agent_senses[{i}]", line_of(("agent_senses", i))
        nouns = item.get("nouns") if isinstance(item, Mapping) else None
        if not isinstance(nouns, list) or not nouns or not all(
                isinstance(n, str) and key_of(n) for n in nouns):
            problems.add(path, line, f"{label}.nouns", "missing or not a list of words",
                         SENSE_HELP)
            continue
        default, cues = item.get("default"), item.get("cues")
        if default is not None and default not in SECTORS:
            problems.add(path, line, f"{label}.default", f"{default!r} is not a sector",
                         SECTOR_HELP)
            continue
        if cues == "any":
            sense = Sense(default, any_sector=True)
        elif isinstance(cues, Mapping) and all(
                k in SECTORS and isinstance(v, list) and all(isinstance(c, str) for c in v)
                for k, v in cues.items()):
            # an upper-case cue is a sector (of another role noun), a lower-case one a word
            sense = Sense(default,
                          tuple((c, k) for k, v in cues.items() for c in v if c in SECTORS),
                          tuple((key_of(c), k) for k, v in cues.items() for c in v
                                if c not in SECTORS))
        else:
            problems.add(path, line, f"{label}.cues", f"{cues!r} is not a list of cues",
                         SENSE_HELP)
            continue
        for noun in nouns:
            data.senses[key_of(noun)] = sense


def facility_places() -> list[tuple[str, str]]:
    """(name, country) of the places in our gazetteer additions that lie in one country: the
    bases, crossings and zones a facility phrase may name. Raises KnowledgeError if unreadable."""
    from polemos.gazetteer.additions import load_additions

    return [(name, p.country) for p in load_additions().places if p.country
            for name in (p.name, *p.aliases)]
