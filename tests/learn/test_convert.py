"""The converter of the open training sets, on a tiny folder of our own in their layout."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from polemos.errors import InputError, KnowledgeError
from polemos.learn.convert import STORIES, convert, first_sentence
from polemos.learn.silver import silver_negatives


def test_convert_first_sentence_drops_the_wire_dateline() -> None:
    story = "(Reuters) -- Rebels attacked a post on Monday. The army said it would respond."
    assert first_sentence(story) == "Rebels attacked a post on Monday."


def test_convert_reads_every_set_and_names_skipped_rows(train_dir: Path) -> None:
    root = train_dir
    result = convert(root, seed=0, template_copies=2, silver_per_class=3)
    by_source: dict[str, list[tuple[str, bool, str | None]]] = {}
    for e in result.examples:
        by_source.setdefault(e.source, []).append((e.text, e.is_event, e.event_type))
    assert by_source["ngec_headline"] == [("Rebels Attack Mali Army Post", True, "ASSAULT"),
                                          ("Chile Police Detain Students", True, "COERCE"),
                                          ("Leaders Meet In Geneva", True, "CONSULT")]
    # "Short." has too few words to stand for its story
    assert by_source["ngec_first_sentence"] == [
        ("Rebels attacked an army post near the border on Monday, killing four soldiers.", True,
         "ASSAULT"),
        ("Police detained dozens of students after a march in the capital.", True, "COERCE")]
    templates = by_source["ngec_template"]
    assert len(templates) == 4 and all("{" not in t for t, _, _ in templates)
    assert [t for _, _, t in templates] == ["ACCUSE", "ACCUSE", "ASSAULT", "ASSAULT"]
    assert by_source["un_relevance"] == [("The Council condemned the shelling of the camp.", True, None),
                                         ("The claimant described one carpet in detail.", False, None)]
    assert by_source["ucdp_headline"] == [
        ("Fifteen insurgents killed in army operation in the north", True, "ASSAULT")]
    silver = [s for s in by_source if s.startswith("silver_")]
    assert sorted(silver) == ["silver_accident", "silver_disaster", "silver_illness",
                              "silver_markets", "silver_sport", "silver_violence"]
    # harm done by people is an event (of no stated type); the other classes are none
    assert all(ev == (s == "silver_violence") and t is None
               for s in silver for _, ev, t in by_source[s])
    assert all(len(by_source[s]) == 3 for s in silver)
    skipped = "\n".join(result.skipped)
    assert f"{root / STORIES}:5: label: 'PARTY' is not a PLOVER type" in skipped
    assert "synthetic_headlines.csv:4: event: 'NOTATYPE'" in skipped
    assert "en_annotations_binary_complete.tsv:5: Relevant: '' is not 0 or 1" in skipped
    assert "ucdpged_sample.csv:3: source_headline: 'VDC 2014-04-20' is no headline" in skipped


def test_convert_same_seed_same_examples(train_dir: Path) -> None:
    root = train_dir
    assert convert(root, seed=3, silver_per_class=5) == convert(root, seed=3, silver_per_class=5)
    assert convert(root, seed=3, silver_per_class=5) != convert(root, seed=4, silver_per_class=5)


def test_convert_missing_set_names_the_file(train_dir: Path) -> None:
    root = train_dir
    (root / "ucdp_ged_sample" / "ucdpged_sample.csv").unlink()
    with pytest.raises(InputError) as caught:
        convert(root)
    assert str(caught.value).startswith(f"{root / 'ucdp_ged_sample' / 'ucdpged_sample.csv'}: missing")


def test_convert_silver_file_without_licence_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "silver.yaml"
    bad.write_text("origin: a test\nplaces: [a, b]\ncounts: ['1', '2']\nvictims: [x, y]\n"
                   "teams: [p, q]\nclasses:\n  flood:\n    words: [flood]\n")
    with pytest.raises(KnowledgeError) as caught:
        list(silver_negatives(bad, random.Random(0), 2))
    assert f"{bad}:1: licence: missing or empty" in str(caught.value)
    assert f"{bad}:7: classes.flood: no words or templates" in str(caught.value)
