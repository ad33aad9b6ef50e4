"""`lionrock backup` and `lionrock restore` round-trip on both backends (issue #18 item 3):
restored into a fresh home, `export --format statements` is byte for byte the same, and
the evidence files come back."""

from __future__ import annotations

import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from lionrock.cli import main
from tests.conftest import PG_URL, SOURCE_YAML, write

PEOPLE = "entities:\n" + "".join(
    f"  - id: lr-person-{n}\n    schema: Person\n    source: src-test\n"
    f"    properties:\n      name: 測試人物{n}\n      notes: Note {n}\n"
    for n in range(20)
)


@pytest.fixture
def fresh_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty store of the same backend: a new home (SQLite) or a new database whose
    search path names the same schema (pg_dump restores a schema under its own name)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'lionrock.db'}"
        return
    name = "restore_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    base = PG_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}?{db_url.split('?', 1)[1]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def _export(runner: CliRunner, env: dict[str, str], out: Path) -> bytes:
    result = runner.invoke(main, ["export", "--format", "statements", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_backup_restore_round_trip(db_url: str, fresh_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    home = tmp_path / "home"
    env = {"LIONROCK_HOME": str(home), "LIONROCK_DATABASE_URL": db_url}
    data = write(tmp_path / "p.yaml", SOURCE_YAML + PEOPLE)
    assert runner.invoke(main, ["load", data], env=env).exit_code == 0
    evidence = home / "evidence" / "ab" / "abcdef.warc.gz"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(bytes(range(256)) * 100)
    before = _export(runner, env, tmp_path / "before.csv")
    backup = tmp_path / "b.tar"
    result = runner.invoke(main, ["backup", "-o", str(backup)], env=env)
    assert result.exit_code == 0, result.output
    assert "and 1 evidence files" in result.output

    new_home = tmp_path / "restored"
    new_env = {"LIONROCK_HOME": str(new_home), "LIONROCK_DATABASE_URL": fresh_url}
    result = runner.invoke(main, ["restore", str(backup)], env=new_env)
    assert result.exit_code == 0, result.output
    assert _export(runner, new_env, tmp_path / "after.csv") == before
    restored = new_home / "evidence" / "ab" / "abcdef.warc.gz"
    assert restored.read_bytes() == evidence.read_bytes()
    # once there, a second restore is refused rather than mixing two stores
    again = runner.invoke(main, ["restore", str(backup)], env=new_env)
    assert again.exit_code == 1 and "already holds a store" in again.output


def test_damaged_backup_is_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"LIONROCK_HOME": str(tmp_path / "home")}
    assert (
        runner.invoke(main, ["load", write(tmp_path / "p.yaml", SOURCE_YAML)], env=env).exit_code
        == 0
    )
    backup = tmp_path / "b.tar"
    assert runner.invoke(main, ["backup", "-o", str(backup)], env=env).exit_code == 0
    with tarfile.open(backup) as tar:
        offset = tar.getmember("database/database.sqlite").offset_data
    raw = bytearray(backup.read_bytes())
    raw[offset + 5000] ^= 0xFF
    backup.write_bytes(bytes(raw))
    result = runner.invoke(
        main, ["restore", str(backup)], env={"LIONROCK_HOME": str(tmp_path / "new")}
    )
    assert result.exit_code == 1 and "does not match its SHA-256" in result.output
    assert not (tmp_path / "new" / "lionrock.db").exists()
