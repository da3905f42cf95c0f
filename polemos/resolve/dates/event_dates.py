"""When an event happened: the time expression that governs a trigger, else the article date.

Extract finds and resolves the time expressions (``extract/time_expressions.py``) and what the parse
hangs under each trigger; choosing among them for one event is resolve's job: report dates,
stamps, charges and neighbouring sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from polemos.model import DatePrecision, TextSpan, TimeExpr
from polemos.time_lexicon import (
    CUE_AFTER,
    CUE_BEFORE,
    StoryCues,
    anchor_date,
    default_cues,
    first_day,
    iso_week,
)

_PRECISION_COST = {"day": 0, "week": 60, "month": 90, "year": 120}  # characters of distance
# A vague time this long ("in recent months", "over the past few years") is a span, not a day.
_LONG_SPAN = re.compile(r"\b(?:weeks|months|years|decades)\b", re.I)
_DETACHED = 99  # clause steps of a time the parse does not place under the trigger


@dataclass(frozen=True, slots=True)
class StoryTimes:
    """An article's times as ``event_date`` weighs them, read once per article.

    Whether a time dates a report, is tied to the event, or hangs under a later step depends on
    the time and the article only, not on the event being dated; reading it once, and finding
    each event's neighbours by offset, keeps a long article's cost linear in its events and
    times (each event used to look at every time). Build with ``story_times``.
    """

    usable: tuple[TimeExpr, ...]  # with a value on or before the article date, in text order
    usable_starts: tuple[int, ...]
    reported: frozenset[int]  # start offsets of times that date a report or stamp
    marked: frozenset[int]  # ... that the text ties to the event ("happened Monday")
    roles: Mapping[int, str]  # ... -> "step" or "attack", by the word the parse hangs them under
    long_spans: frozenset[int]  # ... of valueless spans of time ("in recent months")
    days: tuple[TimeExpr, ...]  # usable days that date no report and no later step
    days_starts: tuple[int, ...]
    ties: tuple[TimeExpr, ...]  # those days the text or parse ties to an attack
    ties_starts: tuple[int, ...]
    attack_days: Mapping[str, tuple[TimeExpr, ...]]  # tied, no step, by year, month and week
    earliest_day: TimeExpr | None  # the usable day of least value

    def is_step(self, t: TimeExpr) -> bool:
        """Under a later step, and not tied to the event by the text ("the Dec. 15 shooting")."""
        return self.roles.get(t.span.start) == "step" and t.span.start not in self.marked


def story_times(times: Sequence[TimeExpr], published: str | None, source: str, offset: int = 0,
                heads: Mapping[int, Sequence[str]] | None = None, cues: StoryCues | None = None,
                ) -> StoryTimes:
    """The article's times read for ``event_date``: ``source`` is the article's text (offset 0)
    or, without it, the sentence's text at ``offset``; ``heads`` as ``time_heads`` gives them."""
    anchor = anchor_date(published)
    cues = cues or default_cues()  # the pipeline passes Knowledge.time_grammar.cues
    ordered = sorted(times, key=lambda t: t.span.start)

    def around(t: TimeExpr) -> tuple[str, str] | None:
        start, end = t.span.start - offset, t.span.end - offset
        if start < 0 or end > len(source):
            return None  # a neighbour, when only the sentence is known
        return source[max(0, start - CUE_BEFORE):start], source[end:end + CUE_AFTER]

    def role(t: TimeExpr) -> str | None:
        for lemma in (heads or {}).get(t.span.start, ()):
            if lemma in cues.step_heads:
                return "step"
            if lemma in cues.attack_heads:
                return "attack"
        return None

    usable = tuple(t for t in ordered if t.value is not None and t.precision is not None
                   and (anchor is None or ((first := first_day(t.value)) is not None
                                           and first <= anchor)))
    context = {t.span.start: around(t) for t in usable}
    reported = frozenset(k for k, c in context.items() if c is not None and cues.is_reported(*c))
    marked = frozenset(k for k, c in context.items() if c is not None and cues.is_marked(*c))
    roles = {t.span.start: r for t in usable if (r := role(t)) is not None}
    long_spans = frozenset(t.span.start for t in ordered
                           if t.value is None and _LONG_SPAN.search(t.span.text))

    def step(t: TimeExpr) -> bool:
        return roles.get(t.span.start) == "step" and t.span.start not in marked

    def attack(t: TimeExpr) -> bool:
        return t.span.start in marked or roles.get(t.span.start) == "attack"

    day_times = [t for t in usable if t.precision == "day"]
    days = tuple(t for t in day_times if t.span.start not in reported and not step(t))
    ties = tuple(t for t in days if attack(t))
    attack_days: dict[str, list[TimeExpr]] = {}
    for t in day_times:
        if attack(t) and not step(t):
            for key in _periods(t.value or ""):
                attack_days.setdefault(key, []).append(t)
    earliest = min(day_times, key=lambda t: (t.value or "", t.span.start), default=None)
    return StoryTimes(usable, tuple(t.span.start for t in usable), reported, marked, roles,
                      long_spans,
                      days, tuple(t.span.start for t in days),
                      ties, tuple(t.span.start for t in ties),
                      {k: tuple(v) for k, v in attack_days.items()}, earliest)


def _periods(day: str) -> tuple[str, ...]:
    """The year, month and ISO week values an ISO day falls in (as ``_falls_in`` reads them)."""
    first = first_day(day)
    return (day[:4], day[:7]) + ((iso_week(first),) if first is not None else ())


def _nearest(times: Sequence[TimeExpr], starts: Sequence[int], at: int,
             skip: TextSpan | None = None) -> TimeExpr | None:
    """The time nearest ``at`` among the sorted ``times``, one starting at or before it first,
    passing over those inside ``skip``: ``min(times, key=(start > at, |start - at|))`` by bisection."""
    def inside(t: TimeExpr) -> bool:
        return skip is not None and skip.start <= t.span.start and t.span.end <= skip.end

    k = bisect_right(starts, at) - 1
    while k >= 0 and inside(times[k]):
        k -= 1
    if k >= 0:
        return times[k]
    k = bisect_right(starts, at)
    while k < len(times) and inside(times[k]):
        k += 1
    return times[k] if k < len(times) else None


def event_date(sentence: TextSpan, trigger: TextSpan, times: Sequence[TimeExpr],
               published: str | None, text: str | None = None,
               attached: Mapping[int, int] | None = None,
               heads: Mapping[int, Sequence[str]] | None = None,
               violent: bool = True, story: StoryTimes | None = None,
               cues: StoryCues | None = None,
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
    ``story`` (``story_times`` of the same times, text and heads), given once per article,
    spares reading every time again for each event.
    """
    anchor = anchor_date(published)
    if story is None:
        source, offset = (text, 0) if text is not None else (sentence.text, sentence.start)
        story = story_times(times, published, source, offset, heads, cues)
    under = attached or {}

    def cost(t: TimeExpr) -> float:
        gap = (trigger.start - t.span.end if t.span.end <= trigger.start
               else t.span.start - trigger.end)
        return max(gap, 0) + _PRECISION_COST.get(t.precision or "year", 120)

    def rank(t: TimeExpr) -> tuple[int, float, int]:
        return (under.get(t.span.start, _DETACHED) if attached is not None else 0,
                cost(t), t.span.start)

    lo = bisect_left(story.usable_starts, sentence.start)
    hi = bisect_right(story.usable_starts, sentence.end)
    inside = [t for t in story.usable[lo:hi] if t.span.end <= sentence.end]
    own = [t for t in inside if not (t.span.start in story.reported or story.is_step(t))
           or under.get(t.span.start) == 0]
    before = None if text is None else text[max(0, trigger.start - CUE_BEFORE):trigger.start]
    if before is not None and (cues or default_cues()).is_charged(before):
        # "stable Sunday, and the man accused of shooting them": Sunday dates the charge; a time
        # after the attack is still its own ("accused of killing three officers Sunday")
        own = [t for t in own if t.span.start > trigger.start or t.span.start in story.marked
               or under.get(t.span.start) == 0]
    if own:
        best = min(own, key=rank)
        if best.precision != "day" and text is not None and violent:
            # "shot last week" and, elsewhere, "the Dec. 15 shooting": the day the text ties to
            # an attack within the sentence's week, month or year is its day
            day = _tied_day_within(story, best.value or "", sentence.start)
            if day is not None:
                return day.value, day.precision, True
        return best.value, best.precision, True
    if attached is not None and any(start in story.long_spans for start in under):
        # "have repeatedly hit Americans in recent months": the text gives the event a span of
        # time, not a day, so no neighbour's day is borrowed; the article date stands in, flagged
        if anchor is not None:
            return anchor.isoformat(), "day", False
        return None, None, False
    # the day nearest the sentence, before it first: the lead's; one the text ties to an attack
    # before the sentence, else anywhere, wins over one that is not tied
    best_day = None
    if text is not None:
        k = bisect_left(story.ties_starts, sentence.start) - 1
        best_day = story.ties[k] if k >= 0 else _nearest(story.ties, story.ties_starts,
                                                          sentence.start, sentence)
    if best_day is None:
        best_day = _nearest(story.days, story.days_starts, sentence.start, sentence)
    if best_day is not None:
        return best_day.value, best_day.precision, True
    if inside:
        best = min(inside, key=rank)
        return best.value, best.precision, True
    if story.earliest_day is not None:
        # only dates of reports and later steps: the earliest is the nearest the event
        return story.earliest_day.value, story.earliest_day.precision, True
    if anchor is not None:
        return anchor.isoformat(), "day", False
    return None, None, False


def _falls_in(day: str, value: str) -> bool:
    """Whether an ISO day lies in a week, month or year value ("2016-12-15" in "2016-W50")."""
    if "-W" in value:
        first = first_day(day)
        return first is not None and iso_week(first) == value
    return len(value) < len(day) and day.startswith(value)


def _tied_day_within(story: StoryTimes, period: str, at: int) -> TimeExpr | None:
    """The day tied to an attack (and under no later step) within a week, month or year value,
    nearest ``at``, one before it first; None without one."""
    if "-W" in period or len(period) in (4, 7):
        days = story.attack_days.get(period, ())
    else:  # no value the grammar gives; read as _falls_in would
        days = tuple(t for k, ts in story.attack_days.items() if len(k) == 4 for t in ts
                     if _falls_in(t.value or "", period))
    return _nearest(days, [t.span.start for t in days], at)
