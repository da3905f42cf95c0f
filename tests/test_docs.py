"""Docs stay true: every exported name, CLI command and schema field is documented."""

from __future__ import annotations

import re
from pathlib import Path

import polemos
from polemos.cli import cli
from polemos.model import Mention, mention_record

DOCS = Path(__file__).parent.parent / "docs"


def test_docs_api_lists_exactly_all() -> None:
    text = (DOCS / "api.md").read_text()
    documented = {name for name in re.findall(r"^\| `(\w+)", text, re.M)}
    documented |= {n for row in re.findall(r"^\| (`\w+`(?:, `\w+`)+) \|", text, re.M)
                   for n in re.findall(r"`(\w+)`", row)}
    assert set(polemos.__all__) == documented
    for name in polemos.__all__:
        assert hasattr(polemos, name), name


def test_docs_cli_reference_covers_every_command() -> None:
    text = (DOCS / "cli.md").read_text()
    for name, command in cli.commands.items():
        assert f"polemos {name}" in text, name
        assert command.help, name


def test_docs_schema_covers_every_record_field() -> None:
    text = (DOCS / "schema.md").read_text()
    from polemos.model import TextSpan

    record = mention_record(Mention("i", "d", 0, "s", TextSpan("t", 0, 1), "ASSAULT"))
    for field in record:
        assert f"`{field}`" in text, field


def test_docs_cli_reference_is_current() -> None:
    import sys

    sys.path.insert(0, str(DOCS.parent / "tools"))
    from gen_cli_docs import render

    assert (DOCS / "cli.md").read_text() == render()


def test_docs_cli_usage_lines_match_help() -> None:
    """Each section's usage line is the one `polemos … --help` prints (not "polemos polemos code")."""
    from click.testing import CliRunner

    text = (DOCS / "cli.md").read_text()
    sections = re.findall(r"^## `(polemos[\w ]*)`\n\n```\n(Usage: [^\n]*)", text, re.M)
    assert len(sections) >= len(cli.commands) + 1 and "polemos polemos" not in text
    runner = CliRunner()
    for path, usage in sections:
        helped = runner.invoke(cli, [*path.split()[1:], "--help"], prog_name="polemos")
        assert helped.exit_code == 0, path
        assert helped.stdout.splitlines()[0] == usage, path
        assert usage.startswith(f"Usage: {path} "), path


def test_docs_schema_covers_every_incident_field_in_order() -> None:
    """docs/schema.md's "Incidents" table lists the incident record's keys in their order, and
    its CSV header is the one `polemos incidents --format csv` writes."""
    from polemos.schema import INCIDENT_CSV_COLUMNS, INCIDENTS

    text = (DOCS / "schema.md").read_text().split("## Incidents")[1]
    documented = [name for row in re.findall(r"^\| (`\w+`(?:, `\w+`)*) \|", text, re.M)
                  for name in re.findall(r"`(\w+)`", row)]
    assert documented == [c.name for c in INCIDENTS]
    header = re.search(r"```\n(.*?)\n```", text, re.S)
    assert header is not None and header.group(1).split(",") == list(INCIDENT_CSV_COLUMNS)
