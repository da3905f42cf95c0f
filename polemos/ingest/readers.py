"""Readers: files, folders and stdin → ``Article`` records, or ``Failure`` records for what is broken.

Every reader yields in input order and never raises for bad input: a malformed line, an empty,
binary or non-UTF-8 file becomes a ``Failure`` naming file, line and field, and reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from polemos.errors import InputError
from polemos.ingest.html import article_from_html
from polemos.ingest.validate import article_from_fields, check_text, parse_date
from polemos.model import Article, Failure, stable_id

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".json", ".csv", ".html", ".htm")
# Seed-style articles open with "date YYYY-MM-DD", possibly on the same line as the text.
_DATE_PREFIX = re.compile(r"^\s*date\s+(\S+)[ \t]*\n?", re.IGNORECASE)

Item = Article | Failure


def decode(raw: bytes, where: str) -> str:
    """UTF-8 text of a file (a BOM is dropped); InputError for binary or other encodings."""
    if not raw.strip():
        raise InputError("empty file (expected at least one article)", where)
    if b"\x00" in raw[:65536]:
        raise InputError("binary file (NUL bytes; expected UTF-8 text)", where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}; "
                         "convert the file to UTF-8)", where, "encoding") from None


def read_txt(text: str, doc_id: str, where: str, default_date: str | None) -> Article:
    """A whole ``.txt`` file is one article; a leading ``date YYYY-MM-DD`` gives its date."""
    date = default_date
    match = _DATE_PREFIX.match(text)
    if match:
        date = parse_date(match.group(1), f"{where}:1", "date")
        text = text[match.end():]
    check_text(text, where)
    return Article(id=doc_id, text=text, date=date, origin=where)


def read_jsonl(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """One JSON object per line; blank lines are skipped, bad lines become failures."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(here, "read", f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        yield from _article_or_failure(fields, here, default_date)


def read_json(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """A JSON array of article objects, or one object; a file of JSON lines is read as such."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several objects, one a line: JSON Lines under a .json name
            yield from read_jsonl(text, where, default_date)
            return
        yield Failure(f"{where}:{err.lineno}", "read", f"malformed JSON ({err.msg} at column {err.colno})")
        return
    items = data if isinstance(data, list) else [data]
    for index, fields in enumerate(items):
        here = f"{where}[{index}]" if isinstance(data, list) else where
        yield from _article_or_failure(fields, here, default_date)


def read_csv(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """A CSV file with a header row naming id, date, text (title, url, source optional)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield Failure(f"{where}:1", "read", f"no 'text' column in the header {reader.fieldnames}",
                      field="text")
        return
    line = 1
    try:
        for row in reader:
            here = f"{where}:{line + 1}"
            line = reader.line_num
            if None in row:  # more cells than header names
                yield Failure(here, "read", f"{len(row) - 1 + len(row[None])} cells for "
                              f"{len(reader.fieldnames)} columns")
                continue
            yield from _article_or_failure(dict(row), here, default_date)
    except csv.Error as err:
        yield Failure(f"{where}:{reader.line_num}", "read", f"malformed CSV ({err})")


def _article_or_failure(fields: object, where: str, default_date: str | None) -> Iterator[Item]:
    try:
        yield article_from_fields(fields, where, default_date)
    except InputError as err:
        yield Failure(where, "validate", err.message, field=err.field,
                      article_id=fields.get("id") if isinstance(fields, dict) else None)


def read_text(text: str, suffix: str, doc_id: str, where: str,
              default_date: str | None) -> Iterator[Item]:
    """Articles from already-decoded text in the format named by ``suffix``."""
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(text, where, default_date)
    elif suffix == ".json":
        yield from read_json(text, where, default_date)
    elif suffix == ".csv":
        yield from read_csv(text, where, default_date)
    elif suffix in (".html", ".htm"):
        yield article_from_html(text, doc_id, where, default_date)
    else:
        yield read_txt(text, doc_id, where, default_date)


def read_file(path: Path, doc_id: str, default_date: str | None) -> Iterator[Item]:
    """Articles in one file; the whole file fails as one ``Failure`` when it cannot be decoded."""
    where = str(path)
    try:
        text = decode(path.read_bytes(), where)
        yield from read_text(text, path.suffix.lower(), doc_id, where, default_date)
    except InputError as err:
        yield Failure(err.where or where, "read", err.message, field=err.field)
    except OSError as err:
        yield Failure(where, "read", err.strerror or str(err))


def read_stdin(default_date: str | None, stream: io.BufferedReader | None = None) -> Iterator[Item]:
    """Standard input: JSON Lines when it starts with ``{``, else one plain-text article."""
    where = "<stdin>"
    try:
        text = decode((stream or sys.stdin.buffer).read(), where)
        suffix = ".jsonl" if text.lstrip().startswith("{") else ".txt"
        # piped text has no name: its id is its content, so two different pipes never collide
        yield from read_text(text, suffix, "stdin-" + stable_id(text), where, default_date)
    except InputError as err:
        yield Failure(err.where or where, "read", err.message, field=err.field)


def read_paths(paths: Iterable[str | Path], default_date: str | None = None) -> Iterator[Item]:
    """Articles from files, folders (recursively, sorted) and ``-`` (stdin), in order."""
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(default_date)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, default_date)
        elif path.is_file():
            yield from read_file(path, path.stem, default_date)
        else:
            yield Failure(str(path), "read", "no such file or folder")


def _read_folder(folder: Path, default_date: str | None) -> Iterator[Item]:
    """Every article file under ``folder`` (sorted); unreadable subfolders and a folder with no
    article files at all are failures, not silence."""
    problems: list[OSError] = []
    files = sorted(Path(root) / name
                   for root, dirs, names in os.walk(folder, onerror=problems.append)
                   for name in names
                   if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."))
    for err in sorted(problems, key=str):
        yield Failure(str(err.filename or folder), "read", err.strerror or str(err))
    if not files and not problems:
        yield Failure(str(folder), "read",
                      f"no article files in this folder (expected {', '.join(SUFFIXES)})")
    for file in files:
        doc_id = file.relative_to(folder).with_suffix("").as_posix()
        yield from read_file(file, doc_id, default_date)
