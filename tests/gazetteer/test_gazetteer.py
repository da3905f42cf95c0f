"""The place index: spelling keys, lookups by prior, additions, and clear errors on bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from polemos.errors import GazetteerError, KnowledgeError
from polemos.gazetteer.additions import load_additions
from polemos.gazetteer.lookup import Gazetteer
from polemos.gazetteer.names import name_key, skeleton_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()  # the shared cache file; built once on first use


@pytest.mark.parametrize(("one", "other"), [
    ("Deir ez-Zor", "Deir el-Zor"),
    ("Al-Qa'im", "Qaim"),
    ("Qayyarah", "Qayarah"),
    ("U.S.", "US"),
    ("the Gambia", "Gambia"),
    ("Ḥalab", "Halab"),
])
def test_names_variants_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


def test_names_abbreviation_is_not_the_word() -> None:
    assert name_key("Man.") != name_key("Man")
    assert skeleton_key("Deir el-Zour") == skeleton_key("Deir ez-Zor")


def test_gazetteer_lookup_ranks_countries_and_capitals_first(gazetteer: Gazetteer) -> None:
    georgia = gazetteer.lookup("Georgia")
    assert georgia[0].country == "GEO" and georgia[0].feature == "A.PCLI"
    assert any(p.country == "USA" and p.feature == "A.ADM1" for p in georgia)
    assert gazetteer.lookup("Damascus")[0].country == "SYR"
    us = gazetteer.lookup("U.S.")[0]
    assert (us.country, us.precision) == ("USA", "country")
    assert us.lat == pytest.approx(39.76, abs=0.5)


def test_gazetteer_lookup_finds_cities_with_coordinates(gazetteer: Gazetteer) -> None:
    mosul = gazetteer.lookup("Mosul")[0]
    assert mosul.country == "IRQ" and mosul.precision == "city"
    assert mosul.lat == pytest.approx(36.34, abs=0.1) and mosul.lon == pytest.approx(43.12, abs=0.1)
    assert mosul.geonames_id is not None


def test_gazetteer_additions_and_aliases(gazetteer: Gazetteer) -> None:
    zone = gazetteer.lookup("Green Zone")[0]
    assert (zone.country, zone.source) == ("IRQ", "polemos")
    assert gazetteer.lookup("Ain al-Asad")[0].feature == "S.AIRB"
    gayara = gazetteer.lookup("Gayara")[0]
    assert gayara.country == "IRQ" and abs(gayara.lat - 35.8) < 0.2
    assert gazetteer.lookup("Calif.")[0].name == "California"


def test_gazetteer_subdivisions_have_centres(gazetteer: Gazetteer) -> None:
    texas = next(p for p in gazetteer.lookup("Texas") if p.feature == "A.ADM1")
    assert texas.country == "USA" and 28 < texas.lat < 34 and -104 < texas.lon < -94


def test_gazetteer_missing_file_without_build_raises(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(tmp_path / "none.sqlite", build=False)
    assert "polemos gazetteer build" in str(info.value)


def test_gazetteer_wrong_version_raises(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('version', '0')")
    db.commit()
    db.close()
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(path)
    assert "version 0" in str(info.value) and "polemos gazetteer build" in str(info.value)


def test_gazetteer_corrupt_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(path)
    assert str(path) in str(info.value)


def test_additions_report_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "additions.yaml"
    path.write_text(
        "origin: test\nlicence: MIT\nplaces:\n"
        "  - name: Camp Nowhere\n    lat: 95\n    lon: 44\n    feature: S.MILB\n    source: x\n"
        "  - name: Camp Elsewhere\n    lat: 33\n    lon: 44\n    feature: X.BAD\n    source: x\n"
        "aliases:\n  - {alias: Foo}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_additions(path)
    problems = info.value.problems
    assert len(problems) == 4
    assert any(f"{path}:4: lat:" in p for p in problems)
    assert any(f"{path}:9: feature:" in p for p in problems)
    assert any(f"{path}:15: name: missing" in p for p in problems)


def test_gazetteer_holds_us_counties_in_their_states(gazetteer) -> None:
    cook = gazetteer.candidates("Cook County")
    assert cook and all(c.place.feature == "A.ADM2" for c in cook)
    assert cook[0].place.admin1 == "Illinois"  # the largest namesake first
    assert {c.place.admin1 for c in gazetteer.candidates("Orleans Parish")} >= {"Louisiana"}


def test_gazetteer_us_towns_carry_their_own_state(gazetteer) -> None:
    houston = gazetteer.candidates("Houston")[0].place
    assert houston.admin1 == "Texas" and houston.country == "USA"
    capital = gazetteer.candidates("Washington")[0].place
    assert capital.admin1 == "District of Columbia"


@pytest.mark.parametrize(("name", "country", "geonames_id", "lat", "lon"), [
    ("Alberta", "CAN", 5883102, 52.28333, -117.469),  # its towns crowd the south: their centre is off
    ("Anbar", "IRQ", 99592, 33.54402, 41.31751),
    ("Idlib", "SYR", 169387, 35.76667, 36.66667),
])
def test_gazetteer_provinces_stand_at_geonames_points(gazetteer: Gazetteer, name: str, country: str,
                                                      geonames_id: int, lat: float,
                                                      lon: float) -> None:
    province = next(p for p in gazetteer.lookup(name)
                    if p.feature == "A.ADM1" and p.country == country)
    assert province.lat is not None and province.lon is not None
    assert abs(province.lat - lat) < 0.01 and abs(province.lon - lon) < 0.01
    assert province.geonames_id == geonames_id


def test_gazetteer_countries_stand_at_geonames_points(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.lookup("Iraq")[0]
    assert (iraq.lat, iraq.lon, iraq.geonames_id) == (33.0, 44.0, 99237)


def test_gazetteer_build_prunes_only_older_indexes(tmp_path: Path) -> None:
    from polemos.gazetteer.lookup import prune_older

    for name in ("gazetteer-v2.sqlite", "gazetteer-v4.sqlite", "gazetteer-v9.sqlite", "notes.sqlite"):
        (tmp_path / name).write_bytes(b"x")
    assert prune_older(tmp_path, 4) == [tmp_path / "gazetteer-v2.sqlite"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-v4.sqlite", "gazetteer-v9.sqlite", "notes.sqlite"]
