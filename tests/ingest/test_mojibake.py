"""Mojibake (UTF-8 read as Windows-1252) is repaired at ingest; correct text is left as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polemos.ingest import read_paths
from polemos.ingest.mojibake import repair
from polemos.model import Article


@pytest.mark.parametrize(("broken", "fixed"), [
    ("the districtâ€™s police", "the district’s police"),            # right single quote
    ("â€œwe will not spare themâ€\x9d, the sp said", "“we will not spare them”, the sp said"),
    ("two constables were bookedÂ under section 302", "two constables were booked under section 302"),
    ("a curfew â€“ the third this year", "a curfew – the third this year"),  # en dash
    ("Ã‰douard, a cafÃ© owner", "Édouard, a café owner"),           # accented letters
])
def test_mojibake_repairs_double_decoded_text(broken: str, fixed: str) -> None:
    assert repair(broken) == fixed


@pytest.mark.parametrize("clean", [
    "Police in São Paulo detained a naïve man’s “friend” – twice.",
    "Rebels attacked a convoy near Aleppo.",
    "Ahmed said: «no», and left €5 on the table.",
    "line one\r\nline two &amp; more",
])
def test_mojibake_leaves_correct_text_alone(clean: str) -> None:
    assert repair(clean) == clean


def test_mojibake_repaired_in_every_format(tmp_path: Path) -> None:
    text = "the villageâ€™s headman was beaten by a mob, police said"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": text}) + "\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text(f'id,text\nc,"{text}"\n', encoding="utf-8")
    articles = [a for a in read_paths([str(tmp_path)]) if isinstance(a, Article)]
    assert len(articles) == 3
    assert {a.text.strip() for a in articles} == {
        "the village’s headman was beaten by a mob, police said"}
