"""How many: each mention's counts, from its sentence and, for an attack, the story it opens.

News tells an attack, then its toll ("Two people died at the hospital."); ``attack_stories``
gathers the sentences that carry each attack's story on, read once each, and ``mention_counts``
adds them to the counts the mention's own sentence states. Which counts an event keeps is
resolve's to say (``resolve.situate``).
"""

from __future__ import annotations

from collections.abc import Sequence

from polemos.extract.numbers import (
    CasualtyLexicon,
    StoryLine,
    find_casualties,
    read_story_line,
    tells_attacker_death,
    with_story_deaths,
)
from polemos.model import Casualties, Mention
from polemos.reading import COUNTS_DEAD


def mention_counts(m: Mention, story: Sequence[StoryLine],
                   lexicon: CasualtyLexicon | None = None) -> Casualties:
    """The counts the mention's sentence states, with its story's deaths when it is an attack."""
    counts = find_casualties(m.text, lexicon)
    if m.event_type in COUNTS_DEAD and story:
        counts = with_story_deaths(counts, story, lexicon, own_text=m.text)
    return counts


def attack_stories(mentions: Sequence[Mention], sentences: Sequence[str],
                   title: str | None = None, lexicon: CasualtyLexicon | None = None,
                   ) -> dict[int, list[StoryLine]]:
    """For each sentence holding an attack, the sentences that carry its story on, read.

    News tells an attack, then its toll ("Two people died at the hospital."): an attack's story
    runs from the sentence after it up to the next attack's sentence; the first attack also takes
    the title, headline and lead above it ("Teen killed, 3 hurt in shooting"). Attacks sharing a
    sentence share its story. The attacker's death told anywhere ("police killed the gunman")
    joins every story: the Gun Violence Archive counts it with the victims. ``lexicon`` is the
    run's casualty words (``Knowledge.casualties``; ours when None).

    Each sentence is read once. ``with_story_deaths`` takes only the largest toll, the largest
    victims' count and whether any sentence tells the attacker's death, so of the attacker-death
    sentences elsewhere in the article a story needs only those that can decide these (the first
    of the largest tolls, the largest victims' count): every such sentence joining every story
    made an article of many attacks quadratic.
    """
    attacks = sorted({m.sentence_index for m in mentions if m.event_type in COUNTS_DEAD})
    if not attacks:
        return {}
    lines: dict[int, StoryLine] = {}

    def line(j: int) -> StoryLine:
        if j not in lines:
            lines[j] = read_story_line(sentences[j], lexicon)
        return lines[j]

    ends = [j for j, s in enumerate(sentences) if tells_attacker_death(s, lexicon)]
    # first the largest toll, earliest first (its floor flag counts); then the largest victims'
    by_toll = sorted(ends, key=lambda j: (-_dead_or(line(j).counts.dead, -1), j))[:2]
    by_victims = sorted(ends, key=lambda j: (-_victims(line(j)), j))[:2]
    stories: dict[int, list[StoryLine]] = {}
    lead = [read_story_line(title, lexicon)] if title and title.strip() else []
    for k, index in enumerate(attacks):
        stop = attacks[k + 1] if k + 1 < len(attacks) else len(sentences)
        start = 0 if k == 0 else index + 1
        own = [j for j in range(start, stop) if j != index]
        deciding = [next((j for j in best if j != index), None) for best in (by_toll, by_victims)]
        told = sorted({*own, *(j for j in deciding if j is not None)} - {index})
        stories[index] = (lead if k == 0 else []) + [line(j) for j in told]
    return stories


def _dead_or(dead: int | None, default: int) -> int:
    return default if dead is None else dead


def _victims(line: StoryLine) -> int:
    """The victims' count a story sentence adds (none when its toll may hold the attacker)."""
    return 0 if line.with_attacker else line.counts.dead or 0
