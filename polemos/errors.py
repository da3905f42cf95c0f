"""Polemos exceptions: every one says where (file:line), which field, and what was expected.

    PolemosError
     ├── InputError       an article or input file that cannot be read (recorded, the batch goes on)
     ├── KnowledgeError   a data file (actors, triggers, gazetteer additions) that is malformed
     ├── GazetteerError   the place index is missing or corrupt (rebuild with `polemos gazetteer build`)
     ├── StoreError       the DuckDB store cannot be opened or written
     └── SetupError       an installed part (a module, the spaCy model) is missing; says how to install it

Callers catch by base class; the CLI turns each into one line on stderr and an exit code.
"""

from __future__ import annotations


class PolemosError(Exception):
    """Base class: ``where`` is "path:line" (or an article id), ``field`` the offending field."""

    def __init__(self, message: str, where: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.field = field

    def __str__(self) -> str:
        parts = [p for p in (self.where, self.field) if p]
        return ": ".join([*parts, self.message])


class InputError(PolemosError):
    """An input article or file is malformed: `news.jsonl:17: date: '2019-13-30' is not a date`."""


class KnowledgeError(PolemosError):
    """A knowledge file is malformed; ``problems`` lists every problem found, not only the first."""

    def __init__(self, message: str, where: str | None = None, field: str | None = None,
                 problems: tuple[str, ...] = ()) -> None:
        super().__init__(message, where, field)
        self.problems = problems or (str(PolemosError(message, where, field)),)

    def __str__(self) -> str:
        return "\n".join(self.problems)


class GazetteerError(PolemosError):
    """The gazetteer index is missing or corrupt; the message says how to rebuild it."""


class StoreError(PolemosError):
    """The store cannot be opened, read or written."""


class SetupError(PolemosError):
    """A part of the installation is missing or broken; the message names the command that fixes it."""
