"""Content identity: one text is one article; a known id with a new text or date is an update."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from polemos.cli import cli
from polemos.identity import Decision, decide, text_key, version
from polemos.model import Article

TEXT = "Rebels attacked an army post near Goma."


def _stored(*articles: Article) -> tuple[dict, dict]:
    return {a.id: version(a) for a in articles}, {text_key(a.text): a.id for a in articles}


def test_identity_text_key_ignores_whitespace_not_words() -> None:
    assert text_key(TEXT) == text_key(f"  {TEXT}\n") == text_key(TEXT.replace(" ", "\n  "))
    assert text_key(TEXT) != text_key(TEXT.replace("Goma", "Bunia"))
    assert text_key("Cafe\u0301 bombed.") == text_key("Caf\u00e9 bombed.")  # NFC


def test_identity_same_text_under_another_id_is_one_article() -> None:
    stored, texts = _stored(Article("a", TEXT, "2024-01-02"))
    copy = Article("stdin-9f2", TEXT + "\n", "2024-01-05", title="Another title")
    assert decide(copy, {}, {}, stored, texts) == Decision("same_text", "a")


def test_identity_unchanged_is_skipped_changed_is_an_update() -> None:
    stored, texts = _stored(Article("a", TEXT, "2024-01-02"))
    assert decide(Article("a", TEXT, "2024-01-02"), {}, {}, stored, texts).action == "skip"
    assert decide(Article("a", TEXT, "2024-01-03"), {}, {}, stored, texts).action == "update"
    edited = Article("a", TEXT.replace("Goma", "Bunia"), "2024-01-02")
    assert decide(edited, {}, {}, stored, texts).action == "update"
    assert decide(edited, {}, {}, stored, texts, on_change="keep").action == "keep"


def test_identity_two_texts_under_one_id_in_one_run_are_ambiguous() -> None:
    first = Article("a", TEXT, "2024-01-02", origin="feed.jsonl:1")
    run = {"a": first}
    assert decide(Article("a", "Police arrested ten protesters."), run, {}, {}, {}) == Decision(
        "ambiguous", "feed.jsonl:1")
    assert decide(Article("a", TEXT, "2024-01-02"), run, {}, {}, {}).action == "skip"


def test_identity_new_text_is_coded() -> None:
    stored, texts = _stored(Article("a", TEXT, "2024-01-02"))
    assert decide(Article("b", "Police arrested ten protesters."), {}, {}, stored, texts) == Decision(
        "code")


# --- through `polemos code` and a real store -------------------------------------------------

STORY = ("Rebels attacked an army post near Goma on Monday, killing four soldiers. "
         "Police arrested ten suspects in Goma.")


def _mention_ids(db: str) -> list[str]:
    con = duckdb.connect(db, read_only=True)
    ids = [i for (i,) in con.execute("SELECT id FROM mentions ORDER BY id").fetchall()]
    con.close()
    return ids


def test_identity_same_text_any_route_is_stored_once(tmp_path: Path, knowledge) -> None:  # noqa: ARG001 - in-process CLI shares the loaded model
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text(f"date 2024-05-06\n{STORY}\n")
    (news / "feed.jsonl").write_text(json.dumps({"id": "feed-1", "date": "2024-05-06",
                                                 "title": "Goma attack", "text": STORY}) + "\n")
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    first = runner.invoke(cli, ["code", str(news), "--db", db, "--format", "jsonl"])
    assert first.exit_code == 0, first.stderr
    assert "1 article coded (2 mentions), 1 the same text as another article;" in first.stderr
    mentions = _mention_ids(db)
    assert mentions and {r["doc_id"] for r in map(json.loads, first.stdout.splitlines())} == {"feed-1"}
    piped = runner.invoke(cli, ["code", "-", "--db", db, "--date", "2024-05-06"], input=STORY + "\n")
    assert piped.exit_code == 0 and "0 articles coded, 1 the same text as another article;" in piped.stderr
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT id FROM articles").fetchall() == [("feed-1",)]
    assert con.execute("SELECT articles_read, articles_coded, articles_skipped, mentions FROM runs "
                       "ORDER BY started").fetchall() == [(2, 1, 1, len(mentions)), (1, 0, 1, 0)]
    con.close()
    assert _mention_ids(db) == mentions


def test_identity_new_date_is_an_update_and_a_rerun_changes_nothing(tmp_path: Path,
                                                                    knowledge) -> None:  # noqa: ARG001
    feed = tmp_path / "feed.jsonl"
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    feed.write_text(json.dumps({"id": "x", "date": "2024-05-06", "text": STORY}) + "\n")
    assert runner.invoke(cli, ["code", str(feed), "--db", db]).exit_code == 0
    feed.write_text(json.dumps({"id": "x", "date": "2024-06-10", "text": STORY}) + "\n")
    updated = runner.invoke(cli, ["code", str(feed), "--db", db, "--format", "jsonl"])
    assert updated.exit_code == 0 and "0 articles coded, 1 updated;" in updated.stderr
    records = [json.loads(line) for line in updated.stdout.splitlines()]
    assert records and {r["published"] for r in records} == {"2024-06-10"}
    assert _mention_ids(db) == sorted(r["id"] for r in records)  # the old ones are gone
    again = runner.invoke(cli, ["code", str(feed), "--db", db, "--format", "jsonl"])
    assert again.exit_code == 0
    assert "0 articles coded, 1 already stored (2 mentions); 2 mentions printed" in again.stderr
    assert again.stdout == updated.stdout and _mention_ids(db) == sorted(r["id"] for r in records)
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT date::VARCHAR FROM articles").fetchall() == [("2024-06-10",)]
    assert con.execute("SELECT articles_coded, articles_updated, articles_skipped FROM runs "
                       "ORDER BY started").fetchall() == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    con.close()
