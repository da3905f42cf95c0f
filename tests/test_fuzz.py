"""Fuzzing every input route with nasty and random inputs (issue 12), seeded and bounded.

About 210 cases (the fixed nasty ones in tests/fuzzing/nasty.py, less the heavy ones, and 150
seeded random ones in every format) go through folder runs of ``polemos code DIR --db X`` with
good articles mixed in, through ``polemos code -`` (inside one worker, plus a few real processes)
and through ``polemos.code_text`` in a worker that is killed and restarted when a case runs past
its limit. One run feeds every test below; each test asserts one promise of the README.
``python benchmarks/fuzz.py`` is the long run (10,000 cases) over the same generator.
"""

from __future__ import annotations

import pytest
from fuzzing.cases import random_cases
from fuzzing.harness import RSS_LIMIT_KB
from fuzzing.nasty import fixed_cases
from fuzzing.run import Report, Settings, run_cases

SEED = 12
RANDOM_CASES = 150
# one real `polemos code -` process per format family stdin reads: JSON Lines, text, bytes
STDIN_FAMILIES = ("f-jsonl-malformed", "f-kind-emoji", "f-binary", "f-utf16")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    fixed = [c for c in fixed_cases(SEED) if not c.heavy]
    cases = [*fixed, *random_cases(SEED, RANDOM_CASES)]
    stdin_cases = [c for c in fixed if c.name in STDIN_FAMILIES]
    assert len(stdin_cases) == len(STDIN_FAMILIES)
    return run_cases(cases, tmp_path_factory.mktemp("fuzz"), Settings(folder_size=110, base_limit=20.0,
                                                                     seed=SEED), stdin_cases)


def _found(report: Report, *checks: str) -> list[str]:
    return [str(p) for p in report.problems if p.check in checks]


def _message(problems: list[str], report: Report) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems[:60]) + "\n" + report.table()


def test_fuzz_covers_every_format_and_route(report: Report) -> None:
    kinds = {c.kind.split("/")[0] for c in report.cases}
    assert kinds >= {"txt", "jsonl", "json", "csv", "html", "encoding", "unsupported"}
    suffixes = {c.suffix for c in report.cases}
    assert suffixes >= {".txt", ".jsonl", ".json", ".csv", ".html", ".htm", ".docx", ".pdf", ""}
    assert report.folders >= 2
    routes = {route for _, route, _ in report.timings}
    assert routes == {"folder", "stdin", "stdin-process", "code_text"}


def test_fuzz_no_traceback_anywhere(report: Report) -> None:
    found = _found(report, "traceback", "crash")
    assert not found, _message(found, report)


def test_fuzz_exit_codes_as_the_readme_says(report: Report) -> None:
    found = _found(report, "exit-code")
    assert not found, _message(found, report)


def test_fuzz_no_good_article_lost_from_a_batch(report: Report) -> None:
    found = _found(report, "good-lost", "store")
    assert not found, _message(found, report)


def test_fuzz_every_bad_input_named(report: Report) -> None:
    found = _found(report, "unnamed")
    assert not found, _message(found, report)


def test_fuzz_code_text_raises_only_input_error_for_bad_input(report: Report) -> None:
    found = _found(report, "exception", "accepted-bad", "rejected-good", "stdout")
    assert not found, _message(found, report)


def test_fuzz_no_hang_and_memory_bounded(report: Report) -> None:
    found = _found(report, "timeout", "memory")
    assert not found, _message(found, report)
    assert 0 < report.max_rss_kb < RSS_LIMIT_KB


def test_fuzz_cases_are_reproducible() -> None:
    first = [(c.name, c.data) for c in random_cases(SEED, 30)]
    assert first == [(c.name, c.data) for c in random_cases(SEED, 30)]
    names = [c.filename for c in [*fixed_cases(SEED), *random_cases(SEED, RANDOM_CASES)]]
    assert len(set(names)) == len(names)
