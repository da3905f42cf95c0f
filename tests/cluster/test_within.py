"""Within one article: one attack told several times is one incident; two attacks are two."""

from __future__ import annotations

from polemos.cluster import cluster_mentions


def test_within_two_attacks_in_one_article_give_two_tolls_summing_to_16(cluster_articles):
    # "killed one American" (told twice) and "an attack against protesters who killed 15"
    _, mentions = cluster_articles["kirkuk-wire"]
    incidents = cluster_mentions(mentions)
    assaults = [i for i in incidents if i.event_type == "ASSAULT"]
    assert len(assaults) == 2
    assert sorted(i.dead for i in assaults) == [1, 15]
    assert sum(i.dead or 0 for i in incidents) == 16
    assert {i.date for i in assaults} == {"2019-12-27", "2019-12-29"}
    one = next(i for i in assaults if i.dead == 1)
    assert one.n_mentions == 2 and one.counts_rule == "latest_reported"


def test_within_one_shooting_told_in_several_sentences_is_one_incident(cluster_articles):
    _, mentions = cluster_articles["dayton-daily"]
    assert len([m for m in mentions if m["event_type"] == "ASSAULT"]) >= 2
    incidents = cluster_mentions(mentions)
    assaults = [i for i in incidents if i.family == "violence"]
    assert len(assaults) == 1
    assert assaults[0].dead == 1 and assaults[0].injured == 1
    assert assaults[0].location is not None and assaults[0].location.name == "Dayton"
    assert assaults[0].place_rule == "finest_most_supported"  # the sentence's own city


def test_within_every_mention_is_in_exactly_one_incident(cluster_articles):
    mentions = [m for _, ms in cluster_articles.values() for m in ms]
    incidents = cluster_mentions(mentions)
    held = [m for i in incidents for m in i.mention_ids]
    assert sorted(held) == sorted(m["id"] for m in mentions)
    assert all(i.n_mentions == len(i.mention_ids) for i in incidents)


def test_within_an_attack_and_the_reply_with_roles_reversed_are_two_incidents(cluster_articles):
    # one side acts on the other, then the other on the first, on the same day: two acts, each
    # with its own direction (a dyad's series must not fold a reply into the attack)
    for doc in ("exchange-fire", "raid-and-reply"):
        _, mentions = cluster_articles[doc]
        assaults = [m for m in mentions if m["event_type"] == "ASSAULT"]
        assert len(assaults) == 2, doc
        incidents = [i for i in cluster_mentions(mentions) if i.family == "violence"]
        assert len(incidents) == 2, doc
        directions = {(i.actors[0].country, i.recipients[-1].country) for i in incidents}
        assert len(directions) == 2 and all(a != r for a, r in directions), doc


def test_within_one_side_acting_twice_on_the_other_stays_one_incident(cluster_articles):
    _, mentions = cluster_articles["one-raid-retold"]
    incidents = [i for i in cluster_mentions(mentions) if i.family == "violence"]
    assert len(incidents) == 1 and incidents[0].n_mentions >= 2
