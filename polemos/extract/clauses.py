"""How one sentence codes: each trigger's own act, and the clauses it governs recoded by its frame.

One sentence is read the way a CAMEO coder reads it: the main act is coded once; a verb that
governs a clause recodes it (``threatened to shell`` is THREATEN, ``agreed to a ceasefire`` is
AGREE, ``refused to withdraw`` is REJECT, ``said X attacked Y`` is X's attack, reported);
``accused Y of attacking Z`` gives the accusation and, reported, the attack. Negated,
conditional and questioned acts give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from polemos.extract import arguments as args
from polemos.extract.candidates import Candidate, find_candidates
from polemos.extract.modality import (
    auxiliary_mode,
    is_conditional,
    is_question,
    negation,
    sets_condition,
)
from polemos.extract.triggers import TriggerLexicon

EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "dobj", "acomp", "attr", "advcl",
                        "nsubjpass", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "acomp"})
INDEPENDENT_DEPS = frozenset({"conj", "relcl", "parataxis"})
REFERRING_CODES = ("09", "11")  # investigate, disapprove: their object event took place
ATTACK_CODES = ("18", "19", "20")
DEMAND_CODES, PROTEST_CODES = ("10",), ("14",)
SEIZING_CODES, OBSTRUCTION_CODE = ("191", "192"), "144"  # blockade, occupy; obstruct passage


@dataclass
class Draft:
    """A mention being built: token heads for the parties, the code, how it was reached."""

    cand: Candidate
    code: str
    start: int
    end: int
    actors: list[Token]
    recipients: list[Token]
    confidence: float
    rule: str
    modality: str = "asserted"
    speaker: list[Token] = field(default_factory=list)
    party_doer: bool = False  # kept only if a doer resolves to a known party (events._finish)


@dataclass(frozen=True)
class _Sentence:
    sent: Span
    lexicon: TriggerLexicon
    cands: dict[int, Candidate]
    words: args.ArgumentWords


def governor(tok: Token, cands: dict[int, Candidate]) -> tuple[int | None, str]:
    """The nearest candidate above a token and the dependency label just below it."""
    child, node = tok, tok.head
    while node.i != child.i:
        if node.i in cands:
            return node.i, child.dep_
        child, node = node, node.head
    return None, ""


def _own(c: Candidate, s: _Sentence, code: str) -> Draft:
    doc = s.sent.doc
    tok = doc[c.i]
    if c.kind == "noun":
        actors, recipients = args.noun_parties(tok, s.words)
        actors = actors or args.governing_subjects(tok, s.words)
    elif c.undergone and c.noun is not None:
        actors, recipients = _undergone(tok, doc[c.noun], s)
    elif tok.lemma_.lower() in s.words.victim_subject_verbs:
        # "civilians died at the hands of paramilitaries": the subject is the one harmed; with
        # no doer told ("four miners died when a tunnel collapsed") nobody did anything to them
        actors = _harm_doers(tok, s, dying=True)
        recipients = args.subjects(tok, s.words) if actors else []
    else:
        actors, recipients = args.subjects(tok, s.words), args.patients(tok, s.words)
        if not actors:
            actors = _harm_doers(tok, s)
        if c.adjectival:
            actors = [t for t in tok.children if t.dep_ == "nsubjpass"] or actors
            recipients = [t for t in recipients if t.dep_ != "nsubjpass"]
        if c.noun is not None:
            n_actors, n_recips = args.noun_parties(doc[c.noun], s.words)
            actors = actors or n_actors
            if not actors and code.startswith("15"):
                # "the army was put on high alert": a force raised to readiness is the side
                # that mobilizes (CAMEO 15), so the passive's subject is its doer
                actors = [t for t in tok.children if t.dep_ == "nsubjpass" and t.i != c.noun]
                recipients = [t for t in recipients if t.dep_ != "nsubjpass"]
            # the object that makes the event is no party, unless it names another nation's
            # envoy or force ("summoned the Pakistani ambassador")
            recipients = [t for t in recipients if t.i != c.noun or (
                t.pos_ == "NOUN" and _nation_modified(t))] + n_recips
        # an act done by another act ("killed by Turkish airstrikes") is done by its doers
        actors = [d for t in actors for d in (
            (args.noun_parties(t, s.words)[0] or [t]) if s.cands.get(t.i, c).kind == "noun" and t.i != c.i
            else [t])]
        # an act aimed at another's act ("condemned the Israeli strikes", "rejected an Indian
        # proposal", "dismissed an appeal from the president") is aimed at its doers, whether
        # or not that act is itself coded here
        recipients = [d for t in recipients for d in (
            (args.act_owners(t, s.words) or [t]) if t.i != c.i and (
                s.cands.get(t.i, c).kind == "noun" or _act_noun(t, s.lexicon)) else [t])]
    if code.startswith(PROTEST_CODES):
        # what the protest is against outranks the road or square it blocked
        recipients = _protested(c, s) or recipients
    return Draft(c, code, c.start, c.end, actors, recipients, c.confidence, c.rule)


def _undergone(verb: Token, noun: Token, s: _Sentence) -> tuple[list[Token], list[Token]]:
    """Parties of an act the subject undergoes ("a patrol came under fire from militants",
    "came under Israeli shelling"): the doers are named by "from"/"by" or modify the noun; the
    subject is whom it was done to."""
    doers = [t for head in (noun, verb) for p in head.children
             if p.dep_ in ("prep", "agent") and p.lower_ in s.words.undergone_doer_preps
             for g in p.children if g.dep_ == "pobj" for t in args.expand_conj(g)]
    doers = doers or args.noun_parties(noun, s.words)[0]
    undergoers = [t for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")
                  for t in args.expand_conj(ch)]
    if not undergoers and verb.dep_ in ("relcl", "acl"):
        undergoers = args.expand_conj(verb.head)  # "a convoy that came under fire"
    return doers, undergoers


def _harm_doers(verb: Token, s: _Sentence, dying: bool = False) -> list[Token]:
    """Who did the harm a verb tells without a doer, when the sentence tells it as part of an
    attack: "two soldiers were killed in an attack by FARC dissidents" (the attack's doers),
    "five policemen were wounded when Maoist rebels ambushed their convoy" (the ambush's), and
    for a verb whose subject is the one harmed (``dying``), "at the hands of" its doers."""
    if not dying and not {verb.lemma_.lower(), verb.lower_} & s.lexicon.outcomes:
        return []
    if dying:
        hands = [t for p in verb.children if p.dep_ == "prep" for g in p.children
                 if g.dep_ == "pobj" and g.lemma_.lower() in s.words.doer_of_nouns
                 for of in g.children if of.dep_ == "prep" and of.lower_ == "of"
                 for o in of.children if o.dep_ == "pobj" for t in args.expand_conj(o)]
        if hands:
            return hands
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in s.words.harm_setting_preps:
            acts = [g for g in child.children if g.dep_ == "pobj" and _is_attack(g, s)]
            doers = [t for g in acts for t in args.noun_parties(g, s.words)[0]]
            if doers:
                return doers
        elif child.dep_ == "advcl" and _is_attack(child, s) and any(
                m.dep_ in ("mark", "advmod") and m.lower_ in s.words.harm_setting_marks
                for m in child.children):
            doers = args.subjects(child, s.words)
            if doers and not all(args.is_anaphoric(t) for t in doers):
                return doers
    return []


def _is_attack(tok: Token, s: _Sentence) -> bool:
    """True for a token that is itself the trigger of an attack (CAMEO 18-20)."""
    c = s.cands.get(tok.i)
    return c is not None and (c.code or "").startswith(ATTACK_CODES)


def _protested(c: Candidate, s: _Sentence) -> list[Token]:
    """Whom a protest is against: the object of "in protest against/over/at/of" under the
    trigger or its event noun ("blocked the highway in protest against the arrest of their
    leader by police", "continuing a hunger strike in protest of the government's refusal")
    or of the protest noun itself ("a walkout in protest over Pakistan's detention of a
    judge"); an act there is aimed at its owner ("by police", "the government's")."""
    doc = s.sent.doc
    heads = [doc[c.i]] + ([doc[c.noun]] if c.noun is not None else [])
    nouns = [h for h in heads if h.pos_ == "NOUN"]
    nouns += [g for h in heads for p in h.children if p.dep_ == "prep" for g in p.children
              if g.dep_ == "pobj" and g.i in s.cands
              and (s.cands[g.i].code or "").startswith(PROTEST_CODES)]
    for noun in nouns:
        # the parser may hang "over X" on the clause's verb ("staged a walkout in protest over X")
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
        for prep in [*noun.children, *(c for c in verb.children if c.i > noun.i)]:
            if prep.dep_ != "prep" or prep.i < noun.i or prep.lower_ not in s.words.protest_preps:
                continue
            objects = [t for o in prep.children if o.dep_ == "pobj" for t in args.expand_conj(o)]
            return [d for t in objects for d in (
                (args.act_owners(t, s.words) or [t]) if t.i in s.cands or _act_noun(t, s.lexicon)
                else [t])]
    return []


def _act_noun(tok: Token, lexicon: TriggerLexicon) -> bool:
    """True for a noun the trigger lexicon knows as an act ("proposal", "appeal", "refusal")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.nouns


def _nation_modified(tok: Token) -> bool:
    return any(c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE")
               for c in tok.children)


def _children(i: int, s: _Sentence, gov: dict[int, tuple[int | None, str]]) -> list[int]:
    return sorted(j for j, (g, _) in gov.items() if g == i)


def _code_tree(i: int, s: _Sentence, gov: dict[int, tuple[int | None, str]]) -> list[Draft]:
    """Drafts for one candidate and the candidates it governs; its own act first if any."""
    c = s.cands[i]
    tok = s.sent.doc[c.i]
    kids = _children(i, s, gov)
    # conjoined and relative clauses are acts of their own ("police, who arrested X, denied")
    independent = [j for j in kids if s.cands[j].kind != "noun" and (
        gov[j][1] in INDEPENDENT_DEPS or _relative(s.sent.doc[j]))]
    rest: list[Draft] = [d for j in independent for d in _code_tree(j, s, gov)]
    for d in rest:
        if _relative(s.sent.doc[d.cand.i]):
            d.confidence *= 0.8  # a relative clause says something aside from the main act
        if s.sent.doc[d.cand.i].dep_ == "acl":
            # "mourning for villagers killed by the floods": a participle's by-phrase may name
            # a flood, not a party; unless it names an attack or a weapon ("wounded by a
            # roadside bomb"), a party must be its doer
            d.party_doer = not any(_is_attack(g, s) or g.lemma_.lower() in s.lexicon.instruments
                                   for a in s.sent.doc[d.cand.i].children
                                   if a.dep_ == "agent" for g in a.children)
    if negation(tok) or is_conditional(tok) or (
            c.noun is not None and negation(s.sent.doc[c.noun])):
        return rest
    embedded = sorted((j for j in kids if j not in independent and gov[j][1] in EMBED_DEPS
                       and (c.frame != "report" or gov[j][1] in CLAUSE_DEPS)
                       # a frame verb's phrase that says when or despite what is no governed
                       # act: "warned Baghdad before the strikes" is no threat to strike
                       and _via(s.sent.doc[j], i).lower_ not in s.words.circumstance_preps),
                      key=lambda j: (gov[j][1] not in CLAUSE_DEPS, _rank(s.cands[j]), j))
    if c.frame == "report" and not embedded and c.code is None:
        return _obligation(c, s) + rest
    if c.frame and embedded:
        inner = _code_tree(embedded[0], s, gov)
        head = embedded[0]
        # the governed act, or what a governed frame made of its own act ("said they attempted
        # to assassinate": the attempt's assassination)
        main = inner[0] if inner and (inner[0].cand.i == head or (
            s.cands[head].frame is not None and inner[0].cand.i != head
            and s.sent.doc[inner[0].cand.i].dep_ not in INDEPENDENT_DEPS)) else None
        framed = _apply_frame(c, s, main)
        if main is not None:
            inner = inner[1:]
        return framed + inner + rest
    if c.code is None:
        return rest
    draft = _own(c, s, c.code)
    aim = _purpose(tok, s)
    if aim is not None and (aim.code or "").startswith(PROTEST_CODES) and draft.code.startswith(
            SEIZING_CODES):
        # "occupied the campus to protest cuts": a blockade or occupation done to protest is
        # the protest's obstruction (CAMEO 144), not force; other acts keep their code
        draft.code = OBSTRUCTION_CODE
        draft.rule += f"; done to protest ('{s.sent.doc[aim.i].text}')"
    aux = auxiliary_mode(tok)
    if aux in ("intent", "possible") and c.frame is None:
        new = s.lexicon.reframe("intent", draft.code)
        if new is None:
            return rest
        said = "will/would" if aux == "intent" else "could/may/might"
        draft.code, draft.rule = new, draft.rule + f"; {said} → intent"
        if aux == "possible" and not sets_condition(tok):
            # "could launch", "may send": kept as a conditional threat or offer ("may halt
            # mediation if ...") or as its doer's own statement ("Iran said it could strike"),
            # dropped otherwise (code_sentence)
            draft.modality = "possible"
    elif aux == "deontic":
        draft.rule += "; must/should"
        draft.modality = "deontic"
    return [draft, *_referenced(c, s, embedded), *rest]


def _relative(tok: Token) -> bool:
    """True for a relative clause, or a participle standing for one that names its doer
    ("protesters arrested by police were released"): an act of its own, told aside from the
    main one. Without a doer the participle tells the toll of something else ("mourning for 20
    people killed in the floods"), no act."""
    return tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBN"
                                   and tok.head.pos_ in args.PARTY_POS
                                   and any(c.dep_ == "agent" for c in tok.children))


def _referenced(c: Candidate, s: _Sentence, embedded: list[int]) -> list[Draft]:
    """Attacks named as what is investigated or condemned ("police are investigating a fatal
    shooting", "condemned the bombing"): the attack happened, so it is an event of its own."""
    if c.frame is not None or not (c.code or "").startswith(REFERRING_CODES):
        return []
    out = []
    for j in embedded:
        noun = s.cands[j]
        if noun.kind == "noun" and (noun.code or "").startswith(ATTACK_CODES):
            d = _own(noun, s, noun.code or "")
            # its doers are its own ("Israeli strikes"), never the investigators
            d.actors = args.noun_parties(s.sent.doc[noun.i], s.words)[0]
            d.confidence *= 0.8
            d.modality, d.rule = "referenced", f"{d.rule}; named by '{s.sent.doc[c.i].text}'"
            out.append(d)
    return out


def _rank(c: Candidate) -> int:
    """Which governed act heads a clause: a coded verb ("said rebels shelled X, killing 5")
    before a noun inside it or a verb that only frames another."""
    return 0 if c.kind != "noun" and c.code is not None else 1


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _via(tok: Token, i: int) -> Token:
    """The child of token ``i`` through which ``tok`` hangs from it (``tok`` itself if direct)."""
    while tok.head.i != i and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _obligation(c: Candidate, s: _Sentence) -> list[Draft]:
    """"X said Y must/should ..." with no event word: X's demand on Y (CAMEO 100)."""
    tok = s.sent.doc[c.i]
    for clause in tok.children:
        if clause.dep_ == "ccomp" and auxiliary_mode(clause) == "deontic" and not negation(clause):
            obliged = args.subjects(clause, s.words)
            if not obliged:
                return []
            return [Draft(c, "100", c.start, c.end, args.subjects(tok, s.words), obliged, 0.55,
                          f"{c.rule}; '{clause.text}' under must/should → demand")]
    return []


def _apply_frame(c: Candidate, s: _Sentence, main: Draft | None) -> list[Draft]:
    """Recode the governed act by the governing verb's frame (frames.tsv)."""
    tok = s.sent.doc[c.i]
    own = _own(c, s, c.code) if c.code else None
    if main is None:
        return [own] if own else []
    speaker = own.actors if own else args.subjects(tok, s.words)
    # the doer speaks of its own act: "Iran said it could strike"
    own_word = not main.actors or all(args.is_anaphoric(t) for t in main.actors) or (
        {t.i for t in main.actors} <= {t.i for t in speaker})
    if main.actors and all(args.is_anaphoric(t) for t in main.actors):
        main.actors = speaker or main.actors  # "Iran said it would ..." : the speaker's act
    elif not main.actors and not (c.frame == "report" and (
            _passive(s.sent.doc[main.cand.i]) or (
                main.cand.kind == "noun" and main.code.startswith(ATTACK_CODES)))):
        # "agreed to a ceasefire": the one who agrees is the doer; but a reported passive
        # without agent ("two were killed, the army said") or a named attack ("the shooting is
        # under investigation, police said") leaves the doer unsaid
        main.actors = speaker
    if c.frame == "report":
        if main.modality == "possible" and not own_word:
            return []  # "analysts said Russia could launch an offensive": a forecast, no event
        if main.modality == "deontic":  # "X said Y must ..." is X's demand on Y
            code = s.lexicon.reframe("demand", main.code) or "100"
            return [replace(main, code=code, actors=speaker or main.actors,
                            recipients=main.actors, rule=main.rule + f"; demand by '{tok.text}'",
                            modality="asserted", speaker=speaker)]
        return [replace(main, modality="reported", speaker=speaker,
                        rule=main.rule + f"; reported by '{tok.text}'")]
    if c.frame == "attempt":
        return [main]
    if c.frame == "negate":
        return [own] if own else []
    if c.frame == "accuse":
        target = own.recipients if own else []
        if main.actors == speaker:
            main.actors = target
        reported = replace(main, modality="alleged", confidence=main.confidence * 0.6,
                           speaker=speaker, rule=main.rule + f"; alleged by '{tok.text}'")
        return [own, reported] if own else [reported]
    reframed = s.lexicon.reframe(c.frame or "", main.code)
    if reframed is None:
        return []
    code = reframed
    recipients = main.recipients
    own_doers = [t for t in main.actors if t.i not in {x.i for x in speaker}]
    # an order for a cooperative act is a demand on the ordered; a coercive one is the orderer's
    demand = c.frame == "demand" or (c.frame == "order" and code.startswith(DEMAND_CODES))
    if main.cand.kind == "noun" and own_doers and not demand:
        recipients = own_doers  # "rejected North Korea's demand": the one who demanded
    elif not recipients and not demand:
        # "pledged military aid to Israel", "warned Baghdad that it would retaliate": the frame
        # verb's own object or "to" phrase receives the governed act
        inside = range(main.start, main.end)
        recipients = [t for t in (own.recipients if own else args.patients(tok, s.words))
                      if t.i not in inside and t.i != main.cand.i]
    if demand:
        objects = [t for t in (own.recipients if own else args.patients(tok, s.words))
                   if t.i not in range(main.start, main.end)]
        recipients = objects or (main.actors if main.actors != speaker else main.recipients)
    start, end = min(c.start, main.start), max(c.end, main.end)
    if end - start > 6:
        start, end = c.start, c.end
    return [Draft(c, code, start, end, speaker or main.actors, recipients,
                  max(c.confidence, main.confidence),
                  f"{c.rule}; frame {c.frame}: {main.code} → {code} ({main.rule})")]


def code_sentence(sent: Span, lexicon: TriggerLexicon, words: args.ArgumentWords,
                  ) -> list[Draft]:
    """Drafts for one sentence, before the parties are resolved; none for a question."""
    if is_question(sent):
        return []
    cands = {c.i: c for c in find_candidates(sent, lexicon)}
    s = _Sentence(sent, lexicon, cands, words)
    gov = {i: governor(sent.doc[i], cands) for i in cands}
    drafts = [d for i in sorted(cands) if gov[i][0] is None for d in _code_tree(i, s, gov)]
    return [d for d in drafts if d.modality not in ("deontic", "possible")
            and not _protest_aim(d, s) and not _toll_of_attack(d, drafts, s)]


def _toll_of_attack(d: Draft, drafts: list[Draft], s: _Sentence) -> bool:
    """True for a relative clause telling the toll of an attack on the noun it hangs on ("an
    attack against protesters who killed 15 people", "a raid on villagers that left 20 dead"):
    the clause tells how many the attack killed, so it is no second act with the victims as
    killers, and its count is the attack's. A clause in the past perfect ("who had killed two
    officers") tells an earlier act of their own and stays."""
    tok = s.sent.doc[d.cand.i]
    if tok.dep_ != "relcl" or not d.code.startswith(ATTACK_CODES) or any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return False
    if not ({tok.lemma_.lower(), tok.lower_} & s.lexicon.outcomes or any(
            {c.lemma_.lower(), c.lower_} & s.lexicon.outcomes for c in tok.children
            if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj"))):
        return False
    return any(e is not d and e.code.startswith(ATTACK_CODES)
               and tok.head.i in {t.i for t in e.recipients} for e in drafts)


def _protest_aim(d: Draft, s: _Sentence) -> bool:
    """True for a demand that is what a protest is for ("went on strike to demand higher
    wages"): CAMEO codes the protest once, its demand is its content, not a second event."""
    tok = s.sent.doc[d.cand.i]
    head = s.cands.get(tok.head.i)
    return (d.code.startswith(DEMAND_CODES) and head is not None and head.i != tok.i
            and _purpose(s.sent.doc[head.i], s) is d.cand
            and (head.code or "").startswith(PROTEST_CODES))


def _purpose(tok: Token, s: _Sentence) -> Candidate | None:
    """The trigger of an infinitive saying what an act is for ("went on strike to demand")."""
    return next((s.cands[c.i] for c in tok.children if c.dep_ in ("advcl", "xcomp", "acl")
                 and c.i in s.cands and any(a.dep_ == "aux" and a.lower_ == "to"
                                            for a in c.children)), None)
