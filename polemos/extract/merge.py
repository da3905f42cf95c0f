"""One mention per act: joined verbs of one attack merged, weak extra mentions of a sentence dropped.

ACLED and ICEWS code one event per act: "a rocket attack killed a contractor and wounded four
soldiers" is one attack, and a sentence's doubtful side readings give way to its best one.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from polemos.model import Actor, Mention

GENERIC_FORCE = "190"  # "killed", "wounded": the outcome of whatever attack they are joined to
MIN_CONFIDENCE = 0.3
KEEP_BELOW_TOP = 0.25  # a second mention must come within this of the sentence's best
KEPT_FLAGS = frozenset({"alleged", "referenced"})  # what was said or named stays regardless


def one_attack(found: list[tuple[Token, bool, Mention]], outcomes: frozenset[str],
               ) -> list[Mention]:
    """Coordinated force verbs with one doer are one attack when one of them only tells its toll
    (``outcomes``: "a rocket attack killed a contractor and wounded four soldiers", "was shot and
    killed"): the first verb's mention takes the others' recipients and the sharper CAMEO code
    and mode; "attacked towns and took hostages" stays two acts. ``found`` holds each mention
    with its trigger's head token and whether that is a noun; returns the mentions kept."""
    out: list[Mention] = []
    first_of: dict[int, int] = {}  # verb token -> position in ``out`` of the attack it joins
    for tok, is_noun, m in found:
        lead = tok
        while lead.dep_ == "conj" and lead.head.i != lead.i and lead.head.i in first_of:
            lead = lead.head
        prev = out[first_of[lead.i]] if lead.i != tok.i else None
        if (prev is None or is_noun or m.event_type != "ASSAULT" or prev.event_type != "ASSAULT"
                or not {tok.lemma_.lower(), lead.lemma_.lower()} & outcomes
                or [a.id or a.text for a in m.actors] != [a.id or a.text for a in prev.actors]):
            first_of.setdefault(tok.i, len(out))
            out.append(m)
            continue
        seen = {(a.start, a.end) for a in prev.recipients}
        extra = tuple(a for a in m.recipients if (a.start, a.end) not in seen)
        sharper = m if prev.cameo == GENERIC_FORCE and m.cameo != GENERIC_FORCE else prev
        out[first_of[lead.i]] = replace(
            prev, recipients=prev.recipients + extra, cameo=sharper.cameo, mode=sharper.mode,
            intensity=sharper.intensity, context=sharper.context,
            confidence=max(prev.confidence, m.confidence),
            rule=f"{prev.rule}; same attack as '{m.trigger.text}'")
        first_of[tok.i] = first_of[lead.i]
    return out


def one_incident(mentions: list[Mention]) -> list[Mention]:
    """Attacks of one sentence by the same (or an unsaid) doer on the same (or an unsaid) target
    are one incident ("a gunman opened fire at a party, shooting two men", "were wounded in the
    shooting"): the most specific code stays, taking the parties the others name. Alleged acts
    keep apart (what was said is not what was seen). Returns the mentions kept, in order."""
    out: list[Mention] = []
    for m in mentions:
        j = next((j for j, p in enumerate(out) if _same_incident(p, m)), None)
        if j is None:
            out.append(m)
            continue
        prev = out[j]
        keep, other = (m, prev) if _specificity(m) > _specificity(prev) else (prev, m)
        out[j] = replace(
            keep, actors=keep.actors or other.actors, recipients=keep.recipients or other.recipients,
            confidence=max(keep.confidence, other.confidence),
            rule=f"{keep.rule}; one incident with '{other.trigger.text}'")
    return out


def _parties(actors: tuple[Actor, ...]) -> list[str]:
    return sorted((a.id or a.text).lower() for a in actors)


def _same_incident(a: Mention, b: Mention) -> bool:
    if a.event_type != "ASSAULT" or b.event_type != "ASSAULT" or "alleged" in a.flags + b.flags:
        return False
    # "shot and killed" is one act; "kidnapped ... exploded" are two kinds of attack
    if a.cameo != b.cameo and not (_generic(a.cameo) or _generic(b.cameo)):
        return False
    return all(not x or not y or _parties(x) == _parties(y)
               for x, y in ((a.actors, b.actors), (a.recipients, b.recipients)))


def _generic(cameo: str | None) -> bool:
    """True for a code that names force of no kind ("190", "180"): it fits any sharper one."""
    return cameo is not None and len(cameo) <= 3 and cameo.endswith("0")


def _specificity(m: Mention) -> tuple[bool, int, int, float]:
    """A sharper CAMEO code ("shot": 193 over "attacked": 190), then more parties named."""
    return (not _generic(m.cameo), len(m.cameo or ""), len(m.actors) + len(m.recipients), m.confidence)


def prune(mentions: list[Mention]) -> list[Mention]:
    """One mention per trigger; weak extras of a sentence dropped (its best stays, and what was
    alleged or named as having happened). Returns the mentions kept, best first."""
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
            if i == 0 or KEPT_FLAGS & set(m.flags)
            or (m.confidence >= MIN_CONFIDENCE and m.confidence >= top - KEEP_BELOW_TOP)]
