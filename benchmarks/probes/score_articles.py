"""Score the `polemos` CLI on the article-level probe sets of issue 14 (event places, casualties).

Usage: python benchmarks/probes/score_articles.py [SET.jsonl ...] [--polemos CMD] [--json]

With no file, ``places.jsonl`` and ``casualties.jsonl`` beside this script are scored. Each set is
one call of ``polemos code FILE --format jsonl --no-db``; an expected event is matched to the coded
mentions whose sentence (the mention's ``text``) contains the event's ``sentence`` substring.
A set is a places set when its ``expected`` is a list of events, a casualties set when it is an
object with ``incidents``. README.md beside this script defines every figure.

Exit status: 0 when every set was scored, 2 when a set file is bad or the CLI cannot be run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TIMEOUT = 1800  # seconds for one set
NEAR_KM = 50.0
Mention = dict[str, Any]


class SetError(Exception):
    """A set file that cannot be scored; the message names file, line and field."""


def read_set(path: Path) -> list[dict[str, Any]]:
    """The articles of one set; every event substring must occur exactly once in its text."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise SetError(f"{path}: cannot read: {e}") from None
    articles = []
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        try:
            art = json.loads(line)
        except json.JSONDecodeError as e:
            raise SetError(f"{where}: not JSON: {e}") from None
        for name in ("id", "date", "text"):
            if not isinstance(art.get(name), str) or not art[name]:
                raise SetError(f"{where}: {name}: missing or not a string")
        for sub in _substrings(art.get("expected"), where):
            if art["text"].count(sub) != 1:
                raise SetError(f"{where}: expected: {sub!r} is not exactly once in the text")
        articles.append(art)
    return articles


def _substrings(expected: Any, where: str) -> list[str]:
    if isinstance(expected, list):
        subs = [e.get("sentence") for e in expected if isinstance(e, dict)]
        ok = len(subs) == len(expected) and all(
            isinstance(e.get("event"), str) and isinstance(e.get("country"), str) for e in expected)
    elif isinstance(expected, dict) and isinstance(expected.get("incidents"), list):
        subs = [s for i in expected["incidents"] for s in i.get("sentences") or [None]]
        ok = isinstance(expected.get("max_killed_total"), int) and all(
            isinstance(i.get("killed"), int) for i in expected["incidents"])
    else:
        subs, ok = [], False
    if not ok or not all(isinstance(s, str) and s for s in subs):
        raise SetError(f"{where}: expected: not a list of events nor an object with incidents")
    return [str(s) for s in subs]


def run_cli(cmd: list[str], articles: list[dict[str, Any]]) -> dict[str, list[Mention]]:
    """Code the articles with ``polemos code --format jsonl --no-db``; the mentions by doc_id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps({k: a[k] for k in ("id", "date", "title", "text")
                                            if k in a}) + "\n" for a in articles),
                        encoding="utf-8")
        try:
            res = subprocess.run([*cmd, "code", str(path), "--format", "jsonl", "--no-db"],
                                 capture_output=True, text=True, timeout=TIMEOUT,
                                 env=dict(os.environ, HF_HUB_OFFLINE="1"))
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SetError(f"cannot run {shlex.join(cmd)}: {e}") from None
    if res.returncode not in (0, 1):  # 1: some articles failed; the rest are still scored
        tail = res.stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise SetError(f"{shlex.join(cmd)} code exited with status {res.returncode}: {tail[0]}")
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for line in res.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            by_doc[str(rec.get("doc_id"))].append(rec)
    return by_doc


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _in(ms: list[Mention], sub: str) -> list[Mention]:
    return sorted((m for m in ms if sub in str(m.get("text") or "")),
                  key=lambda m: -(m.get("confidence") or 0.0))


def _loc(m: Mention) -> dict[str, Any]:
    return m.get("location") or {}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score_places(articles: list[dict[str, Any]], by_doc: dict[str, list[Mention]],
                 wrong: list[str]) -> dict[str, Any]:
    """Found, country, place ≤ 50 km; forbidden countries and stand-ins across a border."""
    n = found = country = near_n = near = forbid_n = forbidden = crossed = 0
    for art in articles:
        for e in art["expected"]:
            n += 1
            here = _in(by_doc.get(art["id"], []), e["sentence"])
            ms = [m for m in here if m.get("event_type") == e["event"]]
            forbid = set(e.get("forbid_countries") or [])
            forbid_n += bool(forbid)
            forbidden += any(_loc(m).get("country") in forbid for m in here)
            # a stand-in from the article that lands in another country than the event's own
            crossed += any("place_from_article" in (m.get("flags") or [])
                           and _loc(m).get("country") != e["country"] for m in here)
            got = _loc(ms[0]) if ms else {}
            found += bool(ms)
            country += got.get("country") == e["country"]
            close = "lat" in e and got.get("lat") is not None and km(
                e["lat"], e["lon"], got["lat"], got["lon"]) <= NEAR_KM
            near_n += "lat" in e
            near += close
            if got.get("country") != e["country"] or ("lat" in e and not close):
                coded = [(m.get("event_type"), _loc(m).get("country"), _loc(m).get("name"))
                         for m in here]
                wrong.append(f"{art['id']} {e['event']} {e['country']}/{e.get('place', '-')} -> "
                             f"{coded}: {e['sentence']}")
    return {"events": n, "found": _ratio(found, n), "country": _ratio(country, n),
            "place_50km": _ratio(near, near_n), "place_n": near_n,
            "forbidden_country": forbidden, "forbid_n": forbid_n, "standin_other_country": crossed}


def score_casualties(articles: list[dict[str, Any]], by_doc: dict[str, list[Mention]],
                     wrong: list[str]) -> dict[str, Any]:
    """Per-article killed sums vs gold, incidents right, double counts, victims as killers."""
    total_ok = double = inc_n = inc_ok = inj_n = inj_ok = victim_killers = 0
    for art in articles:
        ms, gold = by_doc.get(art["id"], []), art["expected"]
        summed = sum(int(m.get("dead") or 0) for m in ms)
        total_ok += summed == gold["max_killed_total"]
        double += summed > gold["max_killed_total"]
        if summed != gold["max_killed_total"]:
            wrong.append(f"{art['id']} killed sum {summed} vs {gold['max_killed_total']}")
        for i in gold["incidents"]:
            told = [m for s in i["sentences"] for m in _in(ms, s)]
            inc_n += 1
            inc_ok += max((int(m.get("dead") or 0) for m in told), default=0) == i["killed"]
            if "injured" in i:
                inj_n += 1
                inj_ok += max((int(m.get("injured") or 0) for m in told), default=0) == i["injured"]
            victims = [v.lower() for v in i.get("victims") or []]
            victim_killers += sum(bool(m.get("dead")) and any(
                v in str(a.get("text") or "").lower() for a in m.get("actors") or []
                for v in victims) for m in told)
    n = len(articles)
    return {"articles": n, "killed_total": _ratio(total_ok, n), "double_counted": double,
            "incidents": inc_n, "incident_killed": _ratio(inc_ok, inc_n),
            "incident_injured": _ratio(inj_ok, inj_n), "injured_n": inj_n,
            "victim_as_killer": victim_killers}


def score(path: Path, cmd: list[str], wrong: list[str]) -> dict[str, Any]:
    """The figures of one set file, coded by the CLI ``cmd``."""
    articles = read_set(path)
    by_doc = run_cli(cmd, articles)
    places = isinstance(articles[0]["expected"], list) if articles else True
    fig = (score_places if places else score_casualties)(articles, by_doc, wrong)
    return {"set": path.stem, **fig}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path, help="set files (default: the two here)")
    ap.add_argument("--polemos", default=f"{shlex.quote(sys.executable)} -m polemos",
                    help="command that runs the CLI (default: this Python's -m polemos)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-wrong", action="store_true", help="list what was scored wrong")
    a = ap.parse_args(argv)
    paths = a.sets or [HERE / "places.jsonl", HERE / "casualties.jsonl"]
    rows: list[dict[str, Any]] = []
    try:
        for path in paths:
            wrong: list[str] = []
            rows.append(score(path, shlex.split(a.polemos), wrong))
            if a.show_wrong:
                print("\n".join(f"  {w}" for w in wrong), file=sys.stderr)
    except SetError as e:
        print(f"score_articles.py: error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(rows, indent=1) if a.json
          else "\n".join(" ".join(f"{k}={v}" for k, v in r.items()) for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
