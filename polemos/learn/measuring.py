"""The learned layer measured alone: PLOVER type accuracy on GSR-style sentences, by half.

    python -m polemos.learn.measure --gsr /work/shared/gold/plover_gsr/plover_gsr_dev.json --half tune
    python -m polemos.learn.measure --probe tests/fixtures/learn/probe.jsonl

prints, for the chosen half, the share of sentences whose top type (of the 16) is the gold one,
the share judged no event (every GSR sentence is one, so this is the drop rate's ceiling on real
events), and the count. Only figures are printed, never a sentence: the blind half may be scored,
not read. The halves are ``score_dev.py``'s (a SHA-256 of the sentence text, odd = blind).
``--probe`` codes a probe set of our own through ``polemos.code_text`` with the layer off and on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from polemos.extract.learned import NOT_EVENT_AT, EventModel
from polemos.learn.convert import PLOVER

# the GSR's PLOVER 0.5 names, as ../shared/tools/score_dev.py maps them
GSR_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def in_half(text: str, half: str) -> bool:
    """Whether a sentence belongs to ``half`` ("tune", "blind" or "all"), as score_dev.py splits."""
    if half == "all":
        return True
    blind = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2 == 1
    return blind == (half == "blind")


def measure_gsr(path: Path, half: str, model: EventModel) -> dict[str, float | int]:
    """Type accuracy (top of 16), accuracy among the gold types the sentence could have, and the
    share of these real events the layer would call no event."""
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and in_half(r["text"], half)]
    right = no_event = 0
    for record in records:
        want = GSR_MAP.get(record["event"], record["event"])
        p_event, by_type = model.scores(record["text"])
        best = max(PLOVER, key=lambda t: by_type.get(t, 0.0))
        right += best == want
        no_event += 1.0 - p_event >= NOT_EVENT_AT
    n = len(records)
    return {"sentences": n, "type_accuracy": round(right / n, 3) if n else 0.0,
            "judged_no_event": round(no_event / n, 3) if n else 0.0}


def measure_probe(path: Path, learned: bool) -> dict[str, float | int]:
    """Code each sentence of a probe file (JSON Lines: text, is_event) and count the sentences
    that are no event but get an ASSAULT, and the events that get no mention of any type."""
    from polemos import code_text
    from polemos.knowledge import load_knowledge

    knowledge = load_knowledge(learned=learned)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    false_violence = missed = 0
    for i, row in enumerate(rows):
        types = {m.event_type for m in code_text(row["text"], "2024-01-01", doc_id=f"probe{i}",
                                                  knowledge=knowledge)}
        if not row["is_event"]:
            false_violence += "ASSAULT" in types
        else:
            missed += not types
    negatives = sum(not r["is_event"] for r in rows)
    return {"no_event_sentences": negatives, "given_assault": false_violence,
            "event_sentences": len(rows) - negatives, "events_with_no_mention": missed}

