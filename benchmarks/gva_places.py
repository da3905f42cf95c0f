"""Where the pipeline puts each GVA shooting, next to the incident's gold town and point.

Takes the scorer's sample (QC flags true, one incident per article, shuffled with seed 7) and
prints, per article: the first ASSAULT record's place, its distance to the incident, the main
place, and the gold city/state. Ends with place<=50km over all sampled articles.

Usage: .venv/bin/python benchmarks/gva_places.py GOLD_DIR [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from pathlib import Path

from polemos.evaluate.geoparsing import km as distance_km
from polemos.extract.place_names import place_mentions
from polemos.knowledge import load_knowledge
from polemos.model import Article
from polemos.nlp import entities
from polemos.pipeline import code_article
from polemos.resolve.places.event_places import main_place
from polemos.resolve.places.toponyms import find_toponyms


def in_half(article_id: str, half: str) -> bool:
    """Whether an article is in score_dev's half (sha256 of its id, odd = blind)."""
    if half == "all":
        return True
    blind = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 1
    return blind == (half == "blind")


def sample(gold: Path, limit: int, half: str = "all") -> tuple[list[dict], dict[str, dict]]:
    """The scorer's article sample (of one half, as score_dev draws it) and the incidents by id."""
    lines = (gold / "gva/incidents.jsonl").read_text(encoding="utf-8").splitlines()
    incidents = {d["incident_id"]: d for d in map(json.loads, lines)}
    text = (gold / "gva/articles.jsonl").read_text(encoding="utf-8")
    every = [json.loads(line) for line in text.splitlines()]
    links = Counter(a["article_id"] for a in every)
    arts = [a for a in every
            if str(a["qc_mentions_city"]) == "True" and str(a["qc_shooting_vocab"]) == "True"
            and links[a["article_id"]] == 1 and a["text"].strip() and a["incident_id"] in incidents
            and incidents[a["incident_id"]].get("date_iso") and incidents[a["incident_id"]].get("lat")
            and in_half(a["article_id"], half)]
    random.Random(7).shuffle(arts)
    return arts[:limit], incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--misses", action="store_true", help="print only articles placed wrong")
    parser.add_argument("--half", choices=["all", "tune", "blind"], default="tune",
                        help="score_dev's half (default tune: the blind half is only scored)")
    args = parser.parse_args()
    knowledge = load_knowledge()
    arts, incidents = sample(args.gold, args.limit, args.half)
    right = placed = 0
    for a in arts:
        gold = incidents[a["incident_id"]]
        article = Article(id=a["article_id"], text=a["text"], date=a["dct"], title=a["title"])
        records = [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]
        located = [m.location for m in records if m.location and m.location.lat is not None]
        doc = knowledge.nlp(a["text"])
        toponyms = find_toponyms(a["text"], place_mentions(a["text"], entities(doc), knowledge.gazetteer))
        main = main_place(toponyms)
        km = None
        if located:
            placed += 1
            km = distance_km(located[0].lat, located[0].lon or 0.0, float(gold["lat"]),
                             float(gold["lon"]))
            right += km <= 50
        if args.misses and km is not None and km <= 50 or args.half != "tune":
            continue  # the blind half is only scored, never read
        where = (f"{located[0].name} [{located[0].admin1}, {located[0].country}] "
                 f"{located[0].precision} {km:.0f} km" if located else "(no ASSAULT place)")
        print(f"{a['article_id'][:8]} gold {gold['city_or_county']}, {gold['state']} | {where}"
              f" | main {main.name if main else None} [{main.admin1 if main else ''}]")
        names = ", ".join(f"{t.span.text}->{t.place.name}/{t.place.admin1}" if t.place
                          else f"{t.span.text}->?" for t in toponyms[:8])
        print(f"    {a['text'][:90]!r}\n    toponyms: {names}")
    print(f"place<=50km {right / max(len(arts), 1):.3f} ({right}/{len(arts)}; {placed} placed)")


if __name__ == "__main__":
    main()
