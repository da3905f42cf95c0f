"""The one record the learned layer's converters give: a training text and its labels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    """One training text: whether it reports a political event, its PLOVER type when known, and
    which source (and rule of conversion) it came from."""

    text: str
    is_event: bool
    event_type: str | None
    source: str
