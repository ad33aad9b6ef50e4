"""Signed releases: the manifest, minisign, and `lionrock verify` on a folder and a URL."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.release import ManifestError, read_manifest, verify, write_manifest
from tests.release.conftest import Keys, make_site


def flip_byte(path: Path, offset: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


def problems(report: object) -> dict[str, str]:
    return {p.location.path: p.message for p in report.problems}  # type: ignore[attr-defined]


def test_manifest_lists_every_file_but_the_signing_metadata(site: Path) -> None:
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"version", "built_at", "files"}
    paths = [f["path"] for f in manifest["files"]]
    assert paths == sorted(paths)
    assert "zh-hant/people/john-lee.html" in paths and "img/lion.png" in paths
    assert not any(p.startswith("tuf/") or p.startswith("manifest.json") for p in paths)
    entry = next(f for f in manifest["files"] if f["path"] == "css/site.css")
    assert entry["size"] == (site / "css/site.css").stat().st_size


def test_debian_minisign_verifies_the_manifest(site: Path, keys: Keys) -> None:
    for args in (["-P", keys.line], ["-p", str(keys.public)]):
        done = subprocess.run(
            ["minisign", "-Vm", str(site / "manifest.json"), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Signature and comment signature verified" in done.stdout
        assert "lionrock release 2" in done.stdout
    flip_byte(site / "manifest.json", 40)
    done = subprocess.run(
        ["minisign", "-Vm", str(site / "manifest.json"), "-P", keys.line],
        capture_output=True,
        check=False,
    )
    assert done.returncode != 0


def test_an_untouched_copy_verifies(site: Path, keys: Keys, tmp_path: Path) -> None:
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert report.ok, report.problems
    assert report.checked == len(report.manifest.files) > 8  # type: ignore[union-attr]
    assert report.tuf_version is not None


@pytest.mark.parametrize(
    "path",
    ["index.html", "zh-hant/people/john-lee.html", "ja/index.html", "css/site.css", "img/lion.png"],
)
def test_a_flipped_byte_is_caught_and_named(
    site: Path, keys: Keys, tmp_path: Path, path: str
) -> None:
    flip_byte(site / path)
    report = verify(str(site), pubkey=keys.line, state_dir=tmp_path / "state")
    assert problems(report) == {path: "altered: its SHA-256 differs from the signed manifest"}


def test_a_deleted_file_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "ja/people/john-lee.html").unlink()
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert "missing" in problems(report)["ja/people/john-lee.html"]


@pytest.mark.parametrize("path", ["en/extra.html", "tuf/evil.json", "manifest.json.bak"])
def test_an_added_file_is_caught(site: Path, keys: Keys, tmp_path: Path, path: str) -> None:
    (site / path).write_text("<script>alert(1)</script>")
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert problems(report) == {path: "added: not in the signed manifest"}


def test_a_rewritten_manifest_fails_its_signature(site: Path, keys: Keys, tmp_path: Path) -> None:
    """An attacker who alters a page and fixes up the manifest still fails."""
    (site / "en/index.html").write_text("altered", encoding="utf-8")
    write_manifest(site, version="2")
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert list(problems(report)) == ["manifest.json"]
    assert "signature fails" in problems(report)["manifest.json"]


def test_a_missing_signature_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "manifest.json.minisig").unlink()
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert "missing" in problems(report)["manifest.json.minisig"]


def test_another_key_is_refused(site: Path, other_keys: Keys, tmp_path: Path) -> None:
    report = verify(str(site), pubkey=other_keys.public, state_dir=tmp_path / "state")
    assert "signature fails" in problems(report)["manifest.json"]


def test_a_site_signed_by_an_attacker_is_refused(
    tmp_path: Path, keys: Keys, other_keys: Keys
) -> None:
    """The attacker's own TUF root is refused too: the reader's key anchors it."""
    from lionrock.release import sign_site

    site = make_site(tmp_path / "evil")
    sign_site(site, secret_key=other_keys.secret)
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert not report.ok and "manifest.json" in problems(report)


def test_replaying_an_older_release_is_caught(
    release_v1: Path, release_v2: Path, keys: Keys, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    assert verify(str(release_v2), pubkey=keys.public, state_dir=state).ok
    copy = shutil.copytree(release_v1, tmp_path / "old")
    report = verify(str(copy), pubkey=keys.public, state_dir=state)
    found = problems(report)
    assert "rollback" in found["tuf/timestamp.json"]
    assert "rollback" in found["manifest.json"]


def test_verify_over_http(site: Path, keys: Keys, tmp_path: Path, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(site)
    assert verify(server.url, pubkey=keys.public, state_dir=tmp_path / "state").ok
    flip_byte(site / "zh-hant/index.html")
    (site / "en/people/john-lee.html").unlink()
    report = verify(server.url, pubkey=keys.public, state_dir=tmp_path / "state")
    assert set(problems(report)) == {"zh-hant/index.html", "en/people/john-lee.html"}


def test_the_cli_keygen_sign_verify(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"LIONROCK_TRUST_DIR": str(tmp_path / "trust"), "LIONROCK_KEY_PASSWORD": ""}
    result = runner.invoke(main, ["keygen", "-o", str(tmp_path / "keys")], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "keys/lionrock.key").stat().st_mode & 0o077 == 0
    again = runner.invoke(main, ["keygen", "-o", str(tmp_path / "keys")], env=env)
    assert again.exit_code != 0 and "not overwriting" in again.output
    site = make_site(tmp_path / "site")
    key = str(tmp_path / "keys/lionrock.key")
    result = runner.invoke(main, ["sign", str(site), "--secret-key", key], env=env)
    assert result.exit_code == 0, result.output
    pub = str(tmp_path / "keys/lionrock.pub")
    result = runner.invoke(main, ["verify", str(site), "--pubkey", pub], env=env)
    assert result.exit_code == 0 and result.output.startswith("OK: ")
    flip_byte(site / "ja/index.html")
    result = runner.invoke(main, ["verify", str(site), "--pubkey", pub], env=env)
    assert result.exit_code == 1
    assert "ja/index.html: altered" in result.output and "Traceback" not in result.output


def test_an_encrypted_key_needs_its_password(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"LIONROCK_KEY_PASSWORD": "correct horse"}
    assert runner.invoke(main, ["keygen", "-o", str(tmp_path / "k")], env=env).exit_code == 0
    site = make_site(tmp_path / "site")
    args = ["sign", str(site), "--secret-key", str(tmp_path / "k/lionrock.key")]
    result = runner.invoke(main, args, env={"LIONROCK_KEY_PASSWORD": ""})
    assert result.exit_code == 1 and "encrypted" in result.output
    assert runner.invoke(main, args, env=env).exit_code == 0


@pytest.mark.parametrize("path", ["../etc/passwd", "/etc/passwd", "a//b", "a/./b", "a\\b", ""])
def test_a_manifest_with_an_unsafe_path_is_refused(path: str) -> None:
    data = {
        "version": "1",
        "built_at": "2026-01-01T00:00:00Z",
        "files": [{"path": path, "sha256": "0" * 64, "size": 1}],
    }
    with pytest.raises(ManifestError):
        read_manifest(json.dumps(data).encode())


def test_a_symlink_in_a_copy_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "en/passwd.html").symlink_to("/etc/passwd")
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    assert "symlink" in problems(report)["en/passwd.html"]
