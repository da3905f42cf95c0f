"""Event mentions from a parsed article: triggers, the clauses they govern, who did it to whom.

One sentence is read the way a CAMEO coder reads it: the main act is coded once; a verb that
governs a clause recodes it (``threatened to shell`` is THREATEN, ``agreed to a ceasefire`` is
AGREE, ``refused to withdraw`` is REJECT, ``said X attacked Y`` is X's attack, reported);
``accused Y of attacking Z`` gives the accusation and, reported, the attack. Negated,
conditional and questioned acts give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from polemos.extract import arguments as args
from polemos.extract.modality import auxiliary_mode, is_conditional, is_question, negation
from polemos.extract.triggers import (
    Candidate,
    TriggerLexicon,
    find_candidates,
    instrument_code,
)
from polemos.knowledge import Knowledge
from polemos.model import Actor, Article, Mention, TextSpan, mention_id
from polemos.ontology import Ontology

EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "dobj", "acomp", "attr", "advcl",
                        "nsubjpass", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "acomp"})
INDEPENDENT_DEPS = frozenset({"conj", "relcl", "parataxis"})
NOT_PARTY_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                            "QUANTITY"})
MIN_CONFIDENCE = 0.3
KEEP_BELOW_TOP = 0.25  # a second mention must come within this of the sentence's best


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


@dataclass(frozen=True)
class _Sentence:
    sent: Span
    lexicon: TriggerLexicon
    cands: dict[int, Candidate]


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
        actors, recipients = args.noun_parties(tok)
        actors = actors or args.governing_subjects(tok)
    else:
        actors, recipients = args.subjects(tok), args.patients(tok)
        if c.adjectival:
            actors = [t for t in tok.children if t.dep_ == "nsubjpass"] or actors
            recipients = [t for t in recipients if t.dep_ != "nsubjpass"]
        if c.noun is not None:
            n_actors, n_recips = args.noun_parties(doc[c.noun])
            actors = actors or n_actors
            recipients = [t for t in recipients if t.i != c.noun] + n_recips
    return Draft(c, code, c.start, c.end, actors, recipients, c.confidence, c.rule)


def _children(i: int, s: _Sentence, gov: dict[int, tuple[int | None, str]]) -> list[int]:
    return sorted(j for j, (g, _) in gov.items() if g == i)


def _code_tree(i: int, s: _Sentence, gov: dict[int, tuple[int | None, str]]) -> list[Draft]:
    """Drafts for one candidate and the candidates it governs; its own act first if any."""
    c = s.cands[i]
    tok = s.sent.doc[c.i]
    kids = _children(i, s, gov)
    # conjoined and relative clauses are acts of their own ("police, who arrested X, denied")
    independent = [j for j in kids if s.cands[j].kind != "noun" and (
        gov[j][1] in INDEPENDENT_DEPS or s.sent.doc[j].dep_ == "relcl")]
    rest: list[Draft] = [d for j in independent for d in _code_tree(j, s, gov)]
    for d in rest:
        if s.sent.doc[d.cand.i].dep_ == "relcl":
            d.confidence *= 0.8  # a relative clause says something aside from the main act
    if negation(tok) or is_conditional(tok) or (
            c.noun is not None and negation(s.sent.doc[c.noun])):
        return rest
    embedded = sorted((j for j in kids if j not in independent and gov[j][1] in EMBED_DEPS
                       and (c.frame != "report" or gov[j][1] in CLAUSE_DEPS)),
                      key=lambda j: (gov[j][1] not in CLAUSE_DEPS, j))
    if c.frame == "report" and not embedded and c.code is None:
        return _obligation(c, s) + rest
    if c.frame and embedded:
        inner = _code_tree(embedded[0], s, gov)
        main = inner[0] if inner and inner[0].cand.i == embedded[0] else None
        framed = _apply_frame(c, s, main)
        if main is not None:
            inner = inner[1:]
        return framed + inner + rest
    if c.code is None:
        return rest
    draft = _own(c, s, c.code)
    aux = auxiliary_mode(tok)
    if aux == "intent" and c.frame is None:
        new = s.lexicon.reframe("intent", draft.code)
        if new is None:
            return rest
        draft.code, draft.rule = new, draft.rule + "; will/would → intent"
    elif aux == "deontic":
        draft.rule += "; must/should"
        draft.modality = "deontic"
    return [draft, *rest]


def _obligation(c: Candidate, s: _Sentence) -> list[Draft]:
    """"X said Y must/should ..." with no event word: X's demand on Y (CAMEO 100)."""
    tok = s.sent.doc[c.i]
    for clause in tok.children:
        if clause.dep_ == "ccomp" and auxiliary_mode(clause) == "deontic" and not negation(clause):
            obliged = args.subjects(clause)
            if not obliged:
                return []
            return [Draft(c, "100", c.start, c.end, args.subjects(tok), obliged, 0.55,
                          f"{c.rule}; '{clause.text}' under must/should → demand")]
    return []


def _apply_frame(c: Candidate, s: _Sentence, main: Draft | None) -> list[Draft]:
    """Recode the governed act by the governing verb's frame (frames.tsv)."""
    tok = s.sent.doc[c.i]
    own = _own(c, s, c.code) if c.code else None
    if main is None:
        return [own] if own else []
    speaker = own.actors if own else args.subjects(tok)
    if not main.actors or all(args.is_anaphoric(t) for t in main.actors):
        main.actors = speaker or main.actors
    if c.frame == "report":
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
    code = s.lexicon.reframe(c.frame or "", main.code)
    if code is None:
        return []
    recipients = main.recipients
    if c.frame == "demand":
        objects = [t for t in (own.recipients if own else args.patients(tok))
                   if t.i not in range(main.start, main.end)]
        recipients = objects or (main.actors if main.actors != speaker else main.recipients)
    start, end = min(c.start, main.start), max(c.end, main.end)
    if end - start > 6:
        start, end = c.start, c.end
    return [Draft(c, code, start, end, speaker or main.actors, recipients,
                  max(c.confidence, main.confidence),
                  f"{c.rule}; frame {c.frame}: {main.code} → {code} ({main.rule})")]


def code_sentence(sent: Span, lexicon: TriggerLexicon) -> list[Draft]:
    """Drafts for one sentence, before the parties are resolved; none for a question."""
    if is_question(sent):
        return []
    cands = {c.i: c for c in find_candidates(sent, lexicon)}
    s = _Sentence(sent, lexicon, cands)
    gov = {i: governor(sent.doc[i], cands) for i in cands}
    drafts = [d for i in sorted(cands) if gov[i][0] is None for d in _code_tree(i, s, gov)]
    return [d for d in drafts if d.modality != "deontic"]


def _finish(d: Draft, sent: Span, k: int, article: Article, knowledge: Knowledge,
            ontology: Ontology) -> Mention | None:
    doc = sent.doc
    info = ontology.get(d.code)
    if info is None or info.event_type is None:
        return None
    code, mode, rule = d.code, info.mode, d.rule
    if info.event_type == "ASSAULT":
        found = instrument_code(list(doc[d.cand.i].subtree), knowledge.lexicon)
        sharper = ontology.get(found[1]) if found else None
        if found and sharper and sharper.event_type == "ASSAULT" and code in ("190", "180"):
            code, mode, info = found[1], sharper.mode, sharper
            rule += f"; instrument '{found[0]}'"
        mode = info.mode
    resolve = knowledge.actors.resolve

    def _resolve(text: str, date: str | None, head: str | None) -> Actor | None:
        return resolve(text, date, head=head)

    def is_party(t: Token) -> bool:
        # dates and the names of events ("a declaration", "a rally") are not parties
        return not (t.ent_type_ in ("DATE", "TIME") or (t.ent_type_ in NOT_PARTY_ENTS
                                                        and t.pos_ == "NUM")) and not (
            t.pos_ == "NOUN" and t.lemma_.lower() in knowledge.lexicon.nouns)

    actors = tuple(args.to_actors([t for t in d.actors if is_party(t)], _resolve, article.date,
                                  keep_unresolved=True))
    recipients = tuple(a for a in args.to_actors([t for t in d.recipients if is_party(t)],
                                                 _resolve, article.date,
                                                 keep_unresolved=False)
                       if (a.start, a.end) not in {(b.start, b.end) for b in actors})
    confidence = d.confidence
    if any(a.country or a.sector for a in actors):
        confidence += 0.1
    elif not actors:
        confidence -= 0.2
    if d.cand.kind == "noun":
        confidence -= 0.05
    if doc[d.cand.i].dep_ == "ROOT" or doc[d.cand.i].head.lemma_ in ("say", "report", "tell"):
        confidence += 0.05
    confidence = round(min(max(confidence, 0.05), 0.99), 3)
    start_char = doc[d.start].idx
    end_char = doc[d.end - 1].idx + len(doc[d.end - 1].text)
    trigger = TextSpan(article.text[start_char:end_char], start_char, end_char)
    speaker = None
    if d.speaker:
        s0, e0 = args.phrase_range(d.speaker[0])
        speaker = doc[s0:e0].text
    return Mention(
        id=mention_id(article.id, k, trigger, info.event_type), doc_id=article.id,
        sentence_index=k, text=sent.text, trigger=trigger, event_type=info.event_type,  # type: ignore[arg-type]
        published=article.date, mode=mode, context=info.context, cameo=code,
        quad_class=info.quad_class, intensity=info.intensity, actors=actors,
        recipients=recipients,
        modality="reported" if d.modality in ("reported", "alleged") else "asserted",
        flags=("alleged",) if d.modality == "alleged" else (),
        source_said=speaker, confidence=confidence, rule=rule, sentence_start=sent.start_char)


def _prune(mentions: list[Mention]) -> list[Mention]:
    """One mention per trigger; weak extras dropped (a sentence's best stays)."""
    best: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        key = (m.trigger.start, m.trigger.end)
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    kept = sorted(best.values(), key=lambda m: (-m.confidence, m.trigger.start))
    if not kept:
        return []
    top = kept[0].confidence
    # an act alleged by an accusation ("accused Y of attacking Z") stays: it is what was said
    return [m for i, m in enumerate(kept)
            if i == 0 or "alleged" in m.flags
            or (m.confidence >= MIN_CONFIDENCE and m.confidence >= top - KEEP_BELOW_TOP)]


def extract_mentions(doc: Doc, article: Article, knowledge: Knowledge) -> list[Mention]:
    """Event mentions of an article parsed into ``doc`` (``doc.text == article.text``).

    Returns mentions with trigger, PLOVER type, CAMEO code, parties and confidence, sorted by
    sentence and trigger; date, place and casualty fields are left for later stages.
    """
    out: list[Mention] = []
    for k, sent in enumerate(doc.sents):
        found = []
        for d in code_sentence(sent, knowledge.lexicon):
            m = _finish(d, sent, k, article, knowledge, knowledge.ontology)
            if m is not None:
                found.append(m)
        out.extend(sorted(_prune(found), key=lambda m: m.trigger.start))
    return out
