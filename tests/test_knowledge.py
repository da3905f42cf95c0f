"""Knowledge: lexicons and place additions layered by a user's --kb folder, with no rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

import polemos
from polemos.errors import KnowledgeError
from polemos.knowledge import load_knowledge

TEXT = ("Gunmen attacked the village of Qaryat Zarqa yestreen, and three people were liquidated, "
        "police said.")
HEADER = "origin: a test folder\nlicence: MIT\n"


def _kb(root: Path) -> Path:
    """A user folder adding a relative day word, a killing verb and a village the index lacks."""
    (root / "lexicon").mkdir(parents=True)
    (root / "gazetteer").mkdir()
    (root / "lexicon" / "time.yaml").write_text(HEADER + "day_words:\n  yestreen: -1\n")
    (root / "lexicon" / "casualties.yaml").write_text(HEADER + "dead:\n  after: [liquidated]\n")
    (root / "gazetteer" / "additions.yaml").write_text(
        HEADER + "places:\n  - {name: Qaryat Zarqa, lat: 35.5, lon: 38.9, feature: P.PPL, "
                 "country: SYR, source: a test}\n")
    return root


def _attack(knowledge: polemos.Knowledge) -> polemos.Mention:
    mentions = [m for m in polemos.code_text(TEXT, "2020-05-10", knowledge=knowledge)
                if m.event_type == "ASSAULT"]
    assert len(mentions) == 1
    return mentions[0]


def test_knowledge_kb_layers_a_time_word_a_casualty_word_and_a_place(tmp_path: Path) -> None:
    ours = _attack(load_knowledge())
    assert (ours.date, ours.dead, ours.location) == ("2020-05-10", None, None)
    assert "date_from_published" in ours.flags

    theirs = _attack(load_knowledge([_kb(tmp_path / "kb")]))
    assert theirs.date == "2020-05-09"  # "yestreen": the day before the article's
    assert theirs.dead == 3  # "three people were liquidated"
    assert theirs.location is not None
    assert (theirs.location.name, theirs.location.country, theirs.location.source) == (
        "Qaryat Zarqa", "SYR", "kb")
    assert "date_from_published" not in theirs.flags


def test_knowledge_kb_removes_words_of_ours(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "time.yaml").write_text(
        HEADER + "remove:\n  day_words: [yesterday]\n  weekdays: [Tues]\n")
    (tmp_path / "lexicon" / "casualties.yaml").write_text(
        HEADER + "remove:\n  dead.after: [slain]\n")
    knowledge = load_knowledge([tmp_path])
    assert "yesterday" not in knowledge.time.day_words and "today" in knowledge.time.day_words
    assert "Tues" not in knowledge.time.weekdays and "Tuesday" in knowledge.time.weekdays
    assert "slain" not in knowledge.casualties.after["dead"]
    assert "killed" in knowledge.casualties.after["dead"]
    assert "slain" in load_knowledge().casualties.after["dead"]


def test_knowledge_broken_lexicon_file_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    broken = tmp_path / "lexicon" / "numbers.yaml"
    broken.write_text("origin: a test folder\n"  # no licence: line
                      "singular: one\n"  # a word where a list belongs
                      "units:\n  eleventy: many\n"  # a number word with no number
                      "colours: [red]\n")  # a key our numbers.yaml does not have
    with pytest.raises(KnowledgeError) as caught:
        _ = load_knowledge([tmp_path]).numbers
    assert sorted(caught.value.problems) == sorted([
        f"{broken}:1: licence: missing or empty (expected a 'licence:' line saying where the data "
        "comes from and under what terms)",
        f"{broken}:2: singular: is a str, not a list (expected a list of words (quote "
        "yes/no/on/off))",
        f"{broken}:3: units: 'eleventy' is 'many', not a whole number (expected a mapping of "
        "words to whole numbers)",
        f"{broken}:5: colours: unknown key (expected one of determiners, exact, floor_hedges, "
        "hedges, ordinals, scales, singular, tens, units, vague)",
    ])


def test_knowledge_broken_place_additions_stop_before_any_lookup(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    bad = tmp_path / "gazetteer" / "additions.yaml"
    bad.write_text(HEADER + "places:\n  - {name: Nowhere, lat: 123.0, lon: 1.0, feature: P.PPL, "
                   "source: a test}\n")
    with pytest.raises(KnowledgeError) as caught:
        _ = load_knowledge([tmp_path]).gazetteer
    assert caught.value.problems == (
        f"{bad}:4: lat: 123.0 is not a coordinate (expected a number within ±90)",)


def test_knowledge_kb_alias_names_a_place_of_the_index(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "additions.yaml").write_text(
        HEADER + "aliases:\n  - {alias: Mawsilopolis, name: Mosul, country: IRQ, source: a test}\n")
    assert load_knowledge().gazetteer.lookup("Mawsilopolis") == []
    found = load_knowledge([tmp_path]).gazetteer.lookup("Mawsilopolis")
    assert [(p.name, p.country) for p in found[:1]] == [("Mosul", "IRQ")]
    assert found[0] == load_knowledge().gazetteer.lookup("Mosul")[0]
