"""The CLI, as a user runs it: each command against a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from tests.conftest import SOURCE_YAML, write


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LIONROCK_HOME with the bundled record, shared by this module's tests."""
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["init"], env={"LIONROCK_HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert "loaded" in result.output
    return home


def run(home: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, list(args), env={"LIONROCK_HOME": str(home), "LIONROCK_DATABASE_URL": ""}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_search_finds_john_lee(home: Path) -> None:
    assert "John Lee Ka-chiu" in run(home, "search", "家超")
    hits = json.loads(run(home, "search", "家超", "--json"))
    assert hits[0]["id"] == "ofac-29250" and hits[0]["matched"] == "李家超"
    apple = json.loads(run(home, "search", "Apple Daily", "--json"))
    assert apple[0]["id"] == "lr-org-apple-daily"
    assert any(h["schema"] == "Event" for h in apple)


def test_stats_json(home: Path) -> None:
    stats = json.loads(run(home, "stats", "--json"))
    assert stats["facts_without_source"] == 0
    # 42 on the OFAC extract, 6 in the record (31 March 2025)
    assert stats["sanctions"]["us:HK-EO13936"]["persons"] == 48
    assert "entities" in run(home, "stats")


def test_show_prints_citations(home: Path) -> None:
    text = run(home, "show", "ofac-29250")
    assert "李家超" in text and "source:" in text
    data = json.loads(run(home, "show", "ofac-29250", "--json"))
    assert all(f["source"]["title"] for f in data["facts"])
    result = CliRunner().invoke(main, ["show", "nobody"], env={"LIONROCK_HOME": str(home)})
    assert result.exit_code != 0 and "no entity" in result.output


def test_export_and_load_round_trip(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.ftm.json"
    run(home, "export", "--format", "ftm", "-o", str(path))
    fresh = tmp_path / "fresh"
    out = run(fresh, "load", str(path))
    assert "loaded" in out
    before = json.loads(run(home, "stats", "--json"))
    after = json.loads(run(fresh, "stats", "--json"))
    assert before["facts"] == after["facts"] and before["cases"] == after["cases"]
    csv_out = run(home, "export", "--format", "csv", "--schema", "Organization")
    assert csv_out.startswith("id,schema,caption,url,")


def test_a_bad_load_fails_cleanly(home: Path, tmp_path: Path) -> None:
    bad = write(
        tmp_path / "bad.yaml",
        SOURCE_YAML + "entities:\n  - id: x\n    schema: Nope\n"
        "    source: src-test\n    properties:\n      name: X\n",
    )
    result = CliRunner().invoke(main, ["load", bad], env={"LIONROCK_HOME": str(home)})
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    assert "bad.yaml:12: field 'schema': unknown schema 'Nope'" in result.output
    assert "Traceback" not in result.output


def test_init_empty(tmp_path: Path) -> None:
    out = run(tmp_path / "empty", "init", "--empty")
    assert "empty store" in out
    assert json.loads(run(tmp_path / "empty", "stats", "--json"))["facts"] == 0


def _commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_postgres_store_via_the_cli(tmp_path: Path) -> None:
    from tests.conftest import _pg_schema_url

    urls = _pg_schema_url()
    url = next(urls)
    env = {"LIONROCK_DATABASE_URL": url}
    runner = CliRunner()
    result = runner.invoke(main, ["init"], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "家超", "--json"], env=env)
    assert json.loads(result.output)[0]["id"] == "ofac-29250"
    for _ in urls:
        pass
