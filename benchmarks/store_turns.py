"""What holding the store only per batch costs: `python benchmarks/store_turns.py PATH... [--limit N]`.

Codes the articles once (timed), then stores the coded batches twice into fresh stores in a
temporary folder, each batch as `polemos code` does it (a lookup, then one transaction): once
taking turns (the file opened and closed for each lookup and each write, as now), once holding
one connection for the whole run (as before issue 12). Prints one JSON object: seconds for
coding and for each way of storing, the cost per batch of taking turns, and its share of a run.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import polemos
from polemos.ingest import read_paths
from polemos.model import Article, Mention
from polemos.pipeline import code_article

Batch = list[tuple[Article, list[Mention]]]


def _store_all(path: Path, batches: list[Batch], hold: bool) -> float:
    store = polemos.open_store(path)
    start = time.perf_counter()
    if hold:
        with store.connected(write=True):
            _write(store, batches)
    else:
        _write(store, batches)
    return time.perf_counter() - start


def _write(store: polemos.Store, batches: list[Batch]) -> None:
    for batch in batches:
        store.lookup([a for a, _ in batch])
        store.write_batch("bench", batch)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    articles = [a for a in read_paths(args.paths) if isinstance(a, Article)][: args.limit]
    knowledge = polemos.load_knowledge()
    _ = (knowledge.nlp, knowledge.lexicon, knowledge.gazetteer)
    start = time.perf_counter()
    coded = [(a, code_article(a, knowledge)) for a in articles]
    coding = time.perf_counter() - start
    size = args.batch_size
    batches = [coded[i:i + size] for i in range(0, len(coded), size)]
    with tempfile.TemporaryDirectory() as folder:
        turns = _store_all(Path(folder) / "turns.duckdb", batches, hold=False)
        held = _store_all(Path(folder) / "held.duckdb", batches, hold=True)
        megabytes = (Path(folder) / "turns.duckdb").stat().st_size / 1e6
    extra = (turns - held) / len(batches)
    print(json.dumps({"articles": len(articles), "mentions": sum(len(m) for _, m in coded),
                      "store_mb": round(megabytes, 1), "batch_size": size, "batches": len(batches),
                      "coding_seconds": round(coding, 2), "store_seconds_turns": round(turns, 3),
                      "store_seconds_held": round(held, 3),
                      "extra_ms_per_batch": round(extra * 1000, 1),
                      "extra_share_of_run": round((turns - held) / (coding + turns), 4)}))


if __name__ == "__main__":
    main()
