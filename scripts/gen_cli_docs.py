"""Write docs/cli.md from the commands' own help, so the reference cannot drift.

tests/test_docs.py fails when docs/cli.md differs from what this script writes.

Example: python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click

from lionrock.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    """The CLI reference as Markdown."""
    parts = [
        "# CLI reference",
        "",
        "Generated from the commands' own help by `scripts/gen_cli_docs.py`; a test keeps it",
        "complete. The store is chosen by the settings in [settings.md](settings.md).",
        "",
    ]
    ctx = click.Context(main, info_name="lionrock", terminal_width=88, max_content_width=88)
    for name in sorted(main.commands):
        parts += _command(main.commands[name], name, ctx, f"lionrock {name}")
    return "\n".join(parts)


def _command(
    command: click.Command, name: str, parent: click.Context, path: str, level: int = 2
) -> list[str]:
    """One command's section, then its subcommands' (a stage's group, e.g. `library`),
    one heading level down."""
    ctx = click.Context(command, info_name=name, parent=parent)
    heading = "#" * level
    parts = [f"{heading} `{path}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    if isinstance(command, click.Group):
        for sub in sorted(command.commands):
            parts += _command(command.commands[sub], sub, ctx, f"{path} {sub}", level + 1)
    return parts


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
