"""Data-file reading: YAML with line marks, TSV with origin/licence headers, collected problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from polemos.datafiles import (
    Problems,
    check_header,
    end_of,
    parse_iso_date,
    read_tsv,
    read_yaml,
    write_tsv,
)
from polemos.errors import KnowledgeError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_yaml_keeps_the_line_of_every_node(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", (
        "origin: test\n"
        "licence: MIT\n"
        "people:\n"
        "  - id: someone\n"
        "    names: [A Person]\n"
        "    roles:\n"
        "      - {country: NOR, from: 2015-03-01}\n"
        "      - country: SWE\n"
        "        from: 2020-01-01\n"))
    data, line_of = read_yaml(path)
    assert data["people"][0]["roles"][0]["from"] == "2015-03-01"  # dates stay ISO strings
    assert line_of(("people", 0, "names")) == 5
    assert line_of(("people", 0, "roles", 1, "from")) == 9
    assert line_of(("people", 0, "missing_key")) == 4  # the nearest parent


def test_read_yaml_names_file_and_line_of_a_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.yaml", "origin: x\nlicence: y\npeople:\n  - id: [unclosed\n")
    with pytest.raises(KnowledgeError) as err:
        read_yaml(path)
    assert str(err.value).startswith(f"{path}:")
    assert err.value.where is not None and err.value.where.split(":")[-1].isdigit()


def test_check_header_reports_a_missing_licence(tmp_path: Path) -> None:
    path = write(tmp_path / "h.yaml", "origin: somewhere\npeople: []\n")
    data, line_of = read_yaml(path)
    problems = Problems()
    check_header(data, path, line_of, problems)
    assert [p.field for p in problems.items] == ["licence"]
    assert "expected" in problems.lines()[0]


def test_read_tsv_reads_header_columns_and_row_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    write_tsv(path, {"origin": "test", "licence": "MIT"}, ("id", "name"),
              [("a", "Alpha"), ("b", None)])
    tsv = read_tsv(path, required=("id",))
    assert tsv.header == {"origin": "test", "licence": "MIT"}
    assert tsv.columns == ("id", "name")
    assert [(r.line, r.get("id"), r.get("name")) for r in tsv.rows] == [(4, "a", "Alpha"),
                                                                        (5, "b", None)]


def test_read_tsv_reports_every_bad_row_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.tsv", "# origin: test\nid\tname\na\tAlpha\tExtra\nb\n")
    with pytest.raises(KnowledgeError) as err:
        read_tsv(path)
    lines = err.value.problems
    assert any(line.startswith(f"{path}:3: row:") for line in lines)
    assert any(line.startswith(f"{path}:4: row:") for line in lines)
    assert any(": licence: " in line for line in lines)  # the header line is missing too


def test_problems_raise_one_error_listing_all() -> None:
    problems = Problems()
    problems.add("x.yaml", 3, "people[0].from", "'2019-13-01' is not a date", "YYYY-MM-DD")
    problems.add("x.yaml", 7, "people[1].sector", "'ARMY' is not a sector")
    with pytest.raises(KnowledgeError) as err:
        problems.raise_if_any()
    assert err.value.problems == (
        "x.yaml:3: people[0].from: '2019-13-01' is not a date (expected YYYY-MM-DD)",
        "x.yaml:7: people[1].sector: 'ARMY' is not a sector")


@pytest.mark.parametrize("value, start, end", [
    ("2019-07-04", "2019-07-04", "2019-07-04"),
    ("2019-02", "2019-02-01", "2019-02-28"),
    ("2020", "2020-01-01", "2020-12-31"),
])
def test_partial_dates_widen_to_their_first_and_last_day(value: str, start: str, end: str) -> None:
    assert parse_iso_date(value) == start
    assert end_of(value) == end


@pytest.mark.parametrize("value", ["2019-13-01", "20190704", "July 2019", ""])
def test_non_iso_dates_are_rejected(value: str) -> None:
    assert parse_iso_date(value) is None
