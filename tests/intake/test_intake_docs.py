"""The intake docs stay honest: every test the threat model cites exists, and every
command docs/intake.md lists is a real command."""

from __future__ import annotations

import ast
import re

from lionrock.cli import main
from tests.conftest import ROOT

HERE = ROOT / "tests" / "intake"


def _tests_in(name: str) -> set[str]:
    tree = ast.parse((HERE / name).read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_cited_test_exists() -> None:
    text = (ROOT / "docs" / "intake-threat-model.md").read_text(encoding="utf-8")
    cited = re.findall(r"`(test_intake_\w+\.py)(?:::(\w+))?", text)
    assert len(cited) > 15
    for module, function in cited:
        assert (HERE / module).is_file(), module
        if function:
            assert function in _tests_in(module), f"{module}::{function}"
    for function in re.findall(r"`::(test_\w+)`", text):  # `::name` after a module
        assert any(function in _tests_in(p.name) for p in HERE.glob("test_intake_*.py")), function


def test_every_documented_command_exists() -> None:
    text = (ROOT / "docs" / "intake.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`lionrock intake ([a-z-]+)", text))
    real = set(main.commands["intake"].commands)  # type: ignore[attr-defined]
    assert documented == real
