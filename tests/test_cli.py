"""The CLI end to end on real parts: coding, exit codes, idempotent re-runs, kill and resume, export."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

import polemos
from polemos.cli import cli

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def runner(knowledge) -> CliRunner:  # noqa: ARG001 - loads the shared knowledge once, first
    return CliRunner()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_code_txt_with_leading_date(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--format", "jsonl", "--no-db"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records, "the seed article has events"
    assert {r["published"] for r in records} == {"2019-12-30"}
    assert {r["doc_id"] for r in records} == {"seed"}
    assert any(r["text"].startswith("In recent months") for r in records)
    install_dir = str(Path(polemos.__file__).parent)
    for r in records:
        assert r["schema"] == 1 and r["event_type"] and r["trigger"]["text"]
        assert install_dir not in (r["rule"] or "")  # rows do not depend on where we are installed


def test_cli_jsonl_goes_to_stdout_alone(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["code", str(ARTICLES / "feed.jsonl"), "--format", "jsonl", "--no-db"])
    assert result.exit_code == 0
    assert all(line.startswith("{") for line in result.stdout.splitlines())
    assert "articles coded" in result.stderr


def test_cli_bad_inputs_exit_1_and_the_rest_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"id": "ok", "date": "2024-01-02", "text": "Rebels attacked an army post."}\n'
                   "{broken\n"
                   '{"id": "nodate", "date": "2024-02-31", "text": "x"}\n'
                   '{"id": "notext", "date": "2024-01-02"}\n')
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 bombed".encode("latin-1"))
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli, ["code", str(tmp_path), "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 1
    err = result.stderr
    assert f"{bad}:2: malformed JSON" in err
    assert f"{bad}:3: date: '2024-02-31' is not a date" in err
    assert f"{bad}:4: text: missing" in err
    assert "empty.txt: empty file" in err and "latin.txt: encoding: not UTF-8" in err
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an escaped exception
    assert {r["doc_id"] for r in _jsonl(result.stdout)} == {"ok"}
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM failures").fetchone() == (5,)
    assert con.execute("SELECT id FROM articles").fetchall() == [("ok",)]


@pytest.mark.parametrize("args", [
    ["code"],
    ["code", "x.txt", "--date", "2024-13-01"],
    ["code", "x.txt", "--db", "a.duckdb", "--no-db"],
    ["code", "x.txt", "--format", "xml"],
    ["export", "--format", "parquet"],
    ["explain", "  "],
    ["code", "x.txt", "-o", "/nonexistent/dir/out.jsonl"],
    ["nonsense"],
])
def test_cli_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)


def test_cli_rerun_adds_nothing_twice(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(cli, ["code", str(ARTICLES), "--db", db, "--format", "jsonl"])
    second = runner.invoke(cli, ["code", str(ARTICLES), "--db", db, "--format", "jsonl"])
    assert first.exit_code == second.exit_code == 0
    assert "6 already stored" in second.stderr
    assert sorted(r["id"] for r in _jsonl(first.stdout)) == sorted(r["id"] for r in _jsonl(second.stdout))
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (6, 6)
    n = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert n == len(_jsonl(first.stdout)) > 0
    assert con.execute("SELECT count(*) FROM runs WHERE status = 'done'").fetchone() == (2,)


def test_cli_ids_are_stable_across_runs(runner: CliRunner) -> None:
    args = ["code", str(ARTICLES / "feed.jsonl"), "--format", "jsonl", "--no-db"]
    one, two = (_jsonl(runner.invoke(cli, args).stdout) for _ in range(2))
    assert one == two and len({r["id"] for r in one}) == len(one)


def test_cli_export_round_trip_and_query(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(cli, ["code", str(ARTICLES), "--db", db, "--format", "csv"]).exit_code == 0
    out = tmp_path / "m.parquet"
    result = runner.invoke(cli, ["export", "--format", "parquet", "-o", str(out), "--db", db])
    assert result.exit_code == 0
    con = duckdb.connect(db, read_only=True)
    assert con.execute(f"SELECT * FROM mentions EXCEPT SELECT * FROM '{out}'").fetchall() == []
    assert con.execute(f"SELECT count(*) FROM '{out}'").fetchone() == con.execute(
        "SELECT count(*) FROM mentions").fetchone()
    con.close()
    q = runner.invoke(cli, ["query", "SELECT count(*) AS n FROM articles", "--db", db,
                            "--format", "jsonl"])
    assert q.exit_code == 0 and _jsonl(q.stdout) == [{"n": 6}]
    bad = runner.invoke(cli, ["query", "SELECT nope FROM mentions", "--db", db])
    assert bad.exit_code == 2 and "nope" in bad.stderr


def test_cli_demo_uses_db_option(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(cli, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "event mentions" in result.stdout and "ASSAULT" in result.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(DISTINCT doc_id) FROM mentions").fetchone()[0] >= 5


def test_cli_demo_has_its_own_store_and_a_hint_that_works(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLEMOS_DB", str(tmp_path / "mine.duckdb"))  # the user's own data
    first, again = (runner.invoke(cli, ["demo"]) for _ in range(2))
    assert first.exit_code == again.exit_code == 0, first.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["polemos-demo.duckdb"]
    title = first.stdout.split("\n", 1)[0].strip()
    assert title.endswith("event mentions") and again.stdout == first.stdout  # a re-run prints them
    closing = again.stderr.strip().splitlines()[-1]
    assert "in polemos-demo.duckdb; try: polemos query --db polemos-demo.duckdb" in closing
    hint = shlex.split(closing.split("try: ", 1)[1])
    assert hint[:2] == ["polemos", "query"]
    query = runner.invoke(cli, [*hint[1:], "--format", "jsonl"])
    assert query.exit_code == 0, query.output
    counted = {r["event_type"]: r["count_star()"] for r in _jsonl(query.stdout)}
    assert "ASSAULT" in counted and sum(counted.values()) == int(title.split()[0])


def test_cli_rerun_summary_agrees_with_what_it_printed(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    args = ["code", str(ARTICLES / "feed.jsonl"), "--db", db, "--format", "jsonl"]
    first, second = runner.invoke(cli, args), runner.invoke(cli, args)
    n_articles = len((ARTICLES / "feed.jsonl").read_text().strip().splitlines())
    n = len(_jsonl(first.stdout))
    assert n > 1 and len(_jsonl(second.stdout)) == n
    assert f"polemos: {n_articles} articles coded ({n} mentions); {n} mentions printed; store {db}" \
        in first.stderr
    assert f"polemos: 0 articles coded, {n_articles} already stored ({n} mentions); " \
        f"{n} mentions printed; store {db}" in second.stderr


def test_cli_messages_count_one_in_the_singular(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "one.csv"
    result = runner.invoke(cli, ["code", "-", "--no-db", "--date", "2024-01-02", "--format", "csv",
                                 "-o", str(out)], input="Rebels attacked an army post near Goma.")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"polemos: 1 article coded (1 mention); 1 mention written to {out}"
    bad = runner.invoke(cli, ["code", "-", "--no-db"], input="")
    assert bad.exit_code == 1 and "; 1 input failed (listed above)" in bad.stderr
    assert "articles" not in bad.stderr.replace("0 articles", "")


def test_cli_export_dash_is_stdout_for_every_format(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "s.duckdb")
    coded = runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--db", db, "--format", "jsonl"])
    n = len(_jsonl(coded.stdout))
    jsonl = runner.invoke(cli, ["export", "--format", "jsonl", "-o", "-", "--db", db])
    assert jsonl.exit_code == 0 and len(_jsonl(jsonl.stdout)) == n
    assert f"polemos: {n} rows of mentions → stdout" in jsonl.stderr
    assert runner.invoke(cli, ["export", "--format", "csv", "-o", "m.csv", "--db", db]).exit_code == 0
    csv_out = runner.invoke(cli, ["export", "--format", "csv", "-o", "-", "--db", db])
    assert csv_out.stdout == (tmp_path / "m.csv").read_text()
    parquet = runner.invoke(cli, ["export", "--format", "parquet", "-o", "-", "--db", db])
    assert parquet.exit_code == 0 and parquet.stdout_bytes[:4] == b"PAR1"
    (tmp_path / "piped.parquet").write_bytes(parquet.stdout_bytes)
    assert duckdb.sql("SELECT count(*) FROM 'piped.parquet'").fetchall() == [(n,)]
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("target", ["missing/out.jsonl", "a-file/out.jsonl", "/dev/full"])
def test_cli_output_that_cannot_be_written_is_one_line_exit_2(
        runner: CliRunner, tmp_path: Path, target: str) -> None:
    (tmp_path / "a-file").write_text("a file, not a folder")
    path = target if target.startswith("/") else str(tmp_path / target)
    result = runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--no-db", "--format", "jsonl",
                                 "-o", path])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"polemos: error: {path}: output: cannot write (")


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    paths = set()
    for name, command in group.commands.items():
        paths.add((*prefix, name))
        if isinstance(command, click.Group):
            paths |= _command_paths(command, (*prefix, name))
    return paths


# Each command with a few wrong option values: every one is click's usage error, exit 2.
BAD_VALUES = {
    ("code",): [["x.txt", "--batch-size", "0"], ["x.txt", "--batch-size", "many"],
                ["x.txt", "--kb", "/no/such/kb"], ["x.txt", "--date", "2024-02-30"], ["x.txt", "-o", "."]],
    ("demo",): [["--format", "xml"], ["--db", "."]],
    ("query",): [["SELECT 1", "--format", "yaml"], [], ["SELECT 1", "--db", "."]],
    ("export",): [["--format", "xlsx", "-o", "x"], ["--format", "csv"],
                  ["--format", "csv", "-o", "x", "--table", "nope"]],
    ("geoparse",): [["x.txt", "--date", "03/04/2024"], ["x.txt", "--format", "xml"], []],
    ("dates",): [["x.txt", "--date", "tomorrow"], ["x.txt", "--format", "xml"]],
    ("explain",): [["Rebels attacked.", "--date", "2024-13-01"], ["Rebels attacked.", "--kb", "/no/kb"],
                   []],
    ("evaluate",): [["--kind", "nope", "--gold", "."], ["--kind", "gva", "--gold", "/no/such/gold"],
                    ["--kind", "gva", "--gold", ".", "--limit", "0"]],
    ("incidents",): [["--since", "2024-02-30"], ["--format", "xml"], ["--limit", "many"],
                     ["--type", "BOMBING"]],
    ("gazetteer",): [["nope"]],
    ("gazetteer", "build"): [["--path", "."], ["--nope"]],
    ("trend",): [["--by", "year"], ["--format", "xml"], ["--db", "."], ["A", "B", "C"]],
    ("alerts",): [["--by", "month"], ["--window", "1"], ["--dyad", "RUS"], ["--threshold", "-1"],
                  ["--min-count", "0"]],
    ("serve",): [["--port", "70000"], ["--port", "http"], ["--db", "."]],
}


def test_cli_bad_values_cover_every_command() -> None:
    assert set(BAD_VALUES) == _command_paths(cli)


@pytest.mark.parametrize("path", sorted(BAD_VALUES))
def test_cli_every_command_has_help_and_rejects_bad_values(runner: CliRunner, path: tuple[str, ...]) -> None:
    helped = runner.invoke(cli, [*path, "--help"], prog_name="polemos")
    assert helped.exit_code == 0 and helped.stdout.startswith(f"Usage: polemos {' '.join(path)} ")
    for args in BAD_VALUES[path]:
        result = runner.invoke(cli, [*path, *args])
        assert result.exit_code == 2, (args, result.output)
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Error: " in result.stderr and "Traceback" not in result.output, args


def test_cli_env_db_default(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLEMOS_DB", str(tmp_path / "env.duckdb"))
    assert runner.invoke(cli, ["code", str(ARTICLES / "seed.txt")]).exit_code == 0
    assert (tmp_path / "env.duckdb").exists()


def test_cli_kill_and_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    n = 40
    corpus.write_text("".join(json.dumps({
        "id": f"a{i:03d}", "date": "2024-05-01",
        "text": f"Rebels attacked an army post near Goma on Monday, killing {i + 2} soldiers, officials said."
                " The army shelled rebel positions in response."}) + "\n" for i in range(n)))
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "polemos", "code", str(corpus), "--db", str(db), "--batch-size", "3",
           "-v", "--format", "jsonl", "-o", os.devnull]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "batch" in line and "stored" in line:
            seen += 1
            if seen == 2:
                break
    time.sleep(0.05)  # land somewhere inside a later batch
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert seen == 2, "the run never reported two committed batches"
    con = duckdb.connect(str(db), read_only=True)
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 6 <= partial < n
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (n, n)
    per_article = con.execute("SELECT count(*) FROM mentions GROUP BY doc_id").fetchall()
    assert len(per_article) == n and len({c for (c,) in per_article}) == 1
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == con.execute(
        "SELECT count(DISTINCT id) FROM mentions").fetchone()[0]


def test_cli_same_id_different_text_is_a_failure_not_a_merge(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "dup.jsonl"
    feed.write_text('{"id": "x", "date": "2024-01-02", "text": "Rebels attacked an army post."}\n'
                    '{"id": "x", "date": "2024-01-02", "text": "Police arrested ten protesters."}\n'
                    '{"id": "x", "date": "2024-01-02", "text": "Rebels attacked an army post."}\n')
    result = runner.invoke(cli, ["code", str(feed), "--no-db", "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{feed}:2: id: id 'x' is already used by a different article ({feed}:1)" in result.stderr
    assert {r["event_type"] for r in _jsonl(result.stdout)} == {"ASSAULT"}
    db = str(tmp_path / "s.duckdb")
    runner.invoke(cli, ["code", str(feed), "--db", db])
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "x", "text": "Troops withdrew from the town."}\n')
    kept = runner.invoke(cli, ["code", str(other), "--db", db, "--no-update"])
    assert kept.exit_code == 0 and "0 articles coded, 1 already stored" in kept.stderr
    again = runner.invoke(cli, ["code", str(other), "--db", db])  # across runs: an update (issue 12)
    assert again.exit_code == 0 and "1 updated" in again.stderr
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT text FROM articles WHERE id = 'x'").fetchall() == [
        ("Troops withdrew from the town.",)]
    assert "ASSAULT" not in {t for (t,) in con.execute("SELECT event_type FROM mentions").fetchall()}
    con.close()


def test_cli_two_stdin_texts_get_two_ids(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    one = runner.invoke(cli, ["code", "-", "--db", db, "--date", "2024-01-01", "--format", "jsonl"],
                        input="Rebels attacked an army post near Goma.")
    two = runner.invoke(cli, ["code", "-", "--db", db, "--date", "2024-01-01", "--format", "jsonl"],
                        input="Police arrested ten protesters in Nairobi.")
    assert one.exit_code == two.exit_code == 0
    ids = {r["doc_id"] for r in _jsonl(one.stdout) + _jsonl(two.stdout)}
    assert len(ids) == 2 and all(i.startswith("stdin-") for i in ids)


def test_cli_broken_kb_stops_before_coding_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "mine.yaml").write_text("origin: test\nlicence: CC0\npeople:\n  - id: p\n    names: [A B]\n"
                                  "    roles:\n      - {country: NOR, sector: GOV, from: 2020-01-01, "
                                  "until: 2019-01-01}\n")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--kb", str(kb), "--db", str(db)])
    assert result.exit_code == 2
    assert "mine.yaml:7" in result.stderr
    assert not db.exists()  # knowledge loads before the store opens: nothing was written


def test_cli_empty_folder_is_a_failure(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article")
    result = runner.invoke(cli, ["code", str(tmp_path), "--no-db"])
    assert result.exit_code == 1 and "no article files in this folder" in result.stderr


def test_cli_export_and_query_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--db", db]).exit_code == 0
    bad = runner.invoke(cli, ["export", "--format", "parquet", "-o", "/nonexistent/dir/x.parquet",
                              "--db", db])
    assert bad.exit_code == 2 and "/nonexistent/dir/x.parquet: output: cannot write parquet" in bad.stderr
    empty = runner.invoke(cli, ["query", "  ", "--db", db])
    assert empty.exit_code == 2 and "empty SQL" in empty.stderr


def test_cli_csv_export_matches_code_csv(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    coded = runner.invoke(cli, ["code", str(ARTICLES / "seed.txt"), "--db", db, "--format", "csv"])
    out = tmp_path / "m.csv"
    assert runner.invoke(cli, ["export", "--format", "csv", "-o", str(out), "--db", db]).exit_code == 0
    assert sorted(out.read_text().splitlines()) == sorted(coded.stdout.splitlines())


def test_cli_rerun_output_is_byte_identical(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    args = ["code", str(ARTICLES / "feed.jsonl"), "--db", db, "--format", "jsonl"]
    first, second = runner.invoke(cli, args), runner.invoke(cli, args)
    assert first.stdout == second.stdout and first.stdout


def test_cli_export_parquet_onto_a_terminal_is_refused(tmp_path: Path) -> None:
    import pty

    db = tmp_path / "s.duckdb"
    polemos.open_store(db).close()
    main_fd, terminal = pty.openpty()  # stdout a terminal, as when a user forgets the redirect
    try:
        done = subprocess.run([sys.executable, "-m", "polemos", "export", "--format", "parquet",
                               "-o", "-", "--db", str(db)], stdout=terminal, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    finally:
        os.close(terminal)
        os.close(main_fd)
    assert done.returncode == 2
    assert "Error: parquet is binary: give -o FILE" in done.stderr and "Traceback" not in done.stderr


def test_cli_notices_show_ten_of_a_kind_and_the_store_keeps_all(runner: CliRunner,
                                                                tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for i in range(12):
        (news / f"memo{i:02}.docx").write_bytes(b"PK\x03\x04")
    (news / "story.txt").write_text("date 2024-05-06\nRebels shelled the town of Kidal.\n")
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(cli, ["code", str(news), "--db", db])
    assert result.exit_code == 0, result.stderr  # notices never fail a run
    shown = [line for line in result.stderr.splitlines() if line.startswith("polemos: note: ")]
    assert len(shown) == 11 and "memo09.docx" in shown[9] and "memo10" not in result.stderr
    assert shown[10].startswith("polemos: note: and 2 more: skipped: .docx is not an article")
    assert shown[10].endswith("(all in the store's notices table)")
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM notices").fetchone() == (12,)
    con.close()
