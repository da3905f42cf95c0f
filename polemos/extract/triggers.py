"""The trigger lexicon: event verbs, nominal events, light verbs and clause frames, from YAML data.

Ours live in ``polemos/data/triggers/*.yaml``; a user's folder (``--kb DIR``, its ``*.yaml`` and
``triggers/*.yaml`` files that hold ``verbs``, ``nouns``, ``light_verbs``, ``instruments``,
``places``, ``outcomes``, ``not_parties``, ``unrealised``, ``boilerplate`` or ``senses``)
layers over them entry by entry (a trigger's senses as a whole). Every file is checked and all
problems are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from polemos.datafiles import read_yaml
from polemos.errors import KnowledgeError
from polemos.ontology import DATA as ONTOLOGY_DATA
from polemos.ontology import Ontology

DATA = Path(__file__).parent.parent / "data" / "triggers"
FRAMES = ("report", "intent", "predict", "prepare", "threaten", "refuse", "demand", "order", "accuse",
          "attempt", "negate")
SECTIONS = ("verbs", "nouns", "light_verbs", "instruments", "places", "outcomes", "not_parties",
            "unrealised", "boilerplate", "senses", "dictionary")
CUE_ROLES = ("mod", "by", "object", "verb", "prep")
DEFAULT_CONFIDENCE = 0.7


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon entry: the words, the CAMEO code alone (None: codes only with an object or clause)."""

    key: str
    code: str | None
    frame: str | None = None
    objects: tuple[tuple[str, str | None], ...] = ()
    confidence: float = DEFAULT_CONFIDENCE
    where: str = ""  # file:line it came from, shown by `polemos explain`
    fallback: bool = False  # from a noisy converted file: used only when nothing else is found
    harmed: str | None = None  # the code when the act's sentence tells killing or wounding in it
    clauses: tuple[tuple[str, str], ...] = ()  # governed verb lemma -> code ("order" + "leave")
    undergone: bool = False  # the subject undergoes the act: "came under fire from X"

    def object_code(self, keys: Sequence[str]) -> tuple[str, str | None] | None:
        """The first object key listed here among ``keys`` with its code (None code: no event)."""
        table = dict(self.objects)
        for k in keys:
            if k in table:
                return k, table[k]
        return None


@dataclass(frozen=True, slots=True)
class Sense:
    """One sense of an ambiguous trigger: its code (None: no event) and the parse cues that
    select it, as (role, words) pairs; roles are ``CUE_ROLES`` (see senses.yaml)."""

    name: str
    code: str | None
    cues: tuple[tuple[str, str], ...]
    where: str = ""


@dataclass(frozen=True)
class TriggerLexicon:
    """Verbs, nouns, light verbs, instruments and frame tables; read-only after ``load``."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    instruments: dict[str, str]
    frames: dict[str, dict[str, str]] = field(default_factory=dict)
    places: frozenset[str] = frozenset()  # nouns of targets that are sites, not parties ("base")
    outcomes: frozenset[str] = frozenset()  # words that tell an attack's toll ("killed", "dead")
    not_parties: frozenset[str] = frozenset()  # head lemmas never a party ("tape", "minute", "pm")
    boilerplate: tuple[re.Pattern[str], ...] = ()  # page furniture: from a match to the line's end
    unrealised: frozenset[str] = frozenset()  # "a planned offensive", "a strike is unlikely"
    senses: dict[str, tuple[Sense, ...]] = field(default_factory=dict)  # "strike": military, ...
    # the converted CAMEO verb dictionary's entries, kept beside curated ones of the same key
    dictionary: dict[str, Trigger] = field(default_factory=dict)
    types: dict[str, str | None] = field(default_factory=dict)  # CAMEO code -> PLOVER type

    def is_boilerplate(self, line: str) -> int | None:
        """Where page furniture starts in one line of text ("Copyright 2014 ...", "Posted: ...",
        "(Jane Doe/FOX5)"): a character offset, or None when the line is all story."""
        starts = [m.start() for p in self.boilerplate if (m := p.search(line)) is not None]
        return min(starts) if starts else None

    @classmethod
    def load(cls, ontology: Ontology, extra_dirs: Sequence[Path] = ()) -> TriggerLexicon:
        """Our trigger files, then each user folder's over them; raises KnowledgeError listing all
        problems (``path:line: field: what is wrong``)."""
        problems: list[str] = []
        verbs: dict[str, Trigger] = {}
        nouns: dict[str, Trigger] = {}
        light: set[str] = set()
        places: set[str] = set()
        outcomes: set[str] = set()
        not_parties: set[str] = set()
        unrealised: set[str] = set()
        boilerplate: list[re.Pattern[str]] = []
        instruments: dict[str, str] = {}
        senses: dict[str, tuple[Sense, ...]] = {}
        dictionary: dict[str, Trigger] = {}
        paths = sorted(DATA.glob("*.yaml"))
        for d in extra_dirs:
            paths += sorted(Path(d).glob("*.yaml")) + sorted(Path(d).glob("triggers/*.yaml"))
        for path in paths:
            shown = _shown(path)
            try:
                doc, line_of = read_yaml(path)
            except KnowledgeError as err:
                problems.append(str(err))
                continue
            if not isinstance(doc, dict) or not any(k in doc for k in SECTIONS):
                continue
            for key in ("origin", "licence"):
                if key not in doc:
                    problems.append(f"{path}:1: {key}: missing (every data file names its {key})")
            for sect, target in (("verbs", verbs), ("nouns", nouns)):
                for k, v in (doc.get(sect) or {}).items():
                    entry = _entry(str(k).lower(), v, f"{shown}:{line_of((sect, k))}",
                                   ontology, problems, sect)
                    if entry is not None and doc.get("fallback") is True:
                        entry = replace(entry, fallback=True)
                    if entry is not None:
                        target[entry.key] = entry
            if doc.get("dictionary"):
                found = _dictionary(doc["dictionary"], shown, line_of, ontology, problems,
                                    doc.get("confidence", DEFAULT_CONFIDENCE))
                dictionary.update(found)
                verbs.update({k: e for k, e in found.items() if k not in verbs})
            for k in doc.get("light_verbs") or []:
                light.add(str(k).lower())
            for k in doc.get("places") or []:
                places.add(str(k).lower())
            for k in doc.get("outcomes") or []:
                outcomes.add(str(k).lower())
            for k in doc.get("not_parties") or []:
                not_parties.add(str(k).lower())
            for k in doc.get("unrealised") or []:
                unrealised.add(str(k).lower())
            for n, k in enumerate(doc.get("boilerplate") or []):
                try:
                    boilerplate.append(re.compile(str(k)))
                except re.error as e:
                    problems.append(f"{shown}:{line_of(('boilerplate', n))}: boilerplate: "
                                    f"bad pattern {k!r} ({e})")
            for k, v in (doc.get("senses") or {}).items():
                read = _senses(str(k).lower(), v, shown, line_of, ontology, problems)
                if read:
                    senses[str(k).lower()] = read
            for k, v in (doc.get("instruments") or {}).items():
                where = f"{shown}:{line_of(('instruments', k))}"
                if str(v) not in ontology:
                    problems.append(f"{where}: instruments.{k}: unknown CAMEO code {v!r}")
                else:
                    instruments[str(k).lower()] = str(v)
        frames = _read_frames(ONTOLOGY_DATA / "frames.tsv", ontology, problems)
        if problems:
            raise KnowledgeError(problems[0], problems=tuple(problems))
        return cls(verbs, nouns, frozenset(light), instruments, frames, frozenset(places),
                   frozenset(outcomes), frozenset(not_parties), tuple(boilerplate),
                   frozenset(unrealised), senses, dictionary,
                   _types((*dictionary.values(), *verbs.values()), ontology))

    def reframe(self, frame: str, code: str) -> str | None:
        """The code an event gets when governed by a frame ("threaten" + 190 → 1384); None: none."""
        table = self.frames.get(frame)
        if not table:
            return code
        prefix = max((p for p in table if p != "*" and code.startswith(p)), key=len, default="*")
        out = table.get(prefix, table.get("*", "-"))
        return code if out == "=" else None if out == "-" else out


def _shown(path: Path) -> str:
    """How a rule names its file: ours relative to the package, so records do not depend on
    where Polemos is installed; a user's file by the path they gave."""
    try:
        return "polemos/" + path.resolve().relative_to(DATA.resolve().parents[1]).as_posix()
    except ValueError:
        return str(path)


def _entry(key: str, value: Any, where: str, ontology: Ontology, problems: list[str],
           section: str) -> Trigger | None:
    """One entry checked: codes must be CAMEO codes we know, frames must be known frames."""
    spec = {"code": value} if not isinstance(value, dict) else dict(value)
    unknown = sorted(set(spec) - {"code", "frame", "objects", "confidence", "harmed", "clauses",
                              "undergone"})
    if unknown:
        problems.append(f"{where}: {section}.{key}: unknown field(s) {unknown} "
                        "(expected code, frame, objects, clauses, confidence, harmed, undergone)")
        return None
    code = None if spec.get("code") is None else str(spec["code"])
    harmed = None if spec.get("harmed") is None else str(spec["harmed"])
    for name, value in (("code", code), ("harmed", harmed)):
        if value is not None and value not in ontology:
            problems.append(f"{where}: {section}.{key}.{name}: unknown CAMEO code {value!r}")
            return None
    frame = spec.get("frame")
    if frame is not None and frame not in FRAMES:
        problems.append(f"{where}: {section}.{key}.frame: {frame!r} (expected one of {FRAMES})")
        return None
    objects = []
    for ok, ov in (spec.get("objects") or {}).items():
        if ov is not None and str(ov) not in ontology:
            problems.append(f"{where}: {section}.{key}.objects.{ok}: unknown CAMEO code {ov!r}")
            continue
        objects.append((str(ok).lower(), None if ov is None else str(ov)))
    clauses = []
    for ck, cv in (spec.get("clauses") or {}).items():
        if str(cv) not in ontology:
            problems.append(f"{where}: {section}.{key}.clauses.{ck}: unknown CAMEO code {cv!r}")
            continue
        clauses.append((str(ck).lower(), str(cv)))
    try:
        confidence = float(spec.get("confidence", DEFAULT_CONFIDENCE))
    except (TypeError, ValueError):
        confidence = -1.0
    if not 0 <= confidence <= 1:
        problems.append(f"{where}: {section}.{key}.confidence: expected a number from 0 to 1")
        return None
    if code is None and frame is None and not objects:
        problems.append(f"{where}: {section}.{key}: needs a code, a frame or objects")
        return None
    undergone = spec.get("undergone", False)
    if not isinstance(undergone, bool):
        problems.append(f"{where}: {section}.{key}.undergone: expected true or false")
        return None
    return Trigger(key, code, frame, tuple(objects), confidence, where, harmed=harmed,
                   clauses=tuple(clauses), undergone=undergone)


def _dictionary(blocks: Any, shown: str, line_of: Any, ontology: Ontology,
                problems: list[str], confidence: Any) -> dict[str, Trigger]:
    """The converted verb dictionary (``cameo_verbs.yaml``): blocks of synonym verbs sharing
    patterns by preposition ("" none) and object ("" the preposition alone). A verb in several
    blocks takes the first block's code and the first code given for each object."""
    codes: dict[str, str | None] = {}
    objects: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for n, block in enumerate(blocks if isinstance(blocks, list) else []):
        at = f"{shown}:{line_of(('dictionary', n))}"
        verbs, patterns = (block.get("verbs"), block.get("patterns") or {}) if isinstance(
            block, dict) else (None, None)
        if not isinstance(verbs, dict) or not isinstance(patterns, dict):
            problems.append(f"{at}: dictionary: expected verbs: and patterns: mappings")
            continue
        bad = sorted({str(c) for t in (verbs, *patterns.values()) for c in t.values()
                      if c is not None and str(c) not in ontology})
        if bad:
            problems.append(f"{at}: dictionary: unknown CAMEO code(s) {bad}")
            continue
        for verb, own in verbs.items():
            for prep, table in (("", {}), *patterns.items()):
                key = f"{verb} {prep}".strip()
                where.setdefault(key, at)
                alone = table.get("", own if not prep else None)
                if codes.get(key) is None:
                    codes[key] = None if alone is None else str(alone)
                merged = objects.setdefault(key, {})
                for obj, code in table.items():
                    if obj:
                        merged.setdefault(str(obj), str(code))
    if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        problems.append(f"{shown}:1: confidence: expected a number from 0 to 1")
        return {}
    return {k: Trigger(k, codes[k], None, tuple(objects[k].items()), float(confidence), where[k],
                       fallback=True)
            for k in codes if codes[k] is not None or objects[k]}


def _types(entries: Sequence[Trigger], ontology: Ontology) -> dict[str, str | None]:
    """The PLOVER type of every code verbs give (for ``candidates._sharpen``)."""
    codes = {c for e in entries for c in (e.code, *(v for _, v in e.objects)) if c}
    return {c: info.event_type if (info := ontology.get(c)) else None for c in codes}


def _senses(key: str, value: Any, shown: str, line_of: Any, ontology: Ontology,
            problems: list[str]) -> tuple[Sense, ...]:
    """One trigger's senses checked: known codes (or null), known cue roles, lists of words."""
    if not isinstance(value, dict):
        problems.append(f"{shown}:{line_of(('senses', key))}: senses.{key}: expected a mapping "
                        "of sense names to {code, cues}")
        return ()
    out = []
    for name, spec in value.items():
        where = f"{shown}:{line_of(('senses', key, name))}"
        field_ = f"senses.{key}.{name}"
        if not isinstance(spec, dict) or "code" not in spec:
            problems.append(f"{where}: {field_}: expected code and cue lists")
            continue
        unknown = sorted(set(spec) - {"code", *CUE_ROLES})
        code = None if spec["code"] is None else str(spec["code"])
        if unknown:
            problems.append(f"{where}: {field_}: unknown field(s) {unknown} "
                            f"(expected code, {', '.join(CUE_ROLES)})")
        elif code is not None and code not in ontology:
            problems.append(f"{where}: {field_}.code: unknown CAMEO code {code!r}")
        elif any(not isinstance(spec.get(r, []), list) for r in CUE_ROLES):
            problems.append(f"{where}: {field_}: cues must be lists of words")
        else:
            cues = tuple((r, str(w).lower()) for r in CUE_ROLES for w in spec.get(r, []))
            out.append(Sense(str(name), code, cues, where))
    return tuple(out)


def _read_frames(path: Path, ontology: Ontology, problems: list[str]) -> dict[str, dict[str, str]]:
    frames: dict[str, dict[str, str]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(n, ln.split("\t")) for n, ln in enumerate(lines, 1) if ln and not ln.startswith("#")]
    for n, cells in rows[1:]:
        if len(cells) != 3 or cells[0] not in FRAMES or not (
                cells[2] in ("=", "-") or cells[2] in ontology):
            problems.append(f"{path}:{n}: frame: expected frame, code prefix, CAMEO code")
            continue
        frames.setdefault(cells[0], {})[cells[1]] = cells[2]
    return frames
