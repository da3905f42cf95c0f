"""Time expressions resolved against the article date, and the date that governs an event."""

from __future__ import annotations

import pytest

from polemos.errors import KnowledgeError
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import TextSpan, TimeExpr
from polemos.resolve.dates.event_dates import event_date
from polemos.time_lexicon import TimeLexicon

MONDAY = "2019-12-30"  # a Monday


def values(text: str, published: str | None = MONDAY) -> dict[str, tuple[str | None, str | None]]:
    return {t.span.text: (t.value, t.precision) for t in find_time_expressions(text, published)}


@pytest.mark.parametrize(("text", "span", "value", "precision"), [
    ("Rebels attacked the town on Friday.", "Friday", "2019-12-27", "day"),
    ("Rebels attacked the town on Monday.", "Monday", "2019-12-30", "day"),
    ("The army withdrew yesterday.", "yesterday", "2019-12-29", "day"),
    ("Talks collapsed last week.", "last week", "2019-W52", "week"),
    ("Prices rose this month.", "this month", "2019-12", "month"),
    ("The ceasefire was signed on Dec. 27.", "Dec. 27", "2019-12-27", "day"),
    ("It was signed on December 27, 2018.", "December 27, 2018", "2018-12-27", "day"),
    ("It was signed on 27 December 2018.", "27 December 2018", "2018-12-27", "day"),
    ("The file is dated 2018-12-27.", "2018-12-27", "2018-12-27", "day"),
    ("The siege began in March.", "March", "2019-03", "month"),
    ("The party was founded in 1998.", "1998", "1998", "year"),
    ("Exports fell last year.", "last year", "2018", "year"),
    ("Two soldiers died two days ago.", "two days ago", "2019-12-28", "day"),
    ("The vote is scheduled for next week.", "next week", "2020-W02", "week"),
    ("The attack came on Saturday, Dec. 21.", "Saturday, Dec. 21", "2019-12-21", "day"),
    ("Shops closed on Christmas Day.", "Christmas Day", "2019-12-25", "day"),
    ("He was elected in nineteen ninety-six.", "nineteen ninety-six", "1996", "year"),
])
def test_dates_resolve_against_article_date(text, span, value, precision):
    assert values(text)[span] == (value, precision)


def test_dates_month_day_without_year_near_article_date():
    # "Dec. 27" in a January article is last year's; "Jan. 14" in early January this year's
    assert values("Fighting resumed on Dec. 27.", "2020-01-06")["Dec. 27"][0] == "2019-12-27"
    assert values("A vote is due Jan. 14.", "2020-01-06")["Jan. 14"][0] == "2020-01-14"


def test_dates_future_clause_reads_weekday_ahead():
    got = values("The envoy will arrive in Kabul on Thursday.")
    assert got["Thursday"] == ("2020-01-02", "day")


def test_dates_weekday_fixes_year_of_old_date():
    # Nov. 15 was a Sunday in 2015, not in 2016: the weekday picks the year
    got = values("He was shot on Sunday, Nov. 15, outside a bar.", "2017-01-28")
    assert got["Sunday, Nov. 15"][0] == "2015-11-15"


def test_dates_vague_spans_have_no_value():
    got = values("Attacks have grown in recent months and over the past three years.")
    assert got["recent months"] == (None, None)
    assert got["the past three years"] == (None, None)


def test_dates_without_article_date_relative_values_are_none():
    got = values("On Friday, 12 May 2018, and yesterday.", None)
    assert got["Friday, 12 May 2018"] == ("2018-05-12", "day")
    assert got["yesterday"] == (None, "day")


@pytest.mark.parametrize("text", [
    "Officials may meet the rebels.",  # "May" the verb
    "Protesters march to the square.",
    "The 1990s were violent.",
    "He paid $2019 in fines.",
    "Police found him in the 2000 block of Main Street.",
])
def test_dates_words_that_are_not_dates(text):
    assert not [t for t in find_time_expressions(text, MONDAY) if t.value is not None]


def test_dates_spans_are_offsets_in_text_and_ordered():
    text = "On Friday troops left; by Sunday, Dec. 29, 2019 they were home."
    found = find_time_expressions(text, MONDAY)
    assert [t.span.text for t in found] == ["Friday", "Sunday, Dec. 29, 2019"]
    assert all(text[t.span.start:t.span.end] == t.span.text for t in found)


def test_dates_lexicon_without_licence_is_refused(tmp_path):
    path = tmp_path / "time.yaml"
    path.write_text("origin: mine\nmonths: {January: 1}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        TimeLexicon.load(path)
    assert "licence" in str(err.value)


def _sentences(nlp, text: str) -> list[TextSpan]:
    return [TextSpan(s.text, s.start_char, s.end_char) for s in nlp(text).sents]


def _trigger(text: str, word: str) -> TextSpan:
    start = text.index(word)
    return TextSpan(word, start, start + len(word))


def test_event_date_until_friday_dates_first_act(plain_nlp):
    text = "Until Friday, the group had never killed a foreign soldier."
    times = find_time_expressions(text, MONDAY)
    sentence = _sentences(plain_nlp, text)[0]
    assert event_date(sentence, _trigger(text, "killed"), times, MONDAY) == (
        "2019-12-27", "day", True)


def test_event_date_prefers_event_time_over_report_time(plain_nlp):
    text = "Police said on Monday that a gunman shot three people on Saturday night."
    times = find_time_expressions(text, MONDAY)
    sentence = _sentences(plain_nlp, text)[0]
    assert event_date(sentence, _trigger(text, "shot"), times, MONDAY)[0] == "2019-12-28"


def test_event_date_sentence_without_time_follows_the_lead(plain_nlp):
    text = ("A gunman opened fire at a market on Saturday. "
            "Two people were wounded. Officers arrived within minutes.")
    times = find_time_expressions(text, MONDAY)
    second = _sentences(plain_nlp, text)[1]
    assert event_date(second, _trigger(text, "wounded"), times, MONDAY) == (
        "2019-12-28", "day", True)


def test_event_date_falls_back_to_published_and_says_so(plain_nlp):
    text = "Two people were wounded in a shooting."
    sentence = _sentences(plain_nlp, text)[0]
    assert event_date(sentence, _trigger(text, "wounded"), [], MONDAY) == (MONDAY, "day", False)
    assert event_date(sentence, _trigger(text, "wounded"), [], None) == (None, None, False)


def test_event_date_ignores_times_after_the_article():
    text = "Rebels shelled the city and will hold talks on Jan. 5."
    times = find_time_expressions(text, MONDAY)
    assert times[0].value == "2020-01-05"
    sentence = TextSpan(text, 0, len(text))
    assert event_date(sentence, _trigger(text, "shelled"), times, MONDAY) == (MONDAY, "day", False)


def test_event_date_uses_only_valued_times():
    text = "In recent months militias killed dozens."
    times = [TimeExpr(TextSpan("recent months", 3, 16), None, None)]
    sentence = TextSpan(text, 0, len(text))
    assert event_date(sentence, _trigger(text, "killed"), times, MONDAY)[2] is False


def _date_of(nlp, text: str, index: int, word: str, published: str = MONDAY,
             with_text: bool = True) -> str | None:
    times = find_time_expressions(text, published)
    sentence = _sentences(nlp, text)[index]
    trigger = TextSpan(word, text.index(word, sentence.start), text.index(word, sentence.start)
                       + len(word))
    return event_date(sentence, trigger, times, published, text=text if with_text else None)[0]


def test_event_date_report_only_time_yields_to_the_story(plain_nlp):
    # "said Monday" dates the statement; the shooting is the story's Saturday
    text = ("Two men were shot outside a bar late Saturday. "
            "One of them died of his wounds, police said Monday.")
    assert _date_of(plain_nlp, text, 1, "died") == "2019-12-28"
    assert _date_of(plain_nlp, text, 1, "died", with_text=False) == "2019-12-28"


def test_event_date_arrest_time_is_a_later_step(plain_nlp):
    text = ("A woman was wounded in a drive-by shooting on Friday. "
            "A suspect in the shooting was arrested Sunday.")
    assert _date_of(plain_nlp, text, 1, "shooting") == "2019-12-27"


def test_event_date_publication_stamp_is_not_the_event(plain_nlp):
    text = ("Posted 6:47 AM, Dec. 30, 2019\n\nA boy was shot in the leg at a park. "
            "The shooting happened about 9 p.m. Sunday, police said.")
    assert _date_of(plain_nlp, text, 1, "shot") == "2019-12-29"


def test_event_date_possessive_time_is_the_events_not_a_report(plain_nlp):
    text = "Police said Saturday's shooting left one man dead and the street closed."
    assert _date_of(plain_nlp, text, 0, "shooting") == "2019-12-28"


def test_event_date_reported_clause_time_is_the_events(plain_nlp):
    # "says around 2 p.m. on Sunday, deputies ..." opens the reported clause
    text = ("A teen was hurt in a hunting accident. The sheriff says around 2 p.m. on Sunday, "
            "deputies were called after a rifle went off.")
    assert _date_of(plain_nlp, text, 0, "hurt") == "2019-12-29"


def test_event_date_neighbour_tied_to_the_event_wins(plain_nlp):
    # the sentence after both times follows the one the text ties to the event (happened),
    # not the later vigil
    text = ("The shooting happened early Saturday outside a club. "
            "Friends held a vigil on Sunday. Three men were wounded.")
    assert _date_of(plain_nlp, text, 2, "wounded") == "2019-12-28"
    assert _date_of(plain_nlp, text, 2, "wounded", with_text=False) == "2019-12-29"


def test_event_date_only_report_dates_beat_publication(plain_nlp):
    text = "A man was arrested Sunday after a shooting. He shot his cousin in a car."
    assert _date_of(plain_nlp, text, 1, "shot") == "2019-12-29"


def test_dates_recent_month_day_keeps_the_year_despite_a_wrong_weekday():
    # Dec. 20, 2019 was a Friday: a slipped weekday ten days back is not a date of 2013
    assert values("He was shot on Wednesday, Dec. 20, near a school.")[
        "Wednesday, Dec. 20"] == ("2019-12-20", "day")


def test_dates_the_previous_day_is_the_day_before_the_article():
    assert values("The suspect had killed two people the previous day.")[
        "the previous day"] == ("2019-12-29", "day")


def test_dates_story_cues_tell_report_from_event_times():
    from polemos.time_lexicon import StoryCues

    cues = StoryCues.build(TimeLexicon.load())
    assert cues.is_reported("deputies said ", "")
    assert cues.is_reported("Updated: ", "")
    assert not cues.is_reported("deputies said ", "'s attack")
    assert cues.is_reported("Two hurt downtown. — Ann Lee (@annlee) ", "")
    assert cues.is_marked("the incident happened at about 10:30 p.m. ", "")
    assert cues.is_marked("", "'s rampage at the mall")
    assert not cues.is_marked("a vigil was held ", " at the church")


def test_dates_weekday_after_the_article_date_is_the_next_day():
    # a Monday article speaking of "Tuesday" is a day ahead of its own date, not six days back
    assert values("Two victims remained in hospital Tuesday morning.")["Tuesday morning"] == (
        "2019-12-31", "day")
    assert values("The market was shelled last Tuesday.")["last Tuesday"] == ("2019-12-24", "day")


def test_dates_the_day_before_counts_from_the_article_only_when_it_stands_alone():
    assert values("The boy was shot the day before, police said.")["the day before"] == (
        "2019-12-29", "day")
    assert "the day before" not in values("She called him the day before her death.")
    assert "the day before" not in values("The raid came the day before Ahmed's wedding.")


def test_event_date_timeless_sentence_takes_a_later_time_tied_to_the_event(plain_nlp):
    # no time before the sentence is the event's; the later "3 a.m. Saturday incident" is,
    # the stamp-like Sunday report is not
    text = ("A man died and two were hurt at a bar, officers say. "
            "The paper reported the story Sunday. "
            "The victim was not the target of the 3 a.m. Saturday incident at the bar.")
    assert _date_of(plain_nlp, text, 0, "hurt") == "2019-12-28"


def test_dates_story_cues_event_noun_must_head_its_phrase():
    from polemos.time_lexicon import StoryCues

    cues = StoryCues.build(TimeLexicon.load())
    assert not cues.is_marked("", "'s incident reports listed a theft")
    assert not cues.is_marked("", "\n\nShooting leaves two hurt")  # a headline below a stamp
    assert cues.is_marked("", " shooting left two hurt")
    assert cues.is_marked("police are looking into a shooting early ", " that left one dead")


def test_dates_relative_times_count_from_the_copys_own_stamp():
    # dated Monday by an update, written on its Posted day: "Thursday" is the Thursday before it
    text = ("Posted: Friday, Dec. 13, 2019 8:10 AM EST Updated: Monday, Dec. 30, 2019\n\n"
            "Two men were shot Thursday outside a store.")
    assert values(text)["Thursday"] == ("2019-12-12", "day")
    dateline = "BRIGHTON, MA (December 6, 2019): Officers found a wounded man early this morning."
    assert values(dateline)["early this morning"] == ("2019-12-06", "day")
    later = "Posted: Friday, Jan. 3, 2020\n\nTwo men were shot Thursday."
    assert values(later)["Thursday"] == ("2019-12-26", "day")  # a stamp after the date: kept


def test_dates_numeric_date_with_its_weekday_is_one_expression():
    assert values("Published: Friday, 12/27/2019 - two hurt")["Friday, 12/27/2019"] == (
        "2019-12-27", "day")


def test_event_date_time_of_the_attack_verb_dates_the_story(plain_nlp):
    # "was shot Saturday" ties Saturday to the attack; the later court date is another step
    text = ("A clerk was shot Saturday at a gas station. "
            "The gunman fled in a gray car. "
            "A judge set bail at a hearing on Sunday. "
            "The clerk is expected to recover.")
    assert _date_of(plain_nlp, text, 3, "recover") == "2019-12-28"
    assert _date_of(plain_nlp, text, 1, "fled") == "2019-12-28"


def test_event_date_an_attack_someone_is_accused_of_predates_the_sentence(plain_nlp):
    # Sunday dates the deputies' condition and the charge, not the shooting told on Saturday
    text = ("A gunman wounded two deputies on Saturday night. "
            "The deputies were stable Sunday, and the man accused of shooting them was jailed.")
    assert _date_of(plain_nlp, text, 1, "shooting") == "2019-12-28"
    text = "The man accused of killing two officers on Saturday was jailed."
    assert _date_of(plain_nlp, text, 0, "killing") == "2019-12-28"
    text = "The deputies were stable Sunday after a man started shooting at them."
    assert _date_of(plain_nlp, text, 0, "shooting") == "2019-12-29"
