"""Knowledge data files: YAML kept with line marks, TSV with an origin/licence header (STYLE.md §4).

Every data file under ``polemos/data/`` and every user ``--kb`` folder is read through here, so
that a problem anywhere is reported the same way,
``path:line: field: what is wrong (expected ...)``, and a loader can collect ALL problems
before raising one :class:`~polemos.errors.KnowledgeError`.

API (used by the actor, trigger and gazetteer loaders)::

    problems = Problems()
    doc = read_yaml(path)                      # -> YamlFile(data, line_of); raises KnowledgeError
    data, line_of = doc                        # a YamlFile also unpacks as a pair
    line_of(("people", 3, "roles", 0, "from"))  # 1-based line (nearest parent if absent)
    check_header(doc.data, path, line_of, problems)   # origin: / licence: present
    problems.add(path, line_of(("people", 3)), "people[3].id", "missing", "a lower_snake id")
    tsv = read_tsv(path)                       # -> TsvFile(header, columns, rows); rows carry .line
    problems.raise_if_any("actor knowledge")   # KnowledgeError(problems=(...all lines...))

Plain values come back from YAML: dict, list, str, int, float, bool, None; YAML dates become ISO
strings (``2017-01-20``) so that validation treats dates uniformly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from polemos.errors import KnowledgeError

KeyPath = tuple[str | int, ...]
LineOf = Callable[[KeyPath], int]
HEADER_KEYS = ("origin", "licence")


@dataclass(frozen=True, slots=True)
class DataFileProblem:
    """One thing wrong in a data file; ``str()`` is ``path:line: field: message (expected ...)``."""

    path: str
    line: int | None
    field: str
    message: str
    expected: str | None = None
    raw: str | None = None  # a complete line copied from a reader's KnowledgeError

    def __str__(self) -> str:
        if self.raw is not None:
            return self.raw
        where = f"{self.path}:{self.line}" if self.line else self.path
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {self.field}: {self.message}{tail}"


@dataclass
class Problems:
    """A collector of problems across many files, raised together at the end of a load."""

    items: list[DataFileProblem] = field(default_factory=list)

    def add(self, path: str | Path, line: int | None, field: str, message: str,
            expected: str | None = None) -> None:
        """Record one problem (``line`` is 1-based, or None for the whole file)."""
        self.items.append(DataFileProblem(str(path), line, field, message, expected))

    def extend_from(self, error: KnowledgeError) -> None:
        """Keep the problems of an error raised by a reader (e.g. a YAML syntax error)."""
        for text in error.problems:
            self.items.append(DataFileProblem(error.where or "", None, error.field or "", text,
                                              raw=text))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def lines(self) -> tuple[str, ...]:
        """Every problem as one line, in the order found."""
        return tuple(str(p) for p in self.items)

    def raise_if_any(self, what: str = "knowledge") -> None:
        """Raise one KnowledgeError listing every problem; do nothing when there are none."""
        if not self.items:
            return
        first = self.items[0]
        where = f"{first.path}:{first.line}" if first.line else first.path
        raise KnowledgeError(f"{len(self.items)} problem(s) in {what}", where=where or None,
                             field=first.field or None, problems=self.lines())


class YamlFile(NamedTuple):
    """A YAML document as plain values, with ``line_of(key_path) -> 1-based line``."""

    data: Any
    line_of: LineOf


_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _compose(text: str) -> tuple[Any, type, type]:
    """Compose YAML text into nodes: PyYAML's C composer when installed (~20x faster than a
    pure-Python parse, which matters for the KB's 2-second budget), else ruamel.yaml's.

    Returns (root node, MappingNode class, SequenceNode class).
    """
    try:
        import yaml
    except ImportError:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import MarkedYAMLError, YAMLError
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        try:
            return YAML(typ="safe", pure=True).compose(text), MappingNode, SequenceNode
        except MarkedYAMLError as exc:
            raise _yaml_problem(exc) from exc
        except YAMLError as exc:
            raise KnowledgeError(f"not valid YAML: {exc}", field="yaml") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader), yaml.MappingNode, yaml.SequenceNode
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"not valid YAML: {exc}", field="yaml") from exc


def _yaml_problem(exc: Any) -> KnowledgeError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    return KnowledgeError(f"not valid YAML: {exc.problem or exc.context}",
                          where=str(line) if line else None, field="yaml")


def _plain(node: Any, path: KeyPath, lines: dict[KeyPath, int], mapping: type[Any],
           sequence: type[Any]) -> Any:
    """Turn a composed YAML node into plain values, recording the line of every node.

    Timestamps stay the ISO strings they were written as, so dates validate uniformly.
    """
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, mapping):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _plain(value_node, (*path, key), lines, mapping, sequence)
        return out
    if isinstance(node, sequence):
        return [_plain(item, (*path, i), lines, mapping, sequence)
                for i, item in enumerate(node.value)]
    tag, value = node.tag.rsplit(":", 1)[-1], node.value
    if tag == "null":
        return None
    if tag == "bool":
        return _BOOL.get(value.lower(), value)
    if tag in ("int", "float"):
        try:
            return int(value) if tag == "int" else float(value)
        except ValueError:
            return value
    return value


def read_yaml(path: str | Path) -> YamlFile:
    """Read one YAML file keeping line marks; returns ``YamlFile(data, line_of)``.

    Raises KnowledgeError naming file and line when the file cannot be read or is not YAML.
    Example: ``data, line_of = read_yaml("my_kb/people.yaml")``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read: {exc}", where=str(path), field="file") from exc
    try:
        root, mapping, sequence = _compose(text)
    except KnowledgeError as exc:
        where = f"{path}:{exc.where}" if exc.where else str(path)
        raise KnowledgeError(exc.message, where=where, field="yaml") from exc
    lines: dict[KeyPath, int] = {(): 1}
    data = _plain(root, (), lines, mapping, sequence) if root is not None else None

    def line_of(key_path: KeyPath) -> int:
        """1-based line of the node at ``key_path``, else of its nearest recorded parent."""
        kp = tuple(key_path)
        while kp not in lines:
            kp = kp[:-1]
        return lines[kp]

    return YamlFile(data, line_of)


def check_header(data: Any, path: str | Path, line_of: LineOf, problems: Problems,
                 keys: Sequence[str] = HEADER_KEYS) -> None:
    """Check that a YAML data file is a mapping opening with non-empty origin and licence keys."""
    if not isinstance(data, Mapping):
        problems.add(path, 1, "file", f"top level is {type(data).__name__}",
                     "a mapping with origin:, licence: and the data keys")
        return
    for key in keys:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.add(path, line_of((key,)), key, "missing or empty",
                         f"a '{key}:' line saying where the data comes from and under what terms")


@dataclass(frozen=True, slots=True)
class TsvRow:
    """One data row of a TSV file: its 1-based ``line`` and values by column ('' when empty)."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str | None:
        """The value in ``column``, or None when the cell is empty."""
        value = self.values.get(column, "")
        return value if value != "" else None


@dataclass(frozen=True, slots=True)
class TsvFile:
    """A TSV data file: ``header`` from its ``# key: value`` lines, ``columns``, and ``rows``."""

    path: str
    header: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[TsvRow, ...]


def read_tsv(path: str | Path, required: Sequence[str] = (),
             problems: Problems | None = None) -> TsvFile:
    """Read a TSV file: ``# origin: ...``/``# licence: ...`` lines, a column line, then rows.

    Rows whose field count differs from the columns, a missing origin/licence, or a missing
    ``required`` column are reported to ``problems`` (or raised as one KnowledgeError when None).
    """
    path = Path(path)
    own = problems if problems is not None else Problems()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read: {exc}", where=str(path), field="file") from exc
    header: dict[str, str] = {}
    columns: tuple[str, ...] = ()
    rows: list[TsvRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not columns:
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep:
                    header[key.strip()] = value.strip()
                continue
            if not line.strip():
                continue
            columns = tuple(c.strip() for c in line.split("\t"))
            for col in required:
                if col not in columns:
                    own.add(path, number, col, "column missing", f"columns {', '.join(required)}")
            continue
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            own.add(path, number, "row", f"{len(cells)} fields", f"{len(columns)} tab-separated")
            continue
        rows.append(TsvRow(number, dict(zip(columns, cells, strict=True))))
    for key in HEADER_KEYS:
        if not header.get(key):
            own.add(path, 1, key, "missing header line", f"'# {key}: ...' before the column line")
    if not columns:
        own.add(path, None, "columns", "no column line", "a tab-separated line of column names")
    if problems is None:
        own.raise_if_any(str(path))
    return TsvFile(str(path), header, columns, tuple(rows))


def write_tsv(path: str | Path, header: Mapping[str, str], columns: Sequence[str],
              rows: Iterator[Sequence[object]] | Sequence[Sequence[object]]) -> int:
    """Write a TSV data file with ``# key: value`` header lines; returns the number of rows.

    None becomes an empty cell; raises KnowledgeError if a value holds a tab or a newline.
    """
    path = Path(path)
    out = [f"# {k}: {v}" for k, v in header.items()]
    out.append("\t".join(columns))
    count = 0
    for row in rows:
        cells = ["" if v is None else str(v) for v in row]
        if len(cells) != len(columns) or any(("\t" in c or "\n" in c) for c in cells):
            raise KnowledgeError(f"bad row {row!r}", where=str(path), field="row")
        out.append("\t".join(cells))
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return count


ISO_DATE_HELP = "an ISO date YYYY-MM-DD (or YYYY-MM, YYYY)"


def parse_iso_date(value: object) -> str | None:
    """Normalise an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) to a full YYYY-MM-DD string, else None.

    Partial dates are widened to their first day; callers comparing ``until`` bounds should use
    :func:`end_of` for the last day.
    """
    if not isinstance(value, str):
        return None
    parts = value.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), 1, 1).isoformat()
        if len(parts) == 2 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), int(parts[1]), 1).isoformat()
        if len(parts) == 3 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None
    return None


def end_of(value: str) -> str | None:
    """The last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers, as YYYY-MM-DD, else None."""
    parts = value.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), 12, 31).isoformat()
        if len(parts) == 2 and len(parts[0]) == 4:
            y, m = int(parts[0]), int(parts[1])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return (nxt - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None
    return parse_iso_date(value)
