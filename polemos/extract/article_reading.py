"""One article read: everything resolve needs of the parse, as one frozen ``ArticleReading``.

The parse stops here. ``read_article`` takes the parsed article and returns its event mentions
with, for each, the times the parse hangs under its trigger, how each place name of its sentence
hangs on it, and its counts; beside them the article's time expressions, what each dates, and
its recognised place names with their gazetteer candidates. Resolve works from this record and
``Knowledge`` alone (docs/architecture.md).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from polemos.extract.attachment import attached_times, time_heads, token_starts
from polemos.extract.backdrop_places import as_towns, backdrop_mentions, headline_mentions
from polemos.extract.events import extract_mentions
from polemos.extract.lower_places import is_lower_cased, lower_place_mentions
from polemos.extract.place_attachment import place_links, regional
from polemos.extract.place_names import place_mentions
from polemos.extract.story_counts import attack_stories, mention_counts
from polemos.extract.time_expressions import find_time_expressions
from polemos.model import Article, TextSpan, TimeExpr
from polemos.nlp import entities
from polemos.reading import ArticleReading, MentionReading, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from polemos.knowledge import Knowledge


def read_article(doc: Doc, article: Article, knowledge: Knowledge) -> ArticleReading:
    """The article parsed into ``doc`` as extract reads it (no mentions: nothing else is read).

    Example: for "Gunmen killed two people in Mosul on Friday." the one mention carries the
    time "Friday" under its trigger, a link placing "Mosul" in its locative phrase, and two dead.
    """
    mentions = extract_mentions(doc, article, knowledge)
    if not mentions:
        return ArticleReading(article, (), (), (), ())
    times = read_times(article, knowledge)
    backdrop = tuple(backdrop_mentions(article.text, knowledge.gazetteer))
    names = as_towns(read_place_names(doc, article.text, knowledge), backdrop)
    stories = attack_stories(mentions, [s.text for s in doc.sents], article.title,
                             knowledge.casualties)
    starts = token_starts(doc)
    name_starts = [n.span.start for n in names]
    read = []
    for m in mentions:
        sentence = TextSpan(m.text, m.sentence_start, m.sentence_start + len(m.text))
        # only the names starting within the sentence: each mention costs its own sentence
        near = names[bisect_left(name_starts, sentence.start):bisect_right(name_starts, sentence.end)]
        attached = attached_times(doc, m.trigger, times, starts)
        read.append(MentionReading(
            m, tuple(attached.items()), place_links(doc, sentence, m.trigger, near),
            mention_counts(m, stories.get(m.sentence_index, ()), knowledge.casualties),
            regional(doc, sentence, m.trigger)))
    heads = time_heads(doc, times)  # what each time dates, once per article
    headline = tuple(headline_mentions(article.title, knowledge.gazetteer)) \
        if article.title else ()
    return ArticleReading(article, tuple(read), tuple(times), tuple(heads.items()), names,
                          backdrop, headline)


def read_times(article: Article, knowledge: Knowledge | None = None) -> list[TimeExpr]:
    """Every time expression in the article, resolved against its date, with the time words of
    ``knowledge`` (ours when None)."""
    grammar = knowledge.time_grammar if knowledge is not None else None
    return find_time_expressions(article.text, article.date, grammar=grammar)


def read_place_names(doc: Doc, text: str, knowledge: Knowledge) -> tuple[PlaceMention, ...]:
    """The words of ``text`` (parsed into ``doc``) that may name places, with their gazetteer
    candidates, in text order."""
    names = place_mentions(text, entities(doc), knowledge.gazetteer)
    if not is_lower_cased(text):
        return tuple(names)
    # a text without capitals: its names are read case-insensitively, under guards
    # the places read so far, and the people and bodies the parser found ("vladimir putin")
    spans = [(n.span.start, n.span.end) for n in names] + \
        [(e.start, e.end) for e in entities(doc) if e.label in ("PERSON", "ORG")]
    lower = lower_place_mentions(
        text, knowledge.gazetteer, knowledge.english_words, frozenset(STOP_WORDS),
        taken=lambda start, end: any(s < end and start < e for s, e in spans))
    return tuple(sorted([*names, *lower], key=lambda m: (m.span.start, m.span.end)))

