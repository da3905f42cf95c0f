"""Turn raw input fields into a valid ``Article``, or an ``InputError`` naming where and which field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from polemos.errors import InputError
from polemos.ingest.mojibake import repair
from polemos.model import Article, stable_id

# Longer texts are almost always a dump, not an article. Up to this limit the coder parses a long
# text in pieces (polemos.nlp.CHUNK_CHARS), so its time grows linearly and its memory stays flat.
MAX_TEXT_CHARS = 1_000_000
# A lone UTF-16 surrogate (only a JSON "\ud800" escape can make one) is no character: UTF-8 writers
# and DuckDB reject it later, so every string field read is mended here, once, with U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")


def mend(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD, so that it can be written as UTF-8."""
    return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value


def shown(value: object, width: int = 40) -> str:
    """A short repr of an input value for an error message: never the whole of a huge or deep one."""
    if isinstance(value, str):
        return repr(value[:width]) + ("…" if len(value) > width else "")
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number of over 19 digits"  # Python refuses to print ints of over 4,300 digits
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return f"a JSON {_JSON_NAMES.get(type(value), type(value).__name__)}"


_JSON_NAMES: dict[type, str] = {dict: "object", list: "array"}


def parse_date(value: object, where: str, field: str = "date") -> str | None:
    """An ISO day from ``YYYY-MM-DD`` (a time part after it is ignored); None when empty.

    Raises InputError naming ``where`` and ``field`` for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(f"{shown(value)} is not a date (expected a string YYYY-MM-DD)", where, field)
    match = _ISO_DAY.match(value.strip())
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    raise InputError(f"{shown(value)} is not a date (expected YYYY-MM-DD)", where, field)


def _optional_str(fields: dict[str, Any], name: str, where: str) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"{shown(value)} is not text (expected a string)", where, name)
    return mend(value)


def check_text(text: str, where: str) -> str:
    """The article text, if it is usable: not empty, not binary, not absurdly long."""
    if not text.strip():
        raise InputError("empty text (expected the article's words)", where, "text")
    if "\x00" in text:
        raise InputError("binary content (NUL bytes; expected plain text)", where, "text")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is {len(text):,} characters (at most {MAX_TEXT_CHARS:,} per article; "
                         "split the file into articles)", where, "text")
    return text


def article_text(text: str, where: str) -> str:
    """The text an article is coded from: checked (``check_text``), lone surrogates mended and
    mojibake repaired (``mojibake.repair``: "districtâ€™s" -> "district’s")."""
    return repair(mend(check_text(text, where)))


def article_from_fields(fields: object, where: str, default_date: str | None = None) -> Article:
    """An Article from a JSON object or CSV row with ``id``, ``date``, ``text`` and optional
    ``title``, ``url``, ``source``. A missing id becomes a content hash; a missing date the default.
    """
    if not isinstance(fields, dict):
        raise InputError(f"expected a JSON object with id, date and text, got {shown(fields)}", where)
    text = fields.get("text")
    if text is None:
        raise InputError("missing (expected the article's text)", where, "text")
    if not isinstance(text, str):
        raise InputError(f"{shown(text)} is not text (expected a string)", where, "text")
    text = article_text(text, where)
    title = _optional_str(fields, "title", where)
    date = parse_date(fields.get("date"), where) or default_date
    article_id = _optional_str(fields, "id", where)
    if article_id is None:
        article_id = "sha-" + stable_id(title or "", text)
    return Article(id=article_id, text=text, date=date, title=title,
                   source=_optional_str(fields, "source", where),
                   url=_optional_str(fields, "url", where), origin=where)
