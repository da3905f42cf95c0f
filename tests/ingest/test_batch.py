"""Readers inside a real run: one broken file never costs the others, and notices reach the user.

Real parts throughout: the shared spaCy knowledge, DuckDB stores in tmp_path, the CLI in a
subprocess (issue 12).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import polemos
from polemos.model import Notice


def _copy(fixtures: Path, folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes((fixtures / "articles" / name).read_bytes())


def test_batch_a_broken_file_costs_no_other_article(knowledge, fixtures: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    news = tmp_path / "news"
    news.mkdir()
    _copy(fixtures, news, "page.html", "feed.jsonl", "feed.csv")
    (news / "deep.jsonl").write_text("[" * 100_000 + "\n")
    (news / "odd.jsonl").write_text('{"id": "odd\\ud800", "date": "2024-01-01", '
                                    '"title": "\\udfff", "text": "Rebels \\ud800attacked a convoy."}\n')
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # the HTML extractor cannot be imported
    db = tmp_path / "s.duckdb"
    with polemos.open_store(db) as store:
        result = polemos.code_paths([news], knowledge=knowledge, store=store)
    assert sorted(f.where.rsplit("/", 1)[1] for f in result.failures) == ["deep.jsonl:1", "page.html"]
    con = duckdb.connect(str(db), read_only=True)
    ids = sorted(r[0] for r in con.execute("SELECT id FROM articles").fetchall())
    assert ids == ["csv-1", "csv-2", "feed-1", "feed-2", "odd\ufffd"]
    errors = dict(con.execute('SELECT "where", error FROM failures').fetchall())
    assert errors[str(news / "page.html")].endswith("pip install trafilatura")
    assert con.execute("SELECT status, articles_read FROM runs").fetchall() == [("done", 5)]
    con.close()


def test_batch_notices_name_skipped_files_and_undated_articles(knowledge, tmp_path: Path) -> None:
    (tmp_path / "dated.jsonl").write_text(
        json.dumps({"id": "d", "date": "2024-01-01", "text": "Rebels attacked a convoy."}) + "\n"
        + json.dumps({"id": "u", "text": "Troops withdrew from the town."}) + "\n")
    (tmp_path / "plain.txt").write_text("Police arrested ten protesters.")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    result = polemos.code_paths([tmp_path], knowledge=knowledge)
    assert not result.failures and result.articles_coded == 3
    assert [(Path(n.where).name, n.message.split(":")[0]) for n in result.notices] == [
        ("dated.jsonl:2", "has no date; give --date or a date field"),
        ("plain.txt", "has no date; give --date or a date field"),
        ("report.docx", "skipped")]
    assert all(isinstance(n, Notice) for n in result.notices)
    dated = polemos.code_paths([tmp_path / "plain.txt"], knowledge=knowledge, default_date="2024-01-02")
    assert dated.notices == []


def test_batch_cli_prints_notes_on_stderr_and_exits_0(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "feed.jsonl").write_text(
        json.dumps({"id": "d", "date": "2024-01-01", "text": "Rebels attacked a convoy."}) + "\n")
    (news / "plain.txt").write_text("Police arrested ten protesters.")
    for n in range(12):
        (news / f"scan{n:02}.pdf").write_bytes(b"%PDF-1.4\n")
    done = subprocess.run([sys.executable, "-m", "polemos", "code", str(news), "--no-db",
                           "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if line.startswith("polemos: note: ")]
    assert notes[0] == f"polemos: note: {news / 'plain.txt'}: has no date; give --date or a date field"
    assert notes[1].startswith(f"polemos: note: {news / 'scan00.pdf'}: skipped: .pdf is not")
    # ten of a kind are shown, the rest counted (a store would keep all in its notices table)
    assert len(notes) == 12 and notes[-1].startswith("polemos: note: and 2 more: skipped: .pdf")
    assert "Traceback" not in done.stderr
    assert all(json.loads(line)["doc_id"] in {"d", "plain"} for line in done.stdout.splitlines())
