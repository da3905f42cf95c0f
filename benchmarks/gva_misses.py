"""Study GVA date and killed-count misses with the real event coder, the held-out scorer's rules.

  .venv/bin/python benchmarks/gva_misses.py [GVA_DIR] [--limit N] [--show date|killed|both]
      [--cache FILE] [--refresh] [--variant NAME] [--skip N]

``--skip 300 --limit 260 --cache /tmp/gva_held.pkl`` scores articles past the scorer's sample
(other incidents, as the held-out set is): a check that a change is not fitted to the sample.

The slow part (parsing and event extraction) is cached per article in ``--cache`` (a pickle of
the mentions as ``extract_mentions`` gives them), so changes to dates.py and numbers.py are
measured in seconds. Each article's ASSAULT mentions are then situated as ``resolve.situate._situate``
does (``event_date`` on the mention's sentence, ``find_casualties`` on its text), unless a
``--variant`` reimplements that step differently (a proposal for the lead's pipeline.py):
``text`` passes the article text to ``event_date``; ``context`` does that and also reads deaths
from the sentences after each ASSAULT mention up to the next one (the first one also from the
lead lines above it).
Prints per-article gold date/killed beside what the records say, with the sentences involved.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from polemos.evaluate.gva import gva_sample
from polemos.extract.numbers import find_casualties, with_story_deaths
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import Article, Mention, TextSpan
from polemos.resolve.dates.event_dates import event_date

GOLD = Path("/work/shared/gold/gva")


def extract_all(arts: list[dict[str, Any]], cache: Path, refresh: bool,
                ) -> dict[str, list[Mention]]:
    """Mentions per article id, from the cache when it holds them, else from the event coder."""
    held: dict[str, list[Mention]] = {}
    if cache.exists() and not refresh:
        held = pickle.loads(cache.read_bytes())
    todo = [a for a in arts if str(a["article_id"]) not in held]
    if todo:
        from polemos.extract.events import extract_mentions
        from polemos.knowledge import load_knowledge

        knowledge = load_knowledge()
        for a in todo:
            art = _article(a)
            held[art.id] = extract_mentions(knowledge.nlp(art.text), art, knowledge)
        cache.write_bytes(pickle.dumps(held))
    return held


def _article(a: dict[str, Any]) -> Article:
    return Article(id=str(a["article_id"]), text=str(a["text"]), date=a.get("dct"),
                   title=a.get("title"))


SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def following(art: Article, m: Mention, starts: list[int]) -> list[str]:
    """Sentences after the mention's up to the next ASSAULT mention's: the story it opens."""
    end = m.sentence_start + len(m.text)
    stop = min([s for s in starts if s >= end] + [len(art.text)])
    begin = 0 if m.sentence_start == starts[0] else end  # the first also takes the lead above it
    return [x.group() for x in SENTENCE.finditer(art.text, begin) if x.start() < stop]


def situate(m: Mention, art: Article, times: list[Any], variant: str,
            starts: list[int]) -> dict[str, Any]:
    """The record fields the scorer reads, as resolve.situate._situate fills them (or a variant)."""
    sentence = TextSpan(m.text, m.sentence_start, m.sentence_start + len(m.text))
    text = art.text if variant in ("text", "context") else None
    date, precision, _ = event_date(sentence, m.trigger, times, art.date, text=text)
    counts = find_casualties(m.text)
    if variant == "context":  # deaths told in the sentences that follow, before the next event
        counts = with_story_deaths(counts, following(art, m, starts))
    return {"date": date, "precision": precision, "dead": counts.dead, "text": m.text,
            "trigger": m.trigger.text}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, nargs="?", default=GOLD)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", choices=["date", "killed", "both", "none"], default="none")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/gva_mentions.pkl"))
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--variant", default="pipeline")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N sample articles")
    args = ap.parse_args()
    t0 = time.monotonic()
    if args.skip:
        every, incidents = gva_sample(args.gold, 1_000_000)
        arts = every[args.skip:args.skip + (args.limit or 300)]
    else:
        arts, incidents = gva_sample(args.gold, args.limit)
    mentions = extract_all(arts, args.cache, args.refresh)
    date_ok = killed_ok = covered = 0
    for a in arts:
        art, g = _article(a), incidents[str(a["incident_id"])]
        times = find_time_expressions(art.text, art.date)
        assault = [m for m in mentions.get(art.id, []) if m.event_type == "ASSAULT"]
        starts = sorted({m.sentence_start for m in assault})
        recs = [situate(m, art, times, args.variant, starts) for m in assault]
        if not recs:
            continue
        covered += 1
        dates = Counter(r["date"] for r in recs if (r["precision"] or "day") == "day")
        top = dates.most_common(1)[0][0] if dates else None
        dead = max((r["dead"] or 0) for r in recs)
        d_ok, k_ok = top == g["date_iso"], dead == g["num_killed"]
        date_ok += d_ok
        killed_ok += k_ok
        if (args.show in ("date", "both") and not d_ok) or (
                args.show in ("killed", "both") and not k_ok):
            print(f"=== {art.id} dct={art.date} gold date={g['date_iso']} killed={g['num_killed']}"
                  f" | ours date={top} {dict(dates)} killed={dead}")
            print(f"  title: {a.get('title')}")
            for r in recs:
                print(f"  [{r['date']} dead={r['dead']} trig={r['trigger']!r}] "
                      f"{r['text'][:300]!r}")
            if not d_ok:
                print("  times:", [(t.span.text, t.value) for t in times][:12])
    n = max(len(arts), 1)
    print(f"date exact {date_ok / n:.3f}, killed exact {killed_ok / n:.3f}, "
          f"with ASSAULT {covered}/{len(arts)} ({time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
