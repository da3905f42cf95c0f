"""Modality of a trigger in its parse: negated, conditional, intended, obliged, or a question.

A negated, conditional or questioned act is not an event; an intended act ("will withdraw",
"would meet") is coded as what CAMEO codes an intention (AGREE / THREATEN, see frames.tsv); an
obliged act under a speaker ("said Iraq must comply") is coded as that speaker's demand.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
INTENT_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
POSSIBLE_AUX = frozenset({"may", "might", "could"})  # a possibility, no one's commitment
DEONTIC_AUX = frozenset({"must", "should", "ought"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIVE_PARTIES = frozenset({"nobody", "none", "nothing", "noone", "neither"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
TEMPORAL_BOUNDS = frozenset({"until", "till", "before", "prior"})  # "until Friday, never" → it did


def is_question(sent: Span) -> bool:
    """True when the sentence asks rather than states (it ends with a question mark)."""
    return sent.text.rstrip().rstrip("\"'”’»)").endswith("?")


def _bounded_in_time(token: Token) -> bool:
    """True when "never"/"no longer" is limited by "until X"/"before X": the act then happened."""
    clause = [token, *token.children]
    return any(t.lower_ in TEMPORAL_BOUNDS for c in clause for t in (c, *c.children)
               if t.dep_ in ("prep", "mark", "advmod", "pcomp") or t is c)


def negation(token: Token) -> str | None:
    """The word that negates this trigger ("not", "never", "no longer", "no"), or None.

    A negation bounded in time ("Until Friday, they had never killed ...") is not one: it says
    the act happened at the bound.
    """
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and word in NEGATORS):
            if word == "never" and _bounded_in_time(token):
                return None
            return word
        if child.dep_ == "advmod" and word == "longer" and any(
                g.lower_ == "no" for g in child.children):
            return "no longer"
    if token.dep_ == "xcomp" and token.head.lemma_ in ("have", "be") and any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in token.head.children):
        return "yet to"  # "police have yet to arrest anyone", "is yet to withdraw": not done
    negated_noun = _under_negated_noun(token)
    if negated_noun is not None:
        return negated_noun
    for child in token.children:
        # "No Americans were killed", "nobody was hurt", "none of the soldiers died": no one did
        if child.dep_ in ARGUMENT_DEPS and is_nobody(child):
            return f"{child.text} (no one)"
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "det" and child.lower_ == "no":
                return "no"
    return None


def _under_negated_noun(token: Token) -> str | None:
    """"no intention of attacking", "no plans to send troops", "no evidence that they fired":
    an act told as the content of a noun that "no" denies is not asserted."""
    t = token
    for _ in range(3):
        if t.dep_ not in ("pcomp", "pobj", "prep", "acl", "xcomp", "ccomp") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return f"no {t.text}"
    return None


def is_nobody(token: Token) -> bool:
    """True for a party that is nobody: "nobody", "none (of ...)", "no one", "no Americans"."""
    return token.lower_ in NEGATIVE_PARTIES or any(
        c.dep_ in ("det", "advmod", "amod") and c.lower_ == "no" and c.i < token.i
        for c in token.children)


def is_conditional(token: Token) -> bool:
    """True when the trigger sits in an "if"/"unless" clause (a condition, not an act)."""
    t = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
            return True
        if t.dep_ in ("advcl", "conj", "xcomp", "aux") and t.head.i != t.i:
            t = t.head
            continue
        break
    return False


def sets_condition(token: Token) -> bool:
    """True when the act is the consequence of an "if"/"unless" clause ("may halt mediation if
    the fighting goes on"): a conditional threat or offer, which CAMEO codes as one."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                         for m in c.children) for c in token.children)


def auxiliary_mode(token: Token) -> str | None:
    """"intent" for will/would/shall, "possible" for may/might/could, "deontic" for
    must/should, else None."""
    for child in token.children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        word = child.lower_
        if word in DEONTIC_AUX:
            return "deontic"
        if word in INTENT_AUX:
            return "intent"
        if word in POSSIBLE_AUX:
            return "possible"
        if word == "going" or (word == "to" and token.head.lower_ == "going"):
            return "intent"
    return None
