"""Demonyms as toponyms in ``polemos geoparse --demonyms`` (issue 14): a country's adjective is
a toponym of that country only on request, and never an event's place. Our own sentences."""

from __future__ import annotations

import json
import subprocess
import sys

from polemos.model import Article
from polemos.pipeline import geoparse_article

TEXT = ("Turkish troops and Canadian aid workers met Iraqi officials in Ankara on Monday, "
        "while Sunni clerics and Arab states looked on.")


def _countries(toponyms) -> dict[str, str]:
    return {t.span.text: t.place.country for t in toponyms if t.place is not None}


def test_demonyms_name_their_country_when_asked(knowledge) -> None:
    found = _countries(geoparse_article(Article("d", TEXT, "2024-03-01"), knowledge,
                                        demonyms=True))
    assert found["Turkish"] == "TUR" and found["Canadian"] == "CAN" and found["Iraqi"] == "IRQ"
    assert found["Ankara"] == "TUR"
    # a religion or a people of many countries is no country
    assert "Sunni" not in found and "Arab" not in found


def test_demonyms_are_off_by_default(knowledge) -> None:
    found = _countries(geoparse_article(Article("d", TEXT, "2024-03-01"), knowledge))
    assert set(found) == {"Ankara"}


def test_demonyms_cli_flag(tmp_path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "date": "2024-03-01", "text": TEXT}) + "\n")
    run = subprocess.run([sys.executable, "-m", "polemos", "geoparse", str(path), "--format",
                          "jsonl", "--demonyms"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    texts = [json.loads(line)["text"] for line in run.stdout.splitlines() if line.startswith("{")]
    assert texts == ["Turkish", "Canadian", "Iraqi", "Ankara"]
