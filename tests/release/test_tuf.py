"""TUF: a reader's client catches rollback and freeze from a hostile mirror."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lionrock.release import sign_site, verify
from tests.release.conftest import Keys, make_site


def problems(report: object) -> dict[str, str]:
    return {p.location.path: p.message for p in report.problems}  # type: ignore[attr-defined]


def test_the_tuf_roles_are_signed_by_the_release_key(site: Path, keys: Keys) -> None:
    roles = {
        name: json.loads((site / "tuf" / f"{name}.json").read_text())
        for name in ("root", "targets", "snapshot", "timestamp")
    }
    root = roles["root"]["signed"]
    keyids = {root["roles"][role]["keyids"][0] for role in root["roles"]}
    assert len(keyids) == 1
    assert "manifest.json" in roles["targets"]["signed"]["targets"]
    assert (site / "tuf/1.root.json").read_bytes() == (site / "tuf/root.json").read_bytes()
    expires = datetime.fromisoformat(roles["timestamp"]["signed"]["expires"].replace("Z", "+00:00"))
    assert timedelta(days=6) < expires - datetime.now(UTC) < timedelta(days=8)


def test_a_mirror_rolling_back_to_an_older_release_is_caught(
    release_v1: Path, release_v2: Path, keys: Keys, tmp_path: Path, serve
) -> None:  # type: ignore[no-untyped-def]
    mirror = shutil.copytree(release_v2, tmp_path / "mirror")
    server = serve(mirror)
    state = tmp_path / "state"
    assert verify(server.url, pubkey=keys.public, state_dir=state).ok
    # The hostile mirror now serves the older, validly signed release.
    shutil.rmtree(mirror)
    shutil.copytree(release_v1, mirror)
    report = verify(server.url, pubkey=keys.public, state_dir=state)
    assert "rollback to an older release" in problems(report)["tuf/timestamp.json"]
    # A fresh reader has no history, so the older release is still validly signed.
    assert verify(server.url, pubkey=keys.public, state_dir=tmp_path / "fresh").ok


def test_a_frozen_mirror_is_caught(tmp_path: Path, keys: Keys, serve) -> None:  # type: ignore[no-untyped-def]
    """A mirror that stopped updating serves metadata whose timestamp has expired."""
    site = make_site(tmp_path / "site")
    sign_site(site, secret_key=keys.secret, now=datetime.now(UTC) - timedelta(days=8))
    server = serve(site)
    report = verify(server.url, pubkey=keys.public, state_dir=tmp_path / "state")
    assert "frozen" in problems(report)["tuf/timestamp.json"]
    # Re-signing refreshes the timestamp, and the same files pass again.
    sign_site(site, secret_key=keys.secret)
    assert verify(server.url, pubkey=keys.public, state_dir=tmp_path / "state").ok


def test_a_frozen_timestamp_replayed_after_a_fresh_one_is_caught(
    tmp_path: Path, keys: Keys, site: Path, serve
) -> None:  # type: ignore[no-untyped-def]
    state = tmp_path / "state"
    server = serve(site)
    assert verify(server.url, pubkey=keys.public, state_dir=state).ok
    old = (site / "tuf/timestamp.json").read_bytes()
    sign_site(site, secret_key=keys.secret, now=datetime.now(UTC) + timedelta(seconds=5))
    assert verify(server.url, pubkey=keys.public, state_dir=state).ok
    (site / "tuf/timestamp.json").write_bytes(old)
    report = verify(server.url, pubkey=keys.public, state_dir=state)
    assert "rollback" in problems(report)["tuf/timestamp.json"]


def test_tuf_metadata_from_another_key_is_refused(
    site: Path, keys: Keys, other_keys: Keys, tmp_path: Path
) -> None:
    """Valid manifest signature, but TUF metadata forged with another key."""
    forged = make_site(tmp_path / "forged")
    shutil.copy(site / "manifest.json", forged / "manifest.json")
    sign_site(forged, secret_key=other_keys.secret)
    shutil.rmtree(site / "tuf")
    shutil.copytree(forged / "tuf", site / "tuf")
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert "not the release key" in problems(report)["tuf/1.root.json"]


def test_altered_tuf_targets_are_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    path = site / "tuf/targets.json"
    path.write_text(path.read_text().replace('"manifest.json"', '"manifest.jsoN"'))
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert not report.ok and any(k.startswith("tuf/") for k in problems(report))
