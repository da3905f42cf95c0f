"""Convert PETRARCH-2's CAMEO verb dictionary into a Polemos trigger file (lemma -> CAMEO code).

Usage: python tools/convert_verbs.py CAMEO.2.0.verbs.txt polemos/data/triggers/cameo_verbs.yaml

Only what our coder can use is kept: verb blocks whose default code is a PLOVER event (CAMEO 01x
statements are dropped), each verb of the block (``ABIDE_BY`` becomes "abide by"), and the
block's one-word object patterns (``- * SANCTIONS [163]``) as objects. The dictionary is noisy,
so entries get a low confidence and our curated verbs.yaml overrides them entry by entry.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from polemos.ontology import Ontology  # noqa: E402

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
PATTERN = re.compile(r"^-\s+\*\s+([A-Z][A-Z-]+)\s+\[(\d{3,4})\]")
VERB = re.compile(r"^([A-Z][A-Z_]*)\b")
CONFIDENCE = 0.45

HEADER = """\
origin: openeventdata/petrarch2 CAMEO.2.0.verbs.txt (Open Event Data Alliance, 2015-04-30),
  converted by tools/convert_verbs.py (blocks with a PLOVER code, one-word object patterns)
licence: MIT (c) 2015 Open Event Data Alliance (polemos/data/LICENSES/phoenix.txt)
# fallback: these verbs code a sentence only when no curated trigger is found in it
fallback: true
"""


def convert(text: str, ontology: Ontology) -> dict[str, tuple[str, dict[str, str]]]:
    """lemma -> (default code, {object word: code}); first block naming a verb wins."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    code: str | None = None
    verbs: list[str] = []
    objects: dict[str, str] = {}

    def flush() -> None:
        if code is None:
            return
        for v in verbs:
            out.setdefault(v, (code, dict(objects)))

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        m = BLOCK.match(line)
        if m:
            flush()
            entry = ontology.get(m.group(2)) if m.group(2).isdigit() else None
            code = m.group(2) if entry is not None and entry.event_type else None
            verbs, objects = [], {}
            continue
        if code is None or not line:
            continue
        p = PATTERN.match(line)
        if p:
            entry = ontology.get(p.group(2))
            if entry is not None and entry.event_type:
                word = p.group(1).lower()
                objects.setdefault(word, p.group(2))
                if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
                    objects.setdefault(word[:-1], p.group(2))
            continue
        v = VERB.match(line)
        if v and not line.startswith(("-", "+", "&")):
            verbs.append(v.group(1).lower().replace("_", " "))
    flush()
    return out


def main(argv: list[str]) -> int:
    src, dst = Path(argv[1]), Path(argv[2])
    table = convert(src.read_text(encoding="utf-8", errors="replace"), Ontology.load())
    lines = [HEADER, "verbs:"]
    for verb in sorted(table):
        code, objects = table[verb]
        objs = ", ".join(f'"{k}": "{v}"' for k, v in sorted(objects.items()))
        extra = f", objects: {{{objs}}}" if objs else ""
        lines.append(f'  "{verb}": {{code: "{code}", confidence: {CONFIDENCE}{extra}}}')
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} verbs written to {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
