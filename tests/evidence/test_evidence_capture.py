"""Capturing from a local site: redirects, 404, Chinese pages, large files, failures.
Every WACZ we write passes our verifier, `wacz validate` and `warcio check`."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from lionrock.evidence import CaptureResult, Signing, Target, Trust, Vault, capture, verify_file
from lionrock.evidence._tables import capture_results
from tests.evidence.conftest import FAST, Site
from tests.evidence.local_tsa import LocalTSA


def _capture(site: Site, vault: Vault, signing: Signing, *paths: str) -> dict[str, CaptureResult]:
    targets = [Target(site.url(p)) for p in paths]
    results = capture(targets=targets, vault=vault, signing=signing, operator="tester",
                      options=FAST)  # fmt: skip
    return {r.url.removeprefix(site.base): r for r in results}


def _trust(signing: Signing, tsa: LocalTSA) -> Trust:
    from cryptography import x509

    from lionrock.evidence._sign import public_key_b64

    assert signing.key is not None
    return Trust(public_keys=frozenset({public_key_b64(signing.key)}),
                 tsa_roots=tuple(x509.load_pem_x509_certificates(tsa.root_pem)))  # fmt: skip


def wacz_validate(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """py-wacz's `wacz validate` on each file, in one interpreter; exit 1 if any fails."""
    code = (
        "import sys; from wacz.main import main\n"
        "codes = [main(['validate', '-f', f]) for f in sys.argv[1:]]\n"
        "sys.exit(1 if any(codes) else 0)"
    )
    return subprocess.run([sys.executable, "-c", code, *map(str, paths)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def warcio_check(paths: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v` on the WARC inside each WACZ."""
    warcs = []
    for number, path in enumerate(paths):
        with zipfile.ZipFile(path) as archive:
            warc = tmp_path / f"data-{number}.warc.gz"
            warc.write_bytes(archive.read("archive/data.warc.gz"))
            warcs.append(str(warc))
    code = "import sys; from warcio.cli import main; sys.exit(main(['check', '-v', *sys.argv[1:]]))"
    return subprocess.run([sys.executable, "-c", code, *warcs],
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_capture_outcomes(
    site: Site, vault: Vault, signing: Signing, tsa: LocalTSA, tmp_path: Path
) -> None:
    got = _capture(site, vault, signing, "/", "/zh", "/old", "/missing", "/broken", "/large")
    assert got["/"].outcome == "ok" and got["/"].requisites == 2  # stylesheet and image
    assert got["/zh"].outcome == "ok"
    assert got["/old"].outcome == "ok" and got["/old"].final_url == site.url("/zh")
    assert got["/missing"].outcome == "http-error" and got["/missing"].status == 404
    assert got["/broken"].outcome == "http-error" and got["/broken"].status == 500
    assert got["/large"].outcome == "oversize"
    trust = _trust(signing, tsa)
    paths = []
    for name, result in got.items():
        assert result.evidence_id, name
        paths.append(vault.path_of(result.evidence_id))
        report = verify_file(paths[-1], trust=trust)
        assert report.ok, (name, report.problems)
        assert report.timestamp and report.signer
    validated = wacz_validate(paths)
    assert validated.returncode == 0, validated.stdout
    assert validated.stdout.count("Validation succeeded") == len(paths)
    checked = warcio_check(paths, tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "digest pass" in checked.stdout and "fail" not in checked.stdout


def test_wacz_layout_and_custody(site: Site, vault: Vault, signing: Signing) -> None:
    result = _capture(site, vault, signing, "/old")["/old"]
    assert result.evidence_id
    with zipfile.ZipFile(vault.path_of(result.evidence_id)) as archive:
        assert archive.getinfo("archive/data.warc.gz").compress_type == zipfile.ZIP_STORED
        package = json.loads(archive.read("datapackage.json"))
        listed = {r["path"]: r for r in package["resources"]}
        assert set(listed) == {"archive/data.warc.gz", "indexes/index.cdxj",
                               "pages/pages.jsonl", "custody/custody.json"}  # fmt: skip
        assert all(
            r["hash"].startswith("sha256:") and len(r["hash"]) == 71 for r in listed.values()
        )
        lines = archive.read("indexes/index.cdxj").splitlines()
        assert lines == sorted(lines)  # LC_ALL=C order is byte order
        custody = json.loads(archive.read("custody/custody.json"))
        page = custody["pages"][0]
        assert page["final_url"] == site.url("/zh")
        assert page["redirects"] == [site.url("/old"), site.url("/moved")]
        assert custody["collector"]["operator"] == "tester"
        assert custody["collector"]["tool"].startswith("lionrock ")
        digest = json.loads(archive.read("datapackage-digest.json"))
        assert set(digest["signedData"]) >= {"hash", "signature", "publicKey", "created",
                                             "timeSignature", "timestampCert"}  # fmt: skip


def test_network_failures_are_results(vault: Vault, signing: Signing, store: object) -> None:
    import socket

    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    targets = [Target(f"http://127.0.0.1:{port}/"), Target("ftp://example.org/x")]
    results = capture(targets=targets, vault=vault, signing=signing, operator="t", options=FAST)
    assert [r.outcome for r in results] == ["connect", "bad-url"]
    assert all(r.evidence_id is None and r.error for r in results)
    with vault.store.read() as conn:
        rows = conn.execute(select(capture_results.c.outcome)).scalars().all()
    assert sorted(rows) == ["bad-url", "connect"]


def test_same_file_is_stored_once(
    site: Site, vault: Vault, signing: Signing, tmp_path: Path
) -> None:
    data = vault.path_of(_capture(site, vault, signing, "/zh")["/zh"].evidence_id or "")
    again = vault.put(data.read_bytes(), origin="import", operator="t", pages=[],
                      signed=True, timestamped=True)  # fmt: skip
    assert vault.path_of(again) == data
    assert len(vault.list()) == 1


@pytest.mark.parametrize("per_host", [1, 3])
def test_per_host_politeness(site: Site, vault: Vault, signing: Signing, per_host: int) -> None:
    from dataclasses import replace

    import lionrock.evidence._capture as cap

    seen: list[int] = []
    real = cap.fetch
    active = [0]

    def counting(url: str, **kw: object) -> object:
        active[0] += 1
        seen.append(active[0])
        try:
            import time

            time.sleep(0.02)
            return real(url, **kw)  # type: ignore[arg-type]
        finally:
            active[0] -= 1

    cap.fetch = counting  # type: ignore[assignment]
    try:
        targets = [Target(site.url(f"/zh?{i}")) for i in range(8)]
        capture(targets=targets, vault=vault, signing=Signing(), operator="t",
                options=replace(FAST, per_host=per_host, concurrency=8))  # fmt: skip
    finally:
        cap.fetch = real
    assert max(seen) <= per_host
