"""Score where each event is located against the event_location gold ("Geolocating Political Events").

Gold: a JSON array (or JSONL, or a zip holding either) of Prodigy records; the gold ones have
``source == "RELABEL"``. Each has ``text`` (one sentence), ``tokens`` with character offsets and
``spans``: one VERB (the event) and, when the event has a place, LOCATION spans. Offsets are taken
from the tokens (``token_start``/``token_end``), since some span offsets are wrong. A record the
annotator answered ``reject`` is one whose suggested annotation was judged unusable: it is left
out and counted, as are records without a VERB span.

Two modes: end to end (Polemos codes each sentence; the mention whose trigger overlaps the gold
verb is scored, so coverage matters) and oracle trigger (the gold verb is the trigger and only the
linking of our toponyms to it is measured).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.gazetteer.lookup import precision_of
from polemos.model import Article, Mention, Place, TextSpan

GOLD_SOURCE = "RELABEL"
GOLD_DATE = "2000-01-01"  # the records carry no document date

Link = Callable[[str, TextSpan], tuple[Place | None, Sequence[TextSpan]]]
"""Oracle linker: (sentence, gold trigger) -> (chosen place, resolved toponym spans)."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold record: the sentence, its event verb, and the places it happened at (maybe none)."""

    id: str
    text: str
    verb: tuple[int, int]
    places: tuple[tuple[int, int], ...]


def _load_rows(path: Path) -> list[Any]:
    """The raw records of a .json array, a .jsonl file, or a zip holding one of them."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                names = sorted(n for n in zf.namelist() if n.endswith((".json", ".jsonl"))
                               and not n.startswith("__MACOSX") and "/._" not in n)
                if not names:
                    raise InputError("zip holds no .json or .jsonl file", where=str(path))
                raw = zf.read(names[0]).decode("utf-8")
        else:
            raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as e:
        raise InputError(f"cannot read event-location gold: {e}", where=str(path)) from None
    if raw.lstrip().startswith("["):
        try:
            rows = json.loads(raw)
        except json.JSONDecodeError as e:
            raise InputError(f"not JSON: {e.msg}", where=f"{path}:{e.lineno}") from None
        return list(rows)
    rows = []
    for i, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"not JSON: {e.msg}", where=f"{path}:{i}") from None
    return rows


def _offsets(row: dict[str, Any], span: dict[str, Any], where: str) -> tuple[int, int]:
    """Character offsets of a span, read from its first and last token."""
    tokens = row.get("tokens")
    if not isinstance(tokens, list):
        raise InputError("expected a list of tokens", where=where, field="tokens")
    first, last = span.get("token_start"), span.get("token_end")
    if not (isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens)):
        raise InputError(f"token_start/token_end {first!r}/{last!r} out of range", where=where,
                         field="spans")
    start, end = tokens[first].get("start"), tokens[last].get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(row["text"])):
        raise InputError(f"token offsets {start!r}..{end!r} do not fit the text", where=where,
                         field="tokens")
    return start, end


def read_event_gold(path: Path) -> tuple[list[GoldEvent], dict[str, int]]:
    """The gold events (source RELABEL, accepted, with a VERB) and counts of those left out.

    Raises InputError (where: path or path:record N, and field) for unreadable or malformed gold.
    """
    path = Path(path)
    events: list[GoldEvent] = []
    left = {"rejected": 0, "without_verb": 0}
    for n, row in enumerate(_load_rows(path)):
        where = f"{path}:record {n}"
        if not isinstance(row, dict):
            raise InputError("expected a JSON object", where=where)
        if row.get("source") != GOLD_SOURCE:
            continue
        if not isinstance(row.get("text"), str):
            raise InputError("expected the sentence as a string", where=where, field="text")
        if row.get("answer") == "reject":
            left["rejected"] += 1
            continue
        spans = row.get("spans") or []
        if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
            raise InputError("expected a list of span objects", where=where, field="spans")
        verbs = [_offsets(row, s, where) for s in spans if s.get("label") == "VERB"]
        if not verbs:
            left["without_verb"] += 1
            continue
        places = tuple(sorted({_offsets(row, s, where) for s in spans if s.get("label") == "LOCATION"}))
        events.append(GoldEvent(str(row.get("_id", n)).strip(), row["text"], verbs[0], places))
    if not events and not any(left.values()):
        raise InputError(f"no gold records (source {GOLD_SOURCE!r})", where=str(path), field="source")
    return events, left


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in_sentence(place: Place | None, sentence: TextSpan) -> list[tuple[int, int]]:
    """Where the chosen place's words stand in the sentence; empty when no place is claimed there.

    A place given one grain coarser than its own (``precision`` below ``precision_of(feature)``)
    is the article's main place or a place merely named nearby: not a claim of where it happened.
    """
    if place is None or not place.text or place.precision != precision_of(place.feature):
        return []
    return [(sentence.start + m.start(), sentence.start + m.end())
            for m in re.finditer(re.escape(place.text), sentence.text)]


def _tally(counts: dict[str, int], gold: GoldEvent, at: list[tuple[int, int]],
           toponyms: Sequence[TextSpan]) -> None:
    """Add one scored record to ``counts``: its outcome and whether the gold place was findable."""
    right = any(_overlaps(a, g) for a in at for g in gold.places)
    if gold.places:
        counts["with_place"] += 1
        reachable = any(_overlaps((t.start, t.end), g) for t in toponyms for g in gold.places)
        counts["reachable"] += reachable
        counts["right_reachable"] += right and reachable
        counts["exact"] += any(a in gold.places for a in at)
        key = "right_place" if right else "wrong_place" if at else "none_chosen"
    else:
        key = "spurious_place" if at else "right_none"
        counts["exact"] += not at
    counts[key] += 1


def _figures(counts: dict[str, int], scored: int) -> dict[str, Any]:
    right = counts["right_place"] + counts["right_none"]
    return {
        "scored": scored,
        "accuracy": right / max(scored, 1),
        "exact_accuracy": counts["exact"] / max(scored, 1),
        "with_place": counts["with_place"],
        "right_place_given_event": counts["right_place"] / max(counts["with_place"], 1),
        "reachable": counts["reachable"],
        "right_place_when_reachable": counts["right_reachable"] / max(counts["reachable"], 1),
        "right_place": counts["right_place"], "right_none": counts["right_none"],
        "errors": {k: counts[k] for k in ("wrong_place", "none_chosen", "spurious_place")},
    }


def _new_counts() -> dict[str, int]:
    keys = ("with_place", "reachable", "right_reachable", "exact", "right_place", "right_none",
            "wrong_place", "none_chosen", "spurious_place")
    return dict.fromkeys(keys, 0)


def score_event_location(events: Sequence[GoldEvent], mentions: Sequence[Mention],
                         toponyms: dict[str, Sequence[TextSpan]] | None = None) -> dict[str, Any]:
    """End-to-end figures for gold events whose sentences were coded as articles ``el{i}``.

    The mention whose trigger overlaps the gold verb (the most confident if several) is scored;
    a place counts when its words in the sentence overlap a gold LOCATION span.
    """
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    counts = _new_counts()
    covered = 0
    for i, gold in enumerate(events):
        hits = [m for m in by_doc.get(f"el{i}", [])
                if _overlaps((m.trigger.start, m.trigger.end), gold.verb)]
        if not hits:
            continue
        covered += 1
        m = min(hits, key=lambda m: (-m.confidence, m.trigger.start))
        sentence = TextSpan(m.text, m.sentence_start, m.sentence_start + len(m.text))
        claimed = None if "place_from_article" in m.flags else m.location  # a stand-in, no claim
        _tally(counts, gold, _in_sentence(claimed, sentence), (toponyms or {}).get(f"el{i}", ()))
    figures = _figures(counts, covered)
    figures["coverage"] = covered / max(len(events), 1)
    figures["overall_accuracy"] = (counts["right_place"] + counts["right_none"]) / max(len(events), 1)
    return figures


def evaluate_event_location(gold: Path, code: Callable[[list[Article]], list[Mention]],
                            link: Link | None = None, *, limit: int | None = None) -> dict[str, Any]:
    """Code every gold sentence and score its event's place; with ``link``, also the oracle mode.

    Returns ``{"records", "rejected", "without_verb", "end_to_end": {...}, "oracle": {...}}``;
    raises InputError for unreadable or malformed gold.
    """
    events, left = read_event_gold(gold)
    events = events[:limit]
    articles = [Article(id=f"el{i}", text=g.text, date=GOLD_DATE) for i, g in enumerate(events)]
    report: dict[str, Any] = {"records": len(events), **left,
                              "gold_with_place": sum(bool(g.places) for g in events)}
    oracle_spans: dict[str, Sequence[TextSpan]] = {}
    if link is not None:
        counts = _new_counts()
        for i, g in enumerate(events):
            trigger = TextSpan(g.text[g.verb[0]:g.verb[1]], *g.verb)
            place, spans = link(g.text, trigger)
            oracle_spans[f"el{i}"] = spans
            _tally(counts, g, _in_sentence(place, TextSpan(g.text, 0, len(g.text))), spans)
        report["oracle"] = _figures(counts, len(events))
    report["end_to_end"] = score_event_location(events, code(articles), oracle_spans)
    return report


def format_event_location(report: dict[str, Any]) -> str:
    """Readable lines: end-to-end coverage and accuracy, error breakdown, then the oracle figures."""
    def part(name: str, f: dict[str, Any]) -> str:
        e = f["errors"]
        return (f"  {name}: accuracy {f['accuracy']:.3f} (exact {f['exact_accuracy']:.3f}) over "
                f"{f['scored']}; right place given the event {f['right_place_given_event']:.3f} "
                f"(n={f['with_place']}), when our toponyms hold it "
                f"{f['right_place_when_reachable']:.3f} (n={f['reachable']}); errors: wrong place "
                f"{e['wrong_place']}, none chosen {e['none_chosen']}, place where gold has none "
                f"{e['spurious_place']}")

    e2e = report["end_to_end"]
    lines = [f"event-location: accuracy {e2e['accuracy']:.3f} on covered events, coverage "
             f"{e2e['coverage']:.3f} ({e2e['scored']}/{report['records']}), overall "
             f"{e2e['overall_accuracy']:.3f}; gold with a place {report['gold_with_place']}, "
             f"left out: {report['rejected']} rejected, {report['without_verb']} without a verb",
             part("end to end", e2e)]
    if "oracle" in report:
        lines.append(part("oracle trigger", report["oracle"]))
    return "\n".join(lines)
