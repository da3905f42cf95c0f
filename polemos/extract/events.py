"""Event mentions from a parsed article: triggers, the clauses they govern, who did it to whom.

Each sentence's acts are read in ``clauses.py`` as drafts; here a draft's parties are resolved
against the actor knowledge, its code checked against the ontology, and it becomes a ``Mention``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from polemos.extract import arguments as args
from polemos.extract.candidates import instrument_code
from polemos.extract.clauses import Draft, code_sentence
from polemos.extract.datelines import SentenceView, sentence_views, shift_actor
from polemos.extract.harm import ARMED_GROUP_SECTORS
from polemos.extract.hazards import HarmReader, party_test
from polemos.extract.learned import keep_judged, names_a_weapon
from polemos.extract.merge import one_attack, one_incident, prune
from polemos.extract.modality import is_nobody
from polemos.extract.triggers import TriggerLexicon
from polemos.knowledge import Knowledge
from polemos.model import Actor, Article, Mention, TextSpan, mention_id
from polemos.ontology import Ontology

NOT_PARTY_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                            "QUANTITY"})
PARTY_ENTS = frozenset({"PERSON", "NORP", "GPE", "ORG", "LOC", "FAC"})


def _finish(d: Draft, view: SentenceView, article: Article, knowledge: Knowledge,
            ontology: Ontology, harms: HarmReader) -> Mention | None:
    doc, k, offset = view.span.doc, view.index, view.offset
    info = ontology.get(d.code)
    if info is None or info.event_type is None:
        return None
    if info.event_type == "ASSAULT" and harms.is_hazard_harm(doc[d.cand.i]):
        return None  # a flood, a crash, an illness that kills: no one did it (hazards.py)
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
        return not is_nobody(t) and not (t.ent_type_ in ("DATE", "TIME") or (t.ent_type_ in NOT_PARTY_ENTS
                                                        and t.pos_ == "NUM")) and not (
            t.pos_ == "NOUN" and t.lemma_.lower() in knowledge.lexicon.nouns) and plausible_party(
            t, knowledge.lexicon.not_parties)

    actors = tuple(args.to_actors([t for t in d.actors if is_party(t)], _resolve, article.date,
                                  keep_unresolved=True))
    if _describes_a_thing(d, doc[d.cand.i], actors, knowledge.lexicon):
        return None
    if d.party_doer and not any(a.sector or (a.name and a.name.lower() in a.text.lower())
                                for a in actors):
        # a participle whose by-phrase names no party: "killed by the floods in Assam" (which
        # resolves to India only by its place)
        return None
    armed = ontology.get(d.cand.harmed) if d.cand.harmed and d.code == d.cand.code else None
    if armed is not None and any(a.sector in ARMED_GROUP_SECTORS for a in actors):
        # a raid by gunmen, militants or bandits is an attack: they arrest no one (harm.py)
        code, info, mode, rule = armed.code, armed, armed.mode, rule + "; by an armed group"
    heads = [t for t in d.recipients if is_party(t)]
    direct = args.to_actors([t for t in heads if not args.is_where(t)], _resolve, article.date,
                            keep_unresolved=False, places=knowledge.lexicon.places)
    if not any(a.country or a.sector for a in direct):  # "in Mali" only when no one else is
        direct += args.to_actors([t for t in heads if args.is_where(t)], _resolve, article.date,
                                 keep_unresolved=False, places=knowledge.lexicon.places)
    recipients = tuple(a for a in direct
                       if (a.start, a.end) not in {(b.start, b.end) for b in actors})
    if d.cand.fallback and not any(a.country or a.sector for a in recipients):
        # a converted dictionary verb codes an act towards a known party ("went to Moscow"),
        # not "went to the house"
        return None
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
    actors = tuple(shift_actor(a, offset) for a in actors)
    recipients = tuple(shift_actor(a, offset) for a in recipients)
    start_char = doc[d.start].idx + offset
    end_char = doc[d.end - 1].idx + len(doc[d.end - 1].text) + offset
    trigger = TextSpan(article.text[start_char:end_char], start_char, end_char)
    cited = view.text_range()
    speaker = None
    if d.speaker:
        s0, e0 = args.phrase_range(d.speaker[0])
        speaker = doc[s0:e0].text
    return Mention(
        id=mention_id(article.id, k, trigger, info.event_type), doc_id=article.id,
        sentence_index=k, text=article.text[cited[0]:cited[1]], trigger=trigger, event_type=info.event_type,  # type: ignore[arg-type]
        published=article.date, mode=mode, context=info.context, cameo=code,
        quad_class=info.quad_class, intensity=info.intensity, actors=actors,
        recipients=recipients,
        modality="reported" if d.modality in ("reported", "alleged") else "asserted",
        flags=(d.modality,) if d.modality in ("alleged", "referenced") else (),
        source_said=speaker, confidence=confidence, rule=rule, sentence_start=cited[0])


def plausible_party(head: Token, not_parties: frozenset[str]) -> bool:
    """True when a phrase head can name a party: a noun, name or pronoun (or a named person,
    group or place the tagger got wrong), not a time, unit or thing on a page (``not_parties``:
    "tape", "PM", "minutes"), and its phrase keeps to one line."""
    named = head.ent_type_ in PARTY_ENTS
    if not named and head.pos_ not in args.PARTY_POS:
        return False
    if head.ent_type_ not in ("PERSON", "NORP", "GPE") and (
            head.lemma_.lower() in not_parties or head.lower_ in not_parties):
        return False
    start, end = args.phrase_range(head)
    return "\n" not in head.doc[start:end].text


def _describes_a_thing(d: Draft, tok: Token, actors: tuple[Actor, ...],
                       lexicon: TriggerLexicon) -> bool:
    """True for a verb in a clause that only describes a site ("bases that host troops",
    "the town overlooking the valley"): its doer is that place, no party, so no event."""
    if d.cand.kind == "noun" or not (tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG")):
        return False
    if not any(t.i == tok.head.i for t in d.actors):
        return False  # the clause has a doer of its own ("the town that rebels attacked")
    return args.is_place(tok.head, lexicon.places)


def extract_mentions(doc: Doc, article: Article, knowledge: Knowledge) -> list[Mention]:
    """Event mentions of an article parsed into ``doc`` (``doc.text`` is ``article.text`` with
    long runs of marks blanked: ``nlp.parse``).

    Returns mentions with trigger, PLOVER type, CAMEO code, parties and confidence, sorted by
    sentence and trigger; date, place and casualty fields are left for later stages.
    """
    out: list[Mention] = []
    harms = HarmReader(knowledge.hazards, knowledge.lexicon.instruments,
                       party_test(lambda text, date, head: knowledge.actors.resolve(
                           text, date, head=head), article.date))
    for view in sentence_views(doc, knowledge):
        found = []
        for d in code_sentence(view.span, knowledge.lexicon, knowledge.arguments):
            m = _finish(d, view, article, knowledge, knowledge.ontology, harms)
            if m is not None:
                found.append((view.span.doc[d.cand.i], d.cand.kind == "noun", m))
        merged = one_incident(one_attack(found, knowledge.lexicon.outcomes))
        kept = prune(merged)
        model = knowledge.event_model
        if model is not None:  # the learned layer (issue 14; off by default) drops violence it is
            # sure the sentence does not report; the weapon scan costs nothing while it is off
            armed = names_a_weapon(((t.lemma_.lower(), t.lower_) for t in view.span),
                                   knowledge.lexicon.instruments)
            kept = keep_judged(kept, model, armed)
        out.extend(sorted(kept, key=lambda m: m.trigger.start))
    return out
