"""The learned layer's verdict on a sentence, and how extract uses it (issue 14).

Two small text classifiers shipped in ``polemos/data/models/`` (trained by
``python -m polemos.learn.train``; README there): ``event`` says whether a sentence reports a
political event at all (a flood or a bus crash that killed ten does not), ``type`` which PLOVER
type it reads as. The rules still find every mention; the model only removes ones the rules
mistook, where it is confident (``NOT_EVENT_AT``), so a sentence about a disaster, an illness or a
match gives no ASSAULT. Off by default: ``Knowledge(learned=True)`` or ``polemos code --learned``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from polemos.errors import SetupError
from polemos.model import Mention

if TYPE_CHECKING:
    from spacy.language import Language

MODELS = Path(__file__).resolve().parent.parent / "data" / "models"
# Dropping needs the model sure the sentence is no event (P(event) <= 0.3); the lowest P(event)
# of a GSR dev sentence is 0.45 (README in polemos/data/models gives the measurement).
NOT_EVENT_AT = 0.7
# The types a model verdict may remove: violence, whose triggers ("attack", "strike", "killed",
# "hit") disasters, illness and sport share. Not COERCE: on shooting news the model doubted
# police detentions, which are events.
JUDGED_TYPES = frozenset({"ASSAULT"})
# CAMEO codes of the instruments (triggers/light_verbs.yaml) that only a person wields: knives
# (182x), bombs (183x), small arms (193). A sentence naming one has a human agent, so its ASSAULT
# stands whatever the model says: shooting news in police-report register ("died of a gunshot
# wound", "bullets struck six people") reads to it like an accident. Aircraft, tanks and shells
# are left out: "plane crash", "gas tank explosion".
ARMED_CODES = ("182", "183", "193")


def model_text(text: str) -> str:
    """What the classifiers read: the text lower-cased, so "Floods" and "floods" are one feature
    (the bag-of-words model keys on the word's exact form); training reads the same."""
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class Verdict:
    """The model's reading of one sentence: the chance it reports a political event, and the
    rules' candidate types with the model's probability of each, most likely first."""

    p_event: float
    types: tuple[tuple[str, float], ...]

    @property
    def is_no_event(self) -> bool:
        """True when the model is confident the sentence reports no political event."""
        return 1.0 - self.p_event >= NOT_EVENT_AT


@dataclass(frozen=True)
class EventModel:
    """The two classifiers, loaded once (through ``Knowledge.event_model``)."""

    event: Language
    type: Language

    @classmethod
    def load(cls, folder: Path = MODELS) -> EventModel:
        """Load ``folder/event`` and ``folder/type``; raises SetupError naming what is missing."""
        import spacy

        parts = []
        for name in ("event", "type"):
            path = folder / name
            if not (path / "config.cfg").is_file():
                raise SetupError("the learned event model is missing (fix: python -m polemos.learn."
                                 f"train --train DIR --out {folder}, or code without --learned)",
                                 where=str(path))
            parts.append(spacy.load(path))
        return cls(parts[0], parts[1])

    def scores(self, text: str) -> tuple[float, dict[str, float]]:
        """P(event) of ``text`` and its probability per PLOVER type."""
        text = model_text(text)
        event = self.event(text).cats
        return float(event.get("EVENT", 0.0)), {k: float(v) for k, v in self.type(text).cats.items()}


def judge(text: str, candidate_types: Sequence[str], model: EventModel) -> Verdict:
    """The model's verdict on a sentence whose rules found ``candidate_types``.

    >>> judge("A flood killed 10 people.", ["ASSAULT"], model).is_no_event
    True
    """
    p_event, by_type = model.scores(text)
    ranked = sorted(dict.fromkeys(candidate_types), key=lambda t: (-by_type.get(t, 0.0), t))
    return Verdict(round(p_event, 4), tuple((t, round(by_type.get(t, 0.0), 4)) for t in ranked))


def names_a_weapon(words: Iterable[tuple[str, str]], instruments: Mapping[str, str]) -> bool:
    """True when one of the (lemma, form) pairs, lower-cased, is an instrument of ``ARMED_CODES``."""
    return any(instruments.get(key, "").startswith(ARMED_CODES) for pair in words for key in pair)


def keep_judged(mentions: Sequence[Mention], model: EventModel | None, armed: bool = False,
                ) -> list[Mention]:
    """The mentions of one sentence the model lets stand: without a model, or in a sentence that
    names a weapon (``armed``), all of them; else none of ``JUDGED_TYPES`` in a sentence the model
    is confident reports no event."""
    if model is None or armed or not any(m.event_type in JUDGED_TYPES for m in mentions):
        return list(mentions)
    verdict = judge(mentions[0].text, [m.event_type for m in mentions], model)
    if not verdict.is_no_event:
        return list(mentions)
    return [m for m in mentions if m.event_type not in JUDGED_TYPES]

