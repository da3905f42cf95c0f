"""How each place name of a sentence hangs on an event's trigger in the dependency parse.

"clashes in Mosul" and "shelled Kirkuk" attach the place to the event; "Iraqi forces", "troops
from Syria", "attacked Iran" and "officials in Baghdad said" name a party, an origin or a
speaker. Extract reads this off the parse once per mention and hands it on as ``PlaceLink``
records; ``resolve.places.event_places`` chooses the event's place from them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from polemos.gazetteer.names import PLACE_WORDS
from polemos.model import TextSpan
from polemos.reading import DIRECT, JOINED_CLAUSE, UNATTACHED, PlaceLink, PlaceMention

# Prepositions that attach a place to the event ("clashes in Mosul", "a raid near Kirkuk"), from
# places.yaml (grammar: ours only).
LOCATIVE = tuple(sorted(PLACE_WORDS["locative"]))


def place_links(doc: Doc, sentence: TextSpan, trigger: TextSpan,
                names: Sequence[PlaceMention]) -> tuple[PlaceLink, ...]:
    """How each place name within ``sentence`` (not overlapping the trigger) hangs on the trigger.

    ``names`` are the article's recognised place names; those outside the sentence are passed
    over. Each link carries the tier read as a site and as a country, since which one a name is
    is resolution's to decide.
    """
    inside = [n.span for n in names if sentence.start <= n.span.start and n.span.end <= sentence.end
              and not (n.span.start < trigger.end and trigger.start < n.span.end)]
    if not inside:
        return ()
    parse = sentence_parse(doc, sentence)
    words = [t for t in parse if sentence.start <= t.idx < sentence.end]
    return tuple(PlaceLink(span, _tier(words, trigger, span, False), _tier(words, trigger, span, True))
                 for span in inside)


def regional(doc: Doc, sentence: TextSpan, trigger: TextSpan) -> bool:
    """Whether the trigger is placed by a phrase naming a part of a country, not a site.

    "killed three shepherds in the western desert", "attacked a post in the mountainous north",
    "ambushed a convoy in the south of the country": a locative phrase of the trigger (or of
    what it acted on) whose noun is a region noun (places.yaml) and no proper name, unless the
    region is of a town ("in the north of the city"). Resolution then keeps the article's main
    place to its country.
    """
    words = [t for t in sentence_parse(doc, sentence) if sentence.start <= t.idx < sentence.end]
    t_toks = _covering(words, trigger)
    if not t_toks:
        return False
    verb = _root(t_toks)
    heads = {verb, *(c for c in verb.children if c.dep_ in _OBJECT)}
    for prep in words:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE_PREPS or prep.head not in heads:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and _region(noun):
                return True
    return False


def _region(noun: Token) -> bool:
    """A region noun with no name in it and not the part of a town."""
    if noun.lower_ not in _REGION_NOUNS or noun.ent_type_ or noun.pos_ == "PROPN":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "FAC") for t in noun.subtree):
        return False
    return not any(t.lower_ in _LOCAL_NOUNS for t in noun.subtree if t is not noun)


def sentence_parse(doc: Doc, sentence: TextSpan) -> Span:
    """The parsed tokens of the mention's sentence (the whole document if they cannot be cut)."""
    try:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    except (IndexError, ValueError):  # offsets in whitespace can make spaCy build an empty span
        span = None
    return span if span is not None and len(span) else doc[:]


# Grammar, not knowledge: closed word classes and dependency labels (spaCy's English scheme).
_LOCATIVE_PREPS = frozenset({p for p in LOCATIVE if " " not in p} | PLACE_WORDS["locative_preps"])
_ORIGIN_PREPS = frozenset({"from", "for", "with", "against", "according", "by", "like", "than",
                           "about"})
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                      "southwest", "northwards", "southwards"})
_MODIFIER = frozenset({"compound", "amod", "poss", "nmod"})
_OBJECT = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_PARTY = frozenset({"nsubj", "agent", "dative", "csubj", "expl"})
_PARTY_ENTS = frozenset({"PERSON", "ORG", "NORP"})
# clauses that go on with the event or describe its site; reported speech is about other things
_JOINED = frozenset({"advcl", "xcomp", "conj", "pcomp", "relcl", "acl"})
_NOUN_CLAUSE = frozenset({"ccomp", "parataxis", "csubj"})
_REPORTED = frozenset({"ccomp", "parataxis"})
_SOURCE_WORDS = frozenset({"according"})
_REGION_NOUNS = PLACE_WORDS["region_nouns"]
_LOCAL_NOUNS = PLACE_WORDS["local_nouns"]


def _tier(words: Sequence[Token], trigger: TextSpan, place: TextSpan, broad: bool) -> int | None:
    """How the place hangs on the trigger in the parse; None when it must not be chosen.

    None means an origin or a party ("Iraqi troops", "from Syria", "Damascus said") or the
    speaker of reported speech; ``UNATTACHED`` a place merely in the sentence or a reference
    point ("50 km north of Baghdad"). A country (``broad``) named as what was acted on
    ("attacked Iran") or qualifying a noun ("a US raid") is a party, not a site.
    """
    t_toks, p_toks = _covering(words, trigger), _covering(words, place)
    if not t_toks or not p_toks:
        return UNATTACHED
    verb, head = _root(t_toks), _root(p_toks)
    if verb.sent != head.sent:
        return UNATTACHED
    own = frozenset(t.i for t in p_toks)
    chain = [head, *head.ancestors]
    if verb in chain:
        return _walk(chain[: chain.index(verb)], verb, broad, own)
    # The trigger sits in a clause of its own: the place hangs on a clause above it.
    above = [verb, *verb.ancestors]
    common = next((a for a in chain if a in above), None)
    if common is None:
        return UNATTACHED
    below = chain[: chain.index(common)]
    if below and below[-1].dep_ in _PARTY:
        return None  # "officials in Baghdad said [militants shelled ...]": the speaker's place
    tier = _walk(below, common, broad, own)
    if tier is None:
        return None
    reported = any(t.dep_ in _REPORTED for t in above[: above.index(common)])
    joined = tier == DIRECT and common.pos_ in ("VERB", "AUX") and not reported
    return JOINED_CLAUSE if joined else UNATTACHED


def _covering(words: Sequence[Token], span: TextSpan) -> list[Token]:
    """The parsed tokens that share characters with ``span`` (none when it lies outside)."""
    return [t for t in words if t.idx < span.end and span.start < t.idx + len(t.text)]


def _root(tokens: Sequence[Token]) -> Token:
    """The token of a phrase whose head lies outside it (the first, when the parse splits it)."""
    within = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in within or t.head.i == t.i), tokens[0])


def _walk(chain: Sequence[Token], verb: Token, broad: bool, own: frozenset[int]) -> int | None:
    """The tier of a place whose chain of heads (place first) ends at a child of ``verb``."""
    crossed = 0
    modifier = chain[0].dep_ in _MODIFIER if chain else False
    tier = UNATTACHED
    for tok in chain:
        dep = tok.dep_
        if tier == UNATTACHED and tok.i not in own and tok.ent_type_ in _PARTY_ENTS:
            return None  # "officers of the Raqqa brigade": the place names a party
        if tok.lower_ in _SOURCE_WORDS:
            return None  # "according to officials in Baghdad": where the source is
        if dep == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
            prep = tok.head.lower_
            if prep == "of" and tok.head.head.lower_ in _COMPASS and tier == UNATTACHED:
                # "a town 50 km north of Baghdad": a reference point, near where it happened
                tier, crossed = DIRECT, crossed + 1
                continue
            if prep in _LOCATIVE_PREPS:
                if tier == UNATTACHED and not (modifier and broad):
                    tier = DIRECT
                modifier = False
            elif prep in _ORIGIN_PREPS and tier == UNATTACHED:
                return None  # "troops from Syria", "killed by US forces"
            modifier = modifier and prep != "of"
        elif dep in _OBJECT and tok.head == verb and tier == UNATTACHED:
            if broad:
                return None  # "captured a US soldier" qualifies a party; "attacked Iran" names one
            tier = DIRECT  # "shelled Kirkuk", "destroyed the Kirkuk headquarters"
        elif dep in _PARTY and tier == UNATTACHED:
            return None  # the place is, or qualifies, the one who acted
        elif tok.pos_ in ("VERB", "AUX") and dep in _NOUN_CLAUSE:
            return UNATTACHED  # "they said [fighting spread to Homs]": what was said, not done
        elif tok.pos_ in ("VERB", "AUX") and dep in _JOINED:
            # "shot and killed a man in X": a verb sharing the trigger's subject is its clause
            crossed += dep != "conj" or any(c.dep_ in _PARTY for c in tok.children)
    if not crossed or tier == UNATTACHED:
        return tier
    # a clause joined to the trigger's is still its ground; a country there is not
    return UNATTACHED if broad else JOINED_CLAUSE
