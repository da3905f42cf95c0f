"""Harm without a human agent: floods, fires, crashes, collapses and diseases that kill are no attack.

An ASSAULT needs someone who does it (issue 14). This reader finds what the parse names as the
cause of a harm verb ("killed", "injured", "destroyed", "hit", "struck") and says whether it is a
hazard (``polemos/data/lexicon/hazards.yaml``) with no person, group, weapon or act of violence
named for it. The cause is read where English puts it:

- the subject of the harm ("floods killed 23", "an earthquake struck, leaving 40 dead"), also
  inherited by a participle ("a landslide buried a village, killing 14") or through a relative
  clause ("a fire that killed 31");
- a by-agent or the object of "in", "by", "after", "from", "of", "during" ("killed in a bus
  crash", "killed by an avalanche", "died of cholera");
- a clause of time whose verb fails by itself ("when a ferry capsized", "after the mine
  collapsed"), or the head verb of a participle ("a building collapsed, killing five").

A cause is human when its phrase names a weapon or an act of `human_agents` ("a crash caused by a
bomb", "a fire after shelling"), a party ("rebel fire", "a fire started by protesters"), or when
the subject is anything but a hazard ("gunmen killed", "a bomb killed"). An explosion or a blast
is a hazard only with an accidental source in its phrase ("a gas cylinder explosion"): without
one it may be a bomb's, so the ASSAULT stands. A sentence naming a weapon or an act of violence
anywhere keeps its ASSAULT: the harm may be that act's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from spacy.tokens import Span, Token

# the instruments only a person wields (knives, bombs, small arms), as the learned layer reads them
from polemos.extract.learned import ARMED_CODES
from polemos.lexicons import read_lexicon, readers
from polemos.model import Actor

CAUSE_PREPS = frozenset({"in", "by", "after", "from", "of", "during", "amid", "following"})
TIME_MARKS = frozenset({"when", "after", "as", "while", "because", "following"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
PARTY_ENTS = frozenset({"PERSON", "NORP", "ORG"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


class Cause(Enum):
    """What a harm's cause is: a hazard, a human agent, or neither (a word we cannot tell)."""

    HAZARD = "hazard"
    HUMAN = "human"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class HazardLexicon:
    """The words of hazards.yaml: hazards, hazard verbs, explosions and their accidental
    sources, and the acts and weapons that name a human agent."""

    hazards: frozenset[str]
    hazard_verbs: frozenset[str]
    accidental_only: frozenset[str]
    accident_sources: frozenset[str]
    human_agents: frozenset[str]
    vehicles: frozenset[str]
    suffered: frozenset[str]
    wielded: frozenset[str]

    @classmethod
    def load(cls, path: Path | None = None, kb_dirs: Sequence[Path] = ()) -> HazardLexicon:
        """Read hazards.yaml (or ``path``) with the ``kb_dirs`` layers; raises KnowledgeError."""
        data, where_of = read_lexicon("hazards.yaml", path, kb_dirs)
        _, w = readers(data, where_of)
        return cls(*(frozenset(x.lower() for x in w(key)) for key in (
            "hazards", "hazard_verbs", "accidental_only", "accident_sources", "human_agents",
            "vehicles", "suffered", "wielded")))


def _keys(tok: Token) -> Iterator[str]:
    """The words a token may be listed under: lemma, form, and with a compound before it."""
    lemma, form = tok.lemma_.lower(), tok.lower_
    yield from (lemma, form)
    if tok.pos_ == "PROPN" and form.endswith("s"):
        yield form[:-1]  # a capitalised plural the tagger took for a name: "Landslides hit"
    for child in tok.children:
        if child.dep_ == "compound":  # "Cyclone Idai", "a cholera outbreak"
            yield from (child.lemma_.lower(), child.lower_)
        if child.dep_ in ("compound", "amod") or (child.dep_ == "prt" and tok.pos_ == "VERB"):
            left, right = (child, tok) if child.i < tok.i else (tok, child)
            for a in (left.lemma_.lower(), left.lower_):
                for b in (right.lemma_.lower(), right.lower_):
                    yield f"{a} {b}"
        if child.dep_ == "prep" and child.lower_ == "of":  # "exchange of fire"
            yield from (f"{lemma} of {g.lemma_.lower()}" for g in child.children if g.dep_ == "pobj")
    if tok.pos_ == "VERB":  # "caught fire", "set fire", "returning fire": the verb and object
        for child in tok.children:
            if child.dep_ == "dobj":
                yield from (f"{lemma} {child.lemma_.lower()}", f"{form} {child.lower_}")


def party_test(resolve: Callable[[str, str | None, str | None], Actor | None],
               date: str | None) -> Callable[[Token], bool]:
    """A test of whether one word names a party that can do harm: a person, a nationality, an
    organisation, a pronoun for people, or a word the actor knowledge gives a sector other than
    civilians ("rebel", "police"; not "passenger", "villager")."""
    def is_party(tok: Token) -> bool:
        if tok.ent_type_ in PARTY_ENTS or (tok.pos_ == "PRON" and tok.lower_ not in ("it", "its")):
            return True
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        actor = resolve(tok.text, date, tok.lemma_)
        return actor is not None and actor.sector != "CVL" and bool(actor.sector or actor.country)
    return is_party


@dataclass(frozen=True)
class HarmReader:
    """Reads one sentence's harm verbs for their cause (see the module docstring)."""

    lexicon: HazardLexicon
    instruments: Mapping[str, str]
    is_party: Callable[[Token], bool]
    # per sentence start: where it names violence and accidental sources (one reader per article)
    cache: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)

    def _marks(self, sent: Span) -> tuple[list[int], list[int]]:
        """Where a sentence names a weapon or an act of violence, and an accidental source:
        token indices, found once per sentence so that each harm's check is a lookup (a long
        sentence with many harms stays linear). A word counts alone or with the next one, as a
        parse of all-capital or broken text may not join "opened fire" or "car bomb"."""
        found = self.cache.get(sent.start)
        if found is None:
            human, source = [], []
            for t in sent:
                keys = set(_keys(t))
                if t.i + 1 < sent.end:
                    n = t.doc[t.i + 1]
                    keys |= {f"{a} {b}" for a in (t.lemma_.lower(), t.lower_)
                             for b in (n.lemma_.lower(), n.lower_)}
                if keys & self.lexicon.human_agents or any(
                        self.instruments.get(k, "").startswith(ARMED_CODES) for k in keys):
                    human.append(t.i)
                if keys & self.lexicon.accident_sources:
                    source.append(t.i)
            found = self.cache[sent.start] = (human, source)
        return found

    @staticmethod
    def _under(positions: list[int], tops: Sequence[Token]) -> bool:
        """True when one of ``positions`` lies in the phrase of one of ``tops``."""
        for top in tops:
            k = bisect_left(positions, top.left_edge.i)
            if k < len(positions) and positions[k] <= top.right_edge.i:
                return True
        return False

    def names_human_act(self, *tops: Token) -> bool:
        """True when the phrase of one of ``tops`` names a weapon or an act of violence."""
        return bool(tops) and self._under(self._marks(tops[0].sent)[0], tops)

    def _is_accident(self, keys: set[str], tops: Sequence[Token]) -> bool | None:
        """For an explosion or a blast: True when its phrase (under ``tops``) names an accidental
        source, False when it names none (it may be a bomb's); None for any other word."""
        if not keys & self.lexicon.accidental_only:
            return None
        return bool(tops) and self._under(self._marks(tops[0].sent)[1], tops)

    def classify(self, cause: Token, as_subject: bool = False) -> Cause:
        """Whether ``cause`` (a noun heading the cause's phrase) is a hazard or a human agent;
        ``as_subject``: it is the doer of the harm, so anything but a hazard is an agent."""
        if self.names_human_act(cause) or self._started_by_someone(cause):
            return Cause.HUMAN
        keys = set(_keys(cause))
        keys |= {k for c in cause.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" for k in _keys(g)}  # "an outbreak of"
        accident = self._is_accident(keys, [cause])
        if accident is not None:
            return Cause.HAZARD if accident else Cause.OTHER
        if keys & self.lexicon.hazards or (as_subject and keys & self.lexicon.vehicles):
            modifiers = [c for c in cause.children if c.dep_ in MODIFIER_DEPS]
            modifiers += [g for c in cause.children if c.lower_ in ("from", "by", "with")
                          for g in c.children if g.dep_ == "pobj"]
            wielded = keys & (self.lexicon.wielded | self.lexicon.vehicles)
            if wielded and any(not set(_keys(m)) & self.lexicon.hazards and self.is_party(m)
                               for m in modifiers):
                return Cause.HUMAN  # "rebel fire", "fire from the army's positions", "a police jeep"
            return Cause.HAZARD
        # a doer that is no hazard ("gunmen killed", "a bomb killed", "they killed") is the agent
        return Cause.HUMAN if as_subject else Cause.OTHER

    def _started_by_someone(self, cause: Token) -> bool:
        """True when the cause's own verb names who did it: "the fire was started by rioters",
        "a blaze set by protesters"."""
        verbs = [cause.head] if cause.dep_ in ("nsubjpass", "nsubj") else []
        verbs += [c for c in cause.children if c.dep_ in ("acl", "relcl")]
        return any(g.dep_ == "pobj" and (self.is_party(g) or self.classify(g, True) is Cause.HUMAN)
                   for v in verbs for a in v.children if a.dep_ == "agent" for g in a.children)

    def clause_cause(self, verb: Token, depth: int) -> list[Cause]:
        """What a verb above or beside the harm says ("when a ferry capsized", "a building
        collapsed, killing five", "was struck by lightning and killed"): a verb that fails by
        itself is a hazard; any other verb's causes are read like the harm's own."""
        if self.names_human_act(verb):
            return [Cause.HUMAN]
        keys = set(_keys(verb))
        accident = self._is_accident(keys, [verb])
        if accident is not None:
            return [Cause.HAZARD if accident else Cause.OTHER]
        doers = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass", "dobj"}]
        if keys & self.lexicon.hazard_verbs and not any(
                c.dep_ == "dobj" or self.is_party(c) for c in doers):
            # a roof or a ferry fails by itself; a person who "collapsed" was often struck first
            return [Cause.HAZARD]
        return self.causes(verb, depth + 1) if verb.pos_ in ("VERB", "AUX") else [Cause.OTHER]

    def causes(self, act: Token, depth: int = 0) -> list[Cause]:
        """Every cause the parse names for the harm ``act`` (a verb or a noun), as classified."""
        if depth > 2:
            return []
        out: list[Cause] = []
        if act.pos_ == "VERB" and set(_keys(act)) & self.lexicon.accidental_only:
            # "a gas tanker exploded": an explosion, an accident only with its source named
            doers = [c for c in act.children if c.dep_ in SUBJECT_DEPS]
            doers += [act.head] if act.dep_ in ("conj", "acl") and act.head.pos_ == "NOUN" else []
            tops = [*doers, act]
            return [Cause.HUMAN if self.names_human_act(*tops) else Cause.HAZARD
                    if self._is_accident(set(_keys(act)), tops) else Cause.OTHER]
        if act.pos_ != "VERB":
            out.append(self.classify(act))  # "a heart attack", "the crash"
        suffered = set(_keys(act)) & self.lexicon.suffered
        for child in act.children:
            if child.dep_ in SUBJECT_DEPS and not suffered:
                if child.lower_ in ("that", "which") and act.dep_ == "relcl":
                    out.append(self.classify(act.head, as_subject=True))
                else:
                    out.append(self.classify(child, as_subject=True))
            elif child.dep_ in ("agent", "prep") and child.lower_ in CAUSE_PREPS:
                # a by-agent is the doer: "killed by an avalanche", "injured by militants"
                out += [self.classify(g, child.dep_ == "agent") if g.pos_ != "VERB" else Cause.OTHER
                        for g in child.children if g.dep_ in ("pobj", "pcomp")]
            elif child.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in TIME_MARKS
                                               for m in child.children):
                out += self.clause_cause(child, depth)
        if not any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in act.children):
            if act.dep_ in ("acl", "relcl") and act.pos_ == "VERB":
                out.append(self.classify(act.head, as_subject=True))
            elif act.dep_ in ("advcl", "conj", "xcomp") and act.head.pos_ in ("NOUN", "PROPN"):
                out.append(self.classify(act.head, as_subject=True))  # a subject parsed as head
            elif act.dep_ in ("advcl", "conj", "xcomp") and act.head.i != act.i:
                out += self.clause_cause(act.head, depth)  # "collapsed, killing five"
        return out

    def is_hazard_harm(self, act: Token) -> bool:
        """True when the harm ``act`` is caused by a hazard and no human agent is named for it,
        in its causes or anywhere in its sentence."""
        found = self.causes(act)
        if Cause.HAZARD not in found or Cause.HUMAN in found:
            return False
        return not self._marks(act.sent)[0]
