"""Silver negatives: sentences about deaths, "attacks" and "strikes" that are no political event.

The open sets' negatives are UN register ("the claimant's statement described a carpet"); news
that a coder mistakes for violence reads differently: a flood that killed ten, a bus crash, a
heart attack, a late strike in a match. These are generated from the word classes and templates
of ``polemos/data/learn/silver_negatives.yaml`` (English words stay in data files, STYLE.md).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from polemos.datafiles import Problems, check_header, read_yaml
from polemos.learn.examples import Example


def _fill(template: str, word: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    team, team2 = rng.sample(slots["teams"], 2)
    text = template.format(word=word, n=rng.choice(slots["counts"]), place=rng.choice(slots["places"]),
                           who=rng.choice(slots["victims"]), team=team, team2=team2,
                           site=rng.choice(slots["sites"]))
    return text[0].upper() + text[1:]


def silver_negatives(path: Path, rng: random.Random, per_class: int) -> Iterator[Example]:
    """``per_class`` distinct sentences of each class in ``path`` (fewer when the class cannot
    make so many), drawn by ``rng``, with source ``silver_<class>``: no event for ``classes``,
    an event (of no stated type) for ``positives``.

    Raises KnowledgeError naming the file and line of a missing header or a malformed class.
    """
    doc = read_yaml(path)
    data: Any = doc.data
    problems = Problems()
    check_header(data, path, doc.line_of, problems)
    slots = {key: list(data.get(key) or []) for key in ("places", "counts", "victims", "teams", "sites")}
    for key, values in slots.items():
        if len(values) < 2:
            problems.add(path, doc.line_of((key,)), key, "fewer than two words", "a list of words")
    classes = {(key, name): spec for key in ("classes", "positives")
               for name, spec in (data.get(key) or {}).items()}
    for (key, name), spec in classes.items():
        if not (isinstance(spec, dict) and spec.get("words") and spec.get("templates")):
            problems.add(path, doc.line_of((key, name)), f"{key}.{name}", "no words or templates",
                         "a mapping with 'words' and 'templates' lists")
    problems.raise_if_any("silver negatives")
    for (key, name), spec in classes.items():
        seen: set[str] = set()
        tries = 0
        while len(seen) < per_class and tries < per_class * 5:
            tries += 1
            text = _fill(rng.choice(spec["templates"]), rng.choice(spec["words"]), slots, rng)
            if text not in seen:
                seen.add(text)
                # a positive class teaches "event" only: its type is left to the rules
                yield Example(text, key == "positives", None, f"silver_{name}")
