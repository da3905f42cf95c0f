"""Whether an act's own sentence tells killing or wounding in it.

Police raids, searches and sweeps are coercion (PLOVER COERCE: CAMEO 173) unless someone is
killed or hurt in them; then they are force (ASSAULT). A trigger entry's ``harmed`` code is the
one it takes when the harm is told in that act: "raided a hideout, killing three", "two were
wounded in the raid", "a raid that left four dead"; not "no one was hurt", nor a toll that
another attack of the sentence took ("raided the village a day after clashes killed five").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from polemos.extract.modality import negation

# an adjective that tells the toll hangs on the verb that carries it: "left four dead"
ADJECTIVE_DEPS = frozenset({"oprd", "acomp", "xcomp", "ccomp", "dobj", "conj"})
# sectors of armed groups that hold no one under any law: their raid is an attack
ARMED_GROUP_SECTORS = frozenset({"REB", "INS", "UAF", "CRM"})


def harm_told(act: Token, outcomes: frozenset[str],
              is_attack: Callable[[Token], bool]) -> Token | None:
    """The word that tells killing or wounding in ``act`` (one of ``outcomes``: "killed",
    "wounded", "dead"), or None when the sentence tells no harm done in it. ``is_attack`` says
    whether a token names another attack ("clashes"), whose toll is its own."""
    for word in act.sent:
        if word.i == act.i or not {word.lemma_.lower(), word.lower_} & outcomes:
            continue
        carrier = word.head if word.pos_ == "ADJ" and word.dep_ in ADJECTIVE_DEPS else word
        if negation(word) or negation(carrier):
            continue
        tied = act.i in {t.i for t in carrier.subtree} or word.i in {t.i for t in act.subtree}
        if tied and not _another_attack_did_it(carrier, act, is_attack):
            return word
    return None


def _another_attack_did_it(carrier: Token, act: Token, is_attack: Callable[[Token], bool]) -> bool:
    """True when the harm's doer is another attack named in the sentence ("clashes killed five")."""
    doers = [c for c in carrier.children if c.dep_ in ("nsubj", "nsubjpass")]
    doers += [g for c in carrier.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    return any(d.i != act.i and is_attack(d) for d in doers)
