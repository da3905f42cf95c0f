"""Convert the PLOVER project's CAMEO2PLOVER table into polemos/data/ontology/cameo_plover.tsv.

Usage: python tools/convert_cameo2plover.py CAMEO2PLOVER-2021.txt polemos/data/ontology/cameo_plover.tsv

Each input line reads ``CODE: TYPE, mode, context # name``; root lines (``03: AGREE``) and
comments are skipped, a code listed twice keeps its first row. The output is CC BY-SA 4.0 like
its source, with attribution in its header.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?\s*(.*)$")

HEADER = """\
# origin: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 2021-09-17,
#   edited by Philip Schrodt), converted by tools/convert_cameo2plover.py
# licence: CC BY-SA 4.0 (c) Open Event Data Alliance; this converted table is shared alike
# columns: cameo code, PLOVER event type, mode, context (';'-separated), CAMEO name
"""


def convert(text: str) -> list[tuple[str, str, str, str, str]]:
    """Rows (code, type, mode, context, name) in file order, first row per code kept."""
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    for raw in text.splitlines():
        m = LINE.match(raw.strip())
        if not m:
            continue
        code, etype, mode, context, name = (g.strip() for g in m.groups())
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        rows.setdefault(code, (code, etype, mode.replace(" ", ""), context, name))
    return list(rows.values())


def main(argv: list[str]) -> int:
    src, dst = Path(argv[1]), Path(argv[2])
    rows = convert(src.read_text(encoding="utf-8"))
    body = "".join("\t".join(r) + "\n" for r in rows)
    dst.write_text(HEADER + "code\tevent_type\tmode\tcontext\tname\n" + body, encoding="utf-8")
    print(f"{len(rows)} codes written to {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
