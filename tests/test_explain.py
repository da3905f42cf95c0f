"""`polemos explain` codes a sentence by the path `polemos code` takes, then says why."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from polemos.cli import cli
from polemos.explain import explain, format_explanation

# (sentence, publication date): each gives at least one mention
SENTENCES = [
    ("US attacks in Iraq struck near a city on the Syrian border.", "2024-02-03"),
    ("Rebels attacked an army post near Goma on Monday, killing three soldiers.", "2024-05-01"),
    ("Police arrested ten protesters in Nairobi on Tuesday.", "2023-07-12"),
    ("Russian forces shelled Kharkiv on Tuesday.", "2022-03-01"),
]


def _essentials(record: dict) -> tuple:
    """What a user compares: type, parties, when, where and how many."""
    def parties(ps: list[dict]) -> tuple:
        return tuple((p["text"], p.get("country"), p.get("sector")) for p in ps)

    place = record.get("location") or {}
    return (record["event_type"], record["cameo"], record["trigger"]["text"],
            parties(record["actors"]), parties(record["recipients"]), record["date"],
            record["date_precision"], place.get("name"), place.get("lat"), place.get("lon"),
            record["dead"], record["injured"], record["arrested"])


@pytest.mark.parametrize(("sentence", "date"), SENTENCES)
def test_explain_agrees_with_code(knowledge, sentence: str, date: str) -> None:  # noqa: ARG001
    runner = CliRunner()
    coded = runner.invoke(cli, ["code", "-", "--no-db", "--date", date, "--format", "jsonl"],
                          input=sentence)
    explained = runner.invoke(cli, ["explain", sentence, "--date", date, "--json"])
    assert coded.exit_code == explained.exit_code == 0, coded.output + explained.output
    from_code = [_essentials(json.loads(line)) for line in coded.stdout.splitlines()]
    from_explain = [_essentials(m) for m in json.loads(explained.stdout)["mentions"]]
    assert from_code and from_explain == from_code


def test_explain_shows_when_and_where(knowledge) -> None:
    sentence, date = SENTENCES[0]
    result = explain(sentence, date, knowledge)
    assert [m["date"] for m in result["mentions"]] == ["2024-02-03"]
    assert result["mentions"][0]["location"]["country"] == "IRQ"
    text = format_explanation(result)
    assert "when: 2024-02-03 (day, from the published date); where: Iraq, IRQ" in text
    assert "triggers:" in text and "struck" in text
