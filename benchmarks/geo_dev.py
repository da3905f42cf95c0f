"""Geoparse dev gold (TR-News / GeoVirus XML) with our NER + gazetteer and print the scores.

Usage: .venv/bin/python benchmarks/geo_dev.py GOLD.xml [--limit N] [--misses N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from polemos.evaluate.geoparsing import evaluate_geoparsing, format_geoparsing
from polemos.extract.place_names import place_mentions
from polemos.gazetteer.lookup import Gazetteer
from polemos.nlp import entities, load_nlp
from polemos.resolve.places.toponyms import find_toponyms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--misses", type=int, default=0, help="list this many worst misses")
    args = parser.parse_args()
    nlp = load_nlp()
    started = time.perf_counter()
    gazetteer = Gazetteer.open()
    print(f"gazetteer open {1000 * (time.perf_counter() - started):.1f} ms", file=sys.stderr)
    timing = {"parse": 0.0, "geo": 0.0, "n": 0}

    def geoparse(doc_id: str, text: str):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        found = find_toponyms(text, place_mentions(text, entities(doc), gazetteer))
        timing["parse"] += t1 - t0
        timing["geo"] += time.perf_counter() - t1
        timing["n"] += 1
        return found

    report = evaluate_geoparsing(args.gold, geoparse, limit=args.limit, worst=max(args.misses, 10))
    print(format_geoparsing(report))
    for words, km, doc, chosen in report["worst_misses"][:args.misses]:
        print(f"  {km:>6} km  {words!r} -> {chosen}  ({doc})")
    n = max(timing["n"], 1)
    print(f"  time per article: parse {1000 * timing['parse'] / n:.1f} ms, "
          f"geoparse {1000 * timing['geo'] / n:.1f} ms")


if __name__ == "__main__":
    main()
