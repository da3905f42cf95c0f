"""Read the word lists under ``polemos/data/lexicon/``, layered by ``--kb`` folders.

Dates, casualty counts, number words, place words and the argument grammar read their
vocabulary from data files, so a user can see and extend it. This module finds them, checks the
origin/licence header and the shape of every key, and reports ALL problems of a load at once as
``path:line: field: what is wrong (what was expected)`` (``datafiles.Problems``).

A user folder may hold ``lexicon/<name>.yaml`` beside ours: its lists add to ours, its word ->
value tables add or replace entries, and its ``remove:`` mapping (key -> words, ``dead.after``
for a nested list) takes words out of ours. The shape each key must have is the shape it has in
our file of the same name, so a user file is checked against ours (docs/knowledge.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from polemos.datafiles import HEADER_KEYS, LineOf, Problems, check_header, read_yaml
from polemos.errors import KnowledgeError

LEXICON_DIR = Path(str(resources.files("polemos") / "data" / "lexicon"))
WhereOf = Callable[[str], str]
REMOVE = "remove"
_WORDS_HELP = "a list of words (quote yes/no/on/off)"


def _is_word(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _shape(value: Any) -> str:
    """The kind of value a key of our own file holds, which a file in its place must match."""
    if isinstance(value, list):
        return "records" if value and all(isinstance(v, dict) for v in value) else "words"
    if isinstance(value, dict):
        inner = list(value.values())
        if inner and all(isinstance(v, list) for v in inner):
            return "groups"
        if inner and all(isinstance(v, int) and not isinstance(v, bool) for v in inner):
            return "numbers"
        return "labels"
    return "scalar"


_EXPECTED = {"words": _WORDS_HELP, "records": "a list of mappings",
             "groups": "a mapping of names to lists of words",
             "numbers": "a mapping of words to whole numbers",
             "labels": "a mapping of words to words", "scalar": "a single value"}


def _check_value(shape: str, value: Any) -> str | None:
    """What is wrong with ``value`` for a key of ``shape``, or None when it fits."""
    if shape == "words":
        if not isinstance(value, list):
            return f"is a {type(value).__name__}, not a list"
        bad = [v for v in value if not _is_word(v)]
        return f"holds {bad[0]!r}, which is no word" if bad else None
    if shape == "records":
        return None if isinstance(value, list) else f"is a {type(value).__name__}, not a list"
    if not isinstance(value, dict):
        return None if shape == "scalar" else f"is a {type(value).__name__}, not a mapping"
    for key, item in value.items():
        if shape == "numbers" and not (isinstance(item, int) and not isinstance(item, bool)):
            return f"{key!r} is {item!r}, not a whole number"
        if shape == "labels" and not _is_word(item):
            return f"{key!r} is {item!r}, not a word"
        if shape == "groups" and (not isinstance(item, list) or not all(map(_is_word, item))):
            return f"{key!r} is no list of words"
    return None


def check_lexicon(data: Any, path: Path, line_of: LineOf, shapes: dict[str, str],
                  problems: Problems) -> None:
    """Record every problem of one lexicon file: header, unknown keys, values of a wrong shape."""
    check_header(data, path, line_of, problems)
    if not isinstance(data, dict):
        return
    known = ", ".join(sorted(shapes))
    for key, value in data.items():
        if key in HEADER_KEYS:
            continue
        if key == REMOVE:
            _check_remove(value, path, line_of, shapes, problems)
            continue
        shape = shapes.get(key)
        if shape is None:
            problems.add(path, line_of((key,)), key, "unknown key", f"one of {known}")
            continue
        wrong = _check_value(shape, value)
        if wrong:
            problems.add(path, line_of((key,)), key, wrong, _EXPECTED[shape])


def _check_remove(value: Any, path: Path, line_of: LineOf, shapes: dict[str, str],
                  problems: Problems) -> None:
    if not isinstance(value, dict):
        problems.add(path, line_of((REMOVE,)), REMOVE, "is no mapping",
                     "a mapping of keys (or key.part) to lists of words to drop")
        return
    for key, words in value.items():
        if key.split(".")[0] not in shapes:
            problems.add(path, line_of((REMOVE, key)), f"{REMOVE}.{key}", "unknown key",
                         "a key of our file of the same name")
        elif not isinstance(words, list) or not all(map(_is_word, words)):
            problems.add(path, line_of((REMOVE, key)), f"{REMOVE}.{key}", "is no list of words",
                         _WORDS_HELP)


def _layer(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Add a user file's lists and entries to ours (in place), then drop its ``remove:`` words."""
    for key, value in theirs.items():
        if key in HEADER_KEYS or key == REMOVE:
            continue
        mine = ours.get(key)
        if isinstance(mine, list) and isinstance(value, list):
            ours[key] = mine + [v for v in value if v not in mine]
        elif isinstance(mine, dict) and isinstance(value, dict):
            merged = dict(mine)
            for k, v in value.items():
                old = merged.get(k)
                merged[k] = old + [w for w in v if w not in old] if (
                    isinstance(old, list) and isinstance(v, list)) else v
            ours[key] = merged
        else:
            ours[key] = value
    for key, words in (theirs.get(REMOVE) or {}).items():
        head, _, part = key.partition(".")
        drop = {str(w) for w in words}
        target = ours.get(head)
        if part and isinstance(target, dict) and isinstance(target.get(part), list):
            ours[head] = {**target, part: [w for w in target[part] if str(w) not in drop]}
        elif isinstance(target, list):
            ours[head] = [w for w in target if str(w) not in drop]
        elif isinstance(target, dict):
            ours[head] = {k: v for k, v in target.items() if str(k) not in drop}


def read_lexicon(name: str, path: Path | None = None, kb_dirs: Sequence[Path] = (),
                 ) -> tuple[dict[str, Any], WhereOf]:
    """The mapping in lexicon file ``name`` (or ``path``) with the user folders' layers, and
    ``where_of(key) -> "path:line"`` (of our file, or of the last user file that set the key).

    Every file is checked against the shapes of our own ``name`` before anything is merged;
    raises one KnowledgeError listing every problem of every file.
    """
    ours = LEXICON_DIR / name
    data, line_of = read_yaml(ours)
    shapes = {k: _shape(v) for k, v in data.items() if k not in HEADER_KEYS} if isinstance(
        data, dict) else {}
    problems = Problems()
    where = path or ours
    if path is not None:
        data, line_of = read_yaml(path)
    check_lexicon(data, where, line_of, shapes, problems)
    merged = dict(data) if isinstance(data, dict) else {}
    lines = {key: f"{where}:{line_of((key,))}" for key in merged}
    for folder in kb_dirs:
        user = Path(folder) / "lexicon" / name
        if not user.is_file():
            continue
        try:
            theirs, their_line = read_yaml(user)
        except KnowledgeError as exc:
            problems.extend_from(exc)
            continue
        before = len(problems)
        check_lexicon(theirs, user, their_line, shapes, problems)
        if len(problems) == before:
            _layer(merged, theirs)
            lines.update({k: f"{user}:{their_line((k,))}" for k in theirs})
    problems.raise_if_any(f"lexicon {name}")

    def where_of(key: str) -> str:
        return lines.get(key, f"{where}:1")

    return merged, where_of


def words(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A list of words under ``key``; raises KnowledgeError when it is anything else."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(map(_is_word, value)):
        raise KnowledgeError(f"expected {_WORDS_HELP}", where=where, field=key)
    return tuple(str(v) for v in value)


def table(data: dict[str, Any], key: str, where: str) -> dict[str, int]:
    """A word -> whole number mapping under ``key``; raises KnowledgeError when it is not."""
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
        raise KnowledgeError("expected a mapping of words to whole numbers", where=where,
                             field=key)
    return {str(k): int(v) for k, v in value.items()}


def readers(data: dict[str, Any], where_of: WhereOf,
            ) -> tuple[Callable[[str], dict[str, int]], Callable[[str], tuple[str, ...]]]:
    """Shorthands ``t(key)`` and ``w(key)``: :func:`table` and :func:`words` on one file."""
    return (lambda key: table(data, key, where_of(key)),
            lambda key: words(data, key, where_of(key)))


def word_lists(name: str, kb_dirs: Sequence[Path] = ()) -> dict[str, frozenset[str]]:
    """Every list of words in lexicon file ``name`` as a set, e.g. the argument grammar's
    prepositions; raises KnowledgeError listing every problem."""
    data, where_of = read_lexicon(name, kb_dirs=kb_dirs)
    return {key: frozenset(words(data, key, where_of(key))) for key, value in data.items()
            if key not in HEADER_KEYS and isinstance(value, list)}
