"""Long and odd texts through the coder (issue 12): nothing raises, cost stays bounded, and a
long text parsed in pieces gives the mentions and offsets of the text parsed whole."""

from __future__ import annotations

import time

import pytest

import polemos
from polemos.extract.numbers import find_casualties, tells_attacker_death, with_story_deaths
from polemos.extract.story_counts import attack_stories
from polemos.ingest import read_paths
from polemos.model import Article, Mention
from polemos.nlp import parse, text_pieces, word_pieces
from polemos.pipeline import code_article


def _news() -> str:
    """The bundled sample articles as one text of paragraphs (about 3,000 characters)."""
    texts = [a.text for a in read_paths([polemos.sample_articles_path()]) if isinstance(a, Article)]
    return "\n\n".join(texts)


@pytest.mark.parametrize(("text", "date"), [
    ("Rebels will attack the town next week, in 3000 years. Police killed 2 men next year.",
     "9999-12-31"),
    ("Rebels attacked the town yesterday. Ten years ago police arrested 4 men. Last December "
     "troops shelled it. On Christmas gunmen killed 3.", "0001-01-01"),
    ("Gunmen attacked a village 99999999999 days ago and 100000000 weeks ago.", "2020-01-01"),
    ("Gunmen attacked a village and " + "1" * 5000 + " were killed.", "2020-01-01"),
    ("Gunmen attacked a village, 1e400 killed, 1e400 people were killed.", "2020-01-01"),
    ("Gunmen attacked a village. " + "a" * 200_000 + " killed.", "2020-01-01"),
    ("Gunmen\x01 attacked\x1b a\u200b vil\u200dlage\ufeff, \u202ekilling\u202c 3 people.\x07",
     "2020-01-01"),
    ("🔥 Gunmen 💣 attacked a village 😢 killing 3 people 🙏🏽👨‍👩‍👧.", "2020-01-01"),
    ("هاجم مسلحون قرية وقتلوا ثلاثة أشخاص. Gunmen attacked שלום a village killing 3.",
     "2020-01-01"),
    ("!?.,;:—…" * 400, "2020-01-01"),
    ("1 2 3 4 5 6 7 8 9 0 " * 400, "2020-01-01"),
    ("\n" * 3000 + "Police killed two men." + "\n" * 3000, "2020-01-01"),
])
def test_long_texts_odd_but_valid_text_never_raises(knowledge, text: str, date: str) -> None:
    mentions = polemos.code_text(text, date, knowledge=knowledge)
    for m in mentions:
        assert text[m.trigger.start:m.trigger.end] == m.trigger.text
        assert m.date is None or 1 <= int(m.date[:4]) <= 9999


def test_long_texts_punctuation_only_codes_in_seconds(knowledge) -> None:
    started = time.perf_counter()
    assert code_article(Article("p", "!?" * 8192, "2020-01-01"), knowledge) == []
    assert time.perf_counter() - started < 15  # was 34 s before issue 12


def test_long_texts_runs_of_marks_are_blank_to_the_parser(knowledge) -> None:
    # 100,000 brackets around a sentence: one token per mark cost the parser a minute
    lead = "[" * 100_000 + "\n"
    text = lead + "Rebels shelled the town of Kidal on Tuesday.\n" + "]" * 100_000
    started = time.perf_counter()
    mentions = code_article(Article("b", text, "2024-05-08"), knowledge)
    assert time.perf_counter() - started < 15
    assert [m.event_type for m in mentions] == ["ASSAULT"]
    trigger = mentions[0].trigger
    assert text[trigger.start:trigger.end] == trigger.text == "shelled"
    # a rule line of marks, as pages draw them, is parsed as it always was
    assert parse(knowledge.nlp, "Rebels shelled Kidal.\n" + "-" * 60).text.endswith("-" * 60)


def test_long_texts_pieces_join_back_and_end_at_breaks() -> None:
    text = _news() * 3
    pieces = text_pieces(text, 1000)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 1000 for p in pieces)
    # each cut follows a paragraph break, else a line or sentence end: never inside a word
    assert all(p[-1].isspace() for p in pieces[:-1])
    assert sum(p.endswith("\n\n") for p in pieces[:-1]) >= len(pieces) // 2


def test_long_texts_word_pieces_cut_only_runs_without_spaces() -> None:
    text = "Police said " + "!?" * 1200 + " that " + "x" * 900 + " ended."
    pieces = word_pieces(text, 1000)
    assert "".join(pieces) == text
    assert [len(p) for p in pieces] == [12 + 1000, 1000, 400 + 6 + 900 + 7]
    assert word_pieces("A short text.", 1000) == ["A short text."]


def test_long_texts_a_word_longer_than_a_piece_is_cut_at_the_size() -> None:
    text = "Police said. " + "x" * 2500
    pieces = text_pieces(text, 1000)
    assert "".join(pieces) == text and [len(p) for p in pieces] == [1000, 1000, 513]


def test_long_texts_parse_keeps_the_text_and_its_offsets(nlp) -> None:
    text = _news()
    whole, pieced = parse(nlp, text, len(text)), parse(nlp, text, 700)
    assert pieced.text == text
    assert [t.idx for t in pieced] == [t.idx for t in whole]
    cuts = {len("".join(text_pieces(text, 700)[:k])) for k in range(1, 6)}
    assert cuts <= {s.start_char for s in pieced.sents} | {len(text)}  # no sentence spans a cut


def _key(m: Mention) -> tuple:
    return (m.id, m.event_type, m.trigger, m.sentence_start, m.date, m.location, m.dead,
            m.injured, m.arrested, tuple((a.text, a.start, a.country) for a in m.actors),
            tuple((a.text, a.start, a.country) for a in m.recipients))


def test_long_texts_chunked_path_gives_the_same_mentions(knowledge) -> None:
    text = _news()
    article = Article("long", text, "2022-03-01")
    whole = code_article(article, knowledge, chunk_chars=len(text))
    pieced = code_article(article, knowledge, chunk_chars=len(text) // 3)
    assert len(text_pieces(text, len(text) // 3)) >= 3
    assert len(whole) >= 10
    assert [_key(m) for m in pieced] == [_key(m) for m in whole]


def test_long_texts_offsets_in_a_later_chunk_point_at_their_words(knowledge) -> None:
    text = _news() * 4
    mentions = code_article(Article("long", text, "2022-03-01"), knowledge, chunk_chars=2000)
    later = [m for m in mentions if m.trigger.start > 4000]
    assert len(later) >= 10
    for m in later:
        assert text[m.trigger.start:m.trigger.end] == m.trigger.text
        assert text[m.sentence_start:m.sentence_start + len(m.text)].rstrip() == m.text
        for actor in (*m.actors, *m.recipients):  # "Delegations from [Russia and] Ukraine"
            if actor.start is not None and actor.end is not None:
                assert text[actor.start:actor.end].endswith(actor.text.split()[-1])


def test_long_texts_story_deaths_read_once_agree_with_every_sentence_read(knowledge) -> None:
    # the attacker-death sentences of the whole article join every attack's story; the pipeline
    # hands each story only those that can change its count
    text = ("A gunman opened fire at a bar, killing two people. Police shot and killed the "
            "gunman. Later a man was shot dead in a park. Three people died at the hospital. "
            "Officers killed the shooter after a chase. A woman was stabbed in a market. "
            "The suspect was killed by police, and four people were killed in all.")
    article = Article("s", text, "2020-01-01", title="Gunman killed after shootings")
    doc = knowledge.nlp(text)
    sentences = [s.text for s in doc.sents]
    mentions = [m for m in code_article(article, knowledge) if m.event_type == "ASSAULT"]
    assert len({m.sentence_index for m in mentions}) >= 2
    stories = attack_stories(mentions, sentences, article.title)
    attacks = sorted(stories)
    ends = [j for j, s in enumerate(sentences) if tells_attacker_death(s)]
    assert len(ends) >= 2
    for k, index in enumerate(attacks):  # the story as every sentence read, before issue 12
        stop = attacks[k + 1] if k + 1 < len(attacks) else len(sentences)
        own = [j for j in range(0 if k == 0 else index + 1, stop) if j != index]
        lead = [article.title] if k == 0 else []
        full = lead + [sentences[j] for j in sorted({*own, *ends} - {index})]
        for m in (m for m in mentions if m.sentence_index == index):
            counts = find_casualties(m.text)
            assert with_story_deaths(counts, stories[index], own_text=m.text) == \
                with_story_deaths(counts, full, own_text=m.text)
