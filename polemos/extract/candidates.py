"""Trigger candidates in a parsed sentence: the lexicon's verbs, nouns and light verbs matched on
the parse (phrasal keys, objects that make the event, nominal events), and instrument words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from polemos.extract.harm import harm_told
from polemos.extract.modality import NEGATIVE_PARTIES
from polemos.extract.senses import choose_sense, read_cues
from polemos.extract.triggers import Trigger, TriggerLexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger found in a sentence: its head token index, the words, and how it codes."""

    i: int  # head token (the verb, or the noun of a nominal event)
    start: int  # token range of the trigger words
    end: int
    kind: str  # "verb", "light" (light verb + nominal event) or "noun"
    code: str | None
    frame: str | None
    confidence: float
    rule: str
    noun: int | None = None  # the nominal event's token, for a light verb
    adjectival: bool = False  # "is opposed to": the passive subject is the actor
    fallback: bool = False  # from a converted, noisy entry
    harmed: str | None = None  # the code when the sentence tells killing or wounding in the act
    key: str | None = None  # the entry's own key, when its code alone decides (senses.yaml)
    undergone: bool = False  # the subject undergoes the act ("came under fire from X")


def noun_keys(tok: Token) -> list[str]:
    """Lookup keys of a noun, most specific first: "hunger strike", "state of emergency", "strike"."""
    keys = []
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and not (
            doc[tok.i - 1].whitespace_):  # the tokenizer splits "sit-in", "cease-fire"
        keys += [f"{doc[tok.i - 2].lower_}-{w}" for w in dict.fromkeys((tok.lemma_.lower(),
                                                                       tok.lower_))]
    for child in tok.children:
        if child.dep_ in ("compound", "amod") and child.i < tok.i:
            keys.append(f"{child.lemma_.lower()} {tok.lemma_.lower()}")
        if child.dep_ == "prep" and child.lower_ == "of":
            keys += [f"{tok.lemma_.lower()} of {g.lemma_.lower()}" for g in child.children
                     if g.dep_ == "pobj"]
    keys += [tok.lemma_.lower(), tok.lower_]
    # a measure or a modifier can carry the sense: "700 kg of medicine", "mediation efforts"
    measures = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    # and one measure deeper: "thousands of tonnes of wheat"
    measures += [g2 for g in measures for c in g.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g2 in c.children if g2.dep_ == "pobj"]
    keys += [g.lemma_.lower() for g in measures]
    keys += [c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    return keys


def verb_forms(tok: Token) -> list[str]:
    """The lemma and, for the parser's lemma slips ("staged" → "stag"), forms cut from the word."""
    word, forms = tok.lower_, [tok.lemma_.lower()]
    for suffix, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                        ("s", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + add)
    return list(dict.fromkeys(forms))


def _objects(tok: Token) -> list[Token]:
    """What a verb acts on: its objects, and the subject of a clause it governs ("allowed
    observers to monitor", "let inspectors in"), which is its object in meaning."""
    direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
              and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    clausal = [g for c in tok.children if c.dep_ in ("ccomp", "xcomp") for g in c.children
               if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")]
    # an adjective said of the object is what the act makes of it: "found him guilty",
    # "declared the party illegal"
    predicated = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ"]
    return direct + clausal + predicated


def _hyphenated(tok: Token) -> bool:
    """True for the end of a hyphened adjective ("life-threatening", "gun-toting"): a quality
    of something, not an act."""
    doc = tok.doc
    return tok.pos_ == "ADJ" and tok.i >= 2 and doc[tok.i - 1].text == "-" and not (
        doc[tok.i - 1].whitespace_ or doc[tok.i - 2].whitespace_)


def _glued_keys(tok: Token) -> list[str]:
    """The verb with the word hyphened before it, which the tokenizer split off: "lathi-charged"
    is "lathi-charge", not "charge" (an accusation)."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_ or \
            doc[tok.i - 2].whitespace_:
        return []
    return [f"{doc[tok.i - 2].lower_}-{form}" for form in verb_forms(tok)]


def find_candidates(sent: Span, lexicon: TriggerLexicon) -> list[Candidate]:
    """Every trigger in a sentence, in token order; a noun taken by a light verb is not repeated."""
    out: list[Candidate] = []
    taken: set[int] = set()
    for tok in sent:
        # a participle serving as a preposition ("according to police", "following the raid")
        # or ending a hyphened adjective ("life-threatening") tells no act
        if tok.pos_ not in ("VERB", "ADJ", "AUX") or tok.dep_ in ("amod", "compound", "prep") or (
                _hyphenated(tok)):
            continue
        lemma = tok.lemma_.lower()
        stative = any(c.dep_ == "auxpass" for c in tok.children) and not any(
            c.dep_ == "agent" for c in tok.children)
        keys = _glued_keys(tok)
        for form in verb_forms(tok):
            keys += [f"{form} {c.lower_}" for c in tok.children if c.dep_ == "prt"]
            keys += [f"{form} {c.lower_}" for c in tok.children if c.dep_ == "prep"]
            keys += [f"{form} {w}" for c in tok.children if c.dep_ == "dobj"
                     for w in dict.fromkeys((c.lower_, c.lemma_.lower()))]
            # an adverb can make the event: "worked together", "acted jointly"
            keys += [f"{form} {c.lower_}" for c in tok.children if c.dep_ == "advmod"]
        keys += [tok.lower_, *verb_forms(tok)] if stative else [*verb_forms(tok), tok.lower_]
        # our curated entries before the converted dictionary's ("found" is no "find guilty")
        key = next((k for k in keys if k in lexicon.verbs and not lexicon.verbs[k].fallback),
                   next((k for k in keys if k in lexicon.verbs), None))
        entry = lexicon.verbs.get(key) if key else None
        if entry is not None and entry.fallback and tok.pos_ != "VERB":
            entry = None  # converted entries are verbs only ("fine" the adjective is no fine)
        objs = _objects(tok)
        if key is not None and key.split(" ")[-1] in {c.lower_ for c in tok.children
                                                       if c.dep_ == "prep"}:
            # a "verb preposition" entry reads the preposition's object: "took to the streets"
            objs += [g for c in tok.children if c.dep_ == "prep" and key.endswith(f" {c.lower_}")
                     for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
        # a light verb with its preposition takes the event noun there: "went on strike"
        carried = [g for c in tok.children if c.dep_ == "prep" and any(
            f"{f} {c.lower_}" in lexicon.light_verbs for f in verb_forms(tok))
            for g in c.children if g.dep_ == "pobj"]
        nominal = next((o for o in objs + carried if _noun_entry(o, lexicon)), None)
        obj_hit = entry.object_code([k for o in objs for k in noun_keys(o)]) if entry else None
        clause = _clause_hit(tok, entry) if entry is not None and obj_hit is None else None
        end = max([tok.i, *(c.i for c in tok.children if c.dep_ == "prt")]) + 1
        light_verb = any(k in lexicon.light_verbs for k in keys)
        if entry is not None and entry.fallback and nominal is not None and (light_verb or (
                obj_hit is not None and obj_hit[0] in noun_keys(nominal))):
            # our nominal event over a converted verb's guess, never swallowed by it: the noun
            # keeps its own candidate ("an explosion" under a dictionary verb's object pattern)
            entry = obj_hit = None
        if entry is not None and obj_hit is not None:
            if obj_hit[1] is None:
                continue  # the object makes it no event ("released a statement")
            obj = next(o for o in objs if obj_hit[0] in noun_keys(o))
            taken.add(obj.i)
            code, frame, rule = obj_hit[1], entry.frame, f"verb '{key}' + object '{obj_hit[0]}'"
            noun = _noun_entry(obj, lexicon)
            if noun is not None and noun.frame and noun.code and _purpose(obj) is not None:
                # "signed an accord to share water": a pledge of what the accord is for (CAMEO
                # 03), not the formal signing alone (057); the noun's frame recodes the purpose
                code = lexicon.reframe(noun.frame, noun.code) or noun.code
                frame, rule = noun.frame, f"{rule} + purpose ({noun.where})"
            out.append(Candidate(tok.i, tok.i, max(end, obj.i + 1), "verb", code,
                                 frame, entry.confidence + 0.05, f"{rule} ({entry.where})",
                                 noun=obj.i, fallback=entry.fallback, harmed=entry.harmed,
                                 undergone=entry.undergone))
        elif entry is not None and clause is not None:
            # "ordered the ambassador to leave": the act the governed verb makes (an expulsion)
            verb, code = clause
            out.append(Candidate(tok.i, tok.i, max(end, verb.i + 1), "verb", code, None,
                                 entry.confidence + 0.05,
                                 f"verb '{key}' + clause '{verb.lemma_.lower()}' ({entry.where})",
                                 harmed=entry.harmed))
        elif nominal is not None and (entry is None or entry.code is None) and light_verb:
            noun = _noun_entry(nominal, lexicon)
            assert noun is not None
            light = next(k for k in keys if k in lexicon.light_verbs)
            taken.add(nominal.i)
            out.append(Candidate(tok.i, tok.i, nominal.i + 1, "light", noun.code, None,
                                 noun.confidence + 0.05,
                                 f"light verb '{light}' + noun '{noun.key}' ({noun.where})",
                                 noun=nominal.i, harmed=noun.harmed, key=noun.key))
        elif entry is not None and (entry.code or entry.frame):
            out.append(Candidate(tok.i, tok.i, end, "verb", entry.code, entry.frame,
                                 entry.confidence, f"verb '{key}' ({entry.where})",
                                 adjectival=stative and key == tok.lower_ and key != lemma,
                                 fallback=entry.fallback, harmed=entry.harmed, key=key))
    for tok in sent:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound" or (
                tok.lower_ in NEGATIVE_PARTIES):  # "none of the hostages" names no event
            continue
        noun = _noun_entry(tok, lexicon)
        if noun is not None and noun.code and not _unrealised(tok, lexicon.unrealised):
            start = min([tok.i, *(c.i for c in tok.children
                                  if c.dep_ in ("compound", "amod") and f"{c.lemma_.lower()} "
                                  f"{tok.lemma_.lower()}" == noun.key)])
            out.append(Candidate(tok.i, start, tok.i + 1, "noun", noun.code, None,
                                 noun.confidence * 0.9, f"noun '{noun.key}' ({noun.where})",
                                 noun=tok.i, harmed=noun.harmed, key=noun.key))
    out = [_sharpen(read, sent, lexicon) for c in out
           if (read := _sense_read(c, sent, lexicon)) is not None]
    if any(not c.fallback and c.code is not None for c in out):
        out = [c for c in out if not c.fallback]
    return sorted((_harm_read(c, sent, lexicon) for c in out), key=lambda c: c.i)


def _sense_read(c: Candidate, sent: Span, lexicon: TriggerLexicon) -> Candidate | None:
    """An ambiguous trigger in the sense its context selects (``senses.py``): a new code, or
    None when that sense is no event ("died of a heart attack"); unchanged with no cue."""
    senses = lexicon.senses.get(c.key or "")
    if not senses or c.code is None:
        return c
    head = c.noun if c.kind == "light" and c.noun is not None else c.i
    chosen = choose_sense(senses, read_cues(sent.doc[head]))
    if chosen is None:
        return c
    sense, (role, word) = chosen
    if sense.code is None:
        return None
    # the sense's code replaces the entry's, and with it the entry's code for harm told
    return replace(c, code=sense.code, harmed=None if sense.code != c.code else c.harmed,
                   rule=f"{c.rule}; sense '{sense.name}' by {role} '{word}' ({sense.where})")


def _sharpen(c: Candidate, sent: Span, lexicon: TriggerLexicon) -> Candidate:
    """A curated verb's code made as specific as the CAMEO verb dictionary's pattern for the
    same verb with its preposition's object, or with its own object ("accused X of aggression":
    1123 under 112), when that code keeps the CAMEO root and the PLOVER type (root 17 holds
    COERCE 173 and ASSAULT 1712): the dictionary refines, never overrules (across roots its
    synonym blocks over-reach: "kill civilians" 202)."""
    if c.kind != "verb" or c.fallback or c.key is None or c.code is None or c.noun is not None:
        return c
    tok = sent.doc[c.i]
    tries = [(f"{c.key} {p.lower_}", [g]) for p in tok.children if p.dep_ == "prep"
             for g in p.children if g.dep_ == "pobj"] + [(c.key, _objects(tok))]
    for key, objs in tries:
        entry = lexicon.dictionary.get(key)
        hit = entry.object_code([k for o in objs for k in noun_keys(o)]) if entry else None
        if entry is not None and hit is not None and hit[1] is not None and (
                hit[1] != c.code and hit[1][:2] == c.code[:2]) and (
                lexicon.types.get(hit[1]) == lexicon.types.get(c.code)):
            return replace(c, code=hit[1], rule=f"{c.rule}; dictionary '{key}' + object "
                           f"'{hit[0]}' ({entry.where})")
    return c


def _harm_read(c: Candidate, sent: Span, lexicon: TriggerLexicon) -> Candidate:
    """A raid or search that kills or wounds is force: its ``harmed`` code (see ``harm.py``)."""
    if c.harmed is None:
        return c

    def is_attack(tok: Token) -> bool:
        entry = _noun_entry(tok, lexicon) if tok.pos_ in ("NOUN", "PROPN") else None
        return entry is not None and (entry.code or "").startswith(("18", "19", "20"))

    word = harm_told(sent.doc[c.i], lexicon.outcomes, is_attack)
    if word is None:
        return c
    return replace(c, code=c.harmed, rule=f"{c.rule}; harm told ('{word.text}')")


def _unrealised(noun: Token, words: frozenset[str]) -> bool:
    """True for a nominal act told as not (yet) done: "a planned offensive", "possible
    sanctions", "a strike on Iran is unlikely", "an attack is expected"."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in words for c in noun.children):
        return True
    head = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass") and (head.lower_ in words or any(
        c.dep_ in ("acomp", "oprd") and c.lower_ in words for c in head.children))


def _clause_hit(tok: Token, entry: Trigger) -> tuple[Token, str] | None:
    """The verb of a clause ``tok`` governs that the entry lists (``clauses``), with its code."""
    table = dict(entry.clauses)
    return next(((c, table[c.lemma_.lower()]) for c in tok.children
                 if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in table), None)


def _purpose(noun: Token) -> Token | None:
    """The verb of an infinitive that says what a noun is for ("an accord to share water")."""
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _noun_entry(tok: Token, lexicon: TriggerLexicon) -> Trigger | None:
    return next((lexicon.nouns[k] for k in noun_keys(tok) if k in lexicon.nouns), None)


def instrument_code(tokens: Sequence[Token], lexicon: TriggerLexicon) -> tuple[str, str] | None:
    """The first instrument word among tokens ("rockets", "car bomb") and its CAMEO code."""
    for tok in tokens:
        for key in (*(f"{c.lemma_.lower()} {tok.lemma_.lower()}" for c in tok.children
                      if c.dep_ == "compound"), tok.lemma_.lower(), tok.lower_):
            if key in lexicon.instruments:
                return key, lexicon.instruments[key]
    return None
