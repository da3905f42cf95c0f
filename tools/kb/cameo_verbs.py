"""Convert PETRARCH-2's CAMEO verb-pattern dictionary (MIT) into polemos/data/triggers/cameo_verbs.yaml.

Run: ``.venv/bin/python tools/kb/cameo_verbs.py`` (reads /work/shared/kb_sources/phoenix).

What is kept, as trigger entries our matcher reads (``extract/candidates.py``):
- every verb of every block (``+STRIKE_DOWN`` -> "strike down"), with its own code, else the
  block's; a block whose code is null (``---``) or no PLOVER event gives its verbs no code of their
  own: they code only through a pattern;
- patterns of one element after the verb: an object (a word, a ``{MODIFIER HEAD}`` phrase, a
  synonym set ``&NAME`` of at most MAX_SET members) -> the block's objects; a preposition alone
  (``* (TO)``) -> the code of "verb to"; a preposition with its object (``* (AGAINST
  &MILITARY)``) -> the objects of "verb against". The first pattern for a key wins;
- codes the ontology gives a PLOVER type; ``[042:043]`` (the source's and the target's codes)
  gives the first. Null and non-event codes on objects are left out: they are mostly the
  leftover noun/verb disambiguation the dictionary's own header warns of ("attack aircraft").
Patterns with words before the verb (subjects) are left out: our entries match what follows.
The output keeps the dictionary's blocks (verbs and their shared patterns) rather than repeating
the patterns under every verb. The old converter (tools/convert_verbs.py) dropped null-coded
blocks, preposition patterns, phrases and synonym sets, keeping one-word objects only.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common import REPO, SOURCES

from polemos.ontology import Ontology

SOURCE = SOURCES / "phoenix" / "CAMEO.2.0.verbs.txt"
OUT = REPO / "polemos" / "data" / "triggers" / "cameo_verbs.yaml"
CONFIDENCE = 0.45
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
PATTERN = re.compile(r"^-\s+(.*?)\*(.*?)\[([^\]]*)\]")
ELEMENT = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")
MARKERS = "$+^%"
MAX_SET = 30  # a synonym set larger than this is left out (see phrase_keys)

HEADER = """\
origin: openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf
  petrarch2/data/dictionaries/CAMEO.2.0.txt (CAMEO.2.0.verbs.txt, Open Event Data Alliance,
  2015-04-30), converted by tools/kb/cameo_verbs.py (every block's verbs, object and preposition
  patterns with synonym sets expanded; patterns with words before the verb left out)
licence: MIT (c) 2015 Open Event Data Alliance (polemos/data/LICENSES/phoenix.txt)
# fallback: these verbs code a sentence only when no curated trigger is found in it; for a
#   curated verb they may sharpen its code within the same PLOVER type (candidates.py)
fallback: true
"""


@dataclass
class Entry:
    code: str | None = None
    objects: dict[str, str | None] = field(default_factory=dict)


def parse_code(text: str, ontology: Ontology) -> tuple[bool, str | None]:
    """(usable, code): ``---`` is a usable null; an unknown code is unusable."""
    first = text.strip().split(":")[0].strip()
    if first in ("---", ""):
        return True, None
    return (ontology.get(first) is not None), first


def singular(word: str) -> list[str]:
    """The word and a naive singular ("sanctions" -> "sanction"): keys match lemmas too."""
    out = [word]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        out.append(word[:-1])
    return out


def phrase_keys(element: str, sets: dict[str, list[str]]) -> list[str]:
    """Object keys of one pattern element: a word, ``{MOD HEAD}`` or ``&SET`` (members)."""
    words = element.strip("{}").replace("_", " ").split()
    words = [w.strip(MARKERS) for w in words if w.strip(MARKERS)]
    if not words:
        return []
    heads = sets.get(words[-1], [words[-1].lower()]) if words[-1].startswith("&") else [
        words[-1].lower()]
    if len(heads) > MAX_SET:
        return []  # &WEAPON, &CURRENCY, &AIRCRAFT: a hundred keys repeated in every verb
    if len(words) == 1:
        return [k for h in heads for k in singular(h) if len(k) > 2]
    mods = sets.get(words[-2], []) if words[-2].startswith("&") else [words[-2].lower()]
    if len(mods) > MAX_SET:
        return []  # "{&WEAPON ATTACK}": hundreds of keys for one pattern, the head alone too loose
    return [f"{m} {k}" for m in mods if " " not in m for h in heads for k in singular(h)]


def read_sets(lines: list[str]) -> dict[str, list[str]]:
    """Synonym sets: ``&NAME`` then ``+FORM`` lines, up to the first verb block."""
    sets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        if BLOCK.match(line):
            break
        if line.startswith("&"):
            name = line.split()[0]
            sets[name] = []
        elif line.startswith("+") and name:
            form = line[1:].split("{")[0].split("[")[0].strip().rstrip("_").replace("_", " ")
            if form:
                sets[name].append(form.lower())
    return sets


def patterns(post: str, code: str | None, sets: dict[str, list[str]]
             ) -> Iterator[tuple[str, str | None, str | None]]:
    """(preposition or "", object key or None, code) for the part of a pattern after the verb."""
    elements = [e for e in ELEMENT.findall(post) if e.strip(MARKERS)]
    if len(elements) != 1:
        return  # "* STRIKE (FOR RESIGNATION)": the object alone would over-reach (1431 any strike)
    first = elements[0]
    if not first.startswith("("):
        for key in phrase_keys(first, sets):
            yield "", key, code
        return
    inner = ELEMENT.findall(first[1:-1])
    if not inner or inner[0].startswith(("{", "&")):
        return
    prep = inner[0].lower()
    rest = [e for e in inner[1:] if e.strip(MARKERS)]
    if not rest:
        yield prep, None, code
        return
    for key in phrase_keys(rest[0], sets):
        yield prep, key, code


def verb_key(line: str) -> tuple[str, str | None] | None:
    """(verb key, own code text or None) of a verb line: ``+STRIKE_DOWN {...}`` -> strike down."""
    head = line.split("{")[0].split("[")[0].split()
    if not head:
        return None
    key = head[0].replace("+", "").replace("_", " ").strip().lower()
    own = re.search(r"\[([^\]]*)\]", line.split("}")[-1])
    if not re.fullmatch(r"[a-z][a-z' -]*", key):
        return None
    return key, own.group(1) if own else None


@dataclass
class Block:
    """One verb block: its verbs with their codes, its patterns by preposition ("" for none)
    and object key ("" for the preposition alone)."""

    name: str
    verbs: dict[str, str | None] = field(default_factory=dict)
    patterns: dict[str, dict[str, str]] = field(default_factory=dict)


def convert(text: str, ontology: Ontology) -> list[Block]:
    lines = [raw.split("#", 1)[0].rstrip() for raw in text.splitlines()]
    sets = read_sets(lines)
    blocks: list[Block] = []

    def event_code(code: str | None) -> str | None:
        info = ontology.get(code) if code else None
        return code if info is not None and info.event_type else None

    block_code: str | None = None
    for line in lines:
        m = BLOCK.match(line)
        if m:
            block_code = event_code(parse_code(m.group(2), ontology)[1])
            blocks.append(Block(m.group(1)))
            continue
        if not blocks or not line.strip():
            continue
        block = blocks[-1]
        p = PATTERN.match(line)
        if p:
            usable, code = parse_code(p.group(3), ontology)
            if not usable or p.group(1).strip(" " + MARKERS):
                continue
            for prep, key, c in patterns(p.group(2), code, sets):
                # a null or non-event code is mostly the leftover noun/verb disambiguation the
                # dictionary's header warns of ("attack aircraft"): left out
                if event_code(c) is not None:
                    block.patterns.setdefault(prep, {}).setdefault(key or "", c)  # type: ignore[arg-type]
            continue
        if line.startswith(("-", "&")):
            continue
        found = verb_key(line)
        if found is not None:
            verb, own = found
            code = event_code(parse_code(own, ontology)[1]) if own is not None else block_code
            block.verbs.setdefault(verb, code)
    return [b for b in blocks if b.verbs and (b.patterns or any(b.verbs.values()))]


def mapping(table: dict[str, str | None]) -> str:
    return "{" + ", ".join(f'"{k}": {quoted(v)}' for k, v in table.items()) + "}"


def quoted(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


def main() -> int:
    blocks = convert(SOURCE.read_text(encoding="utf-8", errors="replace"), Ontology.load())
    lines = [HEADER, f"confidence: {CONFIDENCE}", "dictionary:"]
    for b in blocks:
        lines.append(f'  - block: "{b.name}"')
        lines.append(f"    verbs: {mapping(dict(b.verbs))}")
        if b.patterns:
            lines.append("    patterns:")
            lines += [f'      "{prep}": {mapping(dict(objs))}' for prep, objs in b.patterns.items()]
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_obj = sum(len(o) for b in blocks for o in b.patterns.values())
    print(f"{len(blocks)} blocks, {n_obj} patterns written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
