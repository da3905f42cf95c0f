"""Why a sentence was coded as it was: the parse, the triggers found, the rules, the codes.

``explain`` returns plain data (for ``--json``); ``format_explanation`` renders it for a terminal.
"""

from __future__ import annotations

from typing import Any

from polemos.extract.candidates import find_candidates
from polemos.extract.clauses import governor
from polemos.extract.datelines import sentence_views
from polemos.extract.modality import auxiliary_mode, is_question, negation
from polemos.knowledge import Knowledge
from polemos.model import Article, mention_record
from polemos.pipeline import code_article


def explain(text: str, date: str | None, knowledge: Knowledge) -> dict[str, Any]:
    """The parse, trigger candidates and resulting mentions of ``text`` dated ``date``.

    The mentions come from ``pipeline.code_article``, the path ``polemos code`` takes, so both
    give the same event type, actors, date, place and counts; the parse and rules are added.
    Returns {"text", "date", "sentences": [{"tokens", "candidates", "question", "dateline"}],
    "mentions"}.
    Example: ``explain("Iran threatened to shell Iraqi towns.", "2020-01-01", knowledge)``.
    """
    article = Article(id="explain", text=text, date=date)
    mentions = [mention_record(m) for m in code_article(article, knowledge)]
    doc = knowledge.nlp(text)
    sentences = []
    for view in sentence_views(doc, knowledge):
        sent = view.span  # after a dateline, the words the coder parsed again
        cands = find_candidates(sent, knowledge.lexicon)
        by_i = {c.i: c for c in cands}
        rows = []
        for c in cands:
            gov, rel = governor(sent.doc[c.i], by_i)
            rows.append({
                "trigger": sent.doc[c.start:c.end].text, "kind": c.kind, "code": c.code,
                "frame": c.frame, "confidence": c.confidence, "rule": c.rule,
                "governed_by": sent.doc[gov].text if gov is not None else None,
                "relation": rel, "negation": negation(sent.doc[c.i]),
                "auxiliary": auxiliary_mode(sent.doc[c.i]),
            })
        sentences.append({
            "text": view.sentence.text, "question": is_question(sent),
            "dateline": view.sentence.text[:view.offset - view.sentence.start_char].strip() or None,
            "tokens": [{"i": t.i - sent.start, "text": t.text, "lemma": t.lemma_, "pos": t.pos_,
                        "dep": t.dep_, "head": t.head.i - sent.start, "ent": t.ent_type_ or None}
                       for t in sent],
            "candidates": rows,
        })
    return {"text": text, "date": date, "sentences": sentences, "mentions": mentions}


def _party(p: dict[str, Any]) -> str:
    codes = "/".join(x for x in (p.get("country"), p.get("sector")) if x) or "unresolved"
    patron = f", patron {p['patron']}" if p.get("patron") else ""
    return f"{p['text']!r} [{codes}{patron}]"


def _when(m: dict[str, Any]) -> str:
    if not m.get("date"):
        return "no date"
    how = "the published date" if "date_from_published" in (m.get("flags") or ()) else "the text"
    return f"{m['date']} ({m['date_precision']}, from {how})"


def _where(m: dict[str, Any]) -> str:
    place = m.get("location")
    if not place:
        return "no place"
    found = "the article's main place" if "place_from_article" in (m.get("flags") or ()) \
        else "the sentence"
    return f"{place.get('name')}, {place.get('country') or '?'} ({place.get('lat')}, " \
           f"{place.get('lon')}; from {found})"


def _counts(m: dict[str, Any]) -> str:
    counts = [f"{m[k]} {k}" for k in ("dead", "injured", "arrested") if m.get(k) is not None]
    return ", ".join(counts) or "no counts"


def format_explanation(d: dict[str, Any]) -> str:
    """The explanation as readable lines: parse table, candidates, then each mention."""
    lines = [f"text: {d['text']}", f"date: {d['date'] or '(none)'}"]
    for k, sent in enumerate(d["sentences"]):
        lines.append(f"\nsentence {k}{' (a question: no events)' if sent['question'] else ''}:")
        if sent.get("dateline"):
            lines.append(f"  dateline (not a party; the rest parsed alone): {sent['dateline']!r}")
        for t in sent["tokens"]:
            ent = f" {t['ent']}" if t["ent"] else ""
            lines.append(f"  {t['i']:>3} {t['text']:<16} {t['lemma']:<14} {t['pos']:<6} "
                         f"{t['dep']:<10} -> {t['head']}{ent}")
        lines.append("  triggers:" if sent["candidates"] else "  triggers: none")
        for c in sent["candidates"]:
            extra = [f"frame {c['frame']}"] if c["frame"] else []
            if c["governed_by"]:
                extra.append(f"under '{c['governed_by']}' ({c['relation']})")
            if c["negation"]:
                extra.append(f"negated by '{c['negation']}'")
            if c["auxiliary"]:
                extra.append(f"auxiliary: {c['auxiliary']}")
            lines.append(f"    {c['trigger']!r} {c['kind']} code {c['code'] or '-'} "
                         f"{'; '.join(extra)}\n      rule: {c['rule']}")
    lines.append("\nmentions:" if d["mentions"] else "\nmentions: none")
    for m in d["mentions"]:
        lines.append(f"  {m['event_type']} (CAMEO {m['cameo']}, mode {m['mode'] or '-'}, "
                     f"quad {m['quad_class']}, intensity {m['intensity']}) "
                     f"trigger {m['trigger']['text']!r} confidence {m['confidence']} "
                     f"modality {m['modality']}")
        lines.append("    actors: " + (", ".join(map(_party, m["actors"])) or "none"))
        lines.append("    recipients: " + (", ".join(map(_party, m["recipients"])) or "none"))
        lines.append(f"    when: {_when(m)}; where: {_where(m)}; {_counts(m)}")
        if m["source_said"]:
            lines.append(f"    said by: {m['source_said']}")
        lines.append(f"    rule: {m['rule']}")
    return "\n".join(lines)
