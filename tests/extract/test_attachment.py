"""Times the parse hangs under an event's trigger, and event dates chosen by them."""

from __future__ import annotations

from polemos.extract.attachment import attached_times
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import TextSpan
from polemos.resolve.dates.event_dates import event_date

FRIDAY = "2017-01-06"


def _span(text: str, words: str) -> TextSpan:
    start = text.index(words)
    return TextSpan(words, start, start + len(words))


def _dated(nlp, text: str, trigger_words: str) -> str | None:
    doc = nlp(text)
    times = find_time_expressions(text, FRIDAY)
    trigger = _span(text, trigger_words)
    attached = attached_times(doc, trigger, times)
    return event_date(TextSpan(text, 0, len(text)), trigger, times, FRIDAY, text=text,
                      attached=attached)[0]


def test_attachment_finds_the_time_under_the_trigger(plain_nlp) -> None:
    text = ("Neighbours gathered for a vigil Thursday night to remember a student who was "
            "shot outside his home Monday night.")
    doc = plain_nlp(text)
    times = find_time_expressions(text, FRIDAY)
    found = attached_times(doc, _span(text, "shot"), times)
    monday = text.index("Monday")
    thursday = text.index("Thursday")
    assert found.get(monday) == 0
    assert thursday not in found


def test_attachment_counts_clauses_between(plain_nlp) -> None:
    text = "The cashier was stabbed Sunday and died in hospital on Tuesday."
    doc = plain_nlp(text)
    times = find_time_expressions(text, FRIDAY)
    found = attached_times(doc, _span(text, "stabbed"), times)
    assert found[text.index("Sunday")] < found[text.index("Tuesday")]


def test_event_date_takes_the_attached_time_over_a_nearer_one(plain_nlp) -> None:
    text = ("Neighbours gathered for a vigil Thursday night to remember a student who was "
            "shot outside his home Monday night.")
    assert _dated(plain_nlp, text, "shot") == "2017-01-02"


def test_event_date_passes_over_the_sentencing_day(plain_nlp) -> None:
    text = "A farmer was jailed Wednesday for shooting his neighbour's dog on Dec. 3."
    assert _dated(plain_nlp, text, "shooting") == "2016-12-03"


def test_event_date_keeps_a_time_under_the_trigger_beside_a_report_cue(plain_nlp) -> None:
    text = "A delivery driver was robbed at gunpoint Tuesday, police said."
    assert _dated(plain_nlp, text, "robbed") == "2017-01-03"


def test_attachment_is_empty_for_a_trigger_the_text_cannot_place(plain_nlp) -> None:
    text = "Nothing happened on Monday."
    doc = plain_nlp(text)
    times = find_time_expressions(text, FRIDAY)
    assert attached_times(doc, TextSpan("", 500, 505), times) == {}
