"""Score the `polemos` CLI on the probe sets (issue 14), including sentences that hold no event.

Usage: python benchmarks/probes/score.py [PROBES.json ...] [--polemos CMD] [--json] [--show-wrong]

With no file, every ``*.json`` beside this script is scored. Each set is one call of
``polemos code FILE --format jsonl --no-db`` (one article per probe, dated by the probe), so the
figures are those of the documented CLI, as on the held-out side. On sentences with a gold event
the metrics are those of ``polemos evaluate --kind plover-gsr`` and ``score_dev.py gsr``: type
accuracy of the highest-confidence mention, type recall, actor country (the mentions of the gold
type, else the top one, must name a gold source country and no target-only country), recipient
country, actor sector. Added here: ``reversed`` (the chosen mention names a target-only party
among its actors and a source-only party among its recipients) and, on probes whose ``event`` is
``NONE``, the share given any mention and the share given an ASSAULT. ``spurious`` counts, over
all probes, the mentions of a type other than the gold one (every mention of a NONE probe). On
probes that carry a gold ``cameo`` code: CAMEO root accuracy (the first two digits of the top
mention's ``cameo`` equal the gold root) and full-code accuracy (the codes are equal).

Exit status: 0 when every set was scored, 2 when a probe file is bad or the CLI cannot be run.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NO_EVENT = "NONE"
PLOVER = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                    "COERCE", "ASSAULT"})
# the GSR 0.5 names of types PLOVER 16 merged, as polemos/evaluate/plover_gsr.py maps them
TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
            "INVESTIGATE": "ACCUSE"}
# codes in the gold that name no country (as in polemos/evaluate/plover_gsr.py)
NOT_COUNTRY = frozenset({"IGO", "NGO", "MNC", "---", "***", "UAF", "REB", "GOV", "MIL", "CVL",
                         "IMG", "ISM"})
TIMEOUT = 1800  # seconds for one set


class ProbeError(Exception):
    """A probe file that cannot be scored; the message names file, record and field."""


@dataclass(frozen=True)
class Probe:
    id: str
    date: str
    text: str
    event: str  # a PLOVER type, or NONE
    construction: str
    cameo: str = ""  # the gold CAMEO code (e.g. "0311"), on the sets that carry one
    source: tuple[tuple[str, str], ...] = ()  # (country or non-country code, sector)
    target: tuple[tuple[str, str], ...] = ()


@dataclass
class SetScore:
    name: str
    sentences: int = 0
    event_n: int = 0
    top_ok: int = 0
    any_ok: int = 0
    country_n: int = 0
    country_ok: int = 0
    recipient_n: int = 0
    recipient_ok: int = 0
    sector_n: int = 0
    sector_ok: int = 0
    reversed: int = 0
    none_n: int = 0
    none_any: int = 0
    none_assault: int = 0
    spurious: int = 0
    cameo_n: int = 0
    cameo_root_ok: int = 0
    cameo_code_ok: int = 0
    wrong: list[str] = field(default_factory=list)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "set": self.name, "sentences": self.sentences, "event_sentences": self.event_n,
            "type_accuracy": ratio(self.top_ok, self.event_n),
            "type_recall": ratio(self.any_ok, self.event_n),
            "actor_country": ratio(self.country_ok, self.country_n), "actor_country_n": self.country_n,
            "recipient_country": ratio(self.recipient_ok, self.recipient_n),
            "recipient_country_n": self.recipient_n,
            "actor_sector": ratio(self.sector_ok, self.sector_n), "actor_sector_n": self.sector_n,
            "reversed": self.reversed,
            "no_event_sentences": self.none_n,
            "false_event_rate": ratio(self.none_any, self.none_n),
            "false_assault_rate": ratio(self.none_assault, self.none_n),
            "spurious_per_sentence": ratio(self.spurious, self.sentences),
            "cameo_n": self.cameo_n,
            "cameo_root_accuracy": ratio(self.cameo_root_ok, self.cameo_n),
            "cameo_code_accuracy": ratio(self.cameo_code_ok, self.cameo_n),
            "wrong_top": [[g, p, k] for (g, p), k in self.confusion.most_common(8)],
        }


def _parties(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise ProbeError(f"{where}: expected a list of {{actorText, code, sector}} objects")
    return tuple((str(p.get("code", ""))[:3], str(p.get("sector", ""))) for p in value)


def read_probes(path: Path) -> list[Probe]:
    """The probes of one set file; raises ProbeError naming the file, record and field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ProbeError(f"{path}: cannot read probe JSON: {e}") from None
    if not isinstance(data, list):
        raise ProbeError(f"{path}: expected a JSON array of probe records")
    probes: list[Probe] = []
    for n, rec in enumerate(data):
        where = f"{path}:record {n}"
        if not isinstance(rec, dict):
            raise ProbeError(f"{where}: expected an object")
        for name in ("id", "date", "text", "event"):
            if not isinstance(rec.get(name), str) or not rec[name].strip():
                raise ProbeError(f"{where}: {name}: missing or not a string")
        event = TYPE_MAP.get(rec["event"], rec["event"])
        if event != NO_EVENT and event not in PLOVER:
            raise ProbeError(f"{where}: event: {rec['event']!r} is not a PLOVER type or {NO_EVENT}")
        cameo = rec.get("cameo", "")
        if not isinstance(cameo, str) or (cameo and not (cameo.isdigit() and 2 <= len(cameo) <= 4)):
            raise ProbeError(f"{where}: cameo: {cameo!r} is not a CAMEO code of 2 to 4 digits")
        probes.append(Probe(rec["id"], rec["date"], rec["text"], event,
                            str(rec.get("construction", "")), cameo,
                            _parties(rec.get("source"), f"{where}: source"),
                            _parties(rec.get("target"), f"{where}: target")))
    ids = Counter(p.id for p in probes)
    if dup := [i for i, k in ids.items() if k > 1]:
        raise ProbeError(f"{path}: id: used more than once: {', '.join(dup)}")
    return probes


def _countries(parties: tuple[tuple[str, str], ...]) -> set[str]:
    return {c for c, _ in parties} - NOT_COUNTRY - {""}


def _keys(parties: tuple[tuple[str, str], ...]) -> set[str]:
    """Countries and sectors of gold parties: what tells the two sides apart."""
    return _countries(parties) | {s for _, s in parties if s}


def _got(mentions: list[dict[str, Any]], side: str, what: str) -> set[str]:
    values = (str(p.get(what) or "") for m in mentions for p in m.get(side) or [])
    return {v[:3] if what == "country" else v for v in values} - {""}


def _score_cameo(s: SetScore, p: Probe, ms: list[dict[str, Any]]) -> None:
    """CAMEO root and full-code agreement of the top mention; nothing coded counts as wrong."""
    if not p.cameo:
        return
    got = str(ms[0].get("cameo") or "") if ms else ""
    s.cameo_n += 1
    s.cameo_root_ok += got[:2] == p.cameo[:2]
    s.cameo_code_ok += got == p.cameo
    if got[:2] != p.cameo[:2]:
        s.wrong.append(f"{p.id} [{p.construction}] cameo {p.cameo} -> {got or '(nothing)'}: {p.text}")


def score_set(name: str, probes: list[Probe], by_doc: dict[str, list[dict[str, Any]]]) -> SetScore:
    """The figures of one set, from the CLI's mention records grouped by doc_id."""
    s = SetScore(name)
    for p in probes:
        ms = sorted(by_doc.get(p.id, []), key=lambda m: -(m.get("confidence") or 0.0))
        types = [str(m.get("event_type")) for m in ms]
        s.sentences += 1
        _score_cameo(s, p, ms)
        s.spurious += sum(t != p.event for t in types)
        if p.event == NO_EVENT:
            s.none_n += 1
            s.none_any += bool(ms)
            s.none_assault += "ASSAULT" in types
            if ms:
                s.confusion[NO_EVENT, types[0]] += 1
                s.wrong.append(f"{p.id} [{p.construction}] NONE -> {', '.join(types)}: {p.text}")
            continue
        s.event_n += 1
        top = types[0] if ms else "(nothing)"
        s.top_ok += top == p.event
        s.any_ok += p.event in types
        if top != p.event:
            s.confusion[p.event, top] += 1
            s.wrong.append(f"{p.id} [{p.construction}] {p.event} -> {top}: {p.text}")
        chosen = [m for m in ms if m.get("event_type") == p.event] or ms[:1]
        src, tgt = _countries(p.source), _countries(p.target)
        actors = _got(chosen, "actors", "country")
        if src:
            s.country_n += 1
            s.country_ok += bool(src & actors) and not actors & (tgt - src)
        if tgt:
            s.recipient_n += 1
            s.recipient_ok += bool(tgt & _got(chosen, "recipients", "country"))
        sectors = {sec for _, sec in p.source if sec}
        if sectors:
            s.sector_n += 1
            s.sector_ok += bool(sectors & _got(chosen, "actors", "sector"))
        src_keys, tgt_keys = _keys(p.source), _keys(p.target)
        got_actors = actors | _got(chosen, "actors", "sector")
        got_recipients = _got(chosen, "recipients", "country") | _got(chosen, "recipients", "sector")
        s.reversed += bool(got_actors & (tgt_keys - src_keys)) and bool(
            got_recipients & (src_keys - tgt_keys))
    return s


def run_cli(cmd: list[str], probes: list[Probe]) -> dict[str, list[dict[str, Any]]]:
    """Code the probes with ``polemos code --format jsonl --no-db``; the records by doc_id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "probes.jsonl"
        path.write_text("".join(json.dumps({"id": p.id, "date": p.date, "text": p.text}) + "\n"
                                for p in probes), encoding="utf-8")
        try:
            res = subprocess.run([*cmd, "code", str(path), "--format", "jsonl", "--no-db"],
                                 capture_output=True, text=True, timeout=TIMEOUT,
                                 env=dict(os.environ, HF_HUB_OFFLINE="1"))
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ProbeError(f"cannot run {shlex.join(cmd)}: {e}") from None
    if res.returncode not in (0, 1):  # 1: some articles failed; the rest are still scored
        tail = res.stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise ProbeError(f"{shlex.join(cmd)} code exited with status {res.returncode}: {tail[0]}")
    if res.returncode == 1:
        print(f"score.py: some probes failed to code:\n{res.stderr.strip()}", file=sys.stderr)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in res.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            by_doc[str(rec.get("doc_id"))].append(rec)
    return by_doc


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_table(rows: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table, one row per set."""
    head = ("| set | n | type acc | actor country | recipient country | actor sector | reversed "
            "| false events (no-event n) | false ASSAULT | spurious/sentence |")
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        false_events = ("–" if not r["no_event_sentences"]
                        else f"{_cell(r['false_event_rate'])} ({r['no_event_sentences']})")
        lines.append(
            f"| {r['set']} | {r['sentences']} | {_cell(r['type_accuracy'])} "
            f"| {_cell(r['actor_country'])} (n={r['actor_country_n']}) "
            f"| {_cell(r['recipient_country'])} (n={r['recipient_country_n']}) "
            f"| {_cell(r['actor_sector'])} (n={r['actor_sector_n']}) | {r['reversed']} "
            f"| {false_events} | {_cell(r['false_assault_rate'])} "
            f"| {_cell(r['spurious_per_sentence'])} |")
    if cameo := [r for r in rows if r.get("cameo_n")]:
        lines += ["", "| set | CAMEO n | CAMEO root acc | CAMEO code acc |", "|" + "---|" * 4]
        lines += [f"| {r['set']} | {r['cameo_n']} | {_cell(r['cameo_root_accuracy'])} "
                  f"| {_cell(r['cameo_code_accuracy'])} |" for r in cameo]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("probes", nargs="*", type=Path, help="probe set files (default: all here)")
    ap.add_argument("--polemos", default=f"{shlex.quote(sys.executable)} -m polemos",
                    help="command that runs the CLI (default: this Python's -m polemos)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-wrong", action="store_true", help="list the probes scored wrong")
    a = ap.parse_args(argv)
    paths = a.probes or sorted(HERE.glob("*.json"))
    rows = []
    try:
        for path in paths:
            probes = read_probes(path)
            s = score_set(path.stem, probes, run_cli(shlex.split(a.polemos), probes))
            rows.append(s.figures())
            if a.show_wrong:
                print("\n".join(f"  {w}" for w in s.wrong), file=sys.stderr)
    except ProbeError as e:
        print(f"score.py: error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(rows, indent=1) if a.json else format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
