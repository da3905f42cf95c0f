"""The PETRARCH unit-test scorer: reproduced and extra codings on hand-made mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.evaluate.petrarch import read_records, score_petrarch
from polemos.model import Actor, Mention, TextSpan

RECORDS = """<Validation><Sentences>
<Sentence date="19950101" id="T-1" category="T" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="190"></EventCoding>
<Text>Arnor attacked Gondor.</Text></Sentence>
<Sentence date="19950102" id="T-2" category="T" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor said nothing.</Text></Sentence>
</Sentences></Validation>"""


def mention(doc: str, cameo: str, src: str, tgt: str) -> Mention:
    return Mention(id=doc + cameo, doc_id=doc, sentence_index=0, text="", event_type="ASSAULT",
                   trigger=TextSpan("x", 0, 1), cameo=cameo, actors=(Actor("a", country=src),),
                   recipients=(Actor("b", country=tgt),))


def test_petrarch_reads_records(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_text(RECORDS)
    recs = read_records(path)
    assert [r["id"] for r in recs] == ["T-1", "T-2"]
    assert recs[0]["date"] == "1995-01-01"
    assert recs[0]["codings"] == [("ARNGOV", "GON", "190")] and recs[1]["codings"] == []


def test_petrarch_scores_exact_root_and_extra(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_text(RECORDS)
    recs = read_records(path)
    got = score_petrarch(recs, {"T-1": [mention("T-1", "193", "ARN", "GON")],
                                "T-2": [mention("T-2", "190", "ARN", "GON")]})
    assert got["expected"] == 1
    assert got["reproduced"] == 0.0
    assert got["reproduced_root"] == pytest.approx(1.0)
    assert got["extra"] == pytest.approx(1.0)
