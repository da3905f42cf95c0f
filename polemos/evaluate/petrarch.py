"""Score the coder on PETRARCH-2's unit-test records, with the suite's own actor dictionaries.

The records (``PETR.UnitTest.records.xml``) use fictional actors defined in
``PETR.Validate.actors.txt`` / ``agents.txt`` beside them; those are loaded as the actor KB.
A coding is reproduced when one mention has the expected CAMEO code (or, counted apart, its
root) with the expected source and target countries among its actors and recipients.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.extract.events import extract_mentions
from polemos.knowledge import Knowledge
from polemos.model import Article, Mention


def read_records(path: Path) -> list[dict[str, Any]]:
    """The unit-test sentences: id, ISO date, text, expected (source, target, code) codings."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise InputError(f"cannot read PETRARCH records: {e}", where=str(path)) from None
    out = []
    for s in root.iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        raw = s.get("date", "")
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None
        codings = [(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                   for c in s.iter("EventCoding") if c.get("noevents") != "True"]
        if text:
            out.append({"id": s.get("id", ""), "date": date, "text": text,
                        "codings": [c for c in codings if c[2]]})
    return out


def _matches(m: Mention, source: str, target: str, code: str, root_only: bool) -> bool:
    cameo = m.cameo or ""
    same = cameo[:2] == code[:2] if root_only else cameo == code
    srcs = {(a.country or "")[:3] for a in m.actors}
    tgts = {(a.country or "")[:3] for a in m.recipients}
    return same and source[:3] in srcs and (not target or target[:3] in tgts)


def score_petrarch(records: list[dict[str, Any]], by_doc: dict[str, list[Mention]]
                   ) -> dict[str, Any]:
    """Shares of expected codings reproduced (exact code, and root) and extra mentions."""
    expected = exact = root = extra = mentions = 0
    for r in records:
        ms = by_doc.get(r["id"], [])
        mentions += len(ms)
        used: set[int] = set()
        for source, target, code in r["codings"]:
            expected += 1
            exact += any(_matches(m, source, target, code, False) for m in ms)
            hit = next((i for i, m in enumerate(ms)
                        if _matches(m, source, target, code, True)), None)
            if hit is not None:
                root += 1
                used.add(hit)
        extra += len(ms) - len(used)
    return {"sentences": len(records), "expected": expected, "mentions": mentions,
            "reproduced": exact / max(expected, 1), "reproduced_root": root / max(expected, 1),
            "extra": extra / max(expected, 1)}


def evaluate_petrarch(gold: Path, limit: int | None = None) -> dict[str, Any]:
    """Code the records with a KB from the suite's dictionaries and score them.

    Raises InputError when the records or dictionaries cannot be read.
    """
    from polemos.resolve.actors.kb import ActorKB

    gold = Path(gold)
    actors = gold.parent / "PETR.Validate.actors.txt"
    agents = gold.parent / "PETR.Validate.agents.txt"
    if not actors.is_file():
        raise InputError("PETR.Validate.actors.txt is not beside the records", where=str(gold))
    records = read_records(gold)[:limit]
    knowledge = Knowledge.with_actors(ActorKB.from_phoenix(
        [actors], [agents] if agents.is_file() else [], iso3=False))
    by_doc: dict[str, list[Mention]] = {}
    for r in records:
        art = Article(id=r["id"], text=r["text"], date=r["date"])
        by_doc[r["id"]] = extract_mentions(knowledge.nlp(art.text), art, knowledge)
    return score_petrarch(records, by_doc)


def format_petrarch(result: dict[str, Any]) -> str:
    """One summary line."""
    return (f"petrarch: reproduced {result['reproduced']:.3f} (same root "
            f"{result['reproduced_root']:.3f}) of {result['expected']} expected codings; "
            f"extra {result['extra']:.2f} per expected; sentences {result['sentences']}")
