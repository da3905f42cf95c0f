"""Time expressions: tense of the clause, anaphora, day ranges, wire spellings, written years."""

from __future__ import annotations

import pytest

from polemos.extract.time_expressions import find_time_expressions
from polemos.time_lexicon import TimeLexicon

OCTOBER = "2019-10-30"  # a Wednesday
MARCH = "2019-03-12"  # a Tuesday


def values(text: str, published: str | None = OCTOBER) -> dict[str, tuple[str | None, str | None]]:
    return {t.span.text: (t.value, t.precision) for t in find_time_expressions(text, published)}


@pytest.fixture(scope="module")
def lexicon() -> TimeLexicon:
    return TimeLexicon.load()


@pytest.mark.parametrize(("before", "tense"), [
    ("the company's fiscal year ended", -1),
    ("the port changed its schedule in", -1),
    ("the bonus would be paid on an unspecified date in", 1),  # "unspecified": an adjective
    ("ministers will meet the envoys who were expelled in", -1),  # the nearest cue wins
    ("the talks will be held on", 1),  # "held" after "be": no past
    ("he was the only child to be hurt on", 0),  # a past cue before "to be" counts for nothing
    ("the hearing is scheduled to be on", 1),
    ("police shot the would-be robber early", -1),  # "would-be" is no future
    ("the trial went ahead.\nA hearing is set for", 1),  # a line break ends the clause
    ("three hundred people gathered on", -1),  # "hundred" is no past form; "gathered" is
    ("a hundred people on", 0),
])
def test_tense_of_clause_before_a_time(lexicon, before, tense):
    assert lexicon.tense(before) == tense


def test_past_clause_reads_month_day_and_month_before_article_date():
    got = values("Sales fell in the fiscal year that ended Jan. 31. The port changed its hours in "
                 "December.")
    assert got["Jan. 31"] == ("2019-01-31", "day")
    assert got["December"] == ("2018-12", "month")


def test_future_clause_with_would_reads_month_ahead():
    got = values("The board said the dividend would be paid in January.")
    assert got["January"] == ("2020-01", "month")


def test_nearest_cue_wins_over_earlier_future_cue():
    got = values("Officials will question the fishermen who found the boat in late November.",
                 "2020-04-05")
    assert got["late November"] == ("2019-11", "month")


@pytest.mark.parametrize(("text", "span", "value"), [
    ("He fled in June 2008 and came back later that year.", "later that year", "2008"),
    ("She was promoted on May 3, 2011, and the following year she left.",
     "the following year", "2012"),
    ("The boy was hurt on Tuesday and appeared in court the next morning.",
     "the next morning", "2019-10-30"),
    ("The dam broke in March. The following month, the town was rebuilt.",
     "The following month", "2019-04"),
    ("Rights lapse on Nov. 15, 2018. Until then, shares may be swapped.",
     "Until then", "2018-11-15"),
])
def test_anaphora_count_from_time_last_mentioned(text, span, value):
    assert values(text)[span][0] == value


def test_anaphora_without_time_before_count_from_article_date():
    assert values("Imports grew that year.")["that year"] == ("2019", "year")
    assert values("Until then, nobody knew.")["Until then"] == (None, None)


def test_shifted_anaphora_are_not_references():
    # two "a year earlier"-like phrases in one report are the same year, not a chain
    got = find_time_expressions("Profit fell from the previous year; costs rose from the previous "
                                "year too.", OCTOBER)
    assert [t.value for t in got] == ["2018", "2018"]


def test_day_before_or_after_a_time_counts_from_it():
    got = values("Stores reopened the day after Christmas.")
    assert got["the day after"] == ("2018-12-26", "day")
    assert not values("He was seen the day before his arrest.")


def test_later_counts_on_from_story_time_ago_from_article_date():
    got = values("The mill closed on March 3, 2015. Two years later, it burned down. "
                 "Three months ago it was sold.")
    assert got["Two years later"] == ("2017", "year")
    assert got["Three months ago"] == ("2019-07", "month")


@pytest.mark.parametrize(("text", "expected"), [
    ("The summit runs April 24 and 25.", {"April 24": "2019-04-24", "25": "2019-04-25"}),
    ("Polls open 24-25 April.", {"24": "2019-04-24", "25 April": "2019-04-25"}),
    ("Talks ran April 24-25, 2017, in Oslo.", {"April 24": "2017-04-24", "25, 2017": "2017-04-25"}),
])
def test_day_ranges_give_both_days(text, expected):
    got = values(text)
    assert {span: got[span][0] for span in expected} == expected


def test_number_after_a_date_that_counts_people_is_no_day():
    got = values("On March 3 and 25 people were hurt.")
    assert list(got) == ["March 3"]


def test_shift_and_narrower_before_month_day():
    got = values("He was shot last Oct. 23, and a review ends around Nov. 1.", "2020-04-19")
    assert got["last Oct. 23"] == ("2019-10-23", "day")
    assert got["around Nov. 1"][1] == "day"


def test_last_month_name_just_gone_is_a_year_back():
    got = values("Two aircraft collided last February; the truce began last October.", MARCH)
    assert got["last February"] == ("2018-02", "month")
    assert got["last October"] == ("2018-10", "month")


@pytest.mark.parametrize(("text", "span", "value"), [
    ("LONDON, Oct 5 (Reuters) - Oil prices rose.", "Oct 5", "2019-10-05"),
    ("Output peaked in Sept 2017.", "Sept 2017", "2017-09"),
    ("The form was filed 5/12/98 by hand.", "5/12/98", "1998-05-12"),
    ("Posted 2019-10-02T08:15:00Z", "2019-10-02", "2019-10-02"),
    ("A bomb went off. January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
    ("Computers were feared to fail in the year 2000.", "the year 2000", "2000"),
    ("Voters turned out on Election Day 2016.", "Election Day 2016", "2016-11-08"),
    ("The market closed early on Christmas, 2012.", "Christmas, 2012", "2012-12-25"),
    ("The president left later in the day.", "later in the day", "2019-10-30"),
])
def test_more_written_forms(text, span, value):
    assert values(text)[span][0] == value


def test_wire_abbreviation_without_dot_needs_a_number():
    assert not values("She met Jan and Dec at the bar.")


def test_election_day_is_the_tuesday_after_the_first_monday(lexicon):
    day = lexicon.holiday("Election Day")
    assert day is not None
    assert [day.on(y).isoformat() for y in (2016, 2020, 2022)] == [
        "2016-11-08", "2020-11-03", "2022-11-08"]


def test_lexicon_without_optional_lists_still_reads_dates(tmp_path):
    path = tmp_path / "time.yaml"
    path.write_text("origin: mine\nlicence: MIT\nmonths: {January: 1}\nweekdays: {Friday: 4}\n",
                    encoding="utf-8")
    got = find_time_expressions("They met on Friday, January 3, 2020, and that year.", OCTOBER,
                                TimeLexicon.load(path))
    assert [(t.span.text, t.value) for t in got] == [("Friday, January 3, 2020", "2020-01-03")]
