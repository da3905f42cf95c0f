"""Bytes → text: UTF-8 (with or without a BOM) or UTF-16/32 with a BOM; anything else is named.

Also the size limits that let a reader refuse a file before reading it, and the way a file name
that is not UTF-8 is shown, so that no stage after ingest ever holds a string UTF-8 cannot write.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from polemos.errors import InputError
from polemos.ingest.validate import MAX_TEXT_CHARS

# A file of one article holds at most MAX_TEXT_CHARS characters of at most 4 bytes each (UTF-8's
# widest): a bigger one is refused by its size, without reading gigabytes only to reject them.
MAX_ARTICLE_BYTES = 4 * MAX_TEXT_CHARS
MAX_HTML_BYTES = 2 * MAX_ARTICLE_BYTES  # a page carries menus, scripts and styles beside its text
# One JSON Lines line: an article's text with every character escaped (\uXXXX) and its other fields.
MAX_LINE_BYTES = 2 * MAX_ARTICLE_BYTES
# JSON arrays, CSV and UTF-16 files are parsed whole; JSON Lines in UTF-8 is read line by line.
MAX_FILE_BYTES = 128 * 1024 * 1024
SNIFF_BYTES = 65536

# Formats people save by mistake, by their first bytes: the failure says how to get text out.
_MAGIC = (
    (b"%PDF-", "a PDF document (save or convert it as text first)"),
    (b"PK\x03\x04", "a ZIP archive, such as .docx, .odt or .xlsx (save it as text or CSV first)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (save it as text first)"),
    (b"\x1f\x8b", "gzip-compressed (decompress it first)"),
)
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def wide_codec(head: bytes) -> str | None:
    """"utf-16" or "utf-32" when the bytes open with that BOM (UTF-32's first, as FF FE opens both)."""
    return next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)


def check_not_binary(head: bytes, where: str) -> None:
    """InputError when the opening bytes are a known non-text format or hold NUL bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"binary file: {kind}", where)
    if b"\x00" in head:
        raise InputError("binary file (NUL bytes; expected UTF-8 text)", where)


# A byte that is not UTF-8, kept by Python's "surrogateescape" as U+DC80..U+DCFF.
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def decode(raw: bytes, where: str, *, per_record: bool = False) -> str:
    """The text of a whole file: UTF-8 (a BOM is dropped) or UTF-16/32 with a BOM.

    With ``per_record`` (a file of many articles: JSON, CSV), bytes that are not UTF-8 are kept
    escaped (``ESCAPED_BYTE``) so the records that hold them fail alone and the others are read.
    Raises InputError for an empty or binary file, or one in another encoding.
    """
    codec = wide_codec(raw)
    if codec is None:
        if not raw.strip():
            raise InputError("empty file (expected at least one article)", where)
        check_not_binary(raw, where)
        codec = "utf-8-sig"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as err:
        if per_record and codec == "utf-8-sig":
            return raw.decode(codec, "surrogateescape")
        line = raw.count(b"\n", 0, err.start) + 1
        name = "UTF-8" if codec == "utf-8-sig" else codec.upper()
        raise InputError(f"not {name} (byte 0x{raw[err.start]:02x} on line {line}, offset "
                         f"{err.start}; convert the file to UTF-8)", where, "encoding") from None
    if not text.strip():
        raise InputError("empty file (expected at least one article)", where)
    return text


def path_text(path: Path | str) -> str:
    """A file name fit for messages and the store: bytes that are not UTF-8 shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
