"""Run fuzz cases through every route and check what came out (issue 12).

Routes: a folder of case files (with good articles mixed in) coded by ``polemos code DIR --db X``
in a subprocess; each case's bytes as standard input of ``polemos code -``; and each case's text
through ``polemos.code_text`` in a long-lived worker. Checks: no traceback, exit codes as the
README says, good articles kept, bad inputs named, memory bounded, no case past its time limit.
Every failed check is a ``Problem`` naming the case that caused it.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from fuzzing.cases import Case, Record

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
RSS_LIMIT_KB = 1_500_000  # 1.5 GB resident: more means a text is held or parsed whole


@dataclass(frozen=True)
class Problem:
    check: str  # traceback | exit-code | good-lost | unnamed | rejected-good | accepted-bad |
    #             exception | timeout | memory | stdout | store
    route: str  # folder | stdin | code_text | stdin-process
    case: str  # the case's file name (or the folder, when no one case is to blame)
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.route}] {self.check}: {self.case} ({self.kind}): {self.detail}"


def time_limit(size: int, base: float) -> float:
    """Seconds a case of ``size`` characters may take: linear cost at >= 5,000 characters/s."""
    return min(base + size / 5000, 600.0)


def polemos_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


# --- subprocesses with a deadline and their peak memory ---------------------------------------
@dataclass(frozen=True)
class Finished:
    exit: int | None  # None: killed at the deadline
    seconds: float
    maxrss_kb: int


def run_until(argv: Sequence[str], limit: float, *, stdin: bytes | None = None,
              stdout: Any = subprocess.DEVNULL, stderr: Any = subprocess.DEVNULL) -> Finished:
    """Run a command; kill it past ``limit`` seconds. Peak RSS comes from ``os.wait4``."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=stdout, stderr=stderr, env=polemos_env(), cwd=REPO)
    if stdin is not None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        elapsed = time.perf_counter() - started
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return Finished(proc.returncode, elapsed, usage.ru_maxrss)
        if elapsed > limit:
            os.kill(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return Finished(None, elapsed, usage.ru_maxrss)
        time.sleep(0.1)


class Worker:
    """The code_text / stdin worker: restarted after a case runs past its limit or kills it."""

    def __init__(self, load_limit: float = 300.0) -> None:
        self.load_limit = load_limit
        self.restarts = 0
        self.peak_kb = 0  # this process's peak so far: a case is blamed only when it raises it
        self.max_kb = 0  # the highest peak of any worker process
        self.timings: list[tuple[float, str, str]] = []  # (seconds, route, case) per call
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = open(os.devnull, "wb")  # noqa: SIM115 - lives as long as the worker
        self._start()

    def _start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, env=polemos_env(), cwd=REPO)
        ready = self._answer(self.load_limit)
        if not ready or not ready.get("ready"):
            raise RuntimeError(f"the fuzz worker did not start: {ready}")

    def _answer(self, limit: float) -> dict[str, Any] | None:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.perf_counter() + limit
        chunks: list[bytes] = []
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.perf_counter()
                if left <= 0 or not sel.select(left):
                    return None
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return {"outcome": "died"}
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    return dict(json.loads(b"".join(chunks)))

    def call(self, request: dict[str, Any], limit: float) -> tuple[dict[str, Any] | None, int]:
        """The worker's answer (None: past ``limit``, killed and restarted) and its peak RSS if
        this case raised it (else 0), so one big case is not blamed on every case after it."""
        assert self.proc is not None and self.proc.stdin is not None
        started = time.perf_counter()
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
            answer = self._answer(limit)
        except BrokenPipeError:
            answer = {"outcome": "died"}
        self.timings.append((time.perf_counter() - started, request["route"], request.get("case", "")))
        if answer is not None and answer.get("outcome") != "died":
            return answer, self._rose(int(answer.get("maxrss_kb", 0)))
        rss = self.stop()  # the killed or dead process's peak belongs to this case
        self.max_kb = max(self.max_kb, rss)
        self.restarts += 1
        self._start()
        return answer, rss

    def _rose(self, rss: int) -> int:
        rose = rss > self.peak_kb
        self.peak_kb = max(self.peak_kb, rss)
        self.max_kb = max(self.max_kb, rss)
        return rss if rose else 0

    def stop(self) -> int:
        """Kill the worker; its peak RSS in KB."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        try:
            _, _, usage = os.wait4(self.proc.pid, 0)
            rss = usage.ru_maxrss
        except ChildProcessError:
            rss = 0
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.proc = None
        self.peak_kb = 0
        return rss


# --- the store after a run ---------------------------------------------------------------------
@dataclass(frozen=True)
class Stored:
    texts: tuple[str, ...]
    failures: tuple[str, ...]  # each failure's or notice's "where"

    def holds(self, marker: str) -> bool:
        return any(marker in t for t in self.texts)


def read_store(db: Path) -> Stored | str:
    """What a run left in the store, or why it cannot be read."""
    if not db.exists():
        return "no store file was written"
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            texts = tuple(t or "" for (t,) in con.execute("SELECT text FROM articles").fetchall())
            # an input is named by a failure, or by a notice (a file of another kind, skipped)
            wheres = tuple(w or "" for (w,) in con.execute(
                'SELECT "where" FROM failures UNION ALL SELECT "where" FROM notices').fetchall())
        finally:
            con.close()
    except duckdb.Error as err:
        return f"store unreadable: {str(err).splitlines()[0]}"
    return Stored(texts, wheres)


def check_records(case: Case, records: Iterable[Record], stored: Stored, stderr: str, route: str,
                  prefix: str) -> list[Problem]:
    """Good records kept, bad ones named as ``prefix`` + their ``where`` (stderr or failures)."""
    problems = []
    records = tuple(records)

    # a .json file that holds one JSON object (its one line, however made) is one document: the
    # reader names the file, as for any single object, not a line of it
    one_document = case.suffix == ".json" and sum(1 for r in records if r.where) <= 1

    def named(where: str) -> bool:
        # "f.jsonl:1" must not match "f.jsonl:10", nor "r00012" match "r00012-good.txt"
        if one_document and where:
            return named("")
        needle = re.compile(r"(?<![\w\-])" + re.escape(prefix + where) + r"(?![\w.\-])")
        return bool(needle.search(stderr)) or any(needle.search(w) for w in stored.failures)

    for record in records:
        kept = record.marker is not None and stored.holds(record.marker)
        if record.verdict == "good" and record.marker and not kept:
            problems.append(Problem("good-lost", route, case.filename, case.kind,
                                    f"article{record.where} not in the store: {record.marker!r:.80}"))
        elif record.verdict == "bad" and not named(record.where):
            problems.append(Problem("unnamed", route, case.filename, case.kind,
                                    f"bad input {prefix}{record.where} not named on stderr or in failures"))
        elif record.verdict == "either" and record.marker and not kept and not named(record.where):
            problems.append(Problem("unnamed", route, case.filename, case.kind,
                                    f"input {prefix}{record.where} neither stored nor named"))
    if case.file in ("bad", "warn") and not named(""):
        problems.append(Problem("unnamed", route, case.filename, case.kind,
                                f"{prefix} is not named on stderr or in failures"))
    return problems


def expected_exits(verdicts: Iterable[str]) -> set[int]:
    """Exit codes the README allows: 1 when some input failed, 0 when all is fine."""
    seen = set(verdicts)
    if "bad" in seen:
        return {1}
    return {0, 1} if "either" in seen else {0}


def tracebacks(stderr: str) -> bool:
    return "Traceback (most recent call last)" in stderr
