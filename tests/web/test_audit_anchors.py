"""Audit anchors (issue #18 §5): the head, signed with the project key and timestamped by
the test TSA, kept outside the database; `audit verify` checks every anchor and the signed
head by default, so a rewritten log is caught without `--expect-head`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from lionrock import Settings, Store
from lionrock.audit import anchor_files, anchor_now, check_audit, enable_head_signing
from lionrock.audit._log import entry_hash
from lionrock.auth import set_setting
from lionrock.cli import main
from lionrock.release import read_manifest
from tests.evidence.local_tsa import LocalTSA


@pytest.fixture
def settings(store: Store, tmp_path: Path, tsa: LocalTSA) -> Settings:
    (tmp_path / "tsa.pem").write_bytes(tsa.root_pem)
    return Settings(home=tmp_path / "home", database_url=store.url, tsa_url=tsa.url,
                    tsa_ca=tmp_path / "tsa.pem")  # fmt: skip


def _fill(store: Store, start: int = 0, count: int = 4) -> None:
    for i in range(start, start + count):
        set_setting(store, key=f"k{i}", value=str(i), actor="ana")


@pytest.fixture
def anchored(store: Store, settings: Settings) -> Store:
    """Four entries, anchored; head signing on; two more entries after the anchor."""
    _fill(store)
    anchor = anchor_now(store, settings)
    assert anchor.entries == 4 and anchor.timestamp  # signed and RFC 3161-timestamped
    enable_head_signing(store, settings)
    _fill(store, 4, 2)
    assert check_audit(store, settings).ok, check_audit(store, settings).problems
    return store


def _run(store: Store, *sql: str, params: dict[str, object] | None = None) -> None:
    with store.engine.begin() as conn:
        for statement in sql:
            conn.execute(sa.text(statement), params or {})


def _fix_head(store: Store) -> None:
    """What an attacker does after a rewrite: make the head row agree with the log."""
    last = "COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '')"
    _run(store, f"UPDATE audit_head SET entries = (SELECT count(*) FROM audit_log), hash = {last}")


def _problems(store: Store, settings: Settings) -> tuple[str, ...]:
    from lionrock.audit import verify

    plain = verify(store)  # the chain alone: what passed every attack before
    found = check_audit(store, settings).problems
    assert plain.ok or found
    return found


def test_deleting_the_last_entries_is_caught(anchored: Store, settings: Settings) -> None:
    _run(anchored, "DELETE FROM audit_log WHERE seq >= 4")
    _fix_head(anchored)
    assert any("no longer has" in p for p in _problems(anchored, settings))


def test_deleting_everything_is_caught(anchored: Store, settings: Settings) -> None:
    _run(anchored, "DELETE FROM audit_log", "DELETE FROM audit_head")
    assert any("no longer has" in p for p in _problems(anchored, settings))


def test_a_forged_append_is_caught(anchored: Store, settings: Settings) -> None:
    with anchored.engine.begin() as conn:
        last = conn.execute(sa.text("SELECT seq, hash FROM audit_log ORDER BY seq DESC")).first()
        assert last is not None
        seq, prev = last.seq + 1, last.hash
        row = {"seq": seq, "at": "2026-01-01T00:00:00Z", "actor": "admin",
               "action": "change.approve", "target": "change:1", "detail": "{}"}  # fmt: skip
        digest = entry_hash(prev, **row)  # type: ignore[arg-type]
        conn.execute(sa.text(
            "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) "
            "VALUES (:seq, :at, :actor, :action, :target, :detail, :prev, :hash)"),
            {**row, "prev": prev, "hash": digest})  # fmt: skip
    _fix_head(anchored)
    found = _problems(anchored, settings)
    assert any("appended or deleted without the key" in p for p in found), found


def test_an_edit_with_the_chain_recomputed_is_caught(anchored: Store, settings: Settings) -> None:
    with anchored.engine.begin() as conn:
        rows = conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq")).all()
        prev = "0" * 64
        for row in rows:
            actor = "mallory" if row.seq == 2 else row.actor
            digest = entry_hash(prev, seq=row.seq, at=row.at, actor=actor, action=row.action,
                                target=row.target, detail=row.detail)  # fmt: skip
            conn.execute(sa.text("UPDATE audit_log SET actor = :a, prev_hash = :p, hash = :h "
                                 "WHERE seq = :s"),
                         {"a": actor, "p": prev, "h": digest, "s": row.seq})  # fmt: skip
            prev = digest
    _fix_head(anchored)
    found = _problems(anchored, settings)
    assert any("rewritten up to it" in p for p in found), found


def test_an_altered_anchor_fails(anchored: Store, settings: Settings) -> None:
    path = anchor_files(settings.home / "audit-anchors")[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"] = 3
    path.write_text(json.dumps(data), encoding="utf-8")
    assert any("signature fails" in p for p in check_audit(anchored, settings).problems)


def test_the_cli_anchors_and_verifies(anchored: Store, settings: Settings) -> None:
    env = {
        "LIONROCK_DATABASE_URL": anchored.url,
        "LIONROCK_HOME": str(settings.home),
        "LIONROCK_TSA_URL": settings.tsa_url,
        "LIONROCK_TSA_CA": str(settings.tsa_ca),
    }
    result = CliRunner().invoke(main, ["audit", "anchor"], env=env)
    assert result.exit_code == 0 and "anchored entry 6" in result.output, result.output
    assert "timestamped" in result.output
    assert len(anchor_files(settings.home / "audit-anchors")) == 2  # anchors are kept
    result = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert result.exit_code == 0 and "(2 anchor(s) checked)" in result.output, result.output
    _run(anchored, "DELETE FROM audit_log WHERE seq = 6")
    _fix_head(anchored)
    result = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert result.exit_code == 1 and "fails verification" in result.output


def test_every_publish_anchors_into_the_signed_manifest(
    anchored: Store, settings: Settings, tmp_path: Path
) -> None:
    env = {"LIONROCK_DATABASE_URL": anchored.url, "LIONROCK_HOME": str(settings.home)}
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", "-o", str(site), "--no-search"], env=env)
    assert result.exit_code == 0, result.output
    published = json.loads((site / "audit-anchor.json").read_text(encoding="utf-8"))
    assert published["entries"] == 6
    manifest = read_manifest((site / "manifest.json").read_bytes())
    assert "audit-anchor.json" in manifest.by_path()
