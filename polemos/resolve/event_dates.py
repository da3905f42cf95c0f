"""When an event happened: the time expression that governs a trigger, else the article date.

Split from ``dates.py`` (which finds and resolves time expressions) because choosing among them
for one event is its own job: report dates, stamps, charges and neighbouring sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from polemos.model import DatePrecision, TextSpan, TimeExpr
from polemos.resolve.date_lexicon import first_day, iso_week
from polemos.resolve.dates import _AFTER, _BEFORE, _anchor, _cues

_PRECISION_COST = {"day": 0, "week": 60, "month": 90, "year": 120}  # characters of distance
# A vague time this long ("in recent months", "over the past few years") is a span, not a day.
_LONG_SPAN = re.compile(r"\b(?:weeks|months|years|decades)\b", re.I)
_DETACHED = 99  # clause steps of a time the parse does not place under the trigger


def event_date(sentence: TextSpan, trigger: TextSpan, times: Sequence[TimeExpr],
               published: str | None, text: str | None = None,
               attached: Mapping[int, int] | None = None,
               heads: Mapping[int, Sequence[str]] | None = None,
               violent: bool = True,
               ) -> tuple[str | None, DatePrecision | None, bool]:
    """When the event carried by ``trigger`` happened: (value, precision, from_text).

    The time of the trigger's sentence nearest to the trigger, day precision preferred. A time
    that dates a report, a stamp or a later step ("police said Friday", "arrested Tuesday",
    "Posted: May 26") or lies after the article date is not the event's: a sentence with no
    other time takes its neighbours' (news states the date once, in the lead), the nearest
    day-precision time before it, else after it. Given the article ``text``, neighbours that
    date a report are passed over too, and one the text ties to the event ("happened Monday",
    "was shot Sunday", "Thursday's rampage") is preferred, before the sentence else after it; an
    attack framed as a charge's past ("accused of shooting") does not take the times before it.
    A report time of the sentence serves when no neighbour has a time. Without any, the article
    date at day precision with ``from_text`` False (news reports what happened that day or the
    day before). Given ``attached`` (start offsets of the times the parse hangs under the
    trigger, with the clauses crossed: ``extract.attachment.attached_times``), the sentence's
    times under the trigger come first, the nearest clause first ("held a vigil Thursday for a
    boy shot Monday": Monday dates the shooting), and one right under it is the event's own even
    beside a report cue ("shot Tuesday, police said"). Given ``heads`` (the words the parse hangs
    each time under: ``extract.attachment.time_heads``), a time under a later step ("identified
    Wednesday", "held a vigil Thursday") is not the event's unless the text ties it to the event,
    and a neighbour under an attack ("sprayed the porch with bullets Monday") counts as tied.
    For a ``violent`` event, a sentence's week, month or year gives way to a day the text ties
    to an attack within it ("shot last week" and "the Dec. 15 shooting"); a sanction "this
    month" keeps its month. With only report or step days in the story,
    the earliest of them (steps follow the event). All offsets are in the article's text.
    """
    anchor = _anchor(published)
    source, offset = (text, 0) if text is not None else (sentence.text, sentence.start)

    def around(t: TimeExpr) -> tuple[str, str] | None:
        """The text before and after a time, None for a neighbour when only the sentence is known."""
        start, end = t.span.start - offset, t.span.end - offset
        if start < 0 or end > len(source):
            return None
        return source[max(0, start - _BEFORE):start], source[end:end + _AFTER]

    def reported(t: TimeExpr) -> bool:
        context = around(t)
        return context is not None and _cues().is_reported(*context)

    def marked(t: TimeExpr) -> bool:
        context = around(t)
        return context is not None and _cues().is_marked(*context)

    def cost(t: TimeExpr) -> float:
        gap = (trigger.start - t.span.end if t.span.end <= trigger.start
               else t.span.start - trigger.end)
        return max(gap, 0) + _PRECISION_COST.get(t.precision or "year", 120)

    under = attached or {}
    cues = _cues()
    head_of = heads or {}

    def role(t: TimeExpr) -> str | None:
        """'step' or 'attack': the nearest word the parse hangs the time under that is a later
        step of the story (an arrest, a vigil, a trial) or the attack itself; else None."""
        for lemma in head_of.get(t.span.start, ()):
            if lemma in cues.step_heads:
                return "step"
            if lemma in cues.attack_heads:
                return "attack"
        return None

    def step(t: TimeExpr) -> bool:
        """Whether the parse hangs the time under a later step and the text does not tie it to
        the event ("the Dec. 15 shooting was ruled a homicide" keeps Dec. 15)."""
        return role(t) == "step" and not marked(t)

    def attack(t: TimeExpr) -> bool:
        """Whether the text or the parse ties the time to an attack ("was shot Monday")."""
        return marked(t) or role(t) == "attack"

    def rank(t: TimeExpr) -> tuple[int, float, int]:
        return (under.get(t.span.start, _DETACHED) if attached is not None else 0,
                cost(t), t.span.start)

    usable = [t for t in times if t.value is not None and t.precision is not None
              and (anchor is None or ((first := first_day(t.value)) is not None
                                      and first <= anchor))]
    inside = [t for t in usable if sentence.start <= t.span.start and t.span.end <= sentence.end]
    own = [t for t in inside if not (reported(t) or step(t)) or under.get(t.span.start) == 0]
    if text is not None and cues.is_charged(text[max(0, trigger.start - _BEFORE):trigger.start]):
        # "stable Sunday, and the man accused of shooting them": Sunday dates the charge; a time
        # after the attack is still its own ("accused of killing three officers Sunday")
        own = [t for t in own if t.span.start > trigger.start or marked(t)
               or under.get(t.span.start) == 0]
    if own:
        best = min(own, key=rank)
        if best.precision != "day" and text is not None and violent:
            # "shot last week" and, elsewhere, "the Dec. 15 shooting": the day the text ties to
            # an attack within the sentence's week, month or year is its day
            within = [t for t in usable if t.precision == "day" and t.value is not None
                      and _falls_in(t.value, best.value or "") and attack(t) and not step(t)]
            if within:
                day = min(within, key=lambda t: (t.span.start > sentence.start,
                                                 abs(t.span.start - sentence.start)))
                return day.value, day.precision, True
        return best.value, best.precision, True
    if attached is not None and any(t.value is None and t.span.start in under
                                    and _LONG_SPAN.search(t.span.text) for t in times):
        # "have repeatedly hit Americans in recent months": the text gives the event a span of
        # time, not a day, so no neighbour's day is borrowed; the article date stands in, flagged
        if anchor is not None:
            return anchor.isoformat(), "day", False
        return None, None, False
    days = [t for t in usable if t.precision == "day" and t not in inside and not reported(t)
            and not step(t)]
    if text is not None:
        ties = [t for t in days if attack(t)]  # the event's own date, the lead's before a later one
        days = [t for t in ties if t.span.start < sentence.start] or ties or days
    if days:
        best = min(days, key=lambda t: (t.span.start > sentence.start,
                                        abs(t.span.start - sentence.start)))
        return best.value, best.precision, True
    if inside:
        best = min(inside, key=rank)
        return best.value, best.precision, True
    later = [t for t in usable if t.precision == "day"]
    if later:  # only dates of reports and later steps: the earliest is the nearest the event
        best = min(later, key=lambda t: (t.value or "", t.span.start))
        return best.value, best.precision, True
    if anchor is not None:
        return anchor.isoformat(), "day", False
    return None, None, False


def _falls_in(day: str, value: str) -> bool:
    """Whether an ISO day lies in a week, month or year value ("2016-12-15" in "2016-W50")."""
    if "-W" in value:
        first = first_day(day)
        return first is not None and iso_week(first) == value
    return len(value) < len(day) and day.startswith(value)
