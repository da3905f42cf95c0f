"""code_article end to end: each mention's place and date, and the flags that say where they came from."""

from __future__ import annotations

from polemos.model import Article
from polemos.pipeline import code_article


def _assaults(text: str, knowledge, date: str = "2022-03-04") -> list:
    article = Article(id="p", text=text, date=date)
    return [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]


def test_pipeline_place_of_the_sentence_is_not_flagged(knowledge) -> None:
    ms = _assaults("Russian forces shelled Kharkiv on Tuesday.", knowledge)
    assert ms and ms[0].location is not None
    assert ms[0].location.name == "Kharkiv"
    assert "place_from_article" not in ms[0].flags


def test_pipeline_article_place_stands_in_and_is_flagged(knowledge) -> None:
    text = ("Russian forces shelled Kharkiv on Tuesday. "
            "Later that night the troops fired rockets at a school.")
    later = [m for m in _assaults(text, knowledge) if m.sentence_index == 1]
    assert later, "the second sentence's attack was not coded"
    m = later[0]
    assert "place_from_article" in m.flags
    assert m.location is not None and m.location.name == "Kharkiv"
    assert m.location.precision == "admin1"  # one grain coarser than the city itself


def test_pipeline_dates_the_attack_by_the_time_under_its_verb(knowledge) -> None:
    text = ("Mourners held a vigil on Thursday for a teacher who was shot dead by gunmen "
            "in Kandahar on Monday.")
    ms = _assaults(text, knowledge, date="2022-03-04")
    assert ms and ms[0].date == "2022-02-28"
    assert "date_from_published" not in ms[0].flags


def test_pipeline_a_span_of_time_borrows_no_neighbours_day(knowledge) -> None:
    text = ("Insurgents have repeatedly shelled the garrison in recent months. "
            "On Friday, a mortar attack on the garrison killed two soldiers.")
    ms = _assaults(text, knowledge, date="2022-03-07")
    first = [m for m in ms if m.sentence_index == 0]
    later = [m for m in ms if m.sentence_index == 1]
    assert first and later
    assert first[0].date == "2022-03-07" and "date_from_published" in first[0].flags
    assert later[0].date == "2022-03-04" and "date_from_published" not in later[0].flags


def test_pipeline_unnamed_armed_group_takes_the_country_it_acts_in(knowledge) -> None:
    text = "Gunmen stormed a police post in Diffa, killing four officers."
    ms = _assaults(text, knowledge, date="2022-03-07")
    assert ms and ms[0].actors
    assert ms[0].actors[0].country == "NER"  # CAMEO places unnamed armed groups where they act
    named = _assaults("Nigerian troops shelled a camp in Diffa.", knowledge, date="2022-03-07")
    assert named and named[0].actors[0].country == "NGA"  # a stated country is kept


def test_pipeline_a_month_stays_a_month_for_an_event_that_is_no_attack(knowledge) -> None:
    text = ("On Sunday, warplanes struck three depots, killing 12 fighters. "
            "The government imposed sanctions on two militia leaders this month.")
    article = Article(id="m", text=text, date="2019-12-30")
    sanctions = [m for m in code_article(article, knowledge) if m.event_type == "SANCTION"]
    assert sanctions and sanctions[0].date == "2019-12"
    assert sanctions[0].date_precision == "month"


# A body that tells no attack (a paywall notice, a sign-up box, links to other stories): the
# headline is then the only telling of the news, and its attacks are read.
_NO_ATTACK_BODIES = [
    "You are the owner of this article.",
    "Just One More Thing... We have sent you a verification email. Please check your inbox.",
    "Get The Top 5 News Stories Each Day in Your InBox",
]


def test_pipeline_headline_attack_read_when_body_tells_none(knowledge) -> None:
    headlines = ["Teen killed in Riverside shooting, another arrested",
                 "Gunman shoots two men dead outside a bar in Dayton",
                 "Police: woman fatally shot her neighbor in Tulsa"]
    for headline, body in zip(headlines, _NO_ATTACK_BODIES, strict=True):
        article = Article(id="h", text=body, date="2016-05-02", title=headline)
        attacks = [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]
        assert attacks, headline
        assert all("from_title" in m.flags for m in attacks)
        assert max(m.dead or 0 for m in attacks) >= 1, headline
        assert all(m.text == headline for m in attacks)


def test_pipeline_headline_not_read_when_body_tells_the_attack(knowledge) -> None:
    article = Article(id="h", date="2016-05-02", title="Man killed in Dayton shooting",
                      text="A man was shot and killed in Dayton on Sunday night, police said.")
    attacks = [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]
    assert attacks and not any("from_title" in m.flags for m in attacks)
    assert all(m.text != article.title for m in attacks)


def test_pipeline_headline_without_attack_adds_nothing(knowledge) -> None:
    article = Article(id="h", date="2016-05-02", title="City council approves new budget",
                      text="You are the owner of this article.")
    assert not any("from_title" in m.flags for m in code_article(article, knowledge))
