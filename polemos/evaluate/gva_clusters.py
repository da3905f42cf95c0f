"""Score incident clustering against Gun Violence Archive incidents (B-cubed and pairwise).

Gold: a folder with ``articles.jsonl`` (article_id, incident_id, title, dct, text, url, QC flags)
and ``incidents.jsonl`` (incident_id, num_killed, ...). Articles whose two QC flags are true and
that are linked to one incident only are coded from their text alone, clustered, and each given
its MAIN incident: the incident that holds most of its mentions (ties: the one holding its first
mention in reading order; an article with no mention is a cluster of its own). The gold
``incident_id`` is read only to score. ``half``: ``sha256(incident_id) % 2`` (0 tune, 1 blind),
so no incident straddles the halves. docs/incidents.md, docs/evaluation.md.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from polemos.cluster import cluster_mentions
from polemos.evaluate.gva import _read_jsonl
from polemos.model import Article, Incident

HALVES = ("tune", "blind")
SHUFFLE_SEED = 15


def incident_half(incident_id: str) -> str:
    """``tune`` or ``blind``: the incident's half, by a hash no clustering rule can see."""
    return HALVES[int(hashlib.sha256(incident_id.encode("utf-8")).hexdigest(), 16) % 2]


def cluster_sample(gold: Path, half: str | None = None,
                   ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The scored articles (sorted by id) and the gold incidents by id."""
    incidents = {str(d.get("incident_id")): d for d in _read_jsonl(Path(gold) / "incidents.jsonl")}
    every = _read_jsonl(Path(gold) / "articles.jsonl")
    links = Counter(str(a.get("article_id")) for a in every)
    arts = [a for a in every
            if str(a.get("qc_mentions_city")) == "True" and str(a.get("qc_shooting_vocab")) == "True"
            and links[str(a.get("article_id"))] == 1 and str(a.get("text") or "").strip()
            and a.get("incident_id") is not None
            and (half is None or incident_half(str(a["incident_id"])) == half)]
    return sorted(arts, key=lambda a: str(a["article_id"])), incidents


def b_cubed(pred: Mapping[str, str], gold: Mapping[str, str],
            ) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted partition against a gold one (same items):
    per item, the share of its predicted cluster in its gold cluster, and the converse."""
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for x in items:
        pred_members[pred[x]].add(x)
        gold_members[gold[x]].add(x)
    p = r = 0.0
    for x in items:
        both = len(pred_members[pred[x]] & gold_members[gold[x]])
        p += both / len(pred_members[pred[x]])
        r += both / len(gold_members[gold[x]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str],
             ) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in one cluster (no pair at all: 0)."""
    def pairs(labels: Mapping[str, str]) -> set[frozenset[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for x in gold:
            groups[labels[x]].append(x)
        return {frozenset((a, b)) for g in groups.values()
                for i, a in enumerate(g) for b in g[i + 1:]}

    pp, gp = pairs(pred), pairs(gold)
    p = len(pp & gp) / len(pp) if pp else 0.0
    r = len(pp & gp) / len(gp) if gp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main_incidents(incidents: Sequence[Incident], mentions: Sequence[Mapping[str, Any]],
                   article_ids: Sequence[str]) -> dict[str, str]:
    """Each article's main incident: the one holding most of its mentions, ties to the one
    holding its first mention (sentence, then id); an article with no mention is its own."""
    incident_of = {m: i.id for i in incidents for m in i.mention_ids}
    by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_doc[str(m["doc_id"])].append(m)
    main: dict[str, str] = {}
    for doc in article_ids:
        ms = sorted(by_doc.get(doc, []), key=lambda m: (int(m.get("sentence_index") or 0),
                                                        str(m["id"])))
        if not ms:
            main[doc] = f"article:{doc}"
            continue
        counts = Counter(incident_of[str(m["id"])] for m in ms)
        first: dict[str, int] = {}
        for rank, m in enumerate(ms):
            first.setdefault(incident_of[str(m["id"])], rank)
        main[doc] = min(counts, key=lambda i: (-counts[i], first[i]))
    return main


def outlet(url: object) -> str | None:
    """The site that published an article, read from its URL (an archive's copy names it last)."""
    if not isinstance(url, str) or "//" not in url:
        return None
    host = url[url.rfind("//") + 2:].split("/")[0].split(":")[0].lower()
    return host.removeprefix("www.") or None


def evaluate_gva_clusters(gold: Path, code: Callable[[list[Article]], list[dict[str, Any]]],
                          half: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """B-cubed and pairwise scores of the clustering, the all-singletons baseline, the
    shuffled-id control and killed-per-incident exact. ``code`` turns articles into schema-v1
    records. Raises InputError on unreadable gold."""
    arts, gold_incidents = cluster_sample(gold, half)
    arts = arts[:limit] if limit else arts
    articles = [Article(id=str(a["article_id"]), text=str(a["text"]), date=a.get("dct"),
                        title=a.get("title"), source=outlet(a.get("url"))) for a in arts]
    mentions = code(articles)
    sources = {a.id: a.source for a in articles}
    incidents = cluster_mentions(mentions, sources)
    ids = [a.id for a in articles]
    pred = main_incidents(incidents, mentions, ids)
    truth = {str(a["article_id"]): str(a["incident_id"]) for a in arts}
    report = _report(pred, truth, incidents, gold_incidents, len(mentions), half)
    report["one_violence_incident"] = _one_violence_incident(incidents, ids)
    return report


def _report(pred: dict[str, str], truth: dict[str, str], incidents: Sequence[Incident],
            gold_incidents: Mapping[str, Mapping[str, Any]], n_mentions: int,
            half: str | None) -> dict[str, Any]:
    singletons = {x: x for x in truth}
    shuffled_ids = sorted(truth.values())
    random.Random(SHUFFLE_SEED).shuffle(shuffled_ids)
    shuffled = dict(zip(sorted(truth), shuffled_ids, strict=True))
    p, r, f = b_cubed(pred, truth)
    _, _, sf = b_cubed(singletons, truth)
    _, _, cf = b_cubed(pred, shuffled)
    # The same cluster sizes over articles drawn at random: what any clustering that cannot see
    # the gold ids scores on shuffled ids; ours should score the same, not more.
    members = sorted(truth)
    drawn = members[:]
    random.Random(SHUFFLE_SEED + 1).shuffle(drawn)
    _, _, rf = b_cubed({x: pred[y] for x, y in zip(members, drawn, strict=True)}, shuffled)
    pair_p, pair_r, pair_f = pairwise(pred, truth)
    return {
        "half": half or "all", "articles": len(truth), "gold_incidents": len(set(truth.values())),
        "mentions": n_mentions, "incidents": len(incidents),
        "predicted_clusters": len(set(pred.values())),
        "b3_precision": p, "b3_recall": r, "b3_f1": f,
        "pair_precision": pair_p, "pair_recall": pair_r, "pair_f1": pair_f,
        "singletons_b3_f1": sf, "shuffled_b3_f1": cf, "shuffled_random_sizes_b3_f1": rf,
        "killed_exact": _killed_exact(pred, truth, incidents, gold_incidents),
    }


def _killed_exact(pred: Mapping[str, str], truth: Mapping[str, str],
                  incidents: Sequence[Incident],
                  gold_incidents: Mapping[str, Mapping[str, Any]]) -> float:
    """Over gold incidents: the dead of the predicted incident most of its articles belong to
    (none: 0) equal the gold ``num_killed``."""
    dead = {i.id: i.dead or 0 for i in incidents}
    articles: dict[str, list[str]] = defaultdict(list)
    for doc, g in sorted(truth.items()):
        articles[g].append(doc)
    ok = 0
    for g, docs in articles.items():
        votes = Counter(pred[d] for d in docs)
        main = min(votes, key=lambda i: (-votes[i], i))
        ok += dead.get(main, 0) == gold_incidents.get(g, {}).get("num_killed")
    return ok / len(articles) if articles else 0.0


def _one_violence_incident(incidents: Sequence[Incident], article_ids: Sequence[str]) -> float:
    """The share of articles with exactly one incident of the violence family: a shooting
    article should tell one (some tell an earlier shooting too, so 1.0 is not the aim)."""
    per_doc = Counter(d for i in incidents if i.family == "violence" for d in i.doc_ids)
    return sum(per_doc[a] == 1 for a in article_ids) / len(article_ids) if article_ids else 0.0


def format_gva_clusters(report: dict[str, Any]) -> str:
    """Three readable lines: the scores, the baselines, the counts."""
    r = report
    return (f"gva-clusters ({r['half']}): B3 precision {r['b3_precision']:.3f}, recall "
            f"{r['b3_recall']:.3f}, F1 {r['b3_f1']:.3f}; pairwise F1 {r['pair_f1']:.3f}; "
            f"killed exact {r['killed_exact']:.3f}\n"
            f"  all-singletons B3 F1 {r['singletons_b3_f1']:.3f}; shuffled-id control B3 F1 "
            f"{r['shuffled_b3_f1']:.3f} ({r['shuffled_b3_f1'] - r['singletons_b3_f1']:+.3f}: a "
            f"clustering blind to the gold ids gains nothing on shuffled ids; the same cluster "
            f"sizes over random articles: {r['shuffled_random_sizes_b3_f1']:.3f})\n"
            f"  {r['articles']} articles of {r['gold_incidents']} gold incidents -> "
            f"{r['predicted_clusters']} clusters; {r['mentions']} mentions in {r['incidents']} "
            f"incidents; articles with one violence incident "
            f"{r.get('one_violence_incident', 0.0):.3f}")
