"""Articles per second through `code_article`, one process: `python benchmarks/throughput.py PATH...`.

Reads articles (any input format), loads knowledge once (timed apart), codes every article and
prints load time, articles/s, sentences/s and mentions per article as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

import polemos
from polemos.ingest import read_paths
from polemos.model import Article
from polemos.pipeline import code_article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    articles = [a for a in read_paths(args.paths) if isinstance(a, Article)][: args.limit]
    t0 = time.perf_counter()
    knowledge = polemos.load_knowledge()
    _ = (knowledge.nlp, knowledge.lexicon, knowledge.gazetteer)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    mentions = sum(len(code_article(a, knowledge)) for a in articles)
    seconds = time.perf_counter() - t1
    chars = sum(len(a.text) for a in articles)
    print(json.dumps({"articles": len(articles), "load_seconds": round(load, 2),
                      "code_seconds": round(seconds, 2),
                      "articles_per_second": round(len(articles) / seconds, 2),
                      "kchars_per_second": round(chars / seconds / 1000, 1),
                      "mentions_per_article": round(mentions / max(len(articles), 1), 2)}))


if __name__ == "__main__":
    main()
