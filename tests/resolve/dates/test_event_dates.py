"""Event dates chosen by the words the parse hangs each time under: later steps and attacks."""

from __future__ import annotations

from polemos.extract.attachment import attached_times, time_heads
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import Article, TextSpan
from polemos.pipeline import code_article
from polemos.resolve.dates.event_dates import event_date

THURSDAY = "2019-05-09"


def _span(text: str, words: str, after: str = "") -> TextSpan:
    start = text.index(words, text.index(after) if after else 0)
    return TextSpan(words, start, start + len(words))


def _sentence(text: str, first_words: str) -> TextSpan:
    start = text.index(first_words)
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return TextSpan(text[start:end], start, end)


def _dated(nlp, text: str, first_words: str, trigger_words: str, use_heads: bool = True) -> str | None:
    doc = nlp(text)
    times = find_time_expressions(text, THURSDAY)
    trigger = _span(text, trigger_words, first_words)
    heads = time_heads(doc, times) if use_heads else None
    return event_date(_sentence(text, first_words), trigger, times, THURSDAY, text=text,
                      attached=attached_times(doc, trigger, times), heads=heads)[0]


def test_time_heads_names_the_word_each_time_dates(plain_nlp) -> None:
    text = ("Neighbours held a vigil on Wednesday night for a cyclist who was stabbed near the "
            "river on Sunday night.")
    heads = time_heads(plain_nlp(text), find_time_expressions(text, THURSDAY))
    assert "stab" in heads[text.index("Sunday")]
    assert "stab" not in heads[text.index("Wednesday")]
    assert {"hold", "vigil"} & set(heads[text.index("Wednesday")])


def test_time_heads_follow_coordinated_verbs(plain_nlp) -> None:
    text = "The blast killed a guard and sent four workers to hospital on Tuesday."
    heads = time_heads(plain_nlp(text), find_time_expressions(text, THURSDAY))
    assert heads[text.index("Tuesday")][:2] == ("send", "kill")


def test_time_heads_stop_at_the_clause_verb(plain_nlp) -> None:
    text = "Detectives believe the robber fired at the clerk on Saturday."
    heads = time_heads(plain_nlp(text), find_time_expressions(text, THURSDAY))
    assert heads[text.index("Saturday")] == ("fire",)


def test_sentence_without_a_time_takes_the_attack_day_not_a_later_step(plain_nlp) -> None:
    text = ("Gunmen sprayed a crowded porch with bullets on Monday night. "
            "Relatives identified the victims on Wednesday. "
            "Four people were hit.")
    # without the parse, the nearest earlier day (the identification) wins
    assert _dated(plain_nlp, text, "Four people", "hit", use_heads=False) == "2019-05-08"
    assert _dated(plain_nlp, text, "Four people", "hit") == "2019-05-06"


def test_a_step_in_the_attack_sentence_is_not_its_date(plain_nlp) -> None:
    text = ("Shots rang out behind a bar late Sunday. "
            "Friends gathered at a vigil on Wednesday for a mechanic shot in the chest.")
    assert _dated(plain_nlp, text, "Friends", "shot", use_heads=False) == "2019-05-08"
    assert _dated(plain_nlp, text, "Friends", "shot") == "2019-05-05"


def test_a_time_under_the_trigger_stays_the_events_own(plain_nlp) -> None:
    text = ("A vigil was held on Wednesday. "
            "A courier was stabbed outside the station on Tuesday and was identified on Wednesday.")
    assert _dated(plain_nlp, text, "A courier", "stabbed") == "2019-05-07"


def test_code_article_dates_undated_attack_sentences_by_the_attack(knowledge) -> None:
    text = ("Gunmen sprayed a crowded porch with bullets on Monday night. "
            "Relatives identified the victims on Wednesday. "
            "Four people were shot.")
    article = Article(id="d", text=text, date=THURSDAY)
    shots = [m for m in code_article(article, knowledge)
             if m.event_type == "ASSAULT" and m.sentence_index == 2]
    assert shots, "the third sentence's attack was not coded"
    assert shots[0].date == "2019-05-06"
    assert "date_from_published" not in shots[0].flags


def test_a_week_gives_way_to_the_attack_day_within_it(plain_nlp) -> None:
    text = ("A courier was shot last week in an alley behind the market. "
            "The May 2 shooting was the third on the street this year.")
    assert _dated(plain_nlp, text, "A courier", "shot") == "2019-05-02"


def test_with_only_later_steps_the_earliest_is_nearest_the_event(plain_nlp) -> None:
    text = ("Relatives buried the teenager on Tuesday. "
            "Classmates held a vigil on Wednesday. "
            "He had been shot in the back.")
    assert _dated(plain_nlp, text, "He had", "shot") == "2019-05-07"
