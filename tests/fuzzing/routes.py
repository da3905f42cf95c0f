"""The three routes a fuzz case takes, each returning the ``Problem`` records its checks found."""

from __future__ import annotations

import base64
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from fuzzing.cases import Case, good_case
from fuzzing.harness import (
    RSS_LIMIT_KB,
    Finished,
    Problem,
    Stored,
    Worker,
    check_records,
    expected_exits,
    read_store,
    run_until,
    time_limit,
    tracebacks,
)
from fuzzing.texts import Newsroom, Verdict

CODE = [sys.executable, "-m", "polemos", "code"]


def _last_lines(text: str, n: int = 2) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-n:])[:300]


# --- folder ------------------------------------------------------------------------------------
def write_folder(cases: Sequence[Case], folder: Path, news: Newsroom, rng: random.Random) -> list[Case]:
    """Write the cases and good articles between them (and one last); returns the good ones."""
    folder.mkdir(parents=True)
    goods = []
    for case in cases:
        (folder / case.filename).write_bytes(case.data)
        if rng.random() < 0.25:  # "-good" sorts right after its neighbour: lost files show where
            goods.append(good_case(f"{case.name}-good", news, rng.choice([".txt", ".jsonl"])))
    goods.append(good_case("zz-good", news, ".jsonl"))
    for good in goods:
        (folder / good.filename).write_bytes(good.data)
    return goods


def run_folder(cases: Sequence[Case], folder: Path, news: Newsroom, rng: random.Random, *,
               base_limit: float, batch_size: int) -> tuple[list[Problem], Finished]:
    """``polemos code FOLDER --db X`` over the cases plus good articles; problems and peak RSS."""
    goods = write_folder(cases, folder, news, rng)
    db, err_path = folder.with_suffix(".duckdb"), folder.with_suffix(".stderr")
    size = sum(len(c.data) for c in cases)
    with err_path.open("wb") as err:
        done = run_until([*CODE, str(folder), "--db", str(db), "--format", "jsonl",
                          "--batch-size", str(batch_size)], time_limit(size, base_limit + 60), stderr=err)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    where = folder.name + "/"
    problems = []
    if done.exit is None:
        problems.append(Problem("timeout", "folder", where, "folder",
                                f"killed after {done.seconds:.0f} s; {_blame(cases, db, stderr)}"))
    if tracebacks(stderr):
        problems.append(Problem("traceback", "folder", where, "folder",
                                f"{_last_lines(stderr, 1)}; {_blame(cases, db, stderr)}"))
    allowed = expected_exits([c.verdict for c in cases])
    if done.exit is not None and done.exit not in allowed:
        problems.append(Problem("exit-code", "folder", where, "folder",
                                f"exit {done.exit}, expected {sorted(allowed)}: {_last_lines(stderr)}"))
    if done.maxrss_kb > RSS_LIMIT_KB:
        problems.append(Problem("memory", "folder", where, "folder", f"peak RSS {done.maxrss_kb // 1024} MB"))
    stored = read_store(db)
    if isinstance(stored, str):
        return [*problems, Problem("store", "folder", where, "folder", stored)], done
    for case in [*cases, *goods]:
        problems += check_records(case, case.records, stored, stderr, "folder", case.filename)
    return problems, done


def _blame(cases: Sequence[Case], db: Path, stderr: str) -> str:
    """The first file (in the run's sorted order) the store and stderr say nothing of."""
    stored = read_store(db)
    if isinstance(stored, str):
        return stored
    for case in sorted(cases, key=lambda c: c.filename):
        if case.file not in ("bad", "warn") and not any(r.marker for r in case.records):
            continue  # nothing it must leave behind, so its silence proves nothing
        if not (case.filename in stderr or any(case.filename in w for w in stored.failures)
                or any(r.marker and stored.holds(r.marker) for r in case.records)):
            return f"stuck at or before {case.filename} ({case.kind})"
    return "every file accounted for"


# --- standard input ------------------------------------------------------------------------------
def stdin_verdict(case: Case) -> tuple[Verdict, bool]:
    """What ``polemos code -`` must do with the case's bytes, and whether its records apply."""
    data = case.data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ("either" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "bad"), False
    if not text.strip() or "\x00" in text[:65536]:
        return "bad", False
    as_jsonl = text.lstrip().startswith("{")
    same = (as_jsonl and case.suffix in (".jsonl", ".ndjson", ".json") and case.kind.startswith("jsonl")) or (
        not as_jsonl and case.suffix == ".txt")
    if same and case.file != "warn":
        return case.verdict, True
    return "either", False


def check_stdin(case: Case, exit_code: int | None, stderr: str, db: Path, route: str,
                error: str | None = None) -> list[Problem]:
    verdict, records_apply = stdin_verdict(case)
    problems = []
    if error or tracebacks(stderr):
        problems.append(Problem("traceback", route, case.filename, case.kind,
                                error or _last_lines(stderr, 1)))
    allowed = expected_exits([verdict])
    if exit_code is not None and exit_code not in allowed:
        problems.append(Problem("exit-code", route, case.filename, case.kind,
                                f"exit {exit_code}, expected {sorted(allowed)}: {_last_lines(stderr)}"))
    if exit_code == 1 and "<stdin>" not in stderr and not error:
        problems.append(Problem("unnamed", route, case.filename, case.kind, "exit 1 without naming <stdin>"))
    if records_apply and exit_code is not None and not error:
        stored = read_store(db)
        if isinstance(stored, str):
            stored = Stored((), ())
        problems += check_records(case, case.records, stored, stderr, route, "<stdin>")
    return problems


def run_stdin_inproc(worker: Worker, case: Case, tmp: Path, base_limit: float) -> tuple[list[Problem], int]:
    """``polemos code -`` inside the worker (the CLI, without a model load per case)."""
    db = tmp / f"stdin-{case.name}.duckdb"
    answer, rss = worker.call({"route": "stdin", "data": base64.b64encode(case.data).decode(),
                               "db": str(db), "case": case.filename}, time_limit(len(case.data), base_limit))
    problems = _worker_trouble(case, "stdin", answer, rss)
    if answer is not None and answer.get("outcome") == "exit":
        error = answer.get("error")
        if error:
            error = _last_lines(answer.get("traceback", ""), 1)
        problems += check_stdin(case, answer["exit"], answer.get("stderr", ""), db, "stdin", error)
    _remove(db)
    return problems, rss


def run_stdin_process(case: Case, tmp: Path, base_limit: float) -> tuple[list[Problem], Finished]:
    """``polemos code -`` as its own process, the bytes on its real standard input."""
    db, err_path = tmp / f"stdinp-{case.name}.duckdb", tmp / f"stdinp-{case.name}.stderr"
    with err_path.open("wb") as err:
        done = run_until([*CODE, "-", "--db", str(db), "--format", "jsonl"],
                         time_limit(len(case.data), base_limit + 60), stdin=case.data, stderr=err)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    problems = check_stdin(case, done.exit, stderr, db, "stdin-process")
    if done.exit is None:
        problems.append(Problem("timeout", "stdin-process", case.filename, case.kind,
                                f"killed after {done.seconds:.0f} s"))
    if done.maxrss_kb > RSS_LIMIT_KB:
        problems.append(Problem("memory", "stdin-process", case.filename, case.kind,
                                f"peak RSS {done.maxrss_kb // 1024} MB"))
    _remove(db)
    return problems, done


# --- polemos.code_text ---------------------------------------------------------------------------
def run_code_text(worker: Worker, case: Case, base_limit: float) -> tuple[list[Problem], int]:
    """``polemos.code_text(text, date)``: a list for good text, InputError for bad, nothing else."""
    assert case.text is not None
    request = {"route": "code_text", "text": case.text, "date": case.date, "case": case.filename}
    answer, rss = worker.call(request, time_limit(len(case.text), base_limit))
    problems = _worker_trouble(case, "code_text", answer, rss)
    if answer is None:
        return problems, rss
    outcome, name = answer.get("outcome"), case.filename

    def problem(check: str, detail: str) -> None:
        problems.append(Problem(check, "code_text", name, case.kind, detail))

    if outcome in ("exception", "polemos-error"):
        problem("exception", f"{answer['error']}: {answer.get('message', '')}"[:300])
    elif outcome == "ok" and case.text_verdict == "bad":
        problem("accepted-bad", f"returned {answer.get('mentions')} mentions, expected InputError")
    elif outcome == "input-error" and case.text_verdict == "good":
        problem("rejected-good", f"InputError: {answer.get('message')}"[:300])
    if answer.get("printed"):
        problem("stdout", f"library code printed {answer['printed']!r:.80}")
    return problems, rss


def _worker_trouble(case: Case, route: str, answer: dict | None, rss: int) -> list[Problem]:
    problems = []
    if answer is None:
        problems.append(Problem("timeout", route, case.filename, case.kind,
                                "past its time limit; worker killed and restarted"))
    elif answer.get("outcome") == "died":
        problems.append(Problem("crash", route, case.filename, case.kind, "the worker process died"))
    if rss > RSS_LIMIT_KB:
        problems.append(Problem("memory", route, case.filename, case.kind, f"peak RSS {rss // 1024} MB"))
    return problems


def _remove(path: Path) -> None:
    for p in (path, path.with_suffix(path.suffix + ".wal")):
        p.unlink(missing_ok=True)
