"""`polemos incidents` and `polemos export --table incidents` on a real coded store; one real
`polemos code` subprocess re-run (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import polemos
from polemos.cli import cli
from polemos.pipeline import code_articles
from polemos.schema import INCIDENT_CSV_COLUMNS, TABLES

NEWS = Path(__file__).parent / "fixtures" / "incidents" / "news.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, knowledge: Any) -> Path:
    path = tmp_path_factory.mktemp("cli") / "news.duckdb"
    with polemos.open_store(path) as store:
        assert not code_articles(polemos.read_articles([NEWS]), knowledge, store=store).failures
    return path


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), prog_name="polemos")


def test_cli_incidents_table_reads(db: Path) -> None:
    result = _run("incidents", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    n = len(polemos.incidents(db))
    assert f"{n} incidents" in result.stdout and "actors → recipients" in result.stdout
    assert "Maiduguri" in result.stdout and "Gunmen killed two soldiers" in result.stdout
    assert result.stderr.strip() == f"polemos: {n} incidents"


def test_cli_incidents_jsonl_is_the_api(db: Path) -> None:
    result = _run("incidents", "--db", str(db), "--format", "jsonl", "--type", "ASSAULT",
                  "--since", "2024-03")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and records == polemos.incidents(db, event_type="ASSAULT", since="2024-03")


def test_cli_incidents_csv_has_flat_cells(db: Path) -> None:
    result = _run("incidents", "--db", str(db), "--format", "csv", "--place", "Nigeria")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == INCIDENT_CSV_COLUMNS
    assert len(rows) == len(polemos.incidents(db, place="NGA"))
    assert all(r["location_country"] == "NGA" for r in rows)
    assert any(r["recipients"].startswith("NGA MIL") for r in rows)  # parties as labels, not structs


@pytest.mark.parametrize(("args", "option"), [
    (("--since", "2024-02-30"), "--since"), (("--until", "March"), "--until"),
    (("--type", "BOMBING"), "--type"), (("--limit", "0"), "--limit"),
    (("--since", "2024-03-05", "--until", "2024-03-01"), "--until"),
])
def test_cli_incidents_bad_argument_exits_2(db: Path, args: tuple[str, ...], option: str) -> None:
    result = _run("incidents", "--db", str(db), *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Error: Invalid value for {option}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_incidents_no_match_is_empty_with_a_note(db: Path) -> None:
    for args in (("--actor", "XYZ"), ("--since", "2030-01-01"), ("--place", "Atlantis")):
        result = _run("incidents", "--db", str(db), "--format", "jsonl", *args)
        assert result.exit_code == 0 and result.stdout == ""
        assert result.stderr.startswith(f"polemos: no incident matches {' '.join(args)} (of ")
        assert len(result.stderr.splitlines()) == 1


def test_cli_incidents_empty_and_missing_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    polemos.open_store(empty).close()
    result = _run("incidents", "--db", str(empty))
    assert result.exit_code == 0 and result.stdout == ""
    assert "the store holds no incidents" in result.stderr
    missing = _run("incidents", "--db", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 2 and len(missing.stderr.splitlines()) == 1
    assert "no store here" in missing.stderr


def test_cli_incidents_rebuild(tmp_path: Path, db: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with polemos.open_store(copy) as store:
        store.query("DELETE FROM incidents")
    result = _run("incidents", "--db", str(copy), "--rebuild", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    n = len(polemos.incidents(db))
    assert f"polemos: {n} incidents rebuilt" in result.stderr
    assert polemos.incidents(copy) == polemos.incidents(db)


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_cli_incidents_in_every_export_format(tmp_path: Path, db: Path, fmt: str) -> None:
    out = tmp_path / f"incidents.{fmt}"
    result = _run("export", "--db", str(db), "--table", "incidents", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    ids = [i["id"] for i in polemos.incidents(db)]
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.column_names == [c.name for c in TABLES["incidents"]]
        assert sorted(table.column("id").to_pylist()) == sorted(ids)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert sorted(r["id"] for r in rows) == sorted(ids)
        assert all(isinstance(r["mention_ids"], list) for r in rows)
    else:
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert tuple(rows[0]) == INCIDENT_CSV_COLUMNS and sorted(r["id"] for r in rows) == sorted(ids)


def test_cli_incidents_code_rerun_changes_nothing(tmp_path: Path, db: Path) -> None:
    copy = tmp_path / "rerun.duckdb"
    copy.write_bytes(db.read_bytes())
    before = polemos.incidents(copy)
    run = subprocess.run([sys.executable, "-m", "polemos", "code", str(NEWS), "--db", str(copy),
                          "--format", "jsonl"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "0 articles coded, 6 already stored" in run.stderr
    assert polemos.incidents(copy) == before
