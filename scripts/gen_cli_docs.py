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
        command = main.commands[name]
        sub = click.Context(command, info_name=name, parent=ctx)
        parts += [f"## `lionrock {name}`", "", "```", command.get_help(sub).rstrip(), "```", ""]
        if isinstance(command, click.Group):  # a stage's group: each subcommand too
            for sub_name in sorted(command.commands):
                child = command.commands[sub_name]
                inner = click.Context(child, info_name=sub_name, parent=sub)
                title = f"### `lionrock {name} {sub_name}`"
                parts += [title, "", "```", child.get_help(inner).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
