"""What keeping incidents current costs as a store grows: `python benchmarks/incident_refresh.py
[--sizes 10000 50000 200000] [--days 730]`.

For each size, a fresh store in a temporary folder gets that many mentions (two attacks per
article, articles spread evenly over ``--days`` days; no parse: the store's side only), then:
the first refresh (every mention clustered), a refresh after one more article (a new run's usual
case), a refresh with nothing new (a re-run), and a rebuild. Prints one JSON object per size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import polemos
from polemos.incident_store import rebuild_incidents, refresh_incidents
from polemos.model import Article, Mention, TextSpan, mention_record

BATCH = 5_000  # articles per write


def _article(k: int, day: dt.date) -> tuple[Article, list[dict[str, Any]]]:
    doc = f"a{k}"
    article = Article(doc, f"Two attacks, report {k}.", day.isoformat(), source=f"outlet{k % 50}")
    return article, [mention_record(Mention(f"{doc}-{i}", doc, i, "s", TextSpan("hit", 0, 3),
                                            "ASSAULT", published=day.isoformat(),
                                            date=day.isoformat(), date_precision="day"))
                     for i in range(2)]


def _timed(f: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = f(*args)
    return round(time.perf_counter() - start, 3), out


def measure(size: int, days: int, folder: Path) -> dict[str, Any]:
    start = dt.date(2020, 1, 1)
    articles = size // 2
    with polemos.open_store(folder / f"s{size}.duckdb") as store:
        for first in range(0, articles, BATCH):
            store.write_batch("bench", [_article(k, start + dt.timedelta(days=k * days // articles))
                                        for k in range(first, min(first + BATCH, articles))])
        full, _ = _timed(refresh_incidents, store)
        store.write_batch("bench", [_article(articles, start + dt.timedelta(days=days // 2))])
        one, done = _timed(refresh_incidents, store, [f"a{articles}"])
        again, _ = _timed(refresh_incidents, store)
        rebuild, _ = _timed(rebuild_incidents, store)
    return {"mentions": size, "days": days, "first_refresh_s": full, "one_article_s": one,
            "one_article_block": done.mentions, "rerun_s": again, "rebuild_s": rebuild}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="polemos-incidents-") as tmp:
        for size in args.sizes:
            print(json.dumps(measure(size, args.days, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
