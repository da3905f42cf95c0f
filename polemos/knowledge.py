"""Knowledge: everything read-only a stage needs, loaded once per process (DESIGN.md).

``Knowledge`` = spaCy pipeline (with our EntityRuler) + ontology + trigger lexicon + actor KB +
gazetteer (with the ``--kb`` folders' place additions) + the number, time and casualty lexicons
(``polemos/data/lexicon/``, each layered by the ``--kb`` folders' ``lexicon/*.yaml``). Stages
receive it as an argument and never load anything themselves, which is what lets Dask or
multiprocessing map ``code_article(article, knowledge)`` over partitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from polemos.extract.arguments import ArgumentWords
    from polemos.extract.hazards import HazardLexicon
    from polemos.extract.learned import EventModel
    from polemos.extract.numbers import CasualtyLexicon
    from polemos.extract.time_expressions import TimeGrammar
    from polemos.extract.triggers import TriggerLexicon
    from polemos.gazetteer.lookup import Gazetteer
    from polemos.nlp import EnglishWords
    from polemos.number_words import NumberLexicon
    from polemos.ontology import Ontology
    from polemos.resolve.actors.kb import ActorKB
    from polemos.time_lexicon import StoryCues, TimeLexicon


@dataclass(eq=False)
class Knowledge:
    """Read-only knowledge for one run; ``kb_dirs`` are user folders layered over ours (``--kb``)."""

    kb_dirs: tuple[Path, ...] = ()
    gazetteer_path: Path | None = None
    learned: bool = False  # the learned event layer (issue 14); off by default: the rules alone

    @cached_property
    def ontology(self) -> Ontology:
        from polemos.ontology import Ontology

        return Ontology.load()

    @cached_property
    def actors(self) -> ActorKB:
        from polemos.resolve.actors.kb import ActorKB

        return ActorKB.load(self.kb_dirs)

    @cached_property
    def lexicon(self) -> TriggerLexicon:
        from polemos.extract.triggers import TriggerLexicon

        return TriggerLexicon.load(self.ontology, self.kb_dirs)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from polemos.gazetteer.additions import user_additions
        from polemos.gazetteer.lookup import Gazetteer

        # the folders' additions are read first, so a bad file stops the run before any build
        added = user_additions(self.kb_dirs)
        return Gazetteer.open(self.gazetteer_path).with_additions(added)

    @cached_property
    def arguments(self) -> ArgumentWords:
        """Prepositions the argument walk reads (arguments.yaml), with the folders' layers."""
        from polemos.extract.arguments import ArgumentWords

        return ArgumentWords.load(self.kb_dirs)

    @cached_property
    def hazards(self) -> HazardLexicon:
        """Hazards that harm with no human agent (hazards.yaml), with the folders' layers."""
        from polemos.extract.hazards import HazardLexicon

        return HazardLexicon.load(kb_dirs=self.kb_dirs)

    @cached_property
    def numbers(self) -> NumberLexicon:
        """Number words (numbers.yaml), with the folders' layers."""
        from polemos.number_words import NumberLexicon

        return NumberLexicon.load(kb_dirs=self.kb_dirs)

    @cached_property
    def time(self) -> TimeLexicon:
        """Calendar words (time.yaml), with the folders' layers."""
        from polemos.time_lexicon import TimeLexicon

        return TimeLexicon.load(numbers=self.numbers, kb_dirs=self.kb_dirs)

    @cached_property
    def time_grammar(self) -> TimeGrammar:
        """The time lexicon compiled into the date grammar, once per run."""
        from polemos.extract.time_expressions import TimeGrammar

        return TimeGrammar.build(self.time)

    @property
    def story_cues(self) -> StoryCues:
        """The cues around a time that say whose date it is, from the run's time words."""
        return self.time_grammar.cues

    @cached_property
    def casualties(self) -> CasualtyLexicon:
        """Casualty words (casualties.yaml), with the folders' layers."""
        from polemos.extract.numbers import CasualtyLexicon

        return CasualtyLexicon.load(numbers=self.numbers, kb_dirs=self.kb_dirs)

    @cached_property
    def event_model(self) -> EventModel | None:
        """The learned event layer's classifiers (polemos/data/models), or None when switched off.

        Raises SetupError when the shipped model is missing."""
        if not self.learned:
            return None
        from polemos.extract.learned import EventModel

        return EventModel.load()

    @cached_property
    def nlp(self) -> Language:
        from polemos.nlp import load_nlp

        return load_nlp(self.actors.ruler_patterns())

    @cached_property
    def english_words(self) -> EnglishWords:
        """Ordinary English words (the parser's lemma index): lower-cased place names are
        read past them (``extract.lower_places``)."""
        from polemos.nlp import english_words

        return english_words(self.nlp)

    def load_all(self) -> Knowledge:
        """Load every part now, so a broken file stops a run before any article is coded.

        Raises KnowledgeError (data files) or GazetteerError (place index).
        """
        _ = (self.ontology, self.lexicon, self.actors, self.arguments, self.time_grammar,
             self.casualties, self.hazards,
             self.nlp, self.gazetteer, self.event_model)
        return self

    @classmethod
    def with_actors(cls, actors: ActorKB) -> Knowledge:
        """Knowledge whose actor KB is ``actors`` (e.g. a PETRARCH dictionary) instead of ours."""
        knowledge = cls()
        knowledge.__dict__["actors"] = actors  # pre-fills the cached property
        return knowledge

    def config(self) -> dict[str, object]:
        """What a run was built from, for the ``runs`` table's configuration hash."""
        return {"kb_dirs": [str(p) for p in self.kb_dirs],
                "gazetteer": str(self.gazetteer_path) if self.gazetteer_path else None,
                **({"learned": True} if self.learned else {})}


def load_knowledge(kb_dirs: Sequence[str | Path] = (), gazetteer_path: str | Path | None = None,
                   learned: bool = False) -> Knowledge:
    """Knowledge for a run; parts load on first use and are then shared by every article.
    ``learned=True`` adds the learned event layer to the rules (polemos/data/models)."""
    return Knowledge(tuple(Path(p) for p in kb_dirs),
                     Path(gazetteer_path) if gazetteer_path else None, learned)
