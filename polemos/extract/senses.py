"""Which sense an ambiguous trigger has ("strike" military or labour, "attack" of the heart):
the cues around it in the parse, matched against the sense table (``triggers/senses.yaml``).

Cues are (role, word) pairs read from the trigger's head, dependents and compounds; the roles are
those of ``triggers.CUE_ROLES``. The table decides; this module only reads the parse.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from polemos.extract.triggers import Sense

NO_TARGET_ENTS = frozenset({"DATE", "TIME"})  # "the strike on Monday" names no target
RELATIVE_POS = frozenset({"PRON"})  # "workers who struck": the doer is the clause's head


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues found around one trigger."""

    pairs: frozenset[tuple[str, str]]


def read_cues(tok: Token) -> Cues:
    """Cues around a trigger token: a noun's modifiers and the verb that takes it, a verb's
    object; for both the doer (``by``) and the prepositions with what they govern."""
    pairs: set[tuple[str, str]] = set()
    if tok.pos_ in ("NOUN", "PROPN"):
        pairs |= {("mod", c.lemma_.lower()) for c in tok.children
                  if c.dep_ in ("compound", "amod", "nmod")}
        pairs |= {("by", w) for c in tok.children if c.dep_ == "poss" for w in _party_words(c)}
        governor = _governor(tok)
        if governor is not None:
            verb, link = governor
            pairs |= {("verb", k) for k in _verb_keys(verb, link)}
            pairs |= {("by", w) for s in _subjects(verb) for w in _party_words(s)}
    else:
        pairs |= {("by", w) for s in _subjects(tok) for w in _party_words(s)}
        pairs |= {("object", w) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                  for w in _party_words(c)}
    for prep, obj in _preps(tok):
        if prep == "by":
            pairs |= {("by", w) for w in _party_words(obj)}
        elif obj.ent_type_ not in NO_TARGET_ENTS:
            pairs |= {("prep", prep), ("prep", f"{prep} {obj.lemma_.lower()}")}
    return Cues(frozenset(pairs))


def choose_sense(senses: Sequence[Sense], cues: Cues) -> tuple[Sense, tuple[str, str]] | None:
    """The sense with the most cues found (the first listed on a tie) and its first cue found;
    None when no sense has a cue here (the entry's own code stands)."""
    best: tuple[Sense, tuple[str, str]] | None = None
    best_hits = 0
    for sense in senses:
        hits = [c for c in sense.cues if c in cues.pairs]
        if len(hits) > best_hits:
            best, best_hits = (sense, hits[0]), len(hits)
    return best


def _governor(noun: Token) -> tuple[Token, str | None] | None:
    """The verb that takes a noun, and the preposition between them ("went on strike")."""
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        return _governor(noun.head)
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "oprd") and noun.head.pos_ in (
            "VERB", "AUX"):
        return noun.head, None
    link = noun.head
    if noun.dep_ == "pobj" and link.dep_ in ("prep", "agent") and link.head.pos_ in (
            "VERB", "AUX"):
        return link.head, link.lower_
    return None


def _verb_keys(verb: Token, link: str | None) -> list[str]:
    """"carry", "carry out", "go on", "die of": the verb, with its particle or preposition."""
    lemma = verb.lemma_.lower()
    keys = [lemma] + [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
    return keys + ([f"{lemma} {link}"] if link else [])


def _subjects(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject or passive agent, else the subject it shares with
    the verb it is joined to or serves ("nurses struck and marched", "threatened to strike")."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    if found and all(t.pos_ in RELATIVE_POS for t in found) and verb.dep_ == "relcl":
        return [verb.head]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _subjects(verb.head)
    return found


def _party_words(head: Token) -> Iterator[str]:
    """A phrase's head lemma with its compounds, what it counts ("thousands of teachers") and
    what it is joined to ("teachers and nurses")."""
    yield head.lemma_.lower()
    for c in head.children:
        if c.dep_ in ("compound", "conj"):
            yield c.lemma_.lower()
        elif c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g.lemma_.lower()
                    yield from (x.lemma_.lower() for x in g.children if x.dep_ == "compound")


def _preps(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, its object) for each preposition the trigger takes."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    yield c.lower_, g
