"""GVA event date, killed count and place on slices of the eligible articles, with the real coder.

  .venv/bin/python benchmarks/gva_slices.py GVA_DIR [--slice NAME=START:END ...]

The held-out scorer's rules (see ``polemos.evaluate.gva``): the articles with both QC flags and
one incident, shuffled as the scorer shuffles them; only ASSAULT records count; the commonest
day-precision date must equal the incident date, the largest ``dead`` its ``num_killed``, and
the first located record lie within 50 km of it.
The scorer's dev sample is the first 300; the slices after it are other incidents, as the
held-out set is, so a rule fitted to the sample shows there. Default slices: sample=0:300,
unseen=300:1000, last=1000:2000.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from polemos.evaluate.geoparsing import km
from polemos.evaluate.gva import gva_sample
from polemos.knowledge import load_knowledge
from polemos.model import Article
from polemos.pipeline import code_article


def _slice(spec: str) -> tuple[str, int, int]:
    name, _, span = spec.partition("=")
    start, _, end = span.partition(":")
    return name, int(start), int(end)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--slice", dest="slices", action="append", type=_slice,
                    help="NAME=START:END over the scorer's shuffled list (repeatable)")
    args = ap.parse_args()
    slices = args.slices or [("sample", 0, 300), ("unseen", 300, 1000), ("last", 1000, 2000)]
    every, incidents = gva_sample(args.gold, 1_000_000)
    knowledge = load_knowledge()
    print("| slice | articles | date exact | killed exact | place <= 50 km | seconds |")
    print("|---|---|---|---|---|---|")
    for name, start, end in slices:
        articles = every[start:end]
        if not articles:
            continue
        t0 = time.monotonic()
        dates = killed = placed = 0
        for a in articles:
            article = Article(id=str(a["article_id"]), text=str(a["text"]), date=a.get("dct"),
                              title=a.get("title"))
            gold = incidents[str(a["incident_id"])]
            assaults = [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]
            days = Counter(m.date for m in assaults if (m.date_precision or "day") == "day")
            dates += bool(days) and days.most_common(1)[0][0] == gold["date_iso"]
            killed += bool(assaults) and max(m.dead or 0 for m in assaults) == gold["num_killed"]
            first = next((m.location for m in assaults if m.location is not None
                          and m.location.lat is not None), None)
            placed += first is not None and km(first.lat, first.lon or 0.0, float(gold["lat"]),
                                               float(gold["lon"])) <= 50
        n = len(articles)
        print(f"| {name} ({start}-{start + n}) | {n} | {dates / n:.3f} | {killed / n:.3f} | "
              f"{placed / n:.3f} | {time.monotonic() - t0:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
