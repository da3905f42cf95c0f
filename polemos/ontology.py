"""The event ontology: CAMEO codes, their PLOVER type and mode, quad class and intensity.

Read from ``polemos/data/ontology/``: ``cameo_plover.tsv`` (the PLOVER project's CAMEO2PLOVER
table, CC BY-SA), ``cameo_extra.tsv`` (ours: statements, appeals and overrides) and
``intensity.tsv`` (ours: quad class and Goldstein-style weight by code prefix).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from polemos.errors import KnowledgeError
from polemos.model import EVENT_TYPES

DATA = Path(__file__).parent / "data" / "ontology"
NO_EVENT = "NONE"  # a CAMEO code with no PLOVER event (a plain statement)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code; ``event_type`` is None when the code is not a PLOVER event."""

    code: str
    name: str
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    intensity: float


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Data rows of a TSV file (line number, cells); comments and the column header skipped."""
    if not path.is_file():
        raise KnowledgeError("file is missing", where=str(path))
    out = []
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        out.append((n, line.split("\t")))
    return out


class Ontology:
    """CAMEO codes with their PLOVER coding; look codes up with ``get`` or ``ontology[code]``."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = dict(sorted(codes.items()))

    @classmethod
    def load(cls, directory: Path | None = None) -> Ontology:
        """Load the tables in ``directory`` (ours by default); raises KnowledgeError on a bad row."""
        directory = directory or DATA
        problems: list[str] = []
        weights: dict[str, tuple[int, float]] = {}
        path = directory / "intensity.tsv"
        for n, cells in _rows(path):
            try:
                weights[cells[0]] = (int(cells[1]), float(cells[2]))
            except (IndexError, ValueError):
                problems.append(f"{path}:{n}: intensity: expected prefix, quad class, number")
        rows: dict[str, tuple[str, list[str]]] = {}
        for name in ("cameo_plover.tsv", "cameo_extra.tsv"):
            path = directory / name
            for n, cells in _rows(path):
                cells = (cells + [""] * 5)[:5]
                if not cells[0].isdigit() or cells[1] not in (*EVENT_TYPES, NO_EVENT):
                    problems.append(f"{path}:{n}: event_type: {cells[1]!r} for {cells[0]!r} "
                                    "(expected a CAMEO code and a PLOVER type or NONE)")
                    continue
                rows[cells[0]] = (f"{path}:{n}", cells)
        codes: dict[str, CameoCode] = {}
        for code, (where, cells) in rows.items():
            prefix = max((p for p in weights if code.startswith(p)), key=len, default=None)
            if prefix is None:
                problems.append(f"{where}: code: {code} has no quad class in intensity.tsv")
                continue
            quad, weight = weights[prefix]
            codes[code] = CameoCode(
                code=code, name=cells[4].strip(),
                event_type=None if cells[1] == NO_EVENT else cells[1],
                mode=cells[2].strip() or None,
                context=tuple(c for c in cells[3].split(";") if c),
                quad_class=quad, intensity=weight)
        if problems:
            raise KnowledgeError(problems[0], problems=tuple(problems))
        return cls(codes)

    def get(self, code: str) -> CameoCode | None:
        """The entry for a CAMEO code, falling back to its parent code (``1831`` → ``183``)."""
        while code:
            if code in self._codes:
                return self._codes[code]
            code = code[:-1] if len(code) > 3 else ""
        return None

    def __getitem__(self, code: str) -> CameoCode:
        found = self.get(code)
        if found is None:
            raise KeyError(code)
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def codes(self) -> list[CameoCode]:
        """Every code, sorted by code."""
        return list(self._codes.values())

    def codes_for(self, event_type: str) -> list[CameoCode]:
        """The CAMEO codes that map to one PLOVER type, sorted by code."""
        return [c for c in self._codes.values() if c.event_type == event_type]
