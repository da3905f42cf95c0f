"""Shared helpers for the knowledge-base converters: the actor TSV layout and stable ids.

Actor TSV layout (read by ``polemos.resolve.actors``): one row per role; an entity's first row
carries its ``|``-separated names, later rows of the same id may leave names empty.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from polemos.datafiles import write_tsv  # noqa: E402

SOURCES = Path("/work/shared/kb_sources")
OUT = REPO / "polemos" / "data" / "actors"
COLUMNS = ("id", "kind", "names", "country", "sector", "patron", "from", "until")


def slug(text: str) -> str:
    """A lower_snake id from a name: ``Kata'ib Hizballah`` -> ``kataib_hizballah``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`ʼ]", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "x"


class IdMaker:
    """Unique ids within one converter run: a second ``x`` becomes ``x_2`` (deterministic)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.seen: dict[str, int] = {}

    def __call__(self, name: str) -> str:
        base = f"{self.prefix}:{slug(name)}"
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}_{n}"


def clean_name(name: str) -> str:
    """A name safe for a TSV cell and the ``|`` list: no tabs, bars or runs of blanks."""
    return " ".join(name.replace("|", " ").replace("\t", " ").split())


def write_actor_tsv(name: str, origin: str, licence: str,
                    rows: Iterable[Sequence[object]], note: str | None = None) -> int:
    """Write ``polemos/data/actors/<name>`` with the origin/licence header; returns rows written."""
    header = {"origin": origin, "licence": licence}
    if note:
        header["note"] = note
    count = write_tsv(OUT / name, header, COLUMNS, rows)
    print(f"{name}: {count} rows", file=sys.stderr)
    return count
