"""Trigger senses (issue 14): an ambiguous trigger ("strike", "attack", "hit", "fire", "battle",
"blast", "raid", "bomb", "shoot") takes the sense its parse context selects, from the table in
polemos/data/triggers/senses.yaml. Our own sentences, several per class, none from a probe set."""

from __future__ import annotations

from pathlib import Path

import pytest
from coding import code

from polemos.extract.senses import Cues, choose_sense, read_cues
from polemos.extract.triggers import Sense


def _types(text: str, knowledge) -> list[tuple[str, str]]:
    return [(m.event_type, m.cameo) for m in code(text, knowledge)]


@pytest.mark.parametrize("text", [
    "The United States and Britain carried out strikes on Houthi targets in Yemen.",
    "Israel launched strikes against militant positions in southern Lebanon overnight.",
    "Drone strikes killed four fighters near Kandahar on Sunday.",
    "Turkish jets conducted a strike on a convoy near Qamishli.",
    "A missile strike destroyed a depot outside Donetsk.",
])
def test_senses_military_strike_is_assault(knowledge, text: str) -> None:
    found = code(text, knowledge)
    assert any(m.event_type == "ASSAULT" for m in found), [m.rule for m in found]
    assert all(m.event_type != "PROTEST" for m in found), [m.rule for m in found]


@pytest.mark.parametrize("text", [
    "Thousands of teachers went on strike in Nairobi over unpaid wages.",
    "Dock workers staged a strike at the port of Antwerp on Monday.",
    "The union called a strike across the country's railways.",
    "Nurses struck for a third day in Lagos, demanding better pay.",
    "A strike by bus drivers paralysed transport in Lisbon.",
])
def test_senses_labour_strike_is_protest(knowledge, text: str) -> None:
    found = code(text, knowledge)
    assert any(m.event_type == "PROTEST" and m.cameo.startswith("14") for m in found), \
        [m.rule for m in found]
    assert all(m.event_type != "ASSAULT" for m in found), [m.rule for m in found]


@pytest.mark.parametrize("text", [
    "The former minister died of a heart attack in Cairo on Tuesday.",
    "The singer suffered a panic attack before the concert in Lagos.",
    "The boy was taken to hospital after an asthma attack.",
    "The midfielder struck the ball into the top corner in the second half.",
    "The striker hit the post twice before half-time.",
    "The club fired its coach after a run of defeats.",
    "Firefighters battled the blaze for six hours in Athens.",
    "The senator is battling cancer, his office said.",
    "A powerful earthquake struck eastern Turkey on Monday.",
    "The economy was hit by a deep recession last year.",
    "A surfer survived a shark attack off the coast of Sydney.",
])
def test_senses_illness_sport_nature_and_figures_are_no_violence(knowledge, text: str) -> None:
    found = code(text, knowledge)
    assert all(m.event_type != "ASSAULT" for m in found), [m.rule for m in found]


@pytest.mark.parametrize("text", [
    "The government struck a deal with the rebels in Juba.",
    "Kenya and Somalia struck an agreement on the border.",
])
def test_senses_struck_a_deal_is_an_agreement(knowledge, text: str) -> None:
    found = code(text, knowledge)
    # coded as "reached a deal" is (our light verb + nominal event), with the type the ontology
    # gives that code (cameo_plover.tsv), never the default's ASSAULT
    reached = code(text.replace("struck", "reached"), knowledge)
    assert found and [m.cameo for m in found] == [m.cameo for m in reached], \
        [m.rule for m in found + reached]
    assert all(m.event_type == knowledge.ontology.get(m.cameo).event_type for m in found)


@pytest.mark.parametrize("text", [
    "Rebels attacked an army base near Gao, killing six soldiers.",
    "Gunmen shot dead two traders in Kaduna.",
    "Russian missiles hit a power station in Kharkiv.",
    "Police raided the offices of an opposition newspaper in Harare.",
])
def test_senses_leave_the_default_where_no_cue_speaks(knowledge, text: str) -> None:
    before = [m.event_type for m in code(text, knowledge)]
    assert before and all("sense" not in m.rule for m in code(text, knowledge))


def test_senses_the_rule_names_the_sense_and_the_cue(knowledge) -> None:
    m = next(m for m in code("Workers went on strike in Lagos.", knowledge))
    assert "sense 'labour'" in m.rule and "senses.yaml" in m.rule


def test_senses_cues_read_from_the_parse(knowledge) -> None:
    doc = knowledge.nlp("Thousands of dock workers went on strike against the new law.")
    strike = next(t for t in doc if t.lemma_ == "strike")
    cues = read_cues(strike)
    assert ("verb", "go on") in cues.pairs
    assert ("by", "worker") in cues.pairs and ("by", "dock") in cues.pairs
    assert ("prep", "against") in cues.pairs


def test_senses_a_date_after_on_is_no_target(knowledge) -> None:
    doc = knowledge.nlp("The strike on Monday closed every school.")
    strike = next(t for t in doc if t.lemma_ == "strike")
    assert ("prep", "on") not in read_cues(strike).pairs


def test_senses_most_cues_win_and_the_first_listed_breaks_a_tie() -> None:
    a = Sense("a", "190", (("prep", "on"),), "x:1")
    b = Sense("b", "143", (("by", "worker"), ("verb", "go on")), "x:2")
    both = Cues(frozenset({("prep", "on"), ("by", "worker"), ("verb", "go on")}))
    assert choose_sense((a, b), both) == (b, ("by", "worker"))
    one_each = Cues(frozenset({("prep", "on"), ("by", "worker")}))
    assert choose_sense((a, b), one_each) == (a, ("prep", "on"))
    assert choose_sense((a, b), Cues(frozenset())) is None


def test_senses_a_users_table_layers_over_ours(knowledge, tmp_path: Path) -> None:
    from polemos.extract.triggers import TriggerLexicon
    (tmp_path / "senses.yaml").write_text(
        "origin: test\nlicence: CC0\nsenses:\n  strike:\n    sport:\n      code: null\n"
        "      by: [bowler]\n", encoding="utf-8")
    lexicon = TriggerLexicon.load(knowledge.ontology, [tmp_path])
    assert [s.name for s in lexicon.senses["strike"]] == ["sport"]
    assert "attack" in lexicon.senses


def test_senses_a_bad_table_is_reported_with_file_and_line(knowledge, tmp_path: Path) -> None:
    from polemos.errors import KnowledgeError
    from polemos.extract.triggers import TriggerLexicon
    (tmp_path / "senses.yaml").write_text(
        "origin: test\nlicence: CC0\nsenses:\n  strike:\n    war:\n      code: '999'\n"
        "      mod: [air]\n    odd:\n      code: null\n      smell: [x]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        TriggerLexicon.load(knowledge.ontology, [tmp_path])
    text = "\n".join(err.value.problems)
    assert "senses.yaml:" in text and "999" in text and "smell" in text
