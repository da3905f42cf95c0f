"""Datelines: the place a wire story opens with is cut off and is never a party."""

from __future__ import annotations

import pytest

from polemos.extract.datelines import dateline_end, story_lines
from polemos.extract.events import extract_mentions
from polemos.model import Article


@pytest.mark.parametrize(("text", "dateline"), [
    ("KABUL — Taliban fighters stormed a police post.", "KABUL — "),
    ("PORT-AU-PRINCE - Gangs burned a market.", "PORT-AU-PRINCE - "),
    ("LAGOS, Nigeria (AP) — Police arrested 12 protesters.", "LAGOS, Nigeria (AP) — "),
    ("MOSCOW (Reuters) - Russia expelled two diplomats.", "MOSCOW (Reuters) - "),
    ("TUCSON, Ariz. — A deputy shot a suspect.", "TUCSON, Ariz. — "),
    ("Kabul, March 3 (AFP) - Gunmen killed a judge.", "Kabul, March 3 (AFP) - "),
])
def test_dateline_end_after_place_agency_and_dash(text: str, dateline: str) -> None:
    assert text[:dateline_end(text)] == dateline


@pytest.mark.parametrize("text", [
    "Kenya and Somalia agreed to reopen their border.",
    "UN - the agency said it would send food.",
    "Iran - which denies it - fired missiles.",
    "The army said - without giving details - that rebels attacked.",
])
def test_dateline_none_in_ordinary_sentences(text: str) -> None:
    assert dateline_end(text) == 0


def code(text: str, knowledge) -> list:
    article = Article(id="d", text=text, date="2022-04-02")
    return extract_mentions(knowledge.nlp(text), article, knowledge)


def test_dateline_place_is_not_the_actor_and_offsets_hold(knowledge) -> None:
    text = "Intro line.\n\nKABUL — Taliban fighters stormed a police post in Ghazni province."
    [m] = [m for m in code(text, knowledge) if m.event_type == "ASSAULT"]
    assert [a.text for a in m.actors] == ["Taliban fighters"]
    assert m.actors[0].country == "AFG"
    assert text[m.trigger.start:m.trigger.end] == m.trigger.text == "stormed"
    a = m.actors[0]
    assert text[a.start:a.end] == "Taliban fighters"
    assert m.text.startswith("KABUL —")  # the record keeps the whole sentence


def test_dateline_with_agency_and_region(knowledge) -> None:
    [m] = code("LAGOS, Nigeria (AP) — Police arrested 12 protesters outside parliament.", knowledge)
    assert m.event_type == "COERCE"
    assert [a.sector for a in m.actors] == ["COP"]
    assert all("LAGOS" not in a.text for a in (*m.actors, *m.recipients))


def test_dateline_then_coordinated_subjects_reported_by_a_third_party(knowledge) -> None:
    [m] = code("NAIROBI — Kenya and Somalia agreed on Tuesday to reopen their border, "
               "the regional bloc said.", knowledge)
    assert m.event_type == "AGREE"
    assert [a.country for a in m.actors] == ["KEN", "SOM"]
    assert m.modality == "reported" and m.source_said == "regional bloc"


def test_dateline_shown_by_explain(knowledge) -> None:
    from polemos.explain import explain, format_explanation

    d = explain("KABUL — Taliban fighters stormed a police post.", "2022-04-02", knowledge)
    assert d["sentences"][0]["dateline"] == "KABUL —"
    assert d["sentences"][0]["tokens"][0]["text"] == "Taliban"
    assert "dateline (not a party" in format_explanation(d)
    assert [a["text"] for a in d["mentions"][0]["actors"]] == ["Taliban fighters"]


def test_story_lines_leave_out_page_furniture(knowledge) -> None:
    text = ("Gunman hurts two at mall Posted: Monday, May 6\nBy Dana Reyes, Staff Writer\n"
            "Officers arrested a man.\nCopyright 2019 Acme Media. All rights reserved.")
    parts = [text[a:b] for a, b in story_lines(text, knowledge.lexicon.is_boilerplate)]
    assert parts == ["Gunman hurts two at mall", "Officers arrested a man."]


def test_story_lines_keep_ordinary_sentences(knowledge) -> None:
    text = "By Monday, police had arrested two men.\nPolice (in Ohio) detained a driver."
    parts = [text[a:b] for a, b in story_lines(text, knowledge.lexicon.is_boilerplate)]
    assert parts == text.split("\n")


def test_caption_time_stamp_and_credit_give_no_parties(knowledge) -> None:
    text = ("Updated 4:15 PM CDT\n\nYellow tape blocked the road after a stabbing. (Maria Lopez/WXYZ)"
            "\n\nTwo teenagers were stabbed outside a diner in Dayton, officers said.")
    ms = code(text, knowledge)
    assert [m.trigger.text for m in ms] == ["stabbed"]  # the caption line is no story
    m = ms[0]
    assert [a.text for a in m.recipients] == ["Two teenagers"]
    assert m.text == "Two teenagers were stabbed outside a diner in Dayton, officers said."
    assert text[m.sentence_start:m.sentence_start + len(m.text)] == m.text
    for a in (*m.actors, *m.recipients):
        assert "\n" not in a.text and text[a.start:a.end] == a.text


def test_a_line_never_runs_into_the_next(knowledge) -> None:
    text = "Updated 9:30 PM EDT\n\nCrime scene tape was visible near the lot\n\nA deputy shot a suspect."
    ms = code(text, knowledge)
    assert [(m.event_type, m.trigger.text) for m in ms] == [("ASSAULT", "shot")]
    assert [a.text for a in ms[0].actors] == ["A deputy"]
