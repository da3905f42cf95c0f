"""Content identity: one text is one article; a known id with a new text or date is an update."""

from __future__ import annotations

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
