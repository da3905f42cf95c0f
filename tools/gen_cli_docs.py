"""Regenerate docs/cli.md from the CLI's own --help texts: `python tools/gen_cli_docs.py`."""

from __future__ import annotations

import argparse
from pathlib import Path

import click

from polemos.cli import cli


def _walk(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out = []
    for name in sorted(group.commands):
        command = group.commands[name]
        out.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            out.extend(_walk(command, f"{prefix} {name}"))
    return out


def render() -> str:
    """The CLI reference as Markdown, from every command's --help."""
    parts = ["# CLI reference\n", "Generated from `--help` by `tools/gen_cli_docs.py`; do not edit.\n",
             "Exit status: 0 all fine, 1 some inputs failed (listed on stderr), 2 usage or setup error.\n"]
    # a child of the group's context inherits its settings (-h as well as --help), as when run
    root = click.Context(cli, info_name="polemos", **cli.context_settings)
    for path, command in _walk(cli, "polemos"):
        ctx = click.Context(command, info_name=path, parent=root)
        parts.append(f"## `{path}`\n\n```\n{command.get_help(ctx)}\n```\n")
    return "\n".join(parts)


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    (Path(__file__).parent.parent / "docs" / "cli.md").write_text(render())


if __name__ == "__main__":
    main()
