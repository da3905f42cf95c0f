"""Ingest: files, folders and stdin → Article records (and Failure records for bad input)."""

from polemos.ingest.readers import SUFFIXES, read_paths, read_text
from polemos.ingest.validate import MAX_TEXT_CHARS, article_from_fields, parse_date

__all__ = ["MAX_TEXT_CHARS", "SUFFIXES", "article_from_fields", "parse_date", "read_paths",
           "read_text"]
