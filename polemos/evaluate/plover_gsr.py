"""Score a coder on the PLOVER gold-standard records (PLOVER 0.5 JSON, CAMEO-manual sentences).

Same rules as the held-out scorer: gold 0.5 types mapped to PLOVER 16 (DEMAND→REQUEST,
DISAPPROVE→ACCUSE, FIGHT→ASSAULT, INVESTIGATE→ACCUSE); type accuracy of the highest-confidence
mention; type recall; actor country (the mentions with the gold type, else the top one, must
name a gold source country and no target-only country); spurious mentions of other types.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.model import Article, Mention

TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
            "INVESTIGATE": "ACCUSE"}
# agent and group codes in the gold that name no country
NOT_COUNTRY = frozenset({"IGO", "NGO", "MNC", "---", "***", "UAF", "REB", "GOV", "MIL", "CVL",
                         "IMG", "ISM"})
CODE_FIXES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}  # typos in the gold files
GOLD_DATE = "2000-01-01"  # the records carry no document date


def _parties(value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return [a for a in items if isinstance(a, dict)]


def _countries(value: Any) -> set[str]:
    got = {CODE_FIXES.get(c, c) for c in (str(a.get("code", ""))[:3] for a in _parties(value))}
    return got - NOT_COUNTRY - {""}


def _sectors(value: Any) -> set[str]:
    return {str(a["sector"]) for a in _parties(value) if a.get("sector")}


def read_gold(gold: Path) -> list[dict[str, Any]]:
    """The gold records with a sentence (the DOCUMENT record left out); raises InputError."""
    try:
        data = json.loads(Path(gold).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"cannot read PLOVER gold JSON: {e}", where=str(gold)) from None
    if not isinstance(data, list):
        raise InputError("expected a JSON array of records", where=str(gold))
    records = []
    for n, r in enumerate(data):
        if not isinstance(r, dict) or r.get("event") == "DOCUMENT":
            continue
        if not isinstance(r.get("text"), str) or not isinstance(r.get("event"), str):
            raise InputError("record needs 'text' and 'event'", where=f"{gold}:record {n}",
                             field="text")
        records.append(r)
    return records


def score_plover_gsr(records: list[dict[str, Any]], mentions: list[Mention]) -> dict[str, Any]:
    """The metrics for gold records whose sentences were coded as articles ``gsr{i}``."""
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    n = top_ok = any_ok = spurious = 0
    c_n = c_ok = r_n = r_ok = s_n = s_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for i, r in enumerate(records):
        want = TYPE_MAP.get(r["event"], r["event"])
        ms = sorted(by_doc.get(f"gsr{i}", []), key=lambda m: -m.confidence)
        types = [m.event_type for m in ms]
        n += 1
        top_ok += bool(ms) and types[0] == want
        any_ok += want in types
        spurious += sum(t != want for t in types)
        confusion[want, types[0] if ms else "(nothing)"] += 1
        chosen = [m for m in ms if m.event_type == want] or ms[:1]
        src, tgt = _countries(r.get("source")), _countries(r.get("target"))
        got = {(a.country or "")[:3] for m in chosen for a in m.actors}
        if src:
            c_n += 1
            c_ok += bool(src & got) and not got & (tgt - src)
        if tgt:
            r_n += 1
            r_ok += bool(tgt & {(a.country or "")[:3] for m in chosen for a in m.recipients})
        sectors = _sectors(r.get("source"))
        if sectors:
            s_n += 1
            s_ok += bool(sectors & {a.sector for m in chosen for a in m.actors if a.sector})
    wrong = Counter({k: v for k, v in confusion.items() if k[0] != k[1]})
    return {
        "sentences": n, "type_accuracy": top_ok / max(n, 1), "type_recall": any_ok / max(n, 1),
        "actor_country": c_ok / max(c_n, 1), "actor_country_n": c_n,
        "recipient_country": r_ok / max(r_n, 1), "recipient_country_n": r_n,
        "actor_sector": s_ok / max(s_n, 1), "actor_sector_n": s_n,
        "spurious_per_sentence": spurious / max(n, 1),
        "confusion": [[g, p, k] for (g, p), k in sorted(confusion.items())],
        "top_errors": [[g, p, k] for (g, p), k in wrong.most_common(8)],
    }


def evaluate_plover_gsr(gold: Path, code: Callable[[list[Article]], list[Mention]],
                        limit: int | None = None) -> dict[str, Any]:
    """Code every gold sentence (one article each, dated 2000-01-01) and score the mentions.

    Returns the metrics dict (see ``score_plover_gsr``); raises InputError for unreadable gold.
    """
    records = read_gold(gold)[:limit]
    articles = [Article(id=f"gsr{i}", text=r["text"], date=GOLD_DATE)
                for i, r in enumerate(records)]
    return score_plover_gsr(records, code(articles))


def format_plover_gsr(result: dict[str, Any]) -> str:
    """The metrics as readable lines: the summary, then the commonest wrong top types."""
    lines = [
        f"gsr: type accuracy {result['type_accuracy']:.3f}, type recall "
        f"{result['type_recall']:.3f}, actor country {result['actor_country']:.3f} "
        f"(n={result['actor_country_n']}), spurious/sentence "
        f"{result['spurious_per_sentence']:.2f}, sentences {result['sentences']}",
        f"  recipient country {result['recipient_country']:.3f} "
        f"(n={result['recipient_country_n']}), actor sector {result['actor_sector']:.3f} "
        f"(n={result['actor_sector_n']})",
        "  wrong top type (gold -> top predicted): "
        + (", ".join(f"{g}->{p} {k}" for g, p, k in result["top_errors"]) or "none"),
    ]
    return "\n".join(lines)
