"""Read the word lists under ``polemos/data/lexicon/`` through ``polemos.datafiles``.

Dates and casualty counts read their vocabulary (month names, number words, casualty verbs) from
data files, so a user can see and extend it; this module finds them, checks the origin/licence
header and the shape of each list, and reports problems as ``path:line: field: what``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from polemos.datafiles import Problems, check_header, read_yaml
from polemos.errors import KnowledgeError

LEXICON_DIR = Path(str(resources.files("polemos") / "data" / "lexicon"))
WhereOf = Callable[[str], str]


def read_lexicon(name: str, path: Path | None = None) -> tuple[dict[str, Any], WhereOf]:
    """The mapping in lexicon file ``name`` (or ``path``) and ``where_of(key) -> "path:line"``.

    Raises KnowledgeError naming file and line when it is unreadable or lacks origin/licence.
    """
    where = path or LEXICON_DIR / name
    data, line_of = read_yaml(where)
    problems = Problems()
    check_header(data, where, line_of, problems)
    problems.raise_if_any(f"lexicon {where.name}")

    def where_of(key: str) -> str:
        return f"{where}:{line_of((key,))}"

    return dict(data), where_of


def words(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A list of words under ``key``; raises KnowledgeError when it is anything else."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value):
        raise KnowledgeError("expected a list of words (quote yes/no/on/off)", where=where,
                             field=key)
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
