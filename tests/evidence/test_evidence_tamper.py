"""Evidence integrity (issue #18 §5): a stored file replaced by another is caught by its
content address; bytes added before or after a WACZ, and single-byte flips in its ZIP
metadata, are refused; an unsigned WACZ says so plainly."""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.evidence import Target, Trust, capture, verify_file
from lionrock.evidence._setup import open_signing, open_vault
from lionrock.evidence._zip_layout import check_zip_layout
from lionrock.settings import Settings
from lionrock.store import Store
from tests.conftest import SHARED
from tests.evidence.conftest import FAST, Site
from tests.evidence.local_tsa import LocalTSA

SIGNED_OTHER = SHARED / "warc" / "py-wacz-fixtures" / "valid_signed_example_1.wacz"


@pytest.fixture
def stored(site: Site, sqlite_env: Path, tsa: LocalTSA) -> tuple[str, Path]:
    """A capture in the vault of the CLI's home: its evidence ID and its file."""
    sqlite_env.mkdir(parents=True, exist_ok=True)
    (sqlite_env / "tsa.pem").write_bytes(tsa.root_pem)
    settings = Settings(home=sqlite_env, tsa_url=tsa.url, tsa_ca=sqlite_env / "tsa.pem")
    store = Store(settings.database_url)
    try:
        vault, signing = open_vault(settings, store), open_signing(settings)
        result = capture(targets=[Target(site.url("/"))], vault=vault, signing=signing,
                         operator="t", options=FAST)[0]  # fmt: skip
    finally:
        store.close()
    assert result.evidence_id
    return result.evidence_id, vault.path_of(result.evidence_id)


def _replace(path: Path, data: bytes) -> None:
    os.chmod(path, 0o644)  # the vault keeps its copies read-only
    path.write_bytes(data)


def test_a_replaced_file_fails_by_id_and_by_name(stored: tuple[str, Path]) -> None:
    evidence_id, path = stored
    ok = CliRunner().invoke(main, ["evidence", "verify", evidence_id[:12]])
    assert ok.exit_code == 0, ok.output
    # another WACZ that verifies on its own, put in place of the captured one
    assert verify_file(SIGNED_OTHER).ok
    _replace(path, SIGNED_OTHER.read_bytes())
    result = CliRunner().invoke(main, ["evidence", "verify", evidence_id[:12]])
    assert result.exit_code == 1
    assert f"not {evidence_id}, the content address" in result.output
    assert "replaced or altered" in result.output
    assert not verify_file(path).ok  # named <sha256>.wacz: the name is checked too
    copy = path.parent.parent / "plain-name.wacz"
    shutil.copyfile(path, copy)
    assert verify_file(copy).ok  # no address to check it against: only its own content
    assert not verify_file(copy, sha256=evidence_id).ok


@pytest.fixture
def wacz(stored: tuple[str, Path], tmp_path: Path) -> Path:
    """A copy of the captured WACZ under a name that is not a content address, so that
    only the ZIP checks judge it."""
    copy = tmp_path / "capture.wacz"
    shutil.copyfile(stored[1], copy)
    assert verify_file(copy).ok and check_zip_layout(copy) == []
    return copy


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    out = tmp_path / name
    out.write_bytes(data)
    return out


def test_bytes_added_before_or_after_are_refused(wacz: Path, tmp_path: Path) -> None:
    data = wacz.read_bytes()
    cases = {
        "appended.wacz": data + b"\x00",
        "prepended.wacz": b"X" + data,
        "garbage.wacz": data + b"tail" * 100,
    }
    for name, changed in cases.items():
        path = _write(tmp_path, name, changed)
        with zipfile.ZipFile(path) as archive:  # Python's zipfile reads them all
            assert archive.testzip() is None
        report = verify_file(path)
        assert not report.ok, name
        assert any("appended" in p or "expected 0" in p or "does not end" in p
                   for p in report.problems), (name, report.problems)  # fmt: skip


def _metadata(data: bytes) -> dict[str, list[int]]:
    """Byte positions of each kind of ZIP metadata, from Python's own reading."""
    end = data.rindex(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<II", data, end + 12)
    found: dict[str, list[int]] = {"local CRC copy": [], "local header": [],
                                   "central attributes": [], "central directory": [],
                                   "end record": list(range(end, len(data)))}  # fmt: skip
    at = cd_offset
    while at < cd_offset + cd_size:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        local = struct.unpack_from("<I", data, at + 42)[0]
        found["central attributes"] += [at + 4, at + 5, *range(at + 36, at + 42)]
        found["central directory"] += list(range(at, at + 46 + name_len))
        local_name = struct.unpack_from("<H", data, local + 26)[0]
        found["local CRC copy"] += list(range(local + 14, local + 18))
        found["local header"] += list(range(local, local + 30 + local_name))
        at += 46 + name_len + extra_len + comment_len
    return found


def test_single_byte_flips_in_zip_metadata_are_refused(wacz: Path, tmp_path: Path) -> None:
    data = wacz.read_bytes()
    spots = _metadata(data)
    # the named cases through the full verifier
    for kind in ("local CRC copy", "central attributes"):
        for position in spots[kind]:
            changed = bytearray(data)
            changed[position] ^= 0xFF
            report = verify_file(_write(tmp_path, "flip.wacz", bytes(changed)))
            assert not report.ok, (kind, position)
    # and every byte of every header, through the layout check alone (fast)
    flipped = 0
    for kind, positions in spots.items():
        for position in sorted(set(positions)):
            # one bit of an attribute can make another valid value (0o644 to 0o640):
            # only the content address (by ID or name, above) sees those
            attribute = position in spots["central attributes"]
            for mask in (0xFF,) if attribute else (0xFF, 0x01):
                changed = bytearray(data)
                changed[position] ^= mask
                path = _write(tmp_path, "flip.wacz", bytes(changed))
                problems = check_zip_layout(path)
                if not problems:  # a flip the layout allows must fail the content checks
                    assert not verify_file(path).ok, (kind, position, mask)
                flipped += 1
    assert flipped > 1000


def test_an_unsigned_wacz_says_so_plainly(wacz: Path, tmp_path: Path, sqlite_env: Path) -> None:
    unsigned = tmp_path / "unsigned.wacz"
    with zipfile.ZipFile(wacz) as old, zipfile.ZipFile(unsigned, "w") as new:
        for info in old.infolist():
            if info.filename != "datapackage-digest.json":
                new.writestr(info, old.read(info))
    report = verify_file(unsigned, trust=Trust(allow_unsigned=True))
    assert report.ok and report.unsigned
    result = CliRunner().invoke(main, ["evidence", "verify", "--allow-unsigned", str(unsigned)])
    assert result.exit_code == 0, result.output
    assert "UNSIGNED: nothing proves who made this file or when" in result.output
    refused = CliRunner().invoke(main, ["evidence", "verify", str(unsigned)])
    assert refused.exit_code == 1 and "not signed" in refused.output
    signed = CliRunner().invoke(main, ["evidence", "verify", str(wacz)])
    assert "UNSIGNED" not in signed.output
