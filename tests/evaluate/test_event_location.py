"""The event-location scorer on our own sentences: reading the gold, the arithmetic, and the CLI."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from polemos.cli import cli
from polemos.errors import InputError
from polemos.evaluate.event_location import (
    GoldEvent,
    format_event_location,
    read_event_gold,
    score_event_location,
)
from polemos.model import Mention, Place, TextSpan

SAMPLE = Path(__file__).parent.parent / "fixtures" / "evaluate" / "event_location_sample.json"


def test_reads_gold_records_and_counts_those_left_out() -> None:
    events, left = read_event_gold(SAMPLE)
    assert left == {"rejected": 1, "without_verb": 1}  # the OTHER-source record is not gold
    assert [e.id for e in events] == ["own_0", "own_1", "own_2", "own_3"]
    first = events[0]
    assert first.text[slice(*first.verb)] == "attacked"
    assert [first.text[a:b] for a, b in first.places] == ["Mosul"]
    # the span's own offsets are wrong (0, 0): the tokens give the right ones
    second = events[1]
    assert [second.text[a:b] for a, b in second.places] == ["Kirkuk"]
    assert events[2].places == ()


def test_reads_the_same_gold_from_a_zip_and_from_jsonl(tmp_path: Path) -> None:
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))
    packed = tmp_path / "gold.zip"
    with zipfile.ZipFile(packed, "w") as zf:
        zf.writestr("__MACOSX/._gold.json", "junk")
        zf.writestr("gold.json", json.dumps(rows))
    lines = tmp_path / "gold.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert read_event_gold(packed) == read_event_gold(SAMPLE) == read_event_gold(lines)


def _place(text: str, feature: str, precision: str) -> Place:
    return Place(text, lat=1.0, lon=1.0, feature=feature, precision=precision, text=text)  # type: ignore[arg-type]


def _mention(doc: str, sentence: str, trigger: str, place: Place | None,
             confidence: float = 0.5) -> Mention:
    at = sentence.index(trigger)
    return Mention(id=doc + trigger, doc_id=doc, sentence_index=0, text=sentence,
                   trigger=TextSpan(trigger, at, at + len(trigger)), event_type="ASSAULT",
                   location=place, confidence=confidence)


def _gold(text: str, verb: str, *places: str) -> GoldEvent:
    at = text.index(verb)
    spans = tuple((text.index(p), text.index(p) + len(p)) for p in places)
    return GoldEvent(verb, text, (at, at + len(verb)), spans)


def test_scores_each_outcome_exactly() -> None:
    s = ["Rebels attacked a post in Mosul.", "Troops shelled Kirkuk, officials in Erbil said.",
         "Gunmen killed two men in Basra.", "U.S. troops raided a house.",
         "Police arrested a man.", "Militants fired rockets near Tikrit."]
    events = [_gold(s[0], "attacked", "Mosul"), _gold(s[1], "shelled", "Kirkuk"),
              _gold(s[2], "killed", "Basra"), _gold(s[3], "raided"),
              _gold(s[4], "arrested"), _gold(s[5], "fired", "Tikrit")]
    city = "P.PPL"
    mentions = [
        _mention("el0", s[0], "attacked", _place("Mosul", city, "city")),  # right place
        _mention("el1", s[1], "shelled", _place("Erbil", city, "city")),  # wrong place
        # a place one grain coarser than its own is no claim: none chosen
        _mention("el2", s[2], "killed", _place("Basra", city, "admin1")),
        _mention("el3", s[3], "raided", _place("U.S.", "A.PCLI", "country")),  # spurious
        _mention("el4", s[4], "arrested", None),  # right: no place
        # el5 has no mention on its verb: not covered; a mention on another word does not count
        _mention("el5", s[5], "rockets", _place("Tikrit", city, "city")),
    ]
    r = score_event_location(events, mentions)
    assert r["scored"] == 5 and r["coverage"] == 5 / 6
    assert r["right_place"] == 1 and r["right_none"] == 1
    assert r["errors"] == {"wrong_place": 1, "none_chosen": 1, "spurious_place": 1}
    assert r["accuracy"] == 2 / 5 and r["overall_accuracy"] == 2 / 6
    assert r["with_place"] == 3 and r["right_place_given_event"] == 1 / 3
    text = format_event_location({"records": 6, "rejected": 0, "without_verb": 0,
                                  "gold_with_place": 4, "end_to_end": r})
    assert text.startswith("event-location: accuracy 0.400 on covered events, coverage 0.833")


def test_the_most_confident_mention_on_the_verb_is_scored() -> None:
    s = "Rebels attacked a post in Mosul near Kirkuk."
    events = [_gold(s, "attacked", "Mosul")]
    mentions = [_mention("el0", s, "attacked", _place("Kirkuk", "P.PPL", "city"), 0.4),
                _mention("el0", s, "attacked", _place("Mosul", "P.PPL", "city"), 0.9)]
    assert score_event_location(events, mentions)["right_place"] == 1


@pytest.mark.parametrize(("content", "field", "where"), [
    ("[{\"source\": \"RELABEL\", \"text\": 3}]", "text", ":record 0"),
    ("[{\"source\": \"RELABEL\", \"text\": \"a b\", \"tokens\": [], \"spans\": "
     "[{\"label\": \"VERB\", \"token_start\": 0, \"token_end\": 4}]}]", "spans", ":record 0"),
    ("[{\"source\": \"RELABEL\", \"text\": \"a b\", \"tokens\": [{\"start\": 0, \"end\": 9}], "
     "\"spans\": [{\"label\": \"VERB\", \"token_start\": 0, \"token_end\": 0}]}]", "tokens",
     ":record 0"),
    ("[{\"source\": \"OTHER\", \"text\": \"a\"}]", "source", ""),
])
def test_bad_gold_names_where_and_field(tmp_path: Path, content: str, field: str,
                                        where: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_event_gold(path)
    assert caught.value.field == field and caught.value.where == f"{path}{where}"


def test_unreadable_gold_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text("[{\"source\": ", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        read_event_gold(path)
    with pytest.raises(InputError, match="cannot read"):
        read_event_gold(tmp_path / "missing.json")


@pytest.fixture(scope="module")
def runner(knowledge) -> CliRunner:  # noqa: ARG001 - shared knowledge loaded once
    return CliRunner()


def test_cli_scores_the_sample(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["evaluate", "--kind", "event-location", "--gold", str(SAMPLE),
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["records"], report["rejected"], report["without_verb"]) == (4, 1, 1)
    assert report["gold_with_place"] == 3
    oracle = report["oracle"]  # the gold verb as trigger: only our linking is measured
    assert oracle["scored"] == 4 and oracle["right_place"] == 3 and oracle["right_none"] == 1
    assert oracle["errors"] == {"wrong_place": 0, "none_chosen": 0, "spurious_place": 0}
    assert report["end_to_end"]["coverage"] >= 0.75
    assert report["end_to_end"]["right_place"] >= 2


def test_cli_bad_gold_is_one_line_not_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("[{\"source\": \"RELABEL\", \"text\": 3}]", encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", "--kind", "event-location", "--gold", str(bad)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "record 0" in result.output and "text" in result.output
