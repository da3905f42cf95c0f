"""The gva-clusters scorer: B-cubed and pairwise arithmetic on hand-made partitions, the sample
and halves, the main-incident rule, and the command on a gold-format folder of our own text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from polemos.evaluate.gva_clusters import (
    b_cubed,
    cluster_sample,
    incident_half,
    main_incidents,
    outlet,
    pairwise,
)
from polemos.model import Incident


def test_gva_clusters_b_cubed_on_hand_made_partitions():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    assert b_cubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = b_cubed({x: x for x in gold}, gold)  # all singletons
    assert p == 1.0 and r == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    # {a,b} {c,d,e}: a,b: P 1, R 2/3; c: P 1/3, R 1/3; d,e: P 2/3, R 1
    p, r, f = b_cubed({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, gold)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_gva_clusters_pairwise_on_hand_made_partitions():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}  # pairs ab ac bc de
    p, r, f = pairwise({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, gold)  # ab cd ce de
    assert (p, r) == (0.5, 0.5) and f == 0.5
    assert pairwise({x: x for x in gold}, gold) == (0.0, 0.0, 0.0)
    assert pairwise(gold, gold) == (1.0, 1.0, 1.0)


def test_gva_clusters_sample_keeps_qc_articles_of_one_incident_and_splits_halves(fixtures):
    arts, incidents = cluster_sample(fixtures / "gva_clusters")
    # n1 fails the QC flags; x1 is cited for two incidents
    assert [a["article_id"] for a in arts] == ["c1", "d1", "d2", "g1"]
    tune, _ = cluster_sample(fixtures / "gva_clusters", "tune")
    blind, _ = cluster_sample(fixtures / "gva_clusters", "blind")
    assert {a["article_id"] for a in blind} == {"d1", "d2"}  # incident 10 is blind
    assert {a["article_id"] for a in tune} == {"c1", "g1"}
    assert incident_half("10") == "blind" and incident_half("11") == "tune"
    assert outlet("http://web.archive.org/web/2016/http://www.ktla.com:80/x") == "ktla.com"


def test_gva_clusters_main_incident_holds_most_mentions_ties_to_first():
    def inc(iid: str, *ms: str) -> Incident:
        return Incident(id=iid, event_type="ASSAULT", family="violence", mention_ids=ms,
                        doc_ids=("a",), lead_mention_id=ms[0], text="")

    mentions = [{"id": m, "doc_id": d, "sentence_index": s}
                for m, d, s in (("m1", "a", 3), ("m2", "a", 0), ("m3", "a", 5),
                                ("m4", "b", 1), ("m5", "b", 0))]
    incidents = [inc("I1", "m1", "m3"), inc("I2", "m2", "m5"), inc("I3", "m4")]
    main = main_incidents(incidents, mentions, ["a", "b", "c"])
    assert main == {"a": "I1", "b": "I2", "c": "article:c"}  # b: a tie, I2 holds sentence 0


def test_gva_clusters_command_scores_a_gold_folder_of_our_text(fixtures):
    run = subprocess.run(
        [sys.executable, "-m", "polemos", "evaluate", "--kind", "gva-clusters", "--gold",
         str(fixtures / "gva_clusters"), "--json"],
        capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["articles"] == 4 and report["gold_incidents"] == 3
    # the two Dayton reports join; Chicago (same words, 300 km away) and the garden show do not
    assert report["b3_precision"] == 1.0 and report["b3_recall"] == 1.0
    assert report["pair_f1"] == 1.0
    assert report["singletons_b3_f1"] == pytest.approx(2 * 1 * 0.75 / 1.75)
    assert report["killed_exact"] == 1.0
    assert {"b3_f1", "shuffled_b3_f1"} <= set(report)
    # three shooting articles tell one shooting each; the garden show tells none
    assert report["one_violence_incident"] == pytest.approx(0.75)
    assert 0.0 <= report["shuffled_random_sizes_b3_f1"] <= 1.0


def test_gva_clusters_blind_half_through_the_api(fixtures, knowledge):
    import polemos

    report, text = polemos.evaluate_gold("gva-clusters", fixtures / "gva_clusters",
                                         knowledge=knowledge, half="blind")
    assert report["half"] == "blind" and report["articles"] == 2
    assert "gva-clusters (blind): B3 precision 1.000" in text
    assert "2 articles of 1 gold incidents" in text
