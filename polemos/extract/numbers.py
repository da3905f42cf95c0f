"""How many: counts of dead, injured and arrested people stated in a sentence.

"killed 15 people", "at least 12 dead", "two soldiers were wounded", "a man was shot dead",
"left three people dead", "wounding five others", "dozens were arrested" (a floor), "shot and killed
him", "Ana Ruiz, 31, died", "his wife and daughter were killed", "killed two before killing
himself" (the attacker's death counts too). Counts are read only next to casualty words and within
a line; a number followed by an age, time, address, measure or money word is not a count of
people, and one followed by a period ("killed in July", "so far this year") is a tally.
Vocabulary lives in ``polemos/data/lexicon/{numbers,casualties}.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from polemos.errors import KnowledgeError
from polemos.extract.tolls import KillingLexicon, killing_deaths, listed_victims
from polemos.lexicons import read_lexicon, readers, words
from polemos.model import Casualties
from polemos.number_words import NumberLexicon, Quantity
from polemos.number_words import alternation as _alternation

Category = Literal["dead", "injured", "arrested", "shot"]
CATEGORIES: tuple[Category, ...] = ("dead", "injured", "arrested", "shot")
_SP = r"[^\S\n]+"  # spaces within a line: a count never reaches across a headline's line break


@dataclass(frozen=True)  # no slots: the compiled patterns are cached on the instance
class CasualtyLexicon:
    """Casualty words by category, victim nouns between a count and them, non-people words."""

    numbers: NumberLexicon
    after: dict[Category, tuple[str, ...]]
    before: dict[Category, tuple[str, ...]]
    left: dict[Category, tuple[str, ...]]
    people_words: tuple[str, ...]
    not_people: tuple[str, ...]
    not_names: tuple[str, ...]
    self_inflicted: tuple[str, ...] = ()
    object_pronouns: tuple[str, ...] = ()
    tally_cues: tuple[str, ...] = ()
    single_subjects: tuple[str, ...] = ()
    irregular_plurals: tuple[str, ...] = ()
    then_dead: tuple[str, ...] = ()
    intent_verbs: tuple[str, ...] = ()
    doubt_words: tuple[str, ...] = ()
    irrealis_before: tuple[str, ...] = ()
    headline_victims: tuple[str, ...] = ()
    murder_suicides: tuple[str, ...] = ()
    people_modifiers: tuple[str, ...] = ()
    uncounted: tuple[str, ...] = ()
    doubt_after: tuple[str, ...] = ()
    not_counts: tuple[str, ...] = ()
    tally_before: tuple[str, ...] = ()
    killings: KillingLexicon | None = None
    # between the victims and the casualty word: auxiliaries and adverbs that keep the count
    between_words: tuple[str, ...] = ()
    toll_revisions: tuple[str, ...] = ()  # "the death toll rose to": a toll told again, changed

    @classmethod
    def load(cls, path: Path | None = None, numbers: NumberLexicon | None = None,
             kb_dirs: Sequence[Path] = ()) -> CasualtyLexicon:
        """Read casualties.yaml (or ``path``) with the ``kb_dirs`` layers; raises KnowledgeError
        listing every problem."""
        data, where_of = read_lexicon("casualties.yaml", path, kb_dirs)
        _, w = readers(data, where_of)
        after: dict[Category, tuple[str, ...]] = {}
        before: dict[Category, tuple[str, ...]] = {}
        left: dict[Category, tuple[str, ...]] = {}
        for cat in CATEGORIES:
            part = data.get(cat)
            if not isinstance(part, dict):
                raise KnowledgeError("expected a mapping with after/before/left",
                                     where=where_of(cat), field=cat)
            after[cat] = words(part, "after", where_of(cat))
            before[cat] = words(part, "before", where_of(cat))
            left[cat] = words(part, "left", where_of(cat))
        return cls(numbers or NumberLexicon.load(kb_dirs=kb_dirs), after, before, left,
                   w("people_words"), w("not_people"), w("not_names"), w("self_inflicted"),
                   w("object_pronouns"), w("tally_cues"), w("single_subjects"),
                   w("irregular_plurals"), w("then_dead"), w("intent_verbs"), w("doubt_words"),
                   w("irrealis_before"), w("headline_victims"), w("murder_suicides"),
                   w("people_modifiers"), w("uncounted"), w("doubt_after"), w("not_counts"),
                   w("tally_before"), KillingLexicon.load(path, kb_dirs), w("between_count_and_word"),
                   w("toll_revisions"))

    @cached_property
    def compiled(self) -> tuple[Any, Any, Any, Any, Any]:
        """Patterns, own hand, tally, intent, named killing: compiled once per lexicon."""
        return (self.patterns(), self.self_inflicted_pattern(), self.tally_pattern(),
                self.intent_pattern(), self.killings.pattern() if self.killings else None)

    def victim_list(self, sentence: str) -> int | None:
        """The dead of victims listed one by one in ``sentence`` (``tolls.listed_victims``)."""
        if self.killings is None or not self.killings.victim_nouns:
            return None
        return listed_victims(sentence, self.killings, self._victim_list_pattern,
                              self.numbers.value)

    @cached_property
    def _victim_list_pattern(self) -> re.Pattern[str]:
        assert self.killings is not None
        return self.killings.victim_list_pattern(self.numbers.cardinal_pattern())

    @cached_property
    def revision_pattern(self) -> re.Pattern[str]:
        """Compiled pattern of the words telling a changed toll ("rose to", "later said")."""
        return re.compile(rf"(?i)\b(?:{_alternation(self.toll_revisions) or '(?!)'})\b")

    def tells_revision(self, sentence: str) -> bool:
        """Whether a sentence tells a toll told before, changed ("the toll rose to 15")."""
        return self.revision_pattern.search(sentence) is not None

    @cached_property
    def story_compiled(self) -> tuple[Any, Any, Any, Any]:
        """Attacker's death, attacker counted, own hand, doubt before: compiled once."""
        return _build_story_patterns(self)

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled patterns: count-then-word, word-then-count, "left N dead", one victim."""
        n = self.numbers
        # in the file's order, not longest first: the order these were always tried in
        aux = rf"(?:{'|'.join(re.escape(w) for w in self.between_words) or '(?!)'})"
        quantity = (rf"(?P<hedge>(?:{_alternation([*n.floor_hedges, *n.hedges])}){_SP})?"
                    rf"(?P<q>{_alternation([*n.exact, *n.vague])}|{n.cardinal_pattern()}|"
                    rf"{_alternation([*n.singular, *n.determiners])}|no{_SP}one|nobody|none|no)")
        people = _alternation(self.people_words)
        victim = (rf"(?P<v>(?:(?:[\w'-]+|\d+-year-old){_SP}){{0,2}}?(?:{people})"
                  rf"(?:{_SP}(?:{people})){{0,2}})(?:,{_SP}\d{{1,3}},)?")
        # the victims described in between: "-- a boy and a man --", "including a teen,"
        apposed = (r"(?:\s*(?:--|—|–)[^.;:\n—–]{1,60}?(?:--|—|–)|"
                   rf"{_SP}including{_SP}[^.;:\n,]{{1,50}},|,{_SP}[^.;:\n,]{{1,50}},)?")
        # a person's age and home town in apposition: "Ana Ruiz, 31, of Dover, died"
        aged = rf"(?:,{_SP}\d{{1,3}}(?:,{_SP}of{_SP}(?-i:[A-Z][\w.'-]*(?:{_SP}[A-Z][\w.'-]*){{0,2}}))?,)"
        long_victim = (rf"(?P<v>(?:(?:[\w'-]+|\d+-year-old){_SP}){{0,6}}?(?:{people})"
                       rf"(?:{_SP}(?:{people})){{0,2}})")
        after = "|".join(rf"(?P<a_{c}>{_alternation(self.after[c])})" for c in CATEGORIES
                         if self.after[c])
        before = "|".join(rf"(?P<b_{c}>{_alternation(self.before[c])})" for c in CATEGORIES
                          if self.before[c])
        left = "|".join(rf"(?P<l_{c}>{_alternation(self.left[c])})" for c in CATEGORIES
                        if self.left[c])
        not_people = _alternation(self.not_people)
        not_names = _alternation(self.not_names)
        # a number before ":30" or ".5" is a clock time or a decimal, not people
        guard = rf"(?<![$€£\d.,:-])\b{quantity}\b(?![:.]\d)(?!\s*(?:{not_people})(?!\w))(?!-)"
        name = r"(?-i:[A-Z][a-z]+)"
        full_name = rf"(?-i:[A-Z][\w'’.-]+(?:{_SP}[A-Z][\w'’.-]+){{1,3}})"
        pronoun = _alternation(self.object_pronouns) or "(?!)"
        dead_before = _alternation(self.before["dead"])
        dead_after = _alternation(self.after["dead"])
        then_dead = (rf"(?:{_alternation(self.after['shot'])})\b[^.;:\n]{{0,40}}?\band{_SP}"
                     rf"(?:(?:later|was|were|then){_SP}){{0,2}}"
                     rf"(?P<a_dead>{_alternation(self.then_dead) or '(?!)'})\b")
        named = rf"(?!(?:{not_names})\b){full_name}(?:,{_SP}\d{{1,3}},?)?"
        # names in mixed case only: an all-capitals line is not a run of names
        strict_named = (rf"(?!(?:{not_names})\b)(?-i:[A-Z][a-z][\w'’.-]*(?:{_SP}[A-Z][a-z][\w'’.-]*){{1,3}})"
                        rf"(?:,{_SP}\d{{1,3}},?)?")
        one = (rf"(?:(?:{_alternation(self.numbers.determiners)}|a|an|their){_SP})?"
               rf"(?:[\w'-]+{_SP})?(?:{people})")
        return (
            re.compile(rf"{guard}{_SP}(?:{victim}{apposed}{_SP})?(?:{aux}{_SP}){{0,4}}(?:{after})\b",
                       re.I),
            # some of a group died: "one of the four men shot has died"
            re.compile(rf"{guard}{_SP}of{_SP}[^.;:\n]{{0,70}}?\b(?:(?:has|have|had|later|since|also|"
                       rf"been){_SP}){{0,2}}(?P<a_dead>died|succumbed|pronounced{_SP}dead)\b", re.I),
            # a singular victim's death: "Teen's death under investigation"
            re.compile(rf"\b(?P<sg>{_alternation(self.headline_victims) or '(?!)'})(?:'s|’s){_SP}"
                       rf"(?P<a_dead>death|killing|murder|slaying)\b", re.I),
            # a singular victim, bare as in headlines: "Teen killed in crash", "boy killed as"
            re.compile(rf"\b(?P<sg>{_alternation(self.headline_victims) or '(?!)'}){_SP}"
                       rf"(?:(?:is|was){_SP})?(?P<a_dead>{dead_after})\b", re.I),
            re.compile(rf"\b(?:{before}){_SP}{guard}(?:{_SP}{victim})?(?![\w-])", re.I),
            re.compile(rf"\b(?:left|leaving|leaves){_SP}{guard}{_SP}(?:{long_victim}{_SP})?"
                       rf"(?:{left})\b", re.I),
            # one victim named or told by a singular verb: "Tyson was killed", "who died",
            # "the fatal shooting of 15-year-old Trinity Gay"
            re.compile(rf"\b(?P<sg>was|has{_SP}been|had{_SP}been|is){_SP}(?:{aux}{_SP}){{0,2}}"
                       rf"(?:{after})\b", re.I),
            re.compile(rf"\b(?P<sg>{_alternation(self.single_subjects) or '(?!)'}){_SP}"
                       rf"(?:later{_SP})?(?P<a_dead>died|succumbed)\b", re.I),
            # shot, then dead in the same clause: "one man was shot twice and pronounced dead"
            re.compile(rf"{guard}{_SP}(?:{victim}{_SP})?(?:{aux}{_SP}){{0,4}}{then_dead}", re.I),
            re.compile(rf"\b(?P<sg>was){_SP}(?:{aux}{_SP}){{0,2}}{then_dead}", re.I),
            # two people joined by "and" with a plural verb: "his mother and grandmother were
            # shot and killed"
            re.compile(rf"\b(?P<pair>{one}{_SP}and{_SP}{one}){_SP}(?:{aux}{_SP}){{0,4}}"
                       rf"(?:{after})\b", re.I),
            # two named people, ages in apposition: "Ana Ruiz, 31, and Tom Lee, 40, were killed"
            re.compile(rf"(?P<names>{named}{_SP}and{_SP}{named}){_SP}(?:{aux}{_SP}){{0,4}}"
                       rf"(?P<a_dead>{dead_after})\b", re.I),
            # two victims of an active verb: "killed a boy and his uncle", "killed Ana Ruiz, 21,
            # and Tom Lee, 22"
            re.compile(rf"\b(?P<b_dead>{dead_before}){_SP}(?:(?P<pair>{one}{_SP}and{_SP}{one})|"
                       rf"(?P<names>{strict_named}{_SP}and{_SP}{strict_named}))\b", re.I),
            re.compile(rf"\b(?:{before}){_SP}(?P<sg>(?:\d+-year-old{_SP})?(?!(?:{not_names})\b)"
                       rf"{name}(?:{_SP}{name})?)\b", re.I),
            # a pronoun object stands for one victim: "shot and killed him", "killing her"
            re.compile(rf"\b(?P<b_dead>{dead_before}){_SP}(?P<sg>{pronoun})\b"
                       rf"(?!{_SP}(?:[\w'-]+{_SP}){{0,2}}?(?:{people})\b)", re.I),
            # a name, or a person with an age in apposition, dying: "Ana Ruiz, 31, died",
            # "Kevin Brown died Monday"
            re.compile(rf"(?P<sg>(?!(?:{not_names})\b){full_name}{aged}?|"
                       rf"(?!(?:{not_names})\b)(?-i:[A-Z][a-z]+)(?={_SP}(?:later{_SP})?died\b)|"
                       rf"\b(?i:(?:the|a|an|one){_SP}(?:{people})),{_SP}(?:\d{{1,3}}|[^,.;\n]{{1,60}}),)"
                       rf"{_SP}"
                       rf"(?:(?:later|also|then){_SP})?(?P<a_dead>{dead_after})\b"),
        )

    def self_inflicted_pattern(self) -> re.Pattern[str]:
        """A death by the attacker's own hand, and the victims killed with it ("his wife and")."""
        dead_before = _alternation(self.before["dead"])
        return re.compile(
            rf"\b(?P<pair>{_alternation(self.murder_suicides) or '(?!)'})\b|"
            rf"\b(?:{_alternation(self.self_inflicted)})\b|"
            rf"\b(?P<with>{dead_before}){_SP}[^.;:]{{1,60}}?(?:,|\band){_SP}(?:then{_SP})?"
            rf"(?:him|her)self\b", re.I)

    def intent_pattern(self) -> re.Pattern[str]:
        """Words right before an active casualty verb that make it an aim ("planned to kill")."""
        verbs = _alternation(self.intent_verbs) or "(?!)"
        irrealis = _alternation(self.irrealis_before) or "(?!)"
        return re.compile(rf"\b(?:(?:{verbs}){_SP}to|{irrealis}){_SP}$", re.I)

    def tally_pattern(self) -> re.Pattern[str]:
        """Words right after a casualty word that make its count a tally over a period."""
        cues = _alternation([*self.tally_cues, *self.doubt_after])
        return re.compile(rf"\b(?:{cues}|in{_SP}(?:1[89]|20)\d\d)\b", re.I)


def _quantity(lex: CasualtyLexicon, match: re.Match[str], sentence: str) -> Quantity | None:
    """The count a match stands for, or None when it is not a count of people."""
    groups = match.groupdict()
    if groups.get("names"):  # two named people: a surname ending in -s is not a plural
        return Quantity(2, False)
    if groups.get("pair"):  # two singular nouns: "the man and the boy", not "men and women"
        heads = [h.lower() for h in re.findall(r"[\w'-]+(?=\s+and\b)|[\w'-]+$", groups["pair"])]
        plural = any(h.endswith("s") or h in lex.irregular_plurals for h in heads)
        # a head that is no noun ("the girl and the ...") or a victim not counted ("unborn child")
        odd = any(h in lex.people_modifiers for h in heads) or any(
            w in lex.uncounted for w in groups["pair"].lower().split())
        return None if plural or odd else Quantity(2, False)
    if groups.get("sg"):
        before = sentence[max(0, match.start() - 24):match.start()].lower()
        negated = re.search(r"\b(?:no\s+one|nobody|none|neither|no)\b[\w\s-]*$", before)
        return None if negated or re.search(r"(?i)\bnot\b", match.group()) else Quantity(1, False)
    n = lex.numbers
    q = re.sub(r"\s+", " ", match.group("q").lower())
    hedge = re.sub(r"\s+", " ", (match.group("hedge") or "").lower().strip())
    floor = hedge in n.floor_hedges
    victim = (groups.get("v") or "").lower().split()
    age = len(victim) > 1 and victim[1] in lex.not_people  # "the 13 year old": an age
    if (q in n.determiners and victim and n.value(victim[0]) is not None and not age
            and victim[0] not in n.ordinals):  # "the third suspect" is one person
        return Quantity(n.value(victim[0]) or 0, floor)  # "killing her two children"
    if q in n.singular or q in n.determiners:
        plural = bool(victim) and victim[-1].endswith("s") and not victim[-1].endswith("ss")
        if plural or (q in n.determiners and not victim):
            return None  # "the victims", "his": a number only with a singular noun
    if q in ("no one", "nobody", "none", "no"):
        return Quantity(0, False)
    if q in n.exact:
        return Quantity(n.exact[q], floor)
    if q in n.vague:
        return Quantity(n.vague[q], True)
    if q in n.singular or q in n.determiners:
        return Quantity(1, floor)
    value = n.value(q)
    if value is None or q in lex.not_counts or (q.isdigit() and len(q) == 4 and 1800 < value < 2100):
        return None  # "called 911", "the 2013 attack": a phone number or a year, not people
    rest = match.group()[match.end("q") - match.start():].lower()
    if value != 1 and not victim and re.match(rf"\s+(?:{_SINGULAR_AFTER})\b", rest):
        return None  # "Nov. 9 shooting killed", "25 has died": a date or an age, not a count
    return Quantity(value, floor)


# Words that agree with one thing only: after a number other than one, the number is no count.
_SINGULAR_AFTER = r"has|was|is|shooting|attack|incident|blast"


def _is_active(match: re.Match[str]) -> bool:
    """Whether a match is an active casualty verb taking its victims ("killed two")."""
    return any(text and name[:2] == "b_" for name, text in match.groupdict().items())


def _category(match: re.Match[str]) -> Category | None:
    for name, text in match.groupdict().items():
        if text and name[:2] in ("a_", "b_", "l_"):
            return name[2:]  # type: ignore[return-value]
    return None


def find_casualties(sentence: str, lexicon: CasualtyLexicon | None = None) -> Casualties:
    """Dead, injured and arrested counts stated in one sentence (None where it states none).

    Several counts of one kind keep the largest. "four people were shot, one fatally" gives
    dead 1 and injured 3: people shot and not killed are counted as injured. ``is_floor`` is set
    when a count came from a vague word ("dozens") or a floor hedge ("at least").
    Example: ``find_casualties("Gunmen killed at least 12 people.")`` -> dead 12, is_floor True.
    """
    lex = lexicon or _default_lexicon()
    patterns, own_hand, tally, intent, named_killing = lex.compiled
    doubt = re.compile(rf"(?i)\b(?:{_alternation(lex.doubt_words) or '(?!)'})\b[\w\s-]*$")
    uncounted = re.compile(rf"(?i)\b(?:{_alternation(lex.uncounted) or '(?!)'})\b")
    number = lex.numbers.cardinal_pattern()
    partitive = re.compile(rf"(?i)\b(?:{number}|some|none){_SP}of{_SP}(?:(?:the|those|these){_SP})?$")
    tally_before = re.compile(rf"(?i)\b(?:{_alternation(lex.tally_before) or '(?!)'})\b")
    found: dict[Category, Quantity] = {}
    objects = 0  # victims of an active verb ("killed three people"), the attacker not among them
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            cat, qty = _category(match), _quantity(lex, match, sentence)
            if cat is None or qty is None:
                continue
            if intent.search(sentence[:match.start()]) and _is_active(match):
                continue  # "hoped to kill hundreds": an aim, not a toll
            if match.groupdict().get("q") and partitive.search(sentence[:match.start("q")]):
                continue  # "two of the four victims died": four is the whole, not the dead
            if tally_before.search(sentence[max(0, match.start() - 40):match.start()]):
                continue  # "so far in 2017, 150 people have been killed": a period's tally
            if uncounted.search(sentence, max(0, match.start() - 20), match.end() + 12):
                continue  # "her unborn child was killed": not counted as a person killed
            if doubt.search(sentence[max(0, match.start() - 24):match.start()]):
                continue  # "unable to say if the man had died": a question, not a toll
            if qty.value > 100_000:  # a year or a sum of money, not people
                continue
            if tally.search(sentence, max(match.start(), match.end() - 4), match.end() + 30):
                continue  # "45 people were killed in July": a period's tally, not this toll
            if cat == "dead" and match.groupdict().get("b_dead"):
                objects = max(objects, qty.value)
            if cat not in found or qty.value > found[cat].value:
                found[cat] = qty
    listed = lex.victim_list(sentence)
    if listed is not None:  # "killed his wife and their four children": five dead
        objects = max(objects, listed)
        if "dead" not in found or found["dead"].value < listed:
            found["dead"] = Quantity(listed, False)
    suicide = own_hand.search(sentence)
    if suicide is not None:  # the attacker's own death is one more: "killed two, then himself"
        # "a murder-suicide" is someone killed and then the killer, whoever the victims were
        victims = max(objects, 1 if suicide.group("with") or suicide.group("pair") else 0)
        dead_now = found.get("dead")
        if dead_now is None or victims + 1 > dead_now.value:
            found["dead"] = Quantity(victims + 1, dead_now.is_floor if dead_now else False)
    if lex.killings is not None and named_killing is not None:
        # "a double homicide" is two dead, "the fatal shooting" at least one
        least = killing_deaths(sentence, lex.killings, named_killing)
        if least is not None and ("dead" not in found or found["dead"].value < least):
            found["dead"] = Quantity(least, False)
    dead, injured = found.get("dead"), found.get("injured")
    shot = found.get("shot")
    if shot is not None and injured is None:
        rest = shot.value - (dead.value if dead else 0)
        if rest > 0 or dead is None:
            injured = Quantity(rest if dead else shot.value, shot.is_floor)
    arrested = found.get("arrested")
    parts = [q for q in (dead, injured, arrested) if q is not None]
    return Casualties(dead=dead.value if dead else None,
                      injured=injured.value if injured else None,
                      arrested=arrested.value if arrested else None,
                      is_floor=any(q.is_floor for q in parts))


@cache
def _default_lexicon() -> CasualtyLexicon:
    """Our casualty lexicon for callers without a ``Knowledge`` (tests, one-off calls), read on
    first use (not at import); the pipeline passes ``Knowledge.casualties`` instead."""
    return CasualtyLexicon.load()


@dataclass(frozen=True, slots=True)
class StoryLine:
    """What one sentence of an attack's story tells, read once however many stories hold it."""

    counts: Casualties
    tells_attacker_death: bool  # "police shot and killed the gunman"
    with_attacker: bool  # a toll that may already hold the attacker's death


def read_story_line(sentence: str, lexicon: CasualtyLexicon | None = None) -> StoryLine:
    """The counts of a sentence and what it tells of the attacker's death."""
    return StoryLine(find_casualties(sentence, lexicon), tells_attacker_death(sentence, lexicon),
                     _with_attacker(sentence, lexicon))


def _with_attacker(sentence: str, lexicon: CasualtyLexicon | None) -> bool:
    attacker_dead, counted, own_hand, _ = _story_patterns(lexicon)
    return bool(attacker_dead is not None and attacker_dead.search(sentence)
                or counted is not None and counted.search(sentence)
                or own_hand.search(sentence))


def with_story_deaths(own: Casualties, story: Sequence[str | StoryLine],
                      lexicon: CasualtyLexicon | None = None, own_text: str | None = None,
                      ) -> Casualties:
    """An attack's counts with the deaths told in the sentences that carry on its story.

    "A gunman opened fire at a party." then "Two people died at the hospital.": the deaths are
    the attack's though their sentence holds no attack. Returns ``own`` with ``dead`` raised to
    the largest count of ``story`` (sentences after the attack's, up to the next attack's); when
    the story tells the attacker's death apart from the victims' toll ("police killed the
    gunman"), the attacker is one more dead, as the Gun Violence Archive counts.
    ``own_text`` is the attack's own sentence, read for the attacker's death too. A sentence of
    ``story`` may come already read (``read_story_line``, with the same ``lexicon``).
    """
    lex = lexicon or _default_lexicon()
    told = [line if isinstance(line, StoryLine) else read_story_line(line, lexicon)
            for line in story]
    dead = [t.counts for t in told if t.counts.dead is not None and t.counts.dead > (own.dead or 0)]
    most = max(dead, key=lambda c: c.dead or 0) if dead else None
    result = own if most is None else replace(own, dead=most.dead,
                                               is_floor=own.is_floor or most.is_floor)
    if lex.killings is None or not lex.killings.attackers:
        return result
    if not (own_text and tells_attacker_death(own_text, lexicon)
            or any(t.tells_attacker_death for t in told)):
        return result
    mine = own_text is not None and _with_attacker(own_text, lexicon)
    victims = max([own.dead or 0 if not mine else 0]
                  + [t.counts.dead or 0 for t in told if not t.with_attacker])
    # one other death may be the attacker's told again ("one person was killed in a police
    # shooting"); a toll of several is the victims'
    if victims < 2 or victims + 1 <= (result.dead or 0):
        return result
    return replace(result, dead=victims + 1)


def tells_attacker_death(sentence: str, lexicon: CasualtyLexicon | None = None) -> bool:
    """Whether a sentence tells the attacker's own death ("police shot and killed the gunman")."""
    attacker_dead, _, _, doubt = _story_patterns(lexicon)
    return attacker_dead is not None and any(
        not doubt.search(sentence[:m.start()]) for m in attacker_dead.finditer(sentence))


def _story_patterns(lexicon: CasualtyLexicon | None) -> tuple[Any, Any, Any, Any]:
    """Attacker's death, attacker counted, own hand, doubt before, compiled once per lexicon."""
    return (lexicon or _default_lexicon()).story_compiled


def _build_story_patterns(lex: CasualtyLexicon) -> tuple[Any, Any, Any, Any]:
    k = lex.killings
    doubt = re.compile(rf"(?i)\b(?:{_alternation(lex.doubt_words) or '(?!)'})\b[^.;]{{0,40}}$")
    return (k.attacker_death_pattern() if k and k.attackers else None,
            k.attacker_counted_pattern() if k and k.attackers else None,
            lex.self_inflicted_pattern(), doubt)
