"""Demonyms as toponyms in ``polemos geoparse --demonyms`` (issue 14): a country's adjective is
a toponym of that country by default (``--no-demonyms`` turns it off), and never an event's
place. Our own sentences."""

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


def test_demonyms_are_left_out_on_request(knowledge) -> None:
    found = _countries(geoparse_article(Article("d", TEXT, "2024-03-01"), knowledge,
                                        demonyms=False))
    assert set(found) == {"Ankara"}


def _geoparse(tmp_path, *flags: str) -> list[str]:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "date": "2024-03-01", "text": TEXT}) + "\n")
    run = subprocess.run([sys.executable, "-m", "polemos", "geoparse", str(path), "--format",
                          "jsonl", *flags], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return [json.loads(line)["text"] for line in run.stdout.splitlines() if line.startswith("{")]


def test_demonyms_cli_default_and_flag(tmp_path) -> None:
    assert _geoparse(tmp_path) == ["Turkish", "Canadian", "Iraqi", "Ankara"]
    assert _geoparse(tmp_path, "--no-demonyms") == ["Ankara"]
