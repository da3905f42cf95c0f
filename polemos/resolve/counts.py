"""Casualties per incident, not per mention: an act's toll counted once within an article.

A sentence's counts reach every attack it holds ("Police fired on protesters who had killed two
officers": the 2 dead are read for both acts), and news repeats a toll ("Gunmen killed five
people in Kano. The attack, which killed five, was claimed by ..."). Summed over an article's
mentions, such counts would be counted twice. Here each toll stays with one mention of its act and
the others keep none, flagged ``count_on_other_mention``. Pure over the situated mentions of one
article; incidents across articles are not joined here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from polemos.model import Actor, Mention
from polemos.reading import COUNTS_DEAD

ON_OTHER = "count_on_other_mention"
# a toll told again this many sentences on is the same act's, if nothing tells them apart
REPEAT_WITHIN = 2
# a revised toll is looked for this many sentences back (which also keeps long articles linear)
REVISION_WITHIN = 10


def count_once(mentions: Sequence[Mention],
               number: Callable[[str], int | None] = lambda w: None,
               revises: Callable[[str], bool] = lambda s: False) -> list[Mention]:
    """The mentions (in their order) with each toll on one mention of its act.

    Of a sentence's attacks holding the same counts, the one whose victims are the ones counted
    (a recipient phrase with a number: "killed 15 people") keeps them, else the first; an attack
    repeating an earlier attack's toll within ``REPEAT_WITHIN`` sentences, with no party or place
    telling the two apart, gives its counts to the earlier one. ``number`` reads a word as a
    cardinal ("two" -> 2; ``NumberLexicon.value``), for the victims' phrases. A later attack
    whose sentence ``revises`` a toll ("the death toll rose to 15"; ``CasualtyLexicon.
    tells_revision``) and that nothing tells apart from an earlier one holding a smaller toll
    replaces that toll: the earlier mention gives up its counts.
    """
    out = list(mentions)
    keeper: list[int] = []  # positions in ``out`` of the mentions keeping a toll so far

    def order(i: int) -> tuple[int, bool, int]:
        return out[i].sentence_index, not _counts_victims(out[i], number), i

    for i in sorted(range(len(out)), key=order):
        m = out[i]
        if m.event_type not in COUNTS_DEAD or not (m.dead or m.injured):
            continue
        # keepers come in sentence order: only the last few sentences' can be this act's
        recent = [j for j in keeper[-64:]
                  if m.sentence_index - out[j].sentence_index <= REVISION_WITHIN]
        told = next((j for j in recent if _same_toll(out[j], m)), None)
        if told is None:
            revised = next((j for j in recent if revises(m.text) and _revised(out[j], m)), None)
            if revised is not None:
                out[revised] = _given_up(out[revised])
                keeper.remove(revised)
            keeper.append(i)
            continue
        if out[told].injured is None and m.injured is not None:
            # "Police said the bomber killed six people and wounded 20": the retelling may add
            # the wounded to the toll the first telling holds
            out[told] = replace(out[told], injured=m.injured)
        out[i] = _given_up(m)
    return out


def _given_up(m: Mention) -> Mention:
    """The mention without counts, flagged: its act's toll is on another mention."""
    return replace(m, dead=None, injured=None, flags=tuple(
        f for f in m.flags if f != "count_is_floor") + (ON_OTHER,))


def _revised(earlier: Mention, later: Mention) -> bool:
    """True when ``later`` raises the toll of ``earlier``'s act (the caller has checked that its
    sentence tells a revision)."""
    return (later.sentence_index > earlier.sentence_index
            and (later.dead or 0) > (earlier.dead or 0) and earlier.dead is not None
            and _compatible(earlier.actors, later.actors)
            and _compatible(earlier.recipients, later.recipients) and _same_place(earlier, later))


def _counts_victims(m: Mention, number: Callable[[str], int | None]) -> bool:
    """True when a recipient phrase opens with a number: the victims the toll counts ("15
    people", "two officers")."""
    return any(a.text.split() and (a.text.split()[0][0].isdigit() or number(a.text.split()[0])
                                   is not None) for a in m.recipients)


def _same_toll(earlier: Mention, later: Mention) -> bool:
    """True when ``later`` tells the toll ``earlier`` already holds, of the same act: the same
    dead (or, with no dead, the same wounded), the wounded the same or told once."""
    if earlier.dead != later.dead or (earlier.dead is None and earlier.injured is None):
        return False
    if None not in (earlier.injured, later.injured) and earlier.injured != later.injured:
        return False
    if later.sentence_index == earlier.sentence_index:
        return True  # the sentence's counts were read once for each act it holds
    if later.sentence_index - earlier.sentence_index > REPEAT_WITHIN:
        return False
    return (_compatible(earlier.actors, later.actors)
            and _compatible(earlier.recipients, later.recipients) and _same_place(earlier, later))


def _compatible(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    """True when either side is unsaid or some party of one is like some party of the other:
    the same actor id, or the same sector with the same (or an unsaid) country."""
    coded = [[x for x in side if x.id or x.sector] for side in (a, b)]
    if not coded[0] or not coded[1]:
        return True
    return any(_alike(x, y) for x in coded[0] for y in coded[1])


def _alike(x: Actor, y: Actor) -> bool:
    if x.id and y.id:
        return x.id == y.id
    return x.sector == y.sector and (x.country is None or y.country is None
                                     or x.country == y.country)


def _same_place(a: Mention, b: Mention) -> bool:
    """False when both sentences place their act, at different places."""
    own = [m.location for m in (a, b) if "place_from_article" not in m.flags]
    if len(own) < 2 or own[0] is None or own[1] is None:
        return True
    return own[0].name == own[1].name or (own[0].geonames_id is not None
                                          and own[0].geonames_id == own[1].geonames_id)
