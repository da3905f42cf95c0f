"""Ingest: every format, and every kind of bad input becomes a Failure naming file, line, field."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from polemos.ingest import MAX_TEXT_CHARS, read_paths
from polemos.ingest.readers import read_stdin
from polemos.model import Article, Failure


def _read(*paths: Path | str, date: str | None = None) -> list[Article | Failure]:
    return list(read_paths([str(p) for p in paths], date))


def test_readers_txt_leading_date_shares_line_with_text(fixtures: Path) -> None:
    [article] = _read(fixtures / "articles" / "seed.txt")
    assert isinstance(article, Article)
    assert article.date == "2019-12-30"
    assert article.id == "seed"
    assert article.text.startswith("In recent months, militias fired rockets")
    assert "On Friday, a rocket attack" in article.text


def test_readers_txt_without_date_uses_default_or_none(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Rebels attacked a convoy.")
    assert _read(path)[0].date is None
    assert _read(path, date="2021-05-01")[0].date == "2021-05-01"


def test_readers_jsonl_fields(fixtures: Path) -> None:
    first, second = _read(fixtures / "articles" / "feed.jsonl")
    assert (first.id, first.date, first.title, first.source) == (
        "feed-1", "2024-03-04", "Shelling in Aleppo", "Example Wire")
    assert first.url == "https://example.org/1"
    assert first.origin.endswith("feed.jsonl:1")
    assert second.id == "feed-2" and second.origin.endswith("feed.jsonl:2")


def test_readers_csv_rows_with_line_numbers(fixtures: Path) -> None:
    first, second = _read(fixtures / "articles" / "feed.csv")
    assert first.id == "csv-1" and first.title == "Protest" and first.date == "2024-04-01"
    assert second.title is None
    assert second.origin.endswith("feed.csv:3")


def test_readers_html_keeps_main_text_drops_boilerplate(fixtures: Path) -> None:
    [article] = _read(fixtures / "articles" / "page.html", date="2019-12-28")
    assert "K-1 air base near Kirkuk" in article.text
    assert "Kataib Hezbollah" in article.text
    assert "Cookie settings" not in article.text
    assert "Sport" not in article.text
    assert article.date == "2019-12-28"


def test_readers_json_array(tmp_path: Path) -> None:
    path = tmp_path / "arr.json"
    path.write_text(json.dumps([{"id": "a", "date": "2020-01-01", "text": "One."},
                                {"id": "b", "text": 5}]))
    good, bad = _read(path)
    assert good.id == "a"
    assert isinstance(bad, Failure) and bad.where.endswith("arr.json[1]") and bad.field == "text"


def test_readers_folder_is_recursive_and_sorted(fixtures: Path) -> None:
    ids = [x.id for x in _read(fixtures / "articles") if isinstance(x, Article)]
    assert ids == ["csv-1", "csv-2", "feed-1", "feed-2", "page", "seed"]


def test_readers_stdin_jsonl_and_text() -> None:
    items = list(read_stdin(None, io.BytesIO(b'{"id": "s1", "text": "Hi."}\n')))
    assert items[0].id == "s1"
    [plain] = list(read_stdin("2020-02-02", io.BytesIO(b"date 2020-01-01 Troops withdrew.")))
    assert plain.date == "2020-01-01" and plain.text == "Troops withdrew."


@pytest.mark.parametrize(("content", "where_suffix", "field", "words"), [
    (b'{"id": "a", "text": "ok"}\n{not json\n', "bad.jsonl:2", None, "malformed JSON"),
    (b'{"id": "a", "date": "2024-03-01"}\n', "bad.jsonl:1", "text", "missing"),
    (b'{"id": "a", "date": "2019-13-30", "text": "x"}\n', "bad.jsonl:1", "date", "is not a date"),
    (b'{"id": "a", "date": "yesterday", "text": "x"}\n', "bad.jsonl:1", "date", "YYYY-MM-DD"),
    (b"", "bad.jsonl", None, "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.jsonl", None, "binary"),
    (b'{"id": "a", "text": "caf\xe9"}\n', "bad.jsonl", "encoding", "not UTF-8"),
    (b'[{"id": "a", "text": "x"}]\n', "bad.jsonl:1", None, "expected a JSON object"),
])
def test_readers_bad_input_is_a_failure_naming_where(tmp_path: Path, content: bytes,
                                                     where_suffix: str, field: str | None,
                                                     words: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    failures = [x for x in _read(path) if isinstance(x, Failure)]
    assert len(failures) == 1
    failure = failures[0]
    assert failure.where.endswith(where_suffix)
    assert failure.field == field
    assert words in failure.reason
    assert str(failure).startswith(str(tmp_path))  # one line: where: field: reason
    assert "\n" not in str(failure)


def test_readers_huge_article_fails_and_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = "Troops attacked the town. " * (5 * 1024 * 1024 // 26)
    path.write_text(json.dumps({"id": "big", "text": big}) + "\n"
                    + json.dumps({"id": "small", "text": "Rebels attacked a convoy."}) + "\n")
    failure, article = _read(path)
    assert isinstance(failure, Failure) and failure.field == "text"
    assert f"{MAX_TEXT_CHARS:,}" in failure.reason and failure.article_id == "big"
    assert article.id == "small"


def test_readers_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,hello\n")
    [failure] = _read(path)
    assert isinstance(failure, Failure) and failure.field == "text" and failure.where.endswith("x.csv:1")


def test_readers_missing_path_and_bad_txt(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    failures = _read(tmp_path / "nope.txt", tmp_path / "bin.txt", tmp_path / "latin.txt")
    assert [f.reason.split(" ")[0] for f in failures] == ["no", "binary", "not"]


def test_readers_id_falls_back_to_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "noid.jsonl"
    path.write_text('{"text": "Police arrested ten people."}\n{"text": "Police arrested ten people."}\n')
    first, second = _read(path)
    assert first.id.startswith("sha-") and first.id == second.id
