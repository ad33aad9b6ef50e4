"""`lionrock verify` covers every byte of every file in a release (issue #18 §5): the files
the manifest does not list (TUF metadata, signatures, mirrors.json) are checked by their
signatures, so replacing, deleting or editing any of them fails, on a folder, a ZIM and
a CAR alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.release import build_car, build_zim, verify, write_mirrors
from lionrock.release._mirrors import Mirror
from tests.release.conftest import Keys

SIGNING_FILES = [
    "tuf/root.json",
    "tuf/1.root.json",
    "tuf/targets.json",
    "tuf/snapshot.json",
    "tuf/timestamp.json",
    "manifest.json.minisig",
]


def problems(report: object) -> dict[str, str]:
    return {p.location.path: p.message for p in report.problems}  # type: ignore[attr-defined]


def _verify(site: Path, keys: Keys, tmp_path: Path) -> dict[str, str]:
    report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / "state")
    return problems(report)


def test_an_untouched_release_still_verifies(site: Path, keys: Keys, tmp_path: Path) -> None:
    assert _verify(site, keys, tmp_path) == {}


def test_root_json_replaced_by_evil_fails(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "tuf/root.json").write_text('{"signed":{"evil":true}}', encoding="utf-8")
    found = _verify(site, keys, tmp_path)
    assert "tuf/root.json" in found, found
    result = CliRunner().invoke(
        main, ["verify", str(site), "--pubkey", str(keys.public),
               "--state", str(tmp_path / "cli-state")],
    )  # fmt: skip
    assert result.exit_code != 0 and "tuf/root.json" in result.output, result.output


@pytest.mark.parametrize("path", SIGNING_FILES)
def test_deleting_signing_metadata_fails(site: Path, keys: Keys, tmp_path: Path, path: str) -> None:
    (site / path).unlink()
    assert path in _verify(site, keys, tmp_path)


@pytest.mark.parametrize("path", SIGNING_FILES)
def test_every_byte_of_signing_metadata_is_covered(
    site: Path, keys: Keys, tmp_path: Path, path: str
) -> None:
    """A flip anywhere in the file, inside or outside the signed part (whitespace, key
    order, the signature's untrusted comment), fails."""
    original = (site / path).read_bytes()
    step = max(1, len(original) // 40)
    for offset in range(0, len(original), step):
        data = bytearray(original)
        data[offset] ^= 0x01 if chr(data[offset]).isalnum() else 0x20
        (site / path).write_bytes(bytes(data))
        found = _verify(site, keys, tmp_path / str(offset))
        assert found, (path, offset, bytes(data[max(0, offset - 10) : offset + 10]))
    (site / path).write_bytes(original)


def test_an_older_roots_valid_copy_cannot_stand_in(
    site: Path, keys: Keys, other_keys: Keys, tmp_path: Path
) -> None:
    """root.json holding another role's signed metadata, or appended bytes, fails."""
    (site / "tuf/root.json").write_bytes((site / "tuf/targets.json").read_bytes())
    assert "tuf/root.json" in _verify(site, keys, tmp_path / "a")
    (site / "tuf/root.json").write_bytes((site / "tuf/1.root.json").read_bytes() + b"\n")
    assert "tuf/root.json" in _verify(site, keys, tmp_path / "b")


def test_mirrors_json_is_checked(site: Path, keys: Keys, other_keys: Keys, tmp_path: Path) -> None:
    mirror = Mirror(url="https://mirror.example.org/", kind="https", note="")
    write_mirrors(site / "mirrors.json", [mirror], secret_key=keys.secret)
    assert _verify(site, keys, tmp_path / "a") == {}
    data = json.loads((site / "mirrors.json").read_text(encoding="utf-8"))
    data["mirrors"][0]["url"] = "https://evil.example.org/"
    (site / "mirrors.json").write_text(json.dumps(data), encoding="utf-8")
    assert "mirrors.json" in _verify(site, keys, tmp_path / "b")
    write_mirrors(site / "mirrors.json", [mirror], secret_key=other_keys.secret)
    assert "mirrors.json" in _verify(site, keys, tmp_path / "c")


@pytest.mark.parametrize("kind", ["zim", "car"])
def test_offline_copies_check_root_json_too(
    site: Path, keys: Keys, tmp_path: Path, kind: str
) -> None:
    (site / "tuf/root.json").write_text('{"signed":{"evil":true}}', encoding="utf-8")
    out = tmp_path / f"site.{kind}"
    if kind == "zim":
        build_zim(site, out, title="Lion Rock", languages=["en", "zh-hant", "ja"])
    else:
        build_car(site, out)
    report = verify(str(out), pubkey=keys.public, state_dir=tmp_path / "state")
    assert "tuf/root.json" in problems(report), problems(report)
