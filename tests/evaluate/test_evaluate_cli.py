"""`polemos evaluate` end to end on small bundled samples we wrote: the figures must not fall."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from polemos.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def runner(knowledge) -> CliRunner:  # noqa: ARG001 - shared knowledge loaded once
    return CliRunner()


def _evaluate(runner: CliRunner, kind: str, gold: Path) -> dict:
    result = runner.invoke(cli, ["evaluate", "--kind", kind, "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_evaluate_plover_gsr_floor_on_own_sample(runner: CliRunner) -> None:
    report = _evaluate(runner, "plover-gsr", FIXTURES / "evaluate" / "gsr_sample.json")
    assert report["sentences"] == 20
    assert report["type_accuracy"] >= 0.75
    assert report["actor_country"] >= 0.85
    assert report["spurious_per_sentence"] <= 0.35


def test_evaluate_readable_report(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["evaluate", "--kind", "plover-gsr", "--gold",
                                 str(FIXTURES / "evaluate" / "gsr_sample.json")])
    assert result.exit_code == 0 and result.stdout.startswith("gsr: type accuracy")


def test_evaluate_missing_gold_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["evaluate", "--kind", "timeml", "--gold", str(tmp_path / "no")])
    assert result.exit_code == 2 and "does not exist" in result.output
