"""Who and whom: the actor and recipient phrases of a trigger in a dependency parse.

Subjects and by-agents are actors; objects, passive subjects and the objects of target
prepositions ("strikes against", "sanctions on") are recipients. Coordination gives one party
per conjunct ("Iran and Iraq agreed", "Hungarian and Romanian officials"); relative clauses
take their head noun; appositions and possessives ("Iran's policy") are tried when the head
phrase says nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Token

from polemos.lexicons import word_lists
from polemos.model import Actor

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
WHERE_PREPS = frozenset({"in", "over"})
PLACE_PREPS = frozenset({"in", "from", "throughout", "across"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Personal and possessive pronouns: a closed grammatical class of English (14 words), kept here
# as grammar the walk tests against, like the dependency labels.
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our",
                      "them", "him", "itself", "themselves"})
PHRASE_STOP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"})
PARTY_POS = frozenset({"NOUN", "PROPN", "PRON"})

Resolver = Callable[[str, str | None, str | None], Actor | None]


@dataclass(frozen=True, slots=True)
class ArgumentWords:
    """Prepositions the walk reads (``polemos/data/lexicon/arguments.yaml``): those whose object
    is a verb's or a noun's recipient, and those that say when or despite what."""

    target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    circumstance_preps: frozenset[str]
    protest_preps: frozenset[str]
    fight_nouns: frozenset[str] = frozenset()
    patient_of_nouns: frozenset[str] = frozenset()  # "the killing of X": X is whom it was done to
    undergone_doer_preps: frozenset[str] = frozenset()  # "came under fire from X": X did it
    harm_setting_preps: frozenset[str] = frozenset()  # "killed in an attack by X"
    harm_setting_marks: frozenset[str] = frozenset()  # "wounded when rebels ambushed them"
    victim_subject_verbs: frozenset[str] = frozenset()  # "civilians died at the hands of X"
    doer_of_nouns: frozenset[str] = frozenset()  # "at the hands of the police"

    @classmethod
    def load(cls, kb_dirs: Sequence[Path] = ()) -> ArgumentWords:
        """Read arguments.yaml with the ``kb_dirs`` layers; raises KnowledgeError listing every
        problem."""
        lists = word_lists("arguments.yaml", kb_dirs)
        return cls(lists["target_preps"], lists["noun_target_preps"], lists["circumstance_preps"],
                   lists["protest_preps"], lists["fight_nouns"],
                   lists["patient_of_nouns"],
                   lists["undergone_doer_preps"], lists["harm_setting_preps"],
                   lists["harm_setting_marks"], lists["victim_subject_verbs"],
                   lists["doer_of_nouns"])


def is_anaphoric(token: Token) -> bool:
    """True for a pronoun or a phrase owned by one ("it", "their forces"): the speaker's words."""
    return token.lower_ in PRONOUNS or (not token.ent_type_ and any(
        c.dep_ == "poss" and c.lower_ in PRONOUNS for c in token.children))


def expand_conj(token: Token) -> list[Token]:
    """The token and its coordinated partners ("Iran and Iraq" → [Iran, Iraq])."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in PARTY_POS:
            out.extend(expand_conj(child))
    return out


def subjects(verb: Token, words: ArgumentWords) -> list[Token]:
    """Actor heads of a verb: its subject, a passive by-agent, or what it inherits as an
    xcomp, conjunct, relative clause or participle."""
    for child in verb.children:
        if child.dep_ == "agent":
            heads = [t for c in child.children if c.dep_ in ("pobj", "pcomp")
                     for t in expand_conj(c)]
            # "killed by Israeli shelling": an act as by-agent (the parser may call it pcomp)
            # names its doer by a modifier
            return [d for t in heads
                    for d in ((noun_parties(t, words)[0] or [t]) if t.pos_ == "VERB" else [t])]
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ in PARTY_POS:
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return expand_conj(verb.head)
            return expand_conj(child)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        # passive without agent ("died after being shot"): the doer is unsaid, unless the
        # setting is a fight with someone ("killed in an encounter with the police")
        return fight_opponents(verb, words)
    for child in verb.children:
        # the small parser reads a sentence-opening name as an adverb ("Turkey massed troops")
        if child.dep_ == "npadvmod" and child.i < verb.i and child.pos_ == "PROPN" and (
                child.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")):
            return expand_conj(child)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return expand_conj(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and (
            verb.head.pos_ in PARTY_POS):
        # the small parser hangs a sentence's main verb off its subject ("The Kurdish militia
        # handed over its weapons": militia ROOT, handed acl); a past tense is no participle
        return expand_conj(verb.head)
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and verb.head.i != verb.i:
        head = verb.head
        if head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            return subjects(head, words)
    return []


def fight_opponents(verb: Token, words: ArgumentWords) -> list[Token]:
    """The other side of a fight a passive act happened in: "were gunned down in an encounter
    with the police" -> police; [] when the setting is no fight of ``words.fight_nouns``."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for fight in prep.children:
            if fight.dep_ != "pobj" or fight.lemma_.lower() not in words.fight_nouns and \
                    fight.lower_ not in words.fight_nouns:
                continue
            return [t for w in fight.children if w.dep_ == "prep" and w.lower_ == "with"
                    for g in w.children if g.dep_ == "pobj" and g.pos_ in PARTY_POS
                    for t in expand_conj(g)]
    return []


def patients(verb: Token, words: ArgumentWords) -> list[Token]:
    """Recipient heads of a verb: object, passive subject, dative, target-preposition objects."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "oprd") and child.pos_ in PARTY_POS:
            # "protesters whom police attacked", "protesters who were beaten": the relative
            # pronoun stands for the noun the clause hangs on
            relative = child.lower_ in RELATIVE and verb.dep_ == "relcl"
            out.extend(expand_conj(verb.head if relative else child))
        elif child.dep_ in ("prep", "dative") and child.lower_ in words.target_preps:
            # "sent troops to Libya": the parser may label that "to" a dative
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in expand_conj(c))
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
            c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        # "civilians killed by troops", "activists abducted by gunmen in Baluchistan": the noun
        # is what was acted on, ahead of where it happened
        out = expand_conj(verb.head) + out
    elif not out and _object_relative(verb):
        out = expand_conj(verb.head)  # "the villagers the soldiers attacked"
    elif verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i and any(
            c.dep_ == "agent" for c in verb.children) and not any(
            c.dep_ in ("nsubjpass", "nsubj", "dobj") for c in verb.children):
        # a fronted participle: "Attacked by rebels, the post was abandoned" is done to the
        # main clause's subject
        out = [t for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in expand_conj(c)] + out
    elif verb.dep_ in ("advcl", "pcomp", "xcomp", "conj") and verb.head.i != verb.i and any(
            c.dep_ == "auxpass" for c in verb.children) and not any(
            c.dep_ in ("nsubjpass", "dobj") for c in verb.children):
        # "a woman died after being shot": the passive's patient is the governing subject
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        out = [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in expand_conj(c)] + out
    return out


def _object_relative(verb: Token) -> bool:
    """True for a relative clause without a relative pronoun whose subject is its own ("the
    villagers the soldiers attacked"): the noun it hangs on is what the clause acted on. A
    clause saying where or when ("the town where rebels attacked") is no such clause."""
    if verb.dep_ != "relcl" or verb.i < verb.head.i:
        return False
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subject) and subject[0].lower_ not in RELATIVE and not any(
        c.dep_ in ("advmod", "mark", "prep", "nsubjpass", "ccomp", "xcomp") and c.i < verb.i
        and (c.tag_ in ("WRB", "WDT", "WP") or c.dep_ == "prep") for c in verb.children)


def is_where(token: Token) -> bool:
    """True for the object of "in"/"over" ("killed soldiers in Mali"): a recipient only when
    nothing else is."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in WHERE_PREPS


def noun_parties(noun: Token, words: ArgumentWords) -> tuple[list[Token], list[Token]]:
    """Actor and recipient heads of a nominal event ("Iran's strikes on Iraq", "talks between A
    and B", "Israeli raids against Gaza")."""
    actors: list[Token] = []
    recipients: list[Token] = []
    for child in noun.children:
        is_poss = child.dep_ == "poss" and child.lower_ not in PRONOUNS
        is_named = child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
        is_by = child.dep_ == "prep" and child.lower_ in ("by", "between", "among")
        if is_poss or is_named:
            actors.extend(expand_conj(child))
        elif is_by:
            actors.extend(t for c in child.children if c.dep_ == "pobj" for t in expand_conj(c))
        elif child.dep_ == "prep" and child.lower_ == "of" and (
                noun.lemma_.lower() in words.patient_of_nouns):
            # "the killing of three teenagers", "the arrest of journalists": done to them
            recipients.extend(t for c in child.children if c.dep_ == "pobj"
                              for t in expand_conj(c))
        elif child.dep_ == "prep" and child.lower_ in words.noun_target_preps:
            recipients.extend(t for c in child.children if c.dep_ == "pobj"
                              for t in expand_conj(c))
    return actors, recipients


def act_owners(noun: Token, words: ArgumentWords) -> list[Token]:
    """Whose act a noun names: its doers by ``noun_parties`` ("Iran's proposal", "an Indian
    proposal", "strikes by Israel"), else whom it comes from ("an appeal from President X",
    "a call from the UN")."""
    return noun_parties(noun, words)[0] or [
        t for child in noun.children if child.dep_ == "prep" and child.lower_ == "from"
        for c in child.children if c.dep_ == "pobj" for t in expand_conj(c)]


def phrase_range(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the party phrase: the head with its modifiers, without
    clauses, appositions, coordinated partners and trailing prepositions (except "of")."""
    start = end = head.i
    for child in head.children:
        if child.dep_ in PHRASE_STOP and not (child.dep_ == "prep" and child.i > head.i and (
                child.lower_ == "of" or _names_place(child))):
            continue
        if child.dep_ in ("det",) and child.i == head.left_edge.i and child.lower_ == "the":
            continue
        left, right = child.left_edge.i, child.right_edge.i
        if child.i < head.i:
            start = min(start, left)
        else:
            end = max(end, right)
    while end > start and head.doc[end].is_punct:
        end -= 1
    return start, end + 1


def _names_place(prep: Token) -> bool:
    """True for "in Guinea", "from Calgary", "throughout Indonesia", "from the Islamic State":
    where or whom a party is from."""
    kinds = ("GPE", "NORP", "LOC", "ORG") if prep.lower_ == "from" else ("GPE", "NORP", "LOC")
    return prep.lower_ in PLACE_PREPS and any(
        g.dep_ == "pobj" and g.ent_type_ in kinds for g in prep.children)


def coordinated_prep_objects(head: Token) -> list[tuple[int, int, str]]:
    """One phrase per coordinated origin of a group noun ("Delegations from Russia and Ukraine",
    "the leaders of France and Germany" give two): (start char, end char, text); else empty."""
    if head.pos_ != "NOUN" or head.ent_type_:
        return []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i or prep.lower_ not in ("from", "of"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or not any(c.dep_ == "conj" for c in pobj.children):
                continue
            doc = head.doc
            lead_start = phrase_range(head)[0]
            lead = doc[lead_start:prep.i + 1].text
            out = []
            for part in expand_conj(pobj):
                s, e = phrase_range(part)
                end = doc[e - 1].idx + len(doc[e - 1].text)
                out.append((doc[lead_start].idx, end, f"{lead} {doc[s:e].text}"))
            return out
    return []


def governing_subjects(noun: Token, words: ArgumentWords) -> list[Token]:
    """Subjects of the verb a nominal event hangs from ("negotiators return for talks",
    "X speeded up the withdrawal"): the doers of an event named by a noun."""
    node = noun
    for _ in range(4):
        if node.dep_ not in ("pobj", "dobj", "prep", "pcomp", "attr") or node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX", "ADJ"):
            # "were engaged in cleansing": the passive subject is the doer of the noun's event
            return subjects(node, words) or [t for c in node.children if c.dep_ == "nsubjpass"
                                      for t in expand_conj(c)]
    return []


def coordinated_modifiers(head: Token) -> list[tuple[int, int, str]]:
    """One phrase per coordinated modifier ("Hungarian and Romanian officials" gives two):
    (start char, end char, text); empty when the head has no such modifier."""
    for child in head.children:
        conj = [c for c in child.children if c.dep_ == "conj"]
        if child.dep_ in ("amod", "compound") and child.i < head.i and conj:
            out = []
            for mod in [child, *conj]:
                text = f"{mod.text} {head.text}"
                out.append((mod.idx, head.idx + len(head.text), text))
            return out
    return []


def to_actors(heads: list[Token], resolve: Resolver, date: str | None,
              keep_unresolved: bool, places: frozenset[str] = frozenset()) -> list[Actor]:
    """Resolve party heads to Actor records (offsets in the doc's text), in order, no repeats.

    Unresolved phrases are kept as ``Actor(text=...)`` when ``keep_unresolved`` (for actors
    named by proper nouns or when nothing better exists); a resolved apposition or possessor
    stands in for a head that resolves to nothing. A head among ``places`` (a site: "air base")
    keeps only its words and country.
    """
    out: list[Actor] = []
    seen: set[tuple[int, int]] = set()
    for head in heads:
        doc = head.doc
        pieces = coordinated_modifiers(head) or coordinated_prep_objects(head)
        if not pieces:
            s, e = phrase_range(head)
            pieces = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text)]
        for start, end, text in pieces:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            actor = resolve(text, date, head.text)
            if actor is None or (actor.country is None and actor.sector is None):
                actor = _fallback(head, resolve, date) or actor
            if is_place(head, places):  # a site is a target even when nothing resolves
                actor = _site(actor, text) if actor is not None else Actor(text=text)
            elif actor is None:
                if not (keep_unresolved or head.pos_ == "PROPN"):
                    continue
                actor = Actor(text=text)
            out.append(replace(actor, text=text, start=start, end=end))
    return out


def _site(actor: Actor, text: str) -> Actor:
    """A site's codes: its country and the sector of its holders ("rebel-held territory"), but
    an organisation only when the phrase names it (not "Al Asad air base" read as al-Qaida)."""
    if actor.id and actor.sector and (actor.name or "").lower() not in text.lower():
        return Actor(text=text)
    return actor


def is_place(head: Token, places: frozenset[str]) -> bool:
    """True when the phrase names a site ("the K-1 air base", "bases"), from ``places`` lemmas."""
    lemma = head.lemma_.lower()
    keys = [lemma, head.lower_] + [f"{c.lemma_.lower()} {lemma}" for c in head.children
                                   if c.dep_ in ("compound", "amod")]
    return head.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and any(k in places for k in keys)


def _fallback(head: Token, resolve: Resolver, date: str | None) -> Actor | None:
    """An apposition or possessor that resolves, for a head that does not."""
    for child in head.children:
        if child.dep_ in ("appos", "poss") and child.lower_ not in PRONOUNS:
            s, e = phrase_range(child)
            got = resolve(head.doc[s:e].text, date, child.text)
            if got is not None and (got.country or got.sector):
                return got
    return None
