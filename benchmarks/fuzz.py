"""The long fuzz run (issue 12): `python benchmarks/fuzz.py --cases 10000 --seed 0`.

Feeds seeded random inputs in every format, plus the fixed nasty ones (tests/fuzzing/nasty.py),
through a folder run (`polemos code DIR --db X`), standard input (`polemos code -`) and
`polemos.code_text`, and prints a table per input class: tracebacks, wrong exit codes, good
articles lost from folder batches, bad inputs not named, inputs past their time limit, other
problems (uncaught exceptions from code_text, rejected good text, memory over 1.5 GB, library
output on stdout), the peak RSS and this command line. The inputs behind each problem are written
to --out (default /tmp/fuzz-failures) with problems.txt listing them. Exit 1 when any problem.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing.cases import random_cases  # noqa: E402
from fuzzing.nasty import fixed_cases  # noqa: E402
from fuzzing.run import Settings, run_cases, save_failures  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="total cases, fixed ones included")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder-size", type=int, default=100, help="cases per folder run")
    parser.add_argument("--time-limit", type=float, default=60.0,
                        help="seconds per small case (scaled up by text size)")
    parser.add_argument("--stdin-processes", type=int, default=20,
                        help="fixed cases also piped into a real `polemos code -` process")
    parser.add_argument("--light", action="store_true", help="leave out the heavy fixed cases")
    parser.add_argument("--out", type=Path, default=Path("/tmp/fuzz-failures"))
    args = parser.parse_args()
    fixed = [c for c in fixed_cases(args.seed) if not (args.light and c.heavy)]
    cases = [*fixed, *random_cases(args.seed, max(0, args.cases - len(fixed)))]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="polemos-fuzz-") as tmp:
        report = run_cases(cases, Path(tmp), Settings(args.folder_size, args.time_limit, args.seed),
                           stdin_cases=fixed[:args.stdin_processes])
    print(report.table())
    print("slowest:", "; ".join(f"{s:.1f} s {route} {case}" for s, route, case in report.timings[:8]))
    print(f"{len(cases)} cases in {time.perf_counter() - started:.0f} s; "
          f"command: python {shlex.join(sys.argv)}")
    if report.problems:
        print(f"{len(report.problems)} problems; inputs in {save_failures(report, args.out)}")
        for problem in report.problems[:200]:
            print(" ", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
