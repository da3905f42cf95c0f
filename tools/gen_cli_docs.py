"""Regenerate docs/cli.md from the CLI's own --help texts: `python tools/gen_cli_docs.py`."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import click

from polemos.cli import cli

# A fixed width, so the page is the same whatever terminal regenerates it.
_WIDTH = 80


def _walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Context, click.Command]]:
    """Each command under ``command`` with its own context, children after their group."""
    if not isinstance(command, click.Group):
        return
    for name in sorted(command.commands):
        child = command.commands[name]
        # info_name is the command's own word: click joins the parents' words into the usage line
        child_ctx = click.Context(child, info_name=name, parent=ctx)
        yield child_ctx, child
        yield from _walk(child, child_ctx)


def render() -> str:
    """The CLI reference as Markdown, from every command's --help."""
    parts = ["# CLI reference\n", "Generated from `--help` by `tools/gen_cli_docs.py`; do not edit.\n",
             "Exit status: 0 all fine, 1 some inputs failed (listed on stderr), 2 usage or setup error.\n"]
    # a child of the group's context inherits its settings (-h as well as --help), as when run
    root = click.Context(cli, info_name="polemos", terminal_width=_WIDTH, max_content_width=_WIDTH,
                         **cli.context_settings)
    parts.append(f"## `polemos`\n\n```\n{cli.get_help(root)}\n```\n")
    for ctx, command in _walk(cli, root):
        parts.append(f"## `{ctx.command_path}`\n\n```\n{command.get_help(ctx)}\n```\n")
    return "\n".join(parts)


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    (Path(__file__).parent.parent / "docs" / "cli.md").write_text(render())


if __name__ == "__main__":
    main()
