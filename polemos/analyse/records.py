"""A list of frozen analysis records that also turns into dicts and an Arrow table.

``polemos.trend(...)`` and ``polemos.alerts(...)`` return one: iterate it for the records, call
``.to_dicts()`` for JSON-ready rows, ``.to_arrow()`` for a pyarrow.Table (and
``.to_arrow().to_pandas()`` where pandas is installed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]  # ships no type hints

R = TypeVar("R")


def record_dict(record: Any) -> dict[str, Any]:
    """A frozen record as a dict of its fields, tuples as lists (JSON and Arrow take them)."""
    return {f.name: list(v) if isinstance(v := getattr(record, f.name), tuple) else v
            for f in fields(record)}


class Records(list[R], Generic[R]):
    """Frozen records in order, with ``to_dicts`` and ``to_arrow``; ``kind`` is their class, so
    an empty list still has its columns."""

    def __init__(self, items: Iterable[R] = (), kind: type | None = None) -> None:
        super().__init__(items)
        self.kind = kind

    def to_dicts(self) -> list[dict[str, Any]]:
        """One dict per record, keys in field order."""
        return [record_dict(r) for r in self]

    def to_arrow(self) -> pa.Table:
        """The records as a pyarrow.Table, one column per field."""
        import pyarrow as pa  # type: ignore[import-untyped]  # ships no type hints

        if not self and self.kind is not None:
            return pa.table({f.name: pa.array([], pa.null()) for f in fields(self.kind)})
        return pa.Table.from_pylist(self.to_dicts())

    def to_parquet(self, path: str | Path) -> None:
        """Write the records to a Parquet file (OSError when it cannot be written)."""
        import pyarrow.parquet as pq  # type: ignore[import-untyped]  # ships no type hints

        pq.write_table(self.to_arrow(), str(path))
