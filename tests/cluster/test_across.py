"""Across articles: two outlets telling one shooting join; the same words in a city 300 km
away do not; ids do not depend on input order and survive a new article joining."""

from __future__ import annotations

import random

from polemos.cluster import cluster_mentions
from polemos.resolve.places.toponyms import km


def _violence(incidents):
    return [i for i in incidents if i.family == "violence"]


def _all(cluster_articles, *ids):
    return [m for doc in ids for m in cluster_articles[doc][1]]


def test_across_two_outlets_telling_one_shooting_join(cluster_articles):
    mentions = _all(cluster_articles, "dayton-daily", "dayton-tv")
    sources = {d: cluster_articles[d][0].source for d in ("dayton-daily", "dayton-tv")}
    (incident,) = _violence(cluster_mentions(mentions, sources))
    assert incident.doc_ids == ("dayton-daily", "dayton-tv")
    assert incident.n_articles == 2 and incident.n_sources == 2
    assert incident.dead == 1  # reconciled, not 1 + 1
    assert incident.first_reported == "2015-03-08" and incident.last_reported == "2015-03-09"
    assert incident.date == "2015-03-07"


def test_across_same_words_same_day_300_km_apart_stay_apart(cluster_articles):
    mentions = _all(cluster_articles, "dayton-daily", "chicago-daily")
    incidents = _violence(cluster_mentions(mentions))
    assert len(incidents) == 2
    a, b = (i.location for i in incidents)
    assert a is not None and b is not None and a.lat is not None and b.lat is not None
    assert km(a.lat, a.lon, b.lat, b.lon) > 300


def test_across_ids_do_not_depend_on_input_order(cluster_articles):
    mentions = _all(cluster_articles, *cluster_articles)
    expected = cluster_mentions(mentions)
    for seed in range(5):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        assert cluster_mentions(shuffled) == expected


def test_across_a_new_article_leaves_the_other_incidents_ids_alone(cluster_articles):
    before = cluster_mentions(_all(cluster_articles, "kirkuk-wire", "dayton-daily",
                                   "chicago-daily"))
    after = cluster_mentions(_all(cluster_articles, "kirkuk-wire", "dayton-daily",
                                  "chicago-daily", "dayton-tv"))
    # the later report joins the Dayton shooting, which keeps its id (its founder is earlier)
    assert {i.id for i in before} <= {i.id for i in after}
    dayton = next(i for i in after if "dayton-tv" in i.doc_ids and i.family == "violence")
    assert dayton.id in {i.id for i in before} and "dayton-daily" in dayton.doc_ids
    unchanged = [i for i in before if i.id != dayton.id]
    assert unchanged and all(i in after for i in unchanged)
