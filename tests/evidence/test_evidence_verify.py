"""Verification: every single-byte change to our WACZ is caught; py-wacz's fixtures
behave as labelled; broken WARCs give clear errors, never tracebacks; and py-wacz's three
validator bugs are not repeated."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.evidence import (
    Target,
    Trust,
    capture,
    normalize_digest,
    parse_digest,
    verify_file,
)
from lionrock.evidence._setup import open_signing, open_vault
from lionrock.settings import Settings
from lionrock.store import Store
from tests.conftest import SHARED
from tests.evidence.conftest import FAST, Site
from tests.evidence.local_tsa import LocalTSA

FIXTURES = SHARED / "warc" / "py-wacz-fixtures"
BROKEN = SHARED / "warc" / "warcio-test"


@pytest.fixture
def our_wacz(site: Site, tmp_path: Path, tsa: LocalTSA, memory_store: Store) -> Path:
    """A WACZ we captured, signed and timestamped (the store backend does not matter)."""
    (tmp_path / "tsa.pem").write_bytes(tsa.root_pem)
    settings = Settings(home=tmp_path / "home", tsa_url=tsa.url, tsa_ca=tmp_path / "tsa.pem")
    vault, signing = open_vault(settings, memory_store), open_signing(settings)
    result = capture(targets=[Target(site.url("/"))], vault=vault, signing=signing,
                     operator="t", options=FAST)[0]  # fmt: skip
    assert result.evidence_id
    return vault.path_of(result.evidence_id)


def _rezip(source: Path, target: Path, member: str, position: int) -> None:
    """Copy a ZIP with one byte of one member flipped (and a correct CRC: a deliberate
    tamper, not corruption)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = bytearray(old.read(info))
            if info.filename == member:
                data[position] ^= 0x01
            new.writestr(info, bytes(data))


def _positions(size: int) -> list[int]:
    return sorted({0, 1, size // 3, size // 2, (2 * size) // 3, size - 2, size - 1})


def test_every_single_byte_flip_is_detected(our_wacz: Path, tmp_path: Path) -> None:
    assert verify_file(our_wacz).ok
    with zipfile.ZipFile(our_wacz) as archive:
        sizes = {i.filename: i.file_size for i in archive.infolist()}
    assert len(sizes) == 6
    checked = 0
    for member, size in sizes.items():
        for position in _positions(size):
            tampered = tmp_path / f"t-{checked}.wacz"
            _rezip(our_wacz, tampered, member, position)
            report = verify_file(tampered)
            assert not report.ok, f"undetected flip in {member} at {position}"
            checked += 1
    assert checked >= 30


@pytest.mark.slow
def test_every_byte_of_the_digest_file_is_covered(our_wacz: Path, tmp_path: Path) -> None:
    """datapackage-digest.json is not hashed by the package: each of its bytes must still
    be protected (signature, token, canonical encodings, cross-checks)."""
    with zipfile.ZipFile(our_wacz) as archive:
        size = archive.getinfo("datapackage-digest.json").file_size
    tampered = tmp_path / "t.wacz"
    for position in range(0, size, 1):
        _rezip(our_wacz, tampered, "datapackage-digest.json", position)
        assert not verify_file(tampered).ok, f"undetected flip at {position}"


def test_raw_corruption_in_the_zip_is_reported(our_wacz: Path, tmp_path: Path) -> None:
    data = bytearray(our_wacz.read_bytes())
    with zipfile.ZipFile(our_wacz) as archive:
        info = archive.getinfo("archive/data.warc.gz")
    data[info.header_offset + 30 + len(info.filename) + 100] ^= 0xFF
    broken = tmp_path / "corrupt.wacz"
    broken.write_bytes(bytes(data))
    report = verify_file(broken)
    assert any("archive/data.warc.gz" in p for p in report.problems)


def _rebuild(source: Path, target: Path, *, drop: str = "", deflate: str = "") -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename == drop:
                continue
            kind = zipfile.ZIP_DEFLATED if info.filename == deflate else info.compress_type
            new.writestr(info.filename, old.read(info), compress_type=kind)


def test_pywacz_bugs_are_not_repeated(our_wacz: Path, tmp_path: Path) -> None:
    deflated = tmp_path / "deflated.wacz"
    _rebuild(our_wacz, deflated, deflate="archive/data.warc.gz")
    assert any("must be stored" in p for p in verify_file(deflated).problems)
    no_pages = tmp_path / "no-pages.wacz"
    _rebuild(our_wacz, no_pages, drop="pages/pages.jsonl")
    assert "pages/pages.jsonl: missing" in verify_file(no_pages).problems
    unsigned = tmp_path / "unsigned.wacz"
    _rebuild(our_wacz, unsigned, drop="datapackage-digest.json")
    assert not verify_file(unsigned).ok
    assert verify_file(unsigned, trust=Trust(allow_unsigned=True)).ok


def test_an_untrusted_key_fails(our_wacz: Path) -> None:
    report = verify_file(our_wacz, trust=Trust(public_keys=frozenset({"AAAA"})))
    assert any("do not trust" in p for p in report.problems)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("valid_example_1.wacz", True),
        ("valid_example_2.wacz", True),
        ("valid_signed_example_1.wacz", True),
        ("invalid_example_1.wacz", False),
        ("invalid_signed_example_1.wacz", False),
    ],
)
def test_pywacz_fixtures(name: str, valid: bool) -> None:
    signed = "signed" in name
    report = verify_file(FIXTURES / name, trust=Trust(allow_unsigned=not signed))
    assert report.ok is valid, report.problems


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("example-trunc.warc", "digest failed"),
        ("example-wrong-chunks.warc.gz", "not a valid WARC record"),
        ("example-bad.warc.gz.bad", "non-chunked gzip"),
        ("example-bad-non-chunked.warc.gz", "non-chunked gzip"),
        ("example-digest.warc", "payload digest failed"),
    ],
)
def test_broken_warcs_give_clear_errors(name: str, expected: str, sqlite_env: Path) -> None:
    result = CliRunner().invoke(main, ["evidence", "verify", str(BROKEN / name)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert f"FAIL {BROKEN / name}" in result.output
    assert expected in result.output, result.output


@pytest.mark.parametrize("name", ["example.warc.gz", "example.warc", "example-resource.warc.gz"])
def test_good_warcs_pass(name: str) -> None:
    assert verify_file(BROKEN / name).ok


def test_digest_forms() -> None:
    empty_sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    assert normalize_digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ") == f"sha1:{empty_sha1}"
    assert normalize_digest(f"SHA1:{empty_sha1.upper()}") == f"sha1:{empty_sha1}"
    assert parse_digest("sha256:" + "ab" * 32) == ("sha256", bytes.fromhex("ab" * 32))
    with pytest.raises(Exception, match="unknown digest"):
        parse_digest("crc32:1234")


def test_verify_cli_on_our_file(our_wacz: Path, sqlite_env: Path) -> None:
    result = CliRunner().invoke(main, ["evidence", "verify", str(our_wacz)])
    assert result.exit_code == 0, result.output
    assert result.output.count("OK ") == 1 and "timestamp" in result.output
    bad = io.BytesIO()
    with zipfile.ZipFile(our_wacz) as old, zipfile.ZipFile(bad, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "pages/pages.jsonl":
                data = data.replace(b"Synthetic", b"Synthetik")
            new.writestr(info, data)
    tampered = sqlite_env.parent / "tampered.wacz"
    tampered.write_bytes(bad.getvalue())
    result = CliRunner().invoke(main, ["evidence", "verify", str(tampered)])
    assert result.exit_code == 1
    assert "pages/pages.jsonl: content does not match its sha256" in result.output
    assert json.loads  # keep the import for readers comparing JSON outputs
