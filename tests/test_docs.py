"""Docs stay honest: the CLI reference is generated and complete, settings are listed."""

from __future__ import annotations

import re

from lionrock import settings
from lionrock.cli import main
from scripts.gen_cli_docs import DOC, render
from tests.conftest import ROOT


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run: python scripts/gen_cli_docs.py"


def test_every_command_and_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"## `lionrock {name}`" in text
        subcommands = getattr(command, "commands", {})
        for sub_name in subcommands:
            assert f"### `lionrock {name} {sub_name}`" in text
        for each in [command, *subcommands.values()]:
            for param in each.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("-"):
                        assert opt in text, (name, opt)


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    names = [v for k, v in vars(settings).items() if k.startswith("ENV_")]
    assert names
    for name in names:
        assert f"`{name}`" in text


def test_readme_has_exactly_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Set-up on a fresh machine\n\n```sh\n(.*?)```", text, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["make run", "make test"]
