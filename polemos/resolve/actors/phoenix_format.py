"""Reader of the Phoenix/PETRARCH actor and agent dictionary formats (TABARI-style text files).

Used twice: by ``tools/kb/phoenix.py`` to convert the Phoenix dictionaries into our data files,
and at run time by ``ActorKB.from_phoenix`` so that a PETRARCH-style dictionary (e.g. the
validation suite's ``PETR.Validate.actors.txt``) can serve as a custom knowledge base.

Format (``dictionaries-format.rst``): a primary phrase in CAPS with ``_`` for blanks, optional
``[CODE]``; ``+`` synonym lines; indented ``[CODE date-date]``/``[CODE >date]``/``[CODE <date]``
restriction lines. Dates are YYYYMMDD or YYMMDD; any other length (the 7-digit slip in
``[KORGOVBUS 2004017-20061201]``) is reported as a problem and the restriction skipped, never
silently misread. Agents: ``PHRASE {PLURALS} [~CODE]`` with ``!SET! = A, B`` substitutions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from polemos.datafiles import Problems
from polemos.errors import KnowledgeError
from polemos.resolve.actors.files import KBData
from polemos.resolve.actors.index import Entry, Role

_CODE = re.compile(r"\[([^\]]*)\]")
T = TypeVar("T")
_SUBST_DEF = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


@dataclass(frozen=True, slots=True)
class PhoenixRole:
    """One code of an actor, valid ``start``..``end`` (ISO dates, both inclusive; None is open)."""

    code: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class PhoenixActor:
    """One actor record: its phrases (as written, ``_`` read as blanks), codes, and source line."""

    names: tuple[str, ...]
    roles: tuple[PhoenixRole, ...]
    line: int


@dataclass(frozen=True, slots=True)
class PhoenixAgent:
    """One agent (role noun) record: its phrase forms (singular and plurals) and its code."""

    forms: tuple[str, ...]
    code: str
    line: int


def phrase_text(raw: str) -> str:
    """A dictionary phrase as words: ``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN``."""
    return " ".join(raw.replace("_", " ").split())


def _read_lines(path: Path) -> list[str]:
    """The file's lines: UTF-8, with a line in Windows-1252 read as such (Phoenix mixes them)."""
    out = []
    for raw in path.read_bytes().splitlines():
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1252", errors="replace"))
    return out


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _yymmdd(text: str) -> str | None:
    """YYYYMMDD or YYMMDD as ISO; None for any other shape or an impossible day."""
    import datetime as dt

    if not text.isdigit():
        return None
    if len(text) == 8:
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif len(text) == 6:
        yy = int(text[:2])
        # TABARI reads two-digit years in a window; these dictionaries end in 2014
        y, m, d = (2000 + yy if yy <= 30 else 1900 + yy), int(text[2:4]), int(text[4:])
    else:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_role(body: str, path: Path, line: int, problems: Problems) -> PhoenixRole | None:
    """One bracket body (``USAGOV 170120-210120``) as a role; a bad date is a problem, None."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return PhoenixRole(code)
    spec = "".join(parts[1:])
    expected = "YYYYMMDD or YYMMDD in <date, >date or date-date"
    if spec.startswith(("<", ">")):
        when = _yymmdd(spec[1:])
        if when is None:
            problems.add(path, line, "date", f"'{spec[1:]}' is not a date", expected)
            return None
        return PhoenixRole(code, end=when) if spec[0] == "<" else PhoenixRole(code, start=when)
    first, sep, last = spec.partition("-")
    start, end = _yymmdd(first), _yymmdd(last)
    if not sep or start is None or end is None:
        bad = first if start is None else last
        problems.add(path, line, "date", f"'{bad}' is not a date ({len(bad)} digits)", expected)
        return None
    if end < start:
        problems.add(path, line, "date", f"range ends {end} before it starts {start}",
                     "the end on or after the start")
        return None
    return PhoenixRole(code, start, end)


def read_actors(path: Path, problems: Problems) -> list[PhoenixActor]:
    """Read a Phoenix actor dictionary into records; malformed lines go to ``problems``.

    Consecutive primary phrases with no code of their own share the codes that follow them
    (TABARI's grouping); a block that ends with no code at all is dropped.
    """
    lines = _read_lines(path)
    actors: list[PhoenixActor] = []
    names: list[str] = []
    roles: list[PhoenixRole] = []
    start_line = 0

    def flush() -> None:
        nonlocal names, roles
        if names and roles:
            actors.append(PhoenixActor(tuple(names), tuple(roles), start_line))
        names, roles = [], []

    in_xml_comment = False
    for number, raw in enumerate(lines, start=1):
        if in_xml_comment or raw.lstrip().startswith("<!"):
            # PETRARCH files also carry <!-- ... --> comments, some over several lines
            in_xml_comment = "-->" not in raw
            continue
        line = _strip_comment(raw)
        if not line.strip():
            if not raw.strip():
                flush()  # a blank line ends a block; comment-only lines do not
            continue
        stripped = line.strip()
        if stripped.startswith("[") and raw[:1] in (" ", "\t"):
            role = _role_of(stripped, path, number, problems)
            if role is not None:
                roles.append(role)
            elif not names:
                problems.add(path, number, "restriction", "no actor above it", "a phrase line")
            continue
        is_synonym = stripped.startswith("+")
        phrase, codes = _split_phrase(stripped.lstrip("+"), path, number, problems)
        if not is_synonym and roles:
            flush()
        if not names:
            start_line = number
        if phrase:
            names.append(phrase)
        roles.extend(codes)
    flush()
    return actors


def _role_of(bracketed: str, path: Path, line: int, problems: Problems) -> PhoenixRole | None:
    match = _CODE.search(bracketed)
    if match is None:
        problems.add(path, line, "restriction", "no closing ']'", "[CODE date-date]")
        return None
    return parse_role(match.group(1), path, line, problems)


def _split_phrase(text: str, path: Path, line: int,
                  problems: Problems) -> tuple[str, list[PhoenixRole]]:
    codes = []
    for match in _CODE.finditer(text):
        role = parse_role(match.group(1), path, line, problems)
        if role is not None:
            codes.append(role)
    phrase = _CODE.sub(" ", text).split(";", 1)[0]
    return phrase_text(phrase), codes


def _plurals(root: str) -> list[str]:
    """PETRARCH's regular plurals: +S, Y -> IES, SS -> SSES."""
    if root.endswith("SS"):
        return [root + "ES"]
    if root.endswith("Y") and root[-2:-1] not in ("A", "E", "O", "U"):
        return [root[:-1] + "IES"]
    return [root + "S"]


def read_agents(path: Path, problems: Problems) -> list[PhoenixAgent]:
    """Read a Phoenix agent dictionary (role nouns -> codes), expanding plurals and ``!SETS!``."""
    subst: dict[str, list[str]] = {}
    agents: list[PhoenixAgent] = []
    for number, raw in enumerate(_read_lines(path), start=1):
        line = _strip_comment(raw).strip()
        if not line or line.startswith("<!--"):
            continue
        definition = _SUBST_DEF.match(line)
        if definition:
            subst[definition.group(1)] = [w.strip() for w in definition.group(2).split(",")]
            continue
        match = _CODE.search(line)
        if match is None:
            problems.add(path, number, "code", "no [code]", "PHRASE {PLURALS} [~CODE]")
            continue
        code = match.group(1).strip().replace("}", "")
        head = line[: match.start()]
        plural_spec: str | None = None
        if "{" in head:
            head, _, rest = head.partition("{")
            plural_spec = rest.split("}", 1)[0]
        root = head.strip()
        if not root or not code:
            problems.add(path, number, "phrase", "empty phrase or code", "PHRASE [~CODE]")
            continue
        for variant in _expand(root, subst):
            forms = [variant]
            if plural_spec is None:
                if "!" not in root:
                    forms += _plurals(variant.rstrip("_"))
            else:
                forms += plural_spec.split()
            agents.append(PhoenixAgent(tuple(dict.fromkeys(phrase_text(f) for f in forms if f)),
                                       code, number))
    return agents


def _expand(root: str, subst: Mapping[str, list[str]]) -> Iterator[str]:
    match = re.search(r"!(\w+)!", root)
    if match is None or match.group(1) not in subst:
        yield root
        return
    for word in subst[match.group(1)]:
        yield from _expand(root[: match.start()] + word + root[match.end():], subst)


def split_code(code: str, countries: Mapping[str, str | None],
               sectors: Mapping[str, str]) -> tuple[str | None, str | None]:
    """A CAMEO actor code as (ISO3 country, Polemos sector): ``IRQGOV`` -> (IRQ, GOV).

    ``countries`` maps CAMEO prefixes that are not ISO3 (``cameo_codes.yaml``); an unknown
    three-letter prefix is taken as ISO3. ``IGOUNO`` -> (None, IGO); ``---`` -> (None, None).
    """
    code = code.strip().lstrip("~").rstrip("~").upper()
    if not code or set(code) == {"-"}:
        return None, None
    country: str | None = None
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    first = chunks[0]
    if first in countries:
        country = countries[first]
    elif first in sectors and len(chunks) == 1:
        return None, sectors[first]
    else:
        country = first
    # IMGREB is a rebel group: the code after a non-country prefix says more than the prefix
    sector = next((sectors[c] for c in chunks[1:] if c in sectors), None)
    if sector is None and country is None:
        sector = sectors.get(first)
    return country, sector


def agent_sector(code: str, sectors: Mapping[str, str]) -> str | None:
    """An agent code (``~GOVFRM``, ``NGO~``) as a Polemos sector: its first known 3-letter part."""
    body = code.strip().strip("~").upper()
    chunks = [body[i:i + 3] for i in range(0, len(body), 3)]
    return next((sectors[c] for c in chunks if c in sectors), None)


def kb_data(actor_paths: Sequence[Path], agent_paths: Sequence[Path],
            countries: Mapping[str, str | None], sectors: Mapping[str, str],
            problems: Problems) -> KBData:
    """Phoenix-format actor and agent files as knowledge-base records (one layer).

    Records with dated codes are people, with only bare country codes countries, else
    organisations. Malformed lines go to ``problems``; an unreadable file raises KnowledgeError.
    """
    data = KBData(layers=1)
    for path in map(Path, actor_paths):
        for actor in _read_or_raise(read_actors, path, problems):
            roles = []
            for r in actor.roles:
                country, sector = split_code(r.code, countries, sectors)
                if country or sector:
                    roles.append(Role(country, sector, None, r.start, r.end))
            if not roles:
                continue
            dated = any(r.is_dated for r in roles)
            kind = "person" if dated else ("country" if all(
                r.sector is None for r in roles) else "org")
            ident = f"{path.name}:{actor.line}"
            data.entries[ident] = Entry(ident, kind, actor.names[0], actor.names,
                                        tuple(roles), 1, f"{path}:{actor.line}")
    for path in map(Path, agent_paths):
        for agent in _read_or_raise(read_agents, path, problems):
            sector = agent_sector(agent.code, sectors)
            if not sector:
                continue
            for form in agent.forms:
                data.agents[form.lower()] = sector
    return data


def _read_or_raise(reader: Callable[[Path, Problems], list[T]], path: Path,
                   problems: Problems) -> list[T]:
    try:
        return reader(path, problems)
    except OSError as exc:
        raise KnowledgeError(f"cannot read: {exc}", where=str(path), field="file") from exc
