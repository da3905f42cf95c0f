"""Score time expressions against TimeML gold (TimeBank/AQUAINT ``.tml`` with a DCT).

Reads the text between ``<TEXT>`` tags with every tag removed (entities such as ``&amp;`` kept,
as the held-out te3 scorer does) and the TIMEX3 ``type="DATE"`` spans in it. Value accuracy counts
only gold values in a calendar form our dates contract can express (YYYY, YYYY-MM, YYYY-MM-DD,
YYYY-Www); a gold date is right when the first predicted span overlapping it has exactly its value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polemos.errors import InputError
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import TimeExpr

CONTRACT = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SKIP_DIRS = ("testpipeline",)  # a copy of one TimeBank file in TBAQ-cleaned


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    """One gold document: its id, creation date, plain text and DATE spans (start, end, value)."""

    id: str
    dct: str
    text: str
    dates: tuple[tuple[int, int, str], ...]


def read_tml(path: Path) -> TimemlDoc:
    """One ``.tml`` file as text plus DATE spans; raises InputError when it has no DCT or TEXT."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
    if dct is None or "<TEXT>" not in raw:
        raise InputError("no DCT value or no <TEXT> element", where=str(path), field="DCT")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    pieces: list[str] = []
    dates: list[tuple[int, int, str]] = []
    pos, cur = 0, 0
    opened: tuple[int, dict[str, str]] | None = None
    for m in _TAG.finditer(body):
        pieces.append(body[pos:m.start()])
        cur += m.start() - pos
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            opened = (cur, dict(_ATTR.findall(m.group(3))))
        elif opened is not None:
            start, attrs = opened
            if attrs.get("type") == "DATE":
                dates.append((start, cur, attrs.get("value", "")))
            opened = None
    pieces.append(body[pos:])
    return TimemlDoc(path.stem, dct.group(1)[:10], "".join(pieces), tuple(dates))


def _overlaps(t: TimeExpr, s: int, e: int) -> bool:
    return t.span.start < e and t.span.end > s


def evaluate_timeml(gold: Path,
                    find: Callable[[str, str | None], list[TimeExpr]] = find_time_expressions,
                    ) -> dict[str, Any]:
    """Span P/R/F1 for DATE expressions and DATE value accuracy of ``find`` on a folder of .tml.

    Returns a report dict: ``value_accuracy``, ``right``, ``gold`` (calendar-form DATEs),
    ``spans_found``, span ``precision``/``recall``/``f1`` (overlap) and ``exact_f1``, ``left_out``
    (non-calendar gold values by count) and ``not_right`` (text, gold, predicted, doc).
    """
    paths = sorted(p for p in Path(gold).rglob("*.tml")
                   if not any(part in _SKIP_DIRS for part in p.relative_to(gold).parts))
    if not paths:
        raise InputError("no .tml files found", where=str(gold))
    n = right = found = 0
    n_gold_spans = recalled = n_pred = precise = exact = 0
    left_out: Counter[str] = Counter()
    not_right: list[tuple[str, str, str | None, str]] = []
    for path in paths:
        doc = read_tml(path)
        pred = find(doc.text, doc.dct)
        n_pred += len(pred)
        precise += sum(any(_overlaps(t, s, e) for s, e, _ in doc.dates) for t in pred)
        for s, e, value in doc.dates:
            n_gold_spans += 1
            hits = [t for t in pred if _overlaps(t, s, e)]
            recalled += bool(hits)
            exact += any(t.span.start == s and t.span.end == e for t in hits)
            if not CONTRACT.fullmatch(value):
                left_out[value] += 1
                continue
            n += 1
            got = hits[0].value if hits else None
            found += bool(hits)
            right += bool(hits) and got == value
            if not hits or got != value:
                not_right.append((doc.text[s:e], value, got if hits else None, doc.id))
    precision, recall = precise / max(n_pred, 1), recalled / max(n_gold_spans, 1)
    exact_p, exact_r = exact / max(n_pred, 1), exact / max(n_gold_spans, 1)
    return {
        "documents": len(paths), "value_accuracy": right / max(n, 1), "right": right, "gold": n,
        "spans_found": found, "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "exact_f1": 2 * exact_p * exact_r / max(exact_p + exact_r, 1e-9),
        "date_spans": n_gold_spans, "predicted": n_pred,
        "left_out": dict(left_out.most_common()), "not_right": not_right,
    }


def format_timeml(report: dict[str, Any], wrong: int = 5) -> str:
    """Readable lines: value accuracy, span P/R/F1, and ``wrong`` misses (wrong values first)."""
    r = report
    lines = [
        f"timeml: DATE value accuracy {r['value_accuracy']:.3f} ({r['right']}/{r['gold']}; "
        f"spans found {r['spans_found']}) in {r['documents']} documents",
        f"  DATE spans (overlap): precision {r['precision']:.3f}, recall {r['recall']:.3f}, "
        f"F1 {r['f1']:.3f}; exact-offset F1 {r['exact_f1']:.3f} "
        f"({r['predicted']} predicted, {r['date_spans']} gold)",
        f"  left out {sum(r['left_out'].values())} non-calendar gold values",
    ]
    misses = sorted(r["not_right"], key=lambda w: w[2] is None)[:wrong]
    lines += [f"  {t!r}: gold {v}, got {p if p is not None else 'no span'} ({d})"
              for t, v, p, d in misses]
    return "\n".join(lines)
