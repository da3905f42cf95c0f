"""Ingest: every format, and every kind of bad input becomes a Failure naming file, line, field."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from polemos.ingest import MAX_TEXT_CHARS, read_paths
from polemos.ingest.readers import read_stdin
from polemos.model import Article, Failure, Notice


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
    (b'{"id": "a", "text": "caf\xe9"}\n', "bad.jsonl:1", "encoding", "not UTF-8"),
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


# --- issue 12: no input can break a batch -------------------------------------------------------

def _failures(items: list) -> list[Failure]:
    return [x for x in items if isinstance(x, Failure)]


def _articles(items: list) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


@pytest.mark.parametrize(("name", "content"), [
    ("deep.jsonl", "[" * 100_000 + "\n"),
    ("deep.jsonl", '{"text": ' + "[" * 100_000 + "\n"),
    ("deep.json", '{"a": ' * 100_000),
    ("deep.json", "[" * 100_000 + "]" * 100_000),
])
def test_readers_deeply_nested_json_is_named_not_a_recursion_error(tmp_path: Path, name: str,
                                                                     content: str) -> None:
    path = tmp_path / name
    path.write_text(content + "\n" + json.dumps({"id": "after", "text": "Rebels attacked."}) + "\n")
    items = _read(path)
    assert "nested too deeply" in _failures(items)[0].reason
    if name.endswith(".jsonl"):  # the next line is still read
        assert [a.id for a in _articles(items)] == ["after"]


def test_readers_deeply_nested_stdin_is_named() -> None:
    [failure] = list(read_stdin(None, io.BytesIO(b'{"a": ' * 100_000)))
    assert isinstance(failure, Failure) and failure.where == "<stdin>:1"
    assert "nested too deeply" in failure.reason


def test_readers_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    # JSON escapes are the one way a lone surrogate gets into a Python str from a UTF-8 file
    path.write_text('{"id": "a\\ud800", "title": "t\\udfff", "url": "u\\udc00", "source": "s\\ud83d",'
                    ' "date": "2020-01-01", "text": "Rebels \\ud800attacked."}\n'
                    '{"id": "pair", "text": "A valid pair \\ud83d\\ude00 stays."}\n')
    lone, pair = _read(path)
    assert (lone.id, lone.title, lone.url, lone.source) == ("a\ufffd", "t\ufffd", "u\ufffd", "s\ufffd")
    assert lone.text == "Rebels \ufffdattacked."
    for value in (lone.id, lone.title, lone.url, lone.source, lone.text, lone.origin):
        value.encode("utf-8")  # what DuckDB and every writer need
    assert pair.text == "A valid pair 😀 stays."


def test_readers_lone_surrogate_in_a_bad_record_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "x\\ud800", "date": "\\ud800", "text": "Troops withdrew."}\n')
    [failure] = _read(path)
    assert failure.field == "date" and failure.article_id == "x\ufffd"
    str(failure).encode("utf-8")


def test_readers_csv_long_field_keeps_later_rows_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long_text = "Rebels attacked the town. " * 6000  # 156,000 characters: over csv's 128 KB default
    path.write_text('id,date,text\n'
                    f'long,2024-01-01,"{long_text}"\n'
                    'two,2024-01-02,"A second article,\nover two lines."\n'
                    '\n'
                    'three,2024-01-03,Third.\n'
                    'four,2024-01-04,Fourth.,extra\n'
                    'five,2024-01-05,Fifth.\n')
    items = _read(path)
    assert [a.id for a in _articles(items)] == ["long", "two", "three", "five"]
    assert [a.origin.rsplit(":", 1)[1] for a in _articles(items)] == ["2", "3", "6", "8"]
    assert _articles(items)[0].text == long_text
    [failure] = _failures(items)
    assert failure.where.endswith("long.csv:7") and "4 cells for 3 columns" in failure.reason


def test_readers_csv_header_is_matched_loosely_and_quotes_are_named(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(' ID , Date ,Text\n'
                    'a,2024-01-01,"Fine."\n'
                    'b,2024-01-01,"Bad "quote" here"\n'
                    'c,2024-01-01,"Never closed\n'
                    'd,2024-01-01,swallowed\n')
    items = _read(path)
    assert [a.id for a in _articles(items)] == ["a"]
    quote, unclosed = _failures(items)
    assert quote.where.endswith("q.csv:3") and "malformed CSV" in quote.reason
    assert unclosed.where.endswith("q.csv:4")
    assert "never closed (it runs to line 5)" in unclosed.reason


def test_readers_jsonl_line_separators_inside_strings_are_text(tmp_path: Path) -> None:
    path = tmp_path / "sep.jsonl"
    text = "One\u2028two\u2029three\u0085four\x0bfive\x0csix\x1cseven."
    lines = [json.dumps({"id": "sep", "text": text}, ensure_ascii=False),
             json.dumps({"id": "crlf", "text": "Windows line end."})]
    path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    first, second = _read(path)
    assert first.text == text and first.origin.endswith("sep.jsonl:1")
    assert second.id == "crlf" and second.origin.endswith("sep.jsonl:2")
    # the same through the text reader (UTF-16 files and stdin take that way)
    assert [a.text for a in read_stdin(None, io.BytesIO(path.read_bytes()))][0] == text


@pytest.mark.parametrize(("content", "date", "text"), [
    ("Date night turned deadly in Springfield.", None, "Date night turned deadly in Springfield."),
    ("date of the attack is unknown.", None, "date of the attack is unknown."),
    ("date 2019-12-30 Troops withdrew.", "2019-12-30", "Troops withdrew."),
    ("DATE: 2019-12-30\nTroops withdrew.", "2019-12-30", "Troops withdrew."),
    ("\ndate 2019-12-30T10:00:00Z\r\nTroops withdrew.", "2019-12-30", "Troops withdrew."),
])
def test_readers_txt_date_header_is_date_shaped(tmp_path: Path, content: str, date: str | None,
                                                text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, newline="")
    [article] = _read(path)
    assert isinstance(article, Article), article
    assert (article.date, article.text) == (date, text)


@pytest.mark.parametrize("header", ["date 2019-13-45", "date 2019-02-30", "date 2019-1-5"])
def test_readers_txt_impossible_date_header_fails(tmp_path: Path, header: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"\n{header}\nTroops withdrew.")
    [failure] = _read(path)
    assert isinstance(failure, Failure) and failure.field == "date"
    assert failure.where.endswith("a.txt:2") and "is not a date" in failure.reason


def test_readers_folder_gives_a_notice_per_skipped_file(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "feed.jsonl").write_bytes((fixtures / "articles" / "feed.jsonl").read_bytes())
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "sub" / "README").write_text("notes")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.json").write_text("{}")  # hidden folders are not looked into
    items = _read(tmp_path)
    notices = [x for x in items if isinstance(x, Notice)]
    assert [Path(n.where).name for n in notices] == ["report.docx", "README", "scan.pdf"]
    assert all("skipped" in n.message and ".jsonl" in n.message for n in notices)
    assert ".docx is not an article format" in notices[0].message
    assert [a.id for a in _articles(items)] == ["feed-1", "feed-2"] and not _failures(items)


def test_readers_folder_of_only_other_files_fails_and_notes_them(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04")
    failure, notice = _read(tmp_path)
    assert isinstance(failure, Failure) and "no article files" in failure.reason
    assert isinstance(notice, Notice) and notice.where.endswith("a.docx")


def test_readers_named_files_of_other_kinds(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("Rebels attacked a convoy.")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    article, docx, pdf = _read(tmp_path / "notes.md", tmp_path / "report.docx", tmp_path / "scan.pdf")
    assert isinstance(article, Article) and article.id == "notes"  # named: read as plain text
    assert "binary file: a ZIP archive, such as .docx" in docx.reason
    assert "binary file: a PDF document" in pdf.reason


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.csv", "a.json"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_readers_utf16_and_utf32_with_bom_are_decoded(tmp_path: Path, name: str, codec: str) -> None:
    text = {"a.txt": "date 2020-01-02\nRebels attacked Goma. مرحبا",
            "a.jsonl": json.dumps({"id": "a", "date": "2020-01-02",
                                   "text": "Rebels attacked Goma. مرحبا"}, ensure_ascii=False),
            "a.csv": "id,date,text\na,2020-01-02,Rebels attacked Goma. مرحبا\n",
            "a.json": json.dumps([{"id": "a", "date": "2020-01-02",
                                   "text": "Rebels attacked Goma. مرحبا"}], ensure_ascii=False)}[name]
    raw = text.encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / name).write_bytes(raw)
    [article] = _read(tmp_path / name)
    assert isinstance(article, Article), article
    assert (article.id, article.date, article.text) == ("a", "2020-01-02", "Rebels attacked Goma. مرحبا")


def test_readers_bad_utf16_and_utf8_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfeR\x00\x00\xd8")  # a lone surrogate in UTF-16
    (tmp_path / "latin.txt").write_bytes(b"line one\nCaf\xe9")
    odd, latin = _read(tmp_path / "odd.txt", tmp_path / "latin.txt")
    assert odd.field == "encoding" and odd.reason.startswith("not UTF-16")
    assert latin.field == "encoding" and "byte 0xe9 on line 2" in latin.reason


@pytest.mark.parametrize(("name", "content", "words"), [
    ("e.txt", b"", "empty file"),
    ("e.txt", b" \n\t\r\n", "empty file"),
    ("e.jsonl", b"\n\n  \n", "empty file"),
    ("e.csv", b"\xef\xbb\xbf", "empty file"),
    ("e.txt", "\u3000\u00a0".encode(), "empty file"),
    ("b.txt", bytes(range(256)) * 4, "binary"),
    ("b.jsonl", b"\x1f\x8b\x08\x00" + bytes(64), "gzip"),
    ("h.html", b"<html><head><script>var a = 1;</script></head><body></body></html>",
     "no main text"),
])
def test_readers_empty_binary_and_textless_files_are_named(tmp_path: Path, name: str,
                                                           content: bytes, words: str) -> None:
    (tmp_path / name).write_bytes(content)
    [failure] = _read(tmp_path / name)
    assert isinstance(failure, Failure) and words in failure.reason
    assert "\n" not in str(failure)


def test_readers_oversized_inputs_fail_fast_by_size(tmp_path: Path) -> None:
    import time

    line = tmp_path / "line.txt"
    line.write_bytes(b"a" * (5 * 1024 * 1024))  # a 5 MB single line
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_bytes(b'{"id": "big", "text": "' + b"a" * (9 * 1024 * 1024) + b'"}\n'
                      b'{"id": "small", "text": "Troops withdrew."}\n')
    started = time.perf_counter()
    too_big, too_long, small = _read(line, jsonl)
    stdin = list(read_stdin(None, io.BytesIO(b"a" * (5 * 1024 * 1024))))
    assert time.perf_counter() - started < 5
    assert "5,242,880 bytes, over the 4,000,000 allowed" in too_big.reason
    assert too_long.where.endswith("lines.jsonl:1") and "line is over" in too_long.reason
    assert small.id == "small"
    assert len(stdin) == 1 and "more than 4,000,000 bytes" in stdin[0].reason


def test_readers_odd_but_valid_text_is_read(tmp_path: Path) -> None:
    text = ("\u200bRebels\u200d attacked\u00ad a convoy \u202eمرحبا\u202c near Goma 😀🇨🇩,"
            " עברית \x01\x1b[31m killing 1e400 people.")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j", "text": text}) + "\n"
                                      + json.dumps({"id": "raw", "text": text}, ensure_ascii=False)
                                      .replace("\\u0001", "\x01").replace("\\u001b", "\x1b") + "\n")
    items = _read(tmp_path / "a.txt", tmp_path / "a.jsonl")
    assert [a.text for a in items] == [text, text, text]


def test_readers_huge_numbers_are_named(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": ' + "9" * 5000 + ', "text": "x"}\n'
                    '{"id": ' + "9" * 40 + ', "text": 5, "date": "2020-01-01"}\n'
                    '{"id": "ok", "text": "1e400 killed", "date": 1e400}\n')
    digits, big_id, inf_date = _read(path)
    assert "malformed JSON" in digits.reason and "4300 digits" in digits.reason
    assert big_id.field == "text" and big_id.article_id is None
    assert inf_date.field == "date" and "inf is not a date" in inf_date.reason


def test_readers_a_missing_module_is_a_failure_naming_the_fix(tmp_path: Path, fixtures: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    for name in ("page.html", "feed.jsonl", "feed.csv"):
        (tmp_path / name).write_bytes((fixtures / "articles" / name).read_bytes())
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    items = _read(tmp_path)
    [failure] = _failures(items)
    assert failure.where.endswith("page.html") and failure.reason.startswith("ModuleNotFoundError")
    assert failure.reason.endswith("pip install trafilatura")
    assert [a.id for a in _articles(items)] == ["csv-1", "csv-2", "feed-1", "feed-2"]


def test_readers_unexpected_failure_is_one_line_with_the_fix() -> None:
    from polemos.ingest.readers import unexpected_failure

    # lxml >= 5.2 raises this (two lines, no module name) when lxml_html_clean is missing
    err = ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\n"
                      "Install lxml[html_clean] or lxml_html_clean directly.")
    failure = unexpected_failure(err, "page.html")
    assert "\n" not in str(failure) and str(failure).startswith("page.html: ImportError: lxml.html")
    assert failure.reason.endswith("pip install lxml_html_clean")
    assert unexpected_failure(ValueError("odd\nthing"), "x").reason == "ValueError: odd thing"


class _Interrupted(io.RawIOBase):
    """A stream whose reader is interrupted by the user (Ctrl-C)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise KeyboardInterrupt


def test_readers_keyboard_interrupt_is_not_a_failure() -> None:
    with pytest.raises(KeyboardInterrupt):
        list(read_stdin(None, io.BufferedReader(_Interrupted())))


def test_readers_stdin_streams_json_lines() -> None:
    lines = b"".join(json.dumps({"id": f"s{i}", "text": "Troops withdrew."}).encode() + b"\n"
                     for i in range(3000))  # 150 KB: more than the first chunk looked at
    items = list(read_stdin(None, io.BytesIO(b"\xef\xbb\xbf\n  " + lines + b"{bad\n")))
    assert [a.id for a in _articles(items)][-1] == "s2999" and len(_articles(items)) == 3000
    [failure] = _failures(items)
    assert failure.where == "<stdin>:3002"


def test_readers_docs_state_every_format_field_and_limit() -> None:
    from polemos.ingest import SUFFIXES
    from polemos.ingest.encoding import (
        MAX_ARTICLE_BYTES,
        MAX_FILE_BYTES,
        MAX_HTML_BYTES,
        MAX_LINE_BYTES,
    )

    doc = (Path(__file__).parents[2] / "docs" / "input.md").read_text(encoding="utf-8")
    for suffix in SUFFIXES:
        assert f"`{suffix}`" in doc, suffix
    for field in ("id", "date", "title", "url", "source", "text"):
        assert f"| `{field}`" in doc or f"`{field}` |" in doc or f", `{field}`" in doc, field
    for limit in (MAX_TEXT_CHARS, MAX_ARTICLE_BYTES, MAX_HTML_BYTES, MAX_LINE_BYTES):
        assert f"{limit:,}" in doc, limit
    assert f"{MAX_FILE_BYTES // 2**20} MiB" in doc


def test_readers_jsonl_lines_split_in_bounded_pieces() -> None:
    from polemos.ingest.readers import _byte_lines

    chunks = [b"ab\ncdef", b"gh\nij", b"klmnop", b"q\r\nr"]
    assert list(_byte_lines(chunks, 4)) == [b"ab", None, None, b"r"]
    assert list(_byte_lines([b"abcd\n", b"abcde"], 4)) == [b"abcd", None]


def test_readers_utf16_json_lines_over_the_whole_file_limit_fail(tmp_path: Path) -> None:
    from polemos.ingest.encoding import MAX_FILE_BYTES

    path = tmp_path / "wide.jsonl"
    with path.open("wb") as f:  # a sparse file: its size without writing 128 MB
        f.write(b"\xff\xfe" + '{"text": "x"}\n'.encode("utf-16-le"))
        f.truncate(MAX_FILE_BYTES + 2)
    [failure] = _read(path)
    assert f"over the {MAX_FILE_BYTES:,} allowed (a UTF-16 file" in failure.reason


def test_readers_a_pipe_in_a_folder_fails_instead_of_hanging(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    (tmp_path / "z.txt").write_text("Troops withdrew.")
    failure, article = _read(tmp_path)
    assert failure.where.endswith("pipe.txt") and "not a regular file" in failure.reason
    assert article.id == "z"


def test_readers_a_named_pipe_is_read_as_a_stream(tmp_path: Path) -> None:
    import os
    import threading

    pipe = tmp_path / "feed"
    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("wb") as f:
            f.write(b'{"id": "p1", "date": "2024-01-01", "text": "Troops withdrew."}\n{oops\n')

    writer = threading.Thread(target=write)
    writer.start()
    article, failure = _read(pipe)  # as `polemos code <(zcat feed.jsonl.gz)` gives it
    writer.join()
    assert article.id == "p1" and article.origin == f"{pipe}:1"
    assert failure.where == f"{pipe}:2" and "malformed JSON" in failure.reason


def test_readers_a_byte_not_utf8_fails_its_record_not_the_file(tmp_path: Path) -> None:
    # a JSON array or CSV holds many articles: one record's bad byte must not lose the others
    array = tmp_path / "feed.json"
    array.write_bytes(b'[{"id": "a", "date": "2024-01-02", "text": "Rebels shelled Kidal."},\n'
                      b' {"id": "b", "date": "2024-01-02", "text": "Troops \xed entered Gao."}]')
    table = tmp_path / "feed.csv"
    table.write_bytes(b"id,date,text\nc,2024-01-02,Troops \xe9 entered Gao.\n"
                      b"d,2024-01-02,Rebels shelled Kidal.\n")
    items = list(read_paths([array, table]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "d"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(f.where, f.field) for f in failures] == [(f"{array}[1]", "text"), (f"{table}:2", "text")]
    assert all("not UTF-8 (byte 0x" in f.reason for f in failures)
    assert [f.article_id for f in failures] == ["b", "c"]


@pytest.mark.parametrize("header", ["date 20240304", "date 2024/03/04", "date: 4.3.2024",
                                    "date 2019-12-30-ish", "date yesterday"])
def test_readers_txt_date_header_of_another_shape_is_named(tmp_path: Path, header: str) -> None:
    # a digit after "date" is a header: read as YYYY-MM-DD or named, never silently text
    path = tmp_path / "a.txt"
    path.write_text(f"{header}\nRebels shelled Kidal.\n")
    (item,) = read_paths([path])
    assert isinstance(item, Failure) and item.where == f"{path}:1" and item.field == "date"
    assert "expected YYYY-MM-DD" in item.reason
