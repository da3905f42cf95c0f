"""The terminal side: counts in words, the closing summary of a run, and stdout kept for records."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import polemos
from polemos.cli import cli
from polemos.console import count, run_summary

PACKAGE = Path(polemos.__file__).parent


@pytest.mark.parametrize(("n", "words"), [(0, "0 articles"), (1, "1 article"), (2, "2 articles")])
def test_console_count_agrees_with_its_noun(n: int, words: str) -> None:
    assert count(n, "article") == words


def test_console_summary_of_a_rerun_counts_stored_mentions() -> None:
    stats = {"articles_read": 6, "articles_coded": 0, "articles_skipped": 6, "mentions": 0,
             "failures": 0, "seconds": 1.5}
    assert run_summary(stats, 31, stored=True) == \
        "0 articles coded, 6 already stored (31 mentions); 31 mentions printed"


def test_console_summary_of_a_first_run_and_a_file() -> None:
    stats = {"articles_coded": 1, "articles_skipped": 0, "mentions": 1}
    assert run_summary(stats, 1, stored=True, output="out.jsonl") == \
        "1 article coded (1 mention); 1 mention written to out.jsonl"


def test_console_summary_without_a_store_says_repeated() -> None:
    stats = {"articles_coded": 2, "articles_skipped": 1, "mentions": 3}
    assert run_summary(stats, 3, stored=False) == \
        "2 articles coded (3 mentions), 1 repeated in the input; 3 mentions printed"


def test_console_summary_reports_counts_the_driver_adds() -> None:
    stats = {"articles_coded": 1, "articles_updated": 2, "articles_skipped": 0, "mentions": 4}
    assert run_summary(stats, 4, stored=True) == "1 article coded (4 mentions), 2 updated; 4 mentions printed"


def _writes_to_stdout(tree: ast.AST) -> list[int]:
    """Lines calling print() or naming sys.stdout."""
    def prints(node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"

    def names_stdout(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "stdout" and \
            isinstance(node.value, ast.Name) and node.value.id == "sys"

    return [node.lineno for node in ast.walk(tree) if prints(node) or names_stdout(node)]


def test_console_library_never_writes_to_stdout() -> None:
    """stdout carries records: only the CLI's own modules may print (to stdout or stderr)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("cli.py", "console.py"):
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{line}"
                      for line in _writes_to_stdout(ast.parse(path.read_text()))]
    assert offenders == []


def test_console_library_logs_show_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # any command sets up the CLI's log handler (this one then fails: there is no store)
    assert CliRunner().invoke(cli, ["query", "SELECT 1", "--db", str(tmp_path / "no.duckdb")]).exit_code == 2
    logging.getLogger("polemos.gazetteer.lookup").info("building the place index (once, ~35 s)")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "polemos: building the place index (once, ~35 s)\n"
