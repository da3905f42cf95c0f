"""Readers: files, folders and stdin → ``Article`` records, ``Failure`` records for what is broken,
and ``Notice`` records for what the user should know (a file skipped in a folder).

Every reader yields in input order and never raises for bad input: a malformed line, an empty,
binary or non-UTF-8 file becomes a ``Failure`` naming file, line and field, and reading goes on.
The accepted formats and what each kind of bad input gives: docs/input.md.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from polemos.errors import InputError
from polemos.ingest.encoding import (
    ESCAPED_BYTE,
    MAX_ARTICLE_BYTES,
    MAX_FILE_BYTES,
    MAX_HTML_BYTES,
    MAX_LINE_BYTES,
    SNIFF_BYTES,
    check_not_binary,
    decode,
    path_text,
    wide_codec,
)
from polemos.ingest.html import article_from_html
from polemos.ingest.validate import MAX_TEXT_CHARS, article_from_fields, article_text, mend, parse_date
from polemos.model import Article, Failure, Notice, stable_id

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".json", ".csv", ".html", ".htm")
_JSONL = (".jsonl", ".ndjson")
# Seed-style articles open with "date YYYY-MM-DD", possibly on the same line as the text. Only a
# date-shaped word makes the line a header: "Date night turned deadly" is the article's first words.
# "date" and a word that opens with a digit, or a word alone on its line, is a header, to be read
# as a date or named as a bad one ("date 20240304", "date yesterday"); "Date night turned deadly"
# is text.
_DATE_HEADER = re.compile(r"^\s*date:?[ \t]+(\d\S*(?=\s|$)|\S+(?=[ \t]*(?:\r?\n|$)))[ \t]*(?:\r?\n)?",
                          re.IGNORECASE)
_CHUNK = 1 << 20

Item = Article | Failure | Notice


def read_txt(text: str, doc_id: str, where: str, default_date: str | None) -> Article:
    """A whole ``.txt`` file is one article; a leading ``date YYYY-MM-DD`` gives its date.

    Raises InputError for an impossible date in that line, or an empty or over-long text.
    """
    date = default_date
    match = _DATE_HEADER.match(text)
    if match:
        line = text.count("\n", 0, match.start(1)) + 1
        date = parse_date(match.group(1), f"{where}:{line}")
        text = text[match.end():]
    return Article(id=mend(doc_id), text=article_text(text, where), date=date, origin=where)


def read_jsonl(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """One JSON object per line; blank lines are skipped, bad lines become failures.

    Lines end at "\\n" alone (a "\\r" before it is dropped): U+2028, U+2029 and U+0085 are
    characters inside a JSON string, not line ends, whatever ``str.splitlines`` thinks.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        yield from _jsonl_line(line, f"{where}:{number}", default_date)


def read_jsonl_bytes(chunks: Iterable[bytes], where: str, default_date: str | None) -> Iterator[Item]:
    """JSON Lines from UTF-8 bytes, a line at a time: memory stays at one line, however big the
    file; a line that is not UTF-8 or is over ``MAX_LINE_BYTES`` fails alone."""
    seen = False
    for number, raw in enumerate(_byte_lines(chunks, MAX_LINE_BYTES), start=1):
        here = f"{where}:{number}"
        if raw is None:
            yield Failure(here, "read", f"line is over {MAX_LINE_BYTES:,} bytes (an article holds "
                          f"at most {MAX_TEXT_CHARS:,} characters)", field="text")
            seen = True
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield Failure(here, "read", f"not UTF-8 (byte 0x{raw[err.start]:02x} at column "
                          f"{err.start + 1}; convert the file to UTF-8)", field="encoding")
            seen = True
            continue
        seen = seen or bool(line.strip())
        yield from _jsonl_line(line, here, default_date)
    if not seen:
        yield Failure(where, "read", "empty file (expected at least one article)")


def _byte_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines split at b"\\n" alone; None for a line over ``limit`` bytes, which is never held whole."""
    pending = b""
    too_long = False
    for chunk in chunks:
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            yield None if too_long or len(line) > limit else line
            too_long = False
        if len(pending) > limit:
            too_long, pending = True, b""
    if too_long or len(pending) > limit:
        yield None
    elif pending:
        yield pending


def _jsonl_line(line: str, where: str, default_date: str | None) -> Iterator[Item]:
    if not line.strip():
        return
    try:
        fields = json.loads(line, strict=False)  # raw control characters in a string are text
    except (ValueError, RecursionError) as err:
        yield _json_failure(err, where)
        return
    yield from _article_or_failure(fields, where, default_date)


def _json_failure(err: ValueError | RecursionError, where: str) -> Failure:
    """A failure for JSON that cannot be parsed; nesting is the decoder's recursion running out."""
    if isinstance(err, RecursionError):
        reason = "malformed JSON: nested too deeply (an article is one flat JSON object)"
    elif isinstance(err, json.JSONDecodeError):
        reason = f"malformed JSON ({err.msg} at column {err.colno})"
    else:  # Python's limit on integers of over 4,300 digits (its advice after ";" is for coders)
        reason = f"malformed JSON ({' '.join(str(err).split(';')[0].split())})"
    return Failure(where, "read", reason)


def read_json(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """A JSON array of article objects, or one object; a file of JSON lines is read as such."""
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several objects, one a line: JSON Lines under a .json name
            yield from read_jsonl(text, where, default_date)
            return
        yield _json_failure(err, f"{where}:{err.lineno}")
        return
    except (ValueError, RecursionError) as err:
        yield _json_failure(err, where)
        return
    items = data if isinstance(data, list) else [data]
    for index, fields in enumerate(items):
        here = f"{where}[{index}]" if isinstance(data, list) else where
        yield from _article_or_failure(fields, here, default_date)


def read_csv(text: str, where: str, default_date: str | None) -> Iterator[Item]:
    """A CSV file with a header row naming id, date, text (title, url, source optional).

    Header names are matched without case or surrounding spaces. Each failure names the line its
    row starts on; a malformed row fails alone and reading goes on with the next.
    """
    # The csv module's limit (128 KB by default) is process-wide: it is only ever raised, to the
    # largest file read whole, so an over-long text fails as one, on its own line, and no parse
    # error ends the file early.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    end = 0  # the last physical line read
    while True:
        start = end + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            end = rows.line_num
            yield Failure(f"{where}:{start}", "read", _csv_reason(err, end))
            continue
        end = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            if "text" not in header:
                yield Failure(f"{where}:{start}", "read", "no 'text' column in the header "
                              f"({', '.join(header)[:200]})", field="text")
                return
        elif len(row) > len(header):
            yield Failure(f"{where}:{start}", "read", f"{len(row)} cells for {len(header)} columns")
        else:
            fields = dict(zip(header, row, strict=False))  # a short row leaves its last fields out
            yield from _article_or_failure(fields, f"{where}:{start}", default_date)


def _csv_reason(err: csv.Error, end: int) -> str:
    if str(err) == "unexpected end of data":
        return f"malformed CSV: a quoted field opened here is never closed (it runs to line {end})"
    return f"malformed CSV ({err}; a quote inside a quoted field is written twice: \"\")"


def _article_or_failure(fields: object, where: str, default_date: str | None) -> Iterator[Item]:
    for name, value in fields.items() if isinstance(fields, dict) else ():
        byte = ESCAPED_BYTE.search(value) if isinstance(value, str) else None
        if byte is not None:  # kept escaped by decode(per_record=True): this record fails alone
            yield Failure(where, "read", f"not UTF-8 (byte 0x{ord(byte.group()) - 0xDC00:02x} at "
                          f"character {byte.start()}; convert the file to UTF-8)",
                          field=str(name)[:40], article_id=_id_of(fields))
            return
    try:
        yield article_from_fields(fields, where, default_date)
    except InputError as err:
        yield Failure(where, "validate", err.message, field=err.field, article_id=_id_of(fields))


def _id_of(fields: object) -> str | None:
    """The record's id for a failure row, when it has a usable one."""
    value = fields.get("id") if isinstance(fields, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 64:
        return str(value)
    return mend(value) if isinstance(value, str) else None


def read_text(text: str, suffix: str, doc_id: str, where: str,
              default_date: str | None) -> Iterator[Item]:
    """Articles from already-decoded text in the format named by ``suffix``."""
    if suffix in _JSONL:
        yield from read_jsonl(text, where, default_date)
    elif suffix == ".json":
        yield from read_json(text, where, default_date)
    elif suffix == ".csv":
        yield from read_csv(text, where, default_date)
    elif suffix in (".html", ".htm"):
        yield article_from_html(text, mend(doc_id), where, default_date)
    else:
        yield read_txt(text, doc_id, where, default_date)


def unexpected_failure(err: Exception, where: str) -> Failure:
    """The failure for an exception no reader expects: its type and message on one line, and for a
    missing module, what to install."""
    message = " ".join(str(err).split())  # some messages span lines; a failure is one line
    reason = f"{type(err).__name__}: {message}" if message else type(err).__name__
    if isinstance(err, RecursionError):
        reason = "nested too deeply to read (RecursionError)"
    elif isinstance(err, ImportError):
        # lxml >= 5.2 moved its HTML cleaner (which trafilatura uses) out into lxml_html_clean
        package = "lxml_html_clean" if "lxml_html_clean" in message else (err.name or "").split(".")[0]
        reason += f"; install it: pip install {package}" if package else "; reinstall Polemos"
    return Failure(where, "read", reason)


def _file_limit(suffix: str) -> tuple[int | None, str]:
    """The most bytes a file of this kind is read with (None: read line by line), and why."""
    if suffix in _JSONL:
        return None, ""
    if suffix in (".json", ".csv"):
        return MAX_FILE_BYTES, (f"a {suffix} file is read whole: split it, or use UTF-8 JSON Lines, "
                                "which is read line by line")
    if suffix in (".html", ".htm"):
        return MAX_HTML_BYTES, "a page is one article"
    return MAX_ARTICLE_BYTES, (f"a text file is one article of at most {MAX_TEXT_CHARS:,} "
                               "characters: split it into articles")


def _read_file(path: Path, doc_id: str, where: str, default_date: str | None) -> Iterator[Item]:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a device, pipe or socket; expected an article file)",
                         where)
    suffix = path.suffix.lower()
    limit, why = _file_limit(suffix)
    _check_size(info.st_size, limit, why, where)
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if limit is None and wide_codec(head) is None:
            check_not_binary(head, where)
            chunks = chain([head], iter(partial(stream.read, _CHUNK), b""))
            yield from read_jsonl_bytes(chunks, where, default_date)
            return
        if limit is None:  # UTF-16 JSON Lines are decoded whole
            limit, why = MAX_FILE_BYTES, "a UTF-16 file is decoded whole: convert it to UTF-8"
            _check_size(info.st_size, limit, why, where)
        raw = head + stream.read(limit + 1 - len(head))  # never more, even from a growing file
        _check_size(len(raw), limit, why, where)
    many = suffix in (".json", ".csv")  # one bad byte fails its record, not the whole file
    yield from read_text(decode(raw, where, per_record=many), suffix, doc_id, where, default_date)


def _check_size(size: int, limit: int | None, why: str, where: str) -> None:
    if limit is not None and size > limit:
        raise InputError(f"file is {size:,} bytes, over the {limit:,} allowed ({why})", where)


def read_file(path: Path, doc_id: str, default_date: str | None) -> Iterator[Item]:
    """Articles in one file; a file that cannot be read at all is one ``Failure``.

    This is the per-file boundary: whatever goes wrong in one file (even an exception no reader
    expects, such as a missing module) becomes a failure, and the files after it are read.
    """
    where = path_text(path)
    try:
        yield from _read_file(path, doc_id, where, default_date)
    except InputError as err:
        yield Failure(err.where or where, "read", err.message, field=err.field)
    except OSError as err:
        yield Failure(where, "read", err.strerror or str(err))
    except Exception as err:  # the per-file boundary; KeyboardInterrupt and SystemExit pass
        yield unexpected_failure(err, where)


def read_stdin(default_date: str | None, stream: BinaryIO | None = None,
               where: str = "<stdin>") -> Iterator[Item]:
    """Standard input (or another stream, such as a named pipe): JSON Lines when it starts with
    ``{`` (read line by line), else one plain-text article (at most ``MAX_ARTICLE_BYTES``)."""
    try:
        yield from _read_stream(stream or sys.stdin.buffer, where, default_date)
    except InputError as err:
        yield Failure(err.where or where, "read", err.message, field=err.field)
    except OSError as err:
        yield Failure(where, "read", err.strerror or str(err))
    except Exception as err:  # the per-input boundary, as for a file
        yield unexpected_failure(err, where)


def _read_stream(stream: BinaryIO, where: str, default_date: str | None) -> Iterator[Item]:
    head = stream.read(SNIFF_BYTES)
    wide = wide_codec(head) is not None
    if not wide and head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{":
        check_not_binary(head, where)
        yield from read_jsonl_bytes(chain([head], iter(partial(stream.read, _CHUNK), b"")),
                                    where, default_date)
        return
    limit = MAX_FILE_BYTES if wide else MAX_ARTICLE_BYTES
    raw = head + stream.read(limit + 1 - len(head))
    if len(raw) > limit:
        raise InputError(f"more than {limit:,} bytes of plain text (one article holds at most "
                         f"{MAX_TEXT_CHARS:,} characters; send many articles as JSON Lines)", where)
    text = decode(raw, where)
    suffix = ".jsonl" if text.lstrip().startswith("{") else ".txt"
    # piped text has no name: its id is its content, so two different pipes never collide
    yield from read_text(text, suffix, "stdin-" + stable_id(text), where, default_date)


def read_paths(paths: Iterable[str | Path], default_date: str | None = None) -> Iterator[Item]:
    """Articles, failures and notices from files, folders (recursively, sorted) and ``-`` (stdin),
    in order. Never raises for bad input: see docs/input.md for what each kind gives."""
    for raw in paths:
        where = path_text(raw)
        try:
            yield from _read_path(raw, default_date)
        except OSError as err:  # e.g. a folder we may not look into
            yield Failure(where, "read", err.strerror or str(err))
        except Exception as err:  # the per-path boundary, as for one file
            yield unexpected_failure(err, where)


def _read_path(raw: str | Path, default_date: str | None) -> Iterator[Item]:
    if str(raw) == "-":
        yield from read_stdin(default_date)
        return
    path = Path(raw)
    if path.is_dir():
        yield from _read_folder(path, default_date)
    elif path.is_file():
        yield from read_file(path, path.stem, default_date)
    elif path.exists():  # a pipe named by the user, e.g. bash's <(…): read as standard input is
        with path.open("rb") as stream:
            yield from read_stdin(default_date, stream, path_text(path))
    else:
        yield Failure(path_text(path), "read", "no such file or folder")


def _read_folder(folder: Path, default_date: str | None) -> Iterator[Item]:
    """Every article file under ``folder`` (sorted); a file of another kind is a notice, and
    unreadable subfolders and a folder with no article files at all are failures, not silence.
    Names beginning with a dot (.git, .DS_Store) are not looked at."""
    problems: list[OSError] = []
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in names if not name.startswith("."))
    for err in sorted(problems, key=str):
        yield Failure(path_text(err.filename or folder), "read", err.strerror or str(err))
    if not any(f.suffix.lower() in SUFFIXES for f in found) and not problems:
        yield Failure(path_text(folder), "read",
                      f"no article files in this folder (expected {', '.join(SUFFIXES)})")
    for file in sorted(found):
        if file.suffix.lower() not in SUFFIXES:
            yield Notice(path_text(file), f"skipped: {file.suffix or 'a name without a suffix'} "
                         f"is not an article format (expected {', '.join(SUFFIXES)})")
            continue
        doc_id = path_text(file.relative_to(folder).with_suffix("").as_posix())
        yield from read_file(file, doc_id, default_date)
