"""`polemos trend` and `polemos alerts` in real subprocesses on real DuckDB stores: formats, the
terminal chart, bad input as one line and exit 2, an empty store, and one run from articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from analyse_records import incident, series_incidents

import polemos
from polemos.cluster import cluster_mentions
from polemos.model import incident_record

QUIET = [1, 0, 2, 1, 0, 1, 1, 0, 2, 1] * 4


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "polemos", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose incidents are a quiet RUS→UKR series with a burst on 2024-02-10, and a few
    Israeli strikes in Gaza."""
    path = tmp_path_factory.mktemp("analyse") / "incidents.duckdb"
    records = (series_incidents(QUIET + [9, 8, 6, 1, 0])
               + [incident(f"g{i}", f"2024-01-{i + 10:02d}", actors=("ISR",), recipients=("hamas",),
                           place=("PSE", "Gaza", "Gaza"), dead=i) for i in range(3)])
    with polemos.open_store(path) as store:
        store.replace_incidents([], records)
    return path


def test_cli_trend_table_has_a_chart_and_zero_periods(store_path: Path) -> None:
    done = run("trend", "ISR", "--db", str(store_path), "--by", "day", "--since", "2024-01-09",
               "--until", "2024-01-14")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("ISR → anyone, by day")
    assert any(line.strip().startswith("incidents ▁███▁▁") for line in lines)  # the sparkline
    rows = {line.split()[0]: line for line in lines if line.strip().startswith("2024-01-")}
    assert len(rows) == 6 and rows["2024-01-09"].split()[1] == "0"
    assert "█" in rows["2024-01-11"] and "█" not in rows["2024-01-13"]


def test_cli_trend_csv_jsonl_and_parquet(store_path: Path, tmp_path: Path) -> None:
    csv = run("trend", "--place", "Ukraine", "--db", str(store_path), "--by", "month",
              "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.splitlines() == ["period,start,end,incidents,intensity,q1,q2,q3,q4,dead",
                                       "2024-01,2024-01-01,2024-01-31,28,-280.0,0,0,0,28,0",
                                       "2024-02,2024-02-01,2024-02-29,32,-320.0,0,0,0,32,0"]
    jsonl = run("trend", "ISR", "hamas", "--db", str(store_path), "--format", "jsonl")
    points = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(p["period"], p["incidents"], p["dead"]) for p in points] == [("2024-W02", 3, 3)]
    out = tmp_path / "trend.parquet"
    done = run("trend", "--db", str(store_path), "--by", "week", "--format", "parquet", "-o", str(out))
    assert done.returncode == 0, done.stderr
    table = pq.read_table(out)
    assert table.num_rows == 7 and sum(table.column("incidents").to_pylist()) == 63


def test_cli_alerts_name_series_and_incidents(store_path: Path) -> None:
    done = run("alerts", "--db", str(store_path), "--by", "day", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    found = [json.loads(line) for line in done.stdout.splitlines()]
    first = found[0]
    assert (first["period"], first["series"], first["observed"]) == ("2024-02-10", "RUS→UKR", 9)
    assert len(first["incident_ids"]) == 9 and first["texts"][0].startswith("Sentence of incident")
    assert {a["series"] for a in found} >= {"RUS→UKR", "UKR"}
    assert not any("PSE" in a["series"] for a in found)  # three strikes in a year are no escalation
    table = run("alerts", "--db", str(store_path), "--by", "day", "--dyad", "RUS", "UKR")
    assert "2024-02-10" in table.stdout and first["incident_ids"][0] in table.stdout
    assert "Sentence of" in table.stdout
    assert table.stderr.strip().endswith("from 63 incidents")
    csv = run("alerts", "--db", str(store_path), "--by", "day", "--place", "UKR", "--format", "csv",
              "--until", "2024-02-10")
    rows = csv.stdout.splitlines()
    assert rows[0].startswith("kind,series,period,start,end,span,observed") and len(rows) == 2


@pytest.mark.parametrize(("args", "message"), [
    (("trend", "XYZ"), "actor: unknown actor 'XYZ'"),
    (("trend", "RUS", "Narnia"), "recipient: unknown actor 'Narnia'"),
    (("trend", "--place", "Atlantis"), "place: unknown place 'Atlantis'"),
    (("trend", "--since", "2024-02-30"), "since: '2024-02-30' is not a date"),
    (("trend", "--since", "2024-03-01", "--until", "2024-01-01"),
     "since: 2024-03-01 is after until 2024-01-01"),
    (("alerts", "--dyad", "XYZ", "UKR"), "actor: unknown actor 'XYZ'"),
    (("alerts", "--since", "soon"), "since: 'soon' is not a date"),
    (("trend", "--format", "parquet"), "format: parquet is binary: give -o FILE"),
])
def test_cli_bad_input_is_one_line_and_exit_2(store_path: Path, args: tuple[str, ...],
                                              message: str) -> None:
    done = run(*args, "--db", str(store_path))
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"polemos: error: {message}")
    assert "Traceback" not in done.stderr


def test_cli_empty_store_and_range_without_data(tmp_path: Path, store_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    polemos.open_store(empty).close()
    trend = run("trend", "--db", str(empty))
    assert (trend.returncode, trend.stdout) == (0, "")
    assert trend.stderr.strip() == "polemos: no incidents match (0 in the store)"
    alerts = run("alerts", "--db", str(empty), "--format", "jsonl")
    assert (alerts.returncode, alerts.stdout) == (0, "")
    assert alerts.stderr.strip() == "polemos: 0 alerts from 0 incidents"
    later = run("trend", "--db", str(store_path), "--since", "2025-01-01", "--until", "2025-01-31",
                "--by", "month", "--format", "jsonl")
    assert [json.loads(line)["incidents"] for line in later.stdout.splitlines()] == [0]
    missing = run("trend", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 2 and "no store here" in missing.stderr and "Traceback" not in missing.stderr


def test_cli_trend_from_coded_articles(tmp_path: Path, fixtures: Path, knowledge: object) -> None:
    """Articles → coded into a store (what `polemos code` calls, with the session's spaCy) →
    incidents (refreshed as `polemos code` will) → `polemos trend` and `polemos alerts`."""
    db = tmp_path / "coded.duckdb"
    with polemos.open_store(db) as store:
        coded = polemos.code_paths([fixtures / "analyse" / "articles.jsonl"], store=store,
                                   knowledge=knowledge)
        assert not coded.failures and len(coded.records) == 4
        mentions = store.mention_records([f"an-{i}" for i in range(1, 5)])
        store.replace_incidents([], [incident_record(i) for i in cluster_mentions(mentions)])
    done = run("trend", "Russia", "Ukraine", "--db", str(db), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    points = [json.loads(line) for line in done.stdout.splitlines()]
    weeks = [(p["period"], p["incidents"], p["q4"], p["dead"]) for p in points]
    assert weeks == [("2024-W09", 1, 1, 3), ("2024-W10", 1, 1, 2), ("2024-W11", 0, 0, 0),
                     ("2024-W12", 1, 1, 5)]
    talks = run("trend", "TUR", "--db", str(db), "--by", "month", "--format", "jsonl")
    assert [json.loads(line)["q1"] for line in talks.stdout.splitlines()] == [1]
    alerts = run("alerts", "--db", str(db))
    assert alerts.returncode == 0  # three weeks of data: no full baseline window, so no alert
    assert "0 alerts from 4 incidents" in alerts.stderr
