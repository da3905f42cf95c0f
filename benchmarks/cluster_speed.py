"""Time incident clustering on synthetic mentions (issue 15): `python benchmarks/cluster_speed.py`.

Generates seeded schema-v1 mention records: incidents spread over one year and 400 places in
40 countries, each told by 1-4 articles of 1-3 mentions, with sentences drawn from a word list
plus the incident's own names and numbers. Times `cluster_mentions` on one core at each size
(default 2,500 / 5,000 / 10,000 / 20,000 mentions; `--countries 1` puts every place in one
country, the blocking's worst case) and prints seconds, seconds per 1,000
mentions and the growth against the previous size (2.0 for a doubling is linear; 4.0 quadratic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from typing import Any

from polemos.cluster import cluster_mentions

WORDS = (
    "gunmen", "attacked", "convoy", "village", "market", "checkpoint", "soldiers", "militants",
    "fighters", "rebels", "troops", "civilians", "bomb", "blast", "rocket", "mortar", "raid",
    "ambush", "clashes", "patrol", "border", "district", "province", "town", "road", "bridge",
    "mosque", "school", "camp", "airstrike", "drone", "explosion"
)
NAMES = (
    "Ahmed", "Bashir", "Carla", "Dmitri", "Elena", "Farouk", "Grace", "Hassan", "Ines", "Jamal",
    "Karim", "Lena", "Musa", "Nadia", "Omar", "Pavel", "Rania", "Samir", "Tariq", "Umar",
    "Vera", "Wael", "Yusuf", "Zainab"
)
TYPES = ("ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "PROTEST", "ACCUSE", "THREATEN")


def synthetic_mentions(n: int, seed: int = 15, n_countries: int = 40) -> list[dict[str, Any]]:
    """About ``n`` mention records of incidents over 2020, seeded."""
    rng = random.Random(seed)
    countries = [f"C{c:02d}" for c in range(n_countries)]
    places = [(rng.choice(countries), rng.uniform(-40, 60), rng.uniform(-120, 140))
              for _ in range(400)]
    start = dt.date(2020, 1, 1).toordinal()
    out: list[dict[str, Any]] = []
    incident = 0
    while len(out) < n:
        incident += 1
        country, lat, lon = rng.choice(places)
        day = start + rng.randrange(366)
        etype = rng.choice(TYPES)
        own = rng.sample(NAMES, 2) + [str(rng.randrange(2, 60))]
        dead = rng.choice((None, None, rng.randrange(1, 30)))
        for a in range(rng.randint(1, 4)):
            doc = f"d{incident}-{a}"
            published = dt.date.fromordinal(day + rng.randint(0, 2)).isoformat()
            for s in range(rng.randint(1, 3)):
                words = rng.sample(WORDS, 8) + own
                rng.shuffle(words)
                out.append({
                    "id": f"m{incident}-{a}-{s}", "doc_id": doc, "sentence_index": s,
                    "text": " ".join(words), "published": published,
                    "date": dt.date.fromordinal(day + rng.choice((0, 0, 0, -1))).isoformat(),
                    "date_precision": "day", "event_type": etype,
                    "actors": [{"country": country}], "recipients": [],
                    "location": {"name": f"P{lat:.1f}", "lat": lat + rng.uniform(-0.05, 0.05),
                                 "lon": lon, "country": country,
                                 "precision": rng.choice(("city", "city", "admin1"))},
                    "dead": dead if s == 0 else None, "injured": None, "arrested": None,
                    "flags": [], "confidence": 0.6})
    return out[:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2500,5000,10000,20000")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--countries", type=int, default=40,
                        help="1: every mention in one country, the blocking's worst case")
    args = parser.parse_args()
    print("mentions  incidents  seconds  s/1k  growth")
    previous = None
    for n in (int(s) for s in args.sizes.split(",")):
        mentions = synthetic_mentions(n, args.seed, args.countries)
        t0 = time.process_time()
        incidents = cluster_mentions(mentions)
        seconds = time.process_time() - t0
        growth = f"{seconds / previous:.2f}" if previous else "-"
        print(f"{n:8d}  {len(incidents):9d}  {seconds:7.2f}  {seconds / n * 1000:4.2f}  {growth:>6}")
        previous = seconds
    print(f"command: {' '.join(['python', *sys.argv])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
