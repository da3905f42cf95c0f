"""When, where and how many: an article's mentions situated from what extract read of it.

Pure over the ``ArticleReading`` and ``Knowledge``: the article's place names are resolved with
the mentions' actors as context, its main place chosen, and each mention given its date, its
place (the sentence's own, else the article's, flagged), the counts its event type keeps, and
flags saying what stood in for what the sentence did not say.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from polemos.model import Actor, Article, Mention, Place, TextSpan, TimeExpr, Toponym
from polemos.reading import COUNTS_ARRESTED, COUNTS_DEAD, ArticleReading, MentionReading
from polemos.resolve.counts import count_once
from polemos.resolve.dates.event_dates import StoryTimes, event_date, story_times
from polemos.resolve.places.event_places import event_location, main_place, reconcile
from polemos.resolve.places.stand_in import may_stand_in, without_stand_in
from polemos.resolve.places.toponyms import find_toponyms

if TYPE_CHECKING:
    from polemos.knowledge import Knowledge
    from polemos.time_lexicon import StoryCues


def situate(reading: ArticleReading, knowledge: Knowledge) -> list[Mention]:
    """The article's mentions, each with its date, place and casualty counts filled in."""
    if not reading.mentions:
        return []
    article = reading.article
    mentions = [r.mention for r in reading.mentions]
    countries = sorted({a.country for m in mentions for a in (*m.actors, *m.recipients)
                        if a.country and len(a.country) == 3})
    toponyms = find_toponyms(article.text, reading.place_names, context_countries=countries)
    cues = knowledge.story_cues
    heads = dict(reading.time_heads)
    starts = [t.span.start for t in toponyms]  # find_toponyms gives them in text order
    # each event's own place first: the first events' places help choose the main place
    owns = [_own_place(r, toponyms, starts) for r in reading.mentions]
    main = main_place(toponyms, article.text, article.title,
                      [own for own, _ in owns if own is not None])
    if main is None and reading.backdrop_names:
        # no place of its own: the town its people and police are of ("two Gary men")
        backdrop = find_toponyms(article.text, reading.backdrop_names, context_countries=countries)
        main = main_place(backdrop, article.text, article.title)
    if main is None and reading.headline_names and article.title:
        # nor its people's: the town the headline places the story in ("shot in Evansville")
        named = find_toponyms(article.title, reading.headline_names, context_countries=countries)
        main = main_place(named, article.title)
    story = _Story(article, reading.times, toponyms, main, heads,
                   story_times(reading.times, article.date, article.text, 0, heads, cues), cues)
    situated = [_situate(r, own, places, story, knowledge.actors.local_sectors,
                         knowledge.actors.people, knowledge.gazetteer.country_place)
                for r, (own, places) in zip(reading.mentions, owns, strict=True)]
    return count_once(situated, knowledge.numbers.value, knowledge.casualties.tells_revision)


def _own_place(r: MentionReading, toponyms: Sequence[Toponym],
               starts: Sequence[int]) -> tuple[Place | None, Sequence[Toponym]]:
    """The place the mention's own sentence gives its event (None without one), and the
    toponyms of that sentence (event_location looks at no others)."""
    m = r.mention
    sentence = _sentence(m)
    places = toponyms[bisect_left(starts, sentence.start):bisect_right(starts, sentence.end)]
    return event_location(sentence, m.trigger, places, None, links=r.places), places


def _sentence(m: Mention) -> TextSpan:
    return TextSpan(m.text, m.sentence_start, m.sentence_start + len(m.text))


@dataclass(frozen=True)
class _Story:
    """What situating each mention reads of the whole article, worked out once per article so
    that situating each mention costs its own sentence, not the whole article."""

    article: Article
    times: Sequence[TimeExpr]
    toponyms: Sequence[Toponym]
    main: Place | None  # the article's main place, standing in for a sentence without one
    heads: Mapping[int, Sequence[str]]
    dating: StoryTimes  # the article's times as event_date weighs them
    cues: StoryCues


def _situate(r: MentionReading, own: Place | None, places: Sequence[Toponym], story: _Story,
             local: frozenset[str], people: frozenset[str],
             country_place: Callable[[str], Place | None]) -> Mention:
    """The mention with when, where and how many filled in from its sentence and article
    (``own``: the place its sentence gives it; ``places``: the toponyms of that sentence)."""
    m, article = r.mention, story.article
    sentence = _sentence(m)
    violent = m.event_type in COUNTS_DEAD
    date, precision, from_text = event_date(
        sentence, m.trigger, story.times, article.date, text=article.text,
        attached=dict(r.attached), heads=story.heads, violent=violent, story=story.dating,
        cues=story.cues)
    # The sentence's own place first; the article's main place stands in, flagged, without one.
    location, from_article = reconcile(own, story.main, story.toponyms, article.text, sentence)
    if from_article and story.main is not None and \
            not may_stand_in(story.main, places, m, people):
        location, from_article = without_stand_in(own, places, r.places, m, country_place,
                                                  people), False
    if from_article and r.regional and location is not None and location.country:
        # "in the western desert": somewhere in the main place's country, not at its town
        location = replace(country_place(location.country) or location, precision="country")
    actors, recipients = (m.actors, m.recipients) if from_article else (
        _placed(m.actors, location, local), _placed(m.recipients, location, local))
    counts = r.counts
    flags = list(m.flags)
    if date is not None and not from_text:
        flags.append("date_from_published")
    if from_article:
        flags.append("place_from_article")
    if counts.is_floor and violent and (counts.dead or counts.injured):
        flags.append("count_is_floor")
    return replace(
        m, actors=actors, recipients=recipients, text=m.text.rstrip(), published=article.date, date=date,
        date_precision=precision,
        location=location,
        dead=counts.dead if violent else None, injured=counts.injured if violent else None,
        arrested=counts.arrested if m.event_type in COUNTS_ARRESTED else None,
        flags=tuple(flags))


def _placed(parties: tuple[Actor, ...], location: Place | None,
            local: frozenset[str]) -> tuple[Actor, ...]:
    """Unnamed parties of no stated country and a ``local`` sector (the actor files'
    ``local_sectors``) take the country of the place the sentence puts their event in, as
    CAMEO codes "police in Mumbai" (IND COP) and "militias in Iraq" (IRQ): "Iran-backed
    militias ... fired rockets into the Green Zone"."""
    if location is None or not location.country:
        return parties
    return tuple(replace(a, country=location.country)
                 if a.country is None and a.name is None and a.sector in local else a
                 for a in parties)
