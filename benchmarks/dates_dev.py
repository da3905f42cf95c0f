"""Measure dates and casualty counts on development gold, with the held-out scorers' rules.

  .venv/bin/python benchmarks/dates_dev.py TIMEML_DIR [--wrong N]
      DATE value accuracy of find_time_expressions (as score_dev.py te3), e.g.
      ../shared/gold/tempeval3/TBAQ-cleaned
  .venv/bin/python benchmarks/dates_dev.py --gva GVA_DIR [--limit N] [--carry]
      an approximation of the gva set until the pipeline exists: every sentence with a shooting
      word becomes an ASSAULT record dated by event_date and counted by find_casualties.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

from polemos.evaluate.gva import evaluate_gva, format_gva
from polemos.evaluate.timeml import evaluate_timeml, format_timeml
from polemos.extract.numbers import find_casualties
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import Article, TextSpan
from polemos.resolve.dates.event_dates import event_date

SHOOTING = re.compile(r"(?i)\b(?:shot|shooting|shootings|killed|wounded|gunfire|gunman|"
                      r"opened fire|fatally|slain|injured)\b")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def code_by_sentences(articles: list[Article]) -> list[dict[str, Any]]:
    """ASSAULT records for sentences with a shooting word: the stand-in for the real pipeline."""
    records = []
    for a in articles:
        times = find_time_expressions(a.text, a.date)
        for m in SENTENCE.finditer(a.text):
            hit = SHOOTING.search(m.group())
            if hit is None:
                continue
            sentence = TextSpan(m.group(), m.start(), m.end())
            trigger = TextSpan(hit.group(), m.start() + hit.start(), m.start() + hit.end())
            value, precision, _ = event_date(sentence, trigger, times, a.date)
            counts = find_casualties(m.group())
            records.append({"doc_id": a.id, "event_type": "ASSAULT", "date": value,
                            "date_precision": precision, "dead": counts.dead,
                            "injured": counts.injured, "location": None})
    return records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, nargs="?", help="TimeML folder")
    ap.add_argument("--gva", type=Path, help="GVA folder (incidents.jsonl, articles.jsonl)")
    ap.add_argument("--limit", type=int, help="GVA sample size (default 300, as held out)")
    ap.add_argument("--wrong", type=int, default=20, help="how many TimeML misses to list")
    args = ap.parse_args()
    if not args.gold and not args.gva:
        ap.error("give a TimeML folder or --gva DIR")
    t0 = time.monotonic()
    if args.gold:
        print(format_timeml(evaluate_timeml(args.gold), wrong=args.wrong))
    if args.gva:
        print(format_gva(evaluate_gva(args.gva, code_by_sentences, limit=args.limit)))
    print(f"({time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
