"""The commands, as an operator and an editor type them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from tests.intake.conftest import PASSPHRASE


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LIONROCK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LIONROCK_INTAKE_DIR", raising=False)
    monkeypatch.delenv("LIONROCK_INTAKE_DATABASE_URL", raising=False)
    monkeypatch.setenv("LIONROCK_INTAKE_PASSPHRASE", PASSPHRASE)
    return tmp_path


def test_keygen_recipients_status_export(env: Path) -> None:
    runner = CliRunner()
    key = env / "keys" / "desk.key"
    result = runner.invoke(main, ["intake", "keygen", str(key), "--label", "desk"])
    assert result.exit_code == 0, result.output
    assert "never copy it to the server" in result.output
    again = runner.invoke(main, ["intake", "keygen", str(key)])
    assert again.exit_code == 1 and "never overwritten" in again.output
    generated = runner.invoke(
        main, ["intake", "keygen", str(env / "k2.key"), "--generate-passphrase"]
    )
    assert (
        generated.exit_code == 0
        and len(generated.output.split("once, write it down): ")[1].split("\n")[0].split()) == 7
    )
    result = runner.invoke(main, ["intake", "recipients", "--add", f"{key}.pub"])
    assert result.exit_code == 0 and "desk" in result.output
    assert (env / "home" / "intake" / "recipients.txt").is_file()
    status = runner.invoke(main, ["intake", "status", "--json"])
    assert json.loads(status.output) == {
        "sources": 0,
        "submissions": 0,
        "pending": 0,
        "interrupted": 0,
        "items": 0,
        "replies": 0,
        "orphaned": 0,
        "recipients": 1,
    }
    empty = runner.invoke(main, ["intake", "export", "-o", str(env / "b.lrb")])
    assert empty.exit_code == 1 and "nothing to export" in empty.output
    assert "Traceback" not in empty.output
    assert len(runner.invoke(main, ["intake", "server-key"]).output.strip()) == 44


def test_clear_errors(env: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(
        main, ["intake", "open", str(env / "none.lrb"), "--key", str(env / "k")]
    )
    assert (
        missing.exit_code == 1 and "no such" in missing.output and "Traceback" not in missing.output
    )
    reply = runner.invoke(main, ["intake", "reply", "0123abcd"], input="hello")
    assert reply.exit_code == 1 and "no submission with ID" in reply.output
    junk = env / "junk.lrb"
    junk.write_bytes(b"not a tar at all" * 100)
    runner.invoke(main, ["intake", "keygen", str(env / "k.key")])
    result = runner.invoke(main, ["intake", "open", str(junk), "--key", str(env / "k.key")])
    assert result.exit_code == 1 and "not a Lion Rock intake bundle" in result.output
