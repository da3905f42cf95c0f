"""Drive fuzz cases through every route and tally the problems per class (issue 12)."""

from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fuzzing.cases import Case
from fuzzing.harness import Finished, Problem, Worker
from fuzzing.routes import run_code_text, run_folder, run_stdin_inproc, run_stdin_process
from fuzzing.texts import Newsroom

# The table's columns: checks counted on their own, the rest under "other".
COLUMNS = ("traceback", "exit-code", "good-lost", "unnamed", "timeout")


@dataclass
class Settings:
    folder_size: int = 60  # cases per folder run
    base_limit: float = 60.0  # seconds a small case may take in the worker
    seed: int = 0


@dataclass
class Report:
    cases: list[Case]
    problems: list[Problem] = field(default_factory=list)
    max_rss_kb: int = 0
    worker_restarts: int = 0
    folders: int = 0
    timings: list[tuple[float, str, str]] = field(default_factory=list)  # (seconds, route, case)

    def table(self) -> str:
        """Cases per class and, per check, how many cases of that class failed it on any route
        (the "folder" row counts folder runs; "good", the good articles mixed into them)."""
        by_kind: dict[str, Counter[str]] = defaultdict(Counter)
        for check, _, kind in {(p.check if p.check in COLUMNS else "other", p.case, p.kind)
                               for p in self.problems}:
            by_kind[kind][check] += 1
        sizes = Counter(c.kind for c in self.cases)
        head = ["class", "cases", *COLUMNS, "other"]
        rows = [[kind, str(sizes.get(kind, 0)), *(str(by_kind[kind][c]) for c in (*COLUMNS, "other"))]
                for kind in sorted(set(sizes) | set(by_kind))]
        totals = ["TOTAL", str(len(self.cases)),
                  *(str(sum(by_kind[k][c] for k in by_kind)) for c in (*COLUMNS, "other"))]
        widths = [max(len(r[i]) for r in [head, *rows, totals]) for i in range(len(head))]
        lines = ["  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths,
                                                                                             strict=True)))
                 for r in [head, *rows, totals]]
        return "\n".join([*lines, f"max RSS {self.max_rss_kb // 1024} MB, worker restarts "
                          f"{self.worker_restarts}, folder runs {self.folders}"])


def run_cases(cases: Sequence[Case], tmp: Path, settings: Settings,
              stdin_cases: Sequence[Case] = ()) -> Report:
    """Folder runs (then ``stdin_cases`` as real ``polemos code -`` processes) in a thread, beside
    one worker that takes every case through ``polemos code -`` and ``polemos.code_text``."""
    report = Report(list(cases))
    folder_problems: list[Problem] = []
    rng = random.Random(settings.seed + 11)
    news = Newsroom(random.Random(settings.seed + 13))
    groups = [list(cases[i:i + settings.folder_size]) for i in range(0, len(cases), settings.folder_size)]
    finished: list[tuple[Finished, str, str]] = []

    def processes() -> None:  # folder runs, then real `polemos code -` processes
        for index, group in enumerate(groups):
            problems, done = run_folder(group, tmp / f"folder-{index:03d}", news, rng,
                                        base_limit=settings.base_limit, batch_size=(1, 32)[index % 2])
            folder_problems.extend(problems)
            finished.append((done, "folder", f"folder-{index:03d}/"))
        for case in stdin_cases:
            problems, done = run_stdin_process(case, tmp, settings.base_limit)
            folder_problems.extend(problems)
            finished.append((done, "stdin-process", case.filename))

    thread = threading.Thread(target=processes)
    thread.start()
    worker = Worker()
    try:
        for case in cases:
            found, _ = run_stdin_inproc(worker, case, tmp, settings.base_limit)
            report.problems += found
            if case.text is not None:
                found, _ = run_code_text(worker, case, settings.base_limit)
                report.problems += found
        report.worker_restarts = worker.restarts
    finally:
        worker.stop()
        thread.join()
    report.problems += folder_problems
    report.max_rss_kb = max([worker.max_kb, *(done.maxrss_kb for done, _, _ in finished)])
    report.timings = sorted([*worker.timings, *((d.seconds, r, c) for d, r, c in finished)], reverse=True)
    report.folders = len(groups)
    return report


def save_failures(report: Report, out: Path) -> Path:
    """Each case behind a problem, as a file to reproduce it with, and a list of the problems."""
    out.mkdir(parents=True, exist_ok=True)
    by_name = {c.filename: c for c in report.cases}
    lines = []
    for problem in report.problems:
        case = by_name.get(problem.case)
        if case is not None:
            target = out / problem.check / case.filename
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(case.data)
            if case.text is not None:
                target.with_name(case.filename + ".code_text.txt").write_text(
                    f"date: {case.date}\n{case.text}", encoding="utf-8", errors="surrogatepass")
        lines.append(str(problem))
    head = ("# Each input is saved as <check>/<file> (and <file>.code_text.txt: the date and text given to\n"
            "# polemos.code_text). Reproduce: polemos code <check>/<file> --db /tmp/x.duckdb, or\n"
            "# polemos code - --db /tmp/x.duckdb < <check>/<file>\n")
    (out / "problems.txt").write_text(head + "\n".join(lines) + "\n", encoding="utf-8", errors="replace")
    return out
