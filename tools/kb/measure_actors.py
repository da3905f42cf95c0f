"""Measure the actor KB: load time, size, and the share of PLOVER gold actor strings whose
resolved country matches the gold (measurement only: no gold string is ever added as data).

Run: ``.venv/bin/python tools/kb/measure_actors.py [GOLD_JSON]`` (default: the PLOVER dev half).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from polemos.resolve.actors.kb import ActorKB  # noqa: E402

GOLD = Path("/work/shared/gold/plover_gsr/plover_gsr_dev.json")
# as the held-out scorer (shared/tools/score_dev.py): codes that are not countries are not
# scored, and the gold's typos for Japan, Vietnam and Italy are read as their ISO3
NOT_COUNTRY = {"IGO", "NGO", "MNC", "---", "***", "UAF", "REB", "GOV", "MIL", "CVL", "IMG", "ISM"}
FIX = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}


def main() -> int:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    cpu, wall = time.process_time(), time.perf_counter()
    kb = ActorKB.load()
    print(f"load: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s cpu;"
          f" {len(kb)} entries, {len(kb.names.keys)} distinct names,"
          f" {len(kb.agent_sector)} role nouns")
    total = country_ok = sector_ok = sector_total = resolved = 0
    misses: Counter[str] = Counter()
    for record in json.loads(gold.read_text(encoding="utf-8")):
        for side in ("source", "target"):
            actors = record.get(side)
            if not isinstance(actors, list):
                continue
            for a in actors:
                text, code = a.get("actorText"), (a.get("code") or "")[:3]
                code = FIX.get(code, code)
                if not text or not code or code in NOT_COUNTRY:
                    continue
                total += 1
                got = kb.resolve(text, record.get("date"))
                resolved += got is not None
                if got is not None and (got.country or "") == code:
                    country_ok += 1
                else:
                    misses[f"{text!r} gold={code} got={got.country if got else None}"] += 1
                if a.get("sector"):
                    sector_total += 1
                    sector_ok += got is not None and got.sector == a["sector"]
    print(f"actor strings: {total}; resolved {resolved}; country matches {country_ok} "
          f"({country_ok / max(total, 1):.1%}); sector matches {sector_ok}/{sector_total}")
    for text, n in misses.most_common(25):
        print(f"  miss x{n}: {text}")
    t = time.perf_counter()
    patterns = kb.ruler_patterns()
    print(f"ruler patterns: {len(patterns)} ({time.perf_counter() - t:.2f} s to build)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
