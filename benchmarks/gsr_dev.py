"""Measure the event coder on the PLOVER gold-standard records (score_dev.py's gsr figures).

Usage: .venv/bin/python benchmarks/gsr_dev.py GOLD_JSON [--limit N] [--json] [--show-wrong]
       [--show-actors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from polemos.evaluate.plover_gsr import evaluate_plover_gsr, format_plover_gsr, read_gold
from polemos.extract.events import extract_mentions
from polemos.knowledge import load_knowledge
from polemos.model import Article, Mention


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-wrong", action="store_true", help="print sentences with a wrong top")
    ap.add_argument("--show-actors", action="store_true",
                    help="print sentences whose chosen mention has a wrong actor country")
    a = ap.parse_args()
    knowledge = load_knowledge()
    t0 = time.monotonic()

    def code(articles: list[Article]) -> list[Mention]:
        out: list[Mention] = []
        for art in articles:
            out.extend(extract_mentions(knowledge.nlp(art.text), art, knowledge))
        return out

    coded: list[Mention] = []

    def keep(articles: list[Article]) -> list[Mention]:
        coded.extend(code(articles))
        return coded

    result = evaluate_plover_gsr(a.gold, keep, limit=a.limit)
    result["seconds"] = round(time.monotonic() - t0, 1)
    if a.show_wrong or a.show_actors:
        from polemos.evaluate.plover_gsr import TYPE_MAP
        records = read_gold(a.gold)[:a.limit]
        for i, r in enumerate(records):
            want = TYPE_MAP.get(r["event"], r["event"])
            ms = sorted((m for m in coded if m.doc_id == f"gsr{i}"), key=lambda m: -m.confidence)
            chosen = [m for m in ms if m.event_type == want] or ms[:1]
            src = {str(p.get("code", ""))[:3] for p in (r.get("source") or [])
                   if isinstance(p, dict)}
            got = {(x.country or "")[:3] for m in chosen for x in m.actors}
            if a.show_actors and src and not src & got:
                print(f"[{i}] actors {sorted(src)} got {sorted(got)}: {r['text'][:120]}",
                      file=sys.stderr)
            if not a.show_wrong:
                continue
            if not ms or ms[0].event_type != want:
                got = "; ".join(f"{m.event_type}/{m.cameo} '{m.trigger.text}' {m.confidence}"
                                for m in ms) or "nothing"
                print(f"[{i}] {want}: {got}\n    {r['text'][:160]}", file=sys.stderr)
    print(json.dumps(result) if a.json else format_plover_gsr(result)
          + f"\n  ({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
