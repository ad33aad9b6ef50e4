"""Long commands are not silent (issue #13, item 5): off a terminal, each prints one
summary line of its stages; `cli_progress` draws bars on a terminal."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lionrock.cli import main
from lionrock.cli_progress import _Bars, cli_progress
from tests.conftest import write
from tests.publish.test_scope import SDN


def test_sanctions_import_and_screen_say_what_they_did(tmp_path: Path) -> None:
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_DATABASE_URL": ""}
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--empty"], env=env).exit_code == 0
    path = write(tmp_path / "us-ofac-sdn-2024-05-03.csv", SDN + "\n")
    result = runner.invoke(main, ["sanctions", "import", path, "--list", "us-ofac-sdn"], env=env)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("sanctions import: "))
    assert "reading us-ofac-sdn" in line and "checking and writing" in line
    names = write(tmp_path / "names.csv", "name\nLEE, Test\nSomeone Else\n")
    screened = runner.invoke(main, ["screen", names], env=env)
    assert screened.exit_code == 0, screened.output
    line = next(x for x in screened.output.splitlines() if x.startswith("screen: "))
    assert "indexing the lists" in line and "screening names 2 " in line


def test_on_a_terminal_each_stage_is_a_bar() -> None:
    with cli_progress("publish", terminal=True) as progress:
        assert isinstance(progress, _Bars)
        with progress.stage("writing pages", total=3) as advance:
            for _ in range(3):
                advance(1)
        task = progress.bars.tasks[0]
        assert (task.description, task.completed, task.total) == ("writing pages", 3, 3)
