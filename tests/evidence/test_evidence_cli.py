"""The evidence commands, end to end, as a user runs them; and TLS capture details."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import ssl
import threading
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.testclient import TestClient

from lionrock.cli import main
from lionrock.evidence._fetch import fetch
from tests.conftest import SHARED, write
from tests.evidence.conftest import Site, sources_yaml
from tests.evidence.local_tsa import LocalTSA


@pytest.fixture
def cli_env(sqlite_env: Path, tsa: LocalTSA, monkeypatch: pytest.MonkeyPatch) -> Path:
    ca = sqlite_env.parent / "tsa.pem"
    ca.write_bytes(tsa.root_pem)
    monkeypatch.setenv("LIONROCK_TSA_URL", tsa.url)
    monkeypatch.setenv("LIONROCK_TSA_CA", str(ca))
    monkeypatch.setenv("LIONROCK_OPERATOR", "cli-tester")
    return sqlite_env


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_archive_verify_show_and_check(
    cli_env: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(cli_env.parent / "s.yaml", sources_yaml({"src-zh": site.url("/zh")}))
    run("init", "--empty")
    run("load", path)
    out = run("archive", "--missing", "--delay", "0", site.url("/missing"))
    assert "ok           200" in out and "http-error   404" in out
    listed = json.loads(run("evidence", "list", "--json"))
    assert len(listed) == 2
    linked = next(row for row in listed if row["sources"] == ["src-zh"])
    assert linked["signed"] == 1 and linked["timestamped"] == 1
    files = [str(cli_env / "evidence" / row["path"]) for row in listed]
    out = run("evidence", "verify", "--project-key", *files)
    assert out.count("OK ") == 2
    shown = json.loads(run("evidence", "show", linked["id"][:8], "--json"))
    assert shown["pages"][0]["title"] == "測試頁"
    assert shown["sources"][0]["source_id"] == "src-zh"
    # --serve: no login, loopback only, and only the file shown (the server is not started
    # here; the app it would run is driven in-process)
    served: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append((app, options)))
    run("evidence", "show", linked["id"][:8], "--serve")
    [(app, options)] = served
    assert options["host"] == "127.0.0.1"
    replay = TestClient(app)
    assert "測試頁" in replay.get(f"/{linked['id']}/").text
    other = next(row for row in listed if row["id"] != linked["id"])
    assert replay.get(f"/{other['id']}/").status_code == 404
    assert "online" in run("sources", "check", "--delay", "0")
    site.stop()
    out = run("sources", "check", "--delay", "0")
    assert "offline since" in out
    assert "nothing to capture" in CliRunner().invoke(main, ["archive"]).output


def test_import_and_public_key(cli_env: Path) -> None:
    path = write(
        cli_env.parent / "s.yaml", sources_yaml({"src-ex": "http://example.com?example=1"})
    )
    run("load", path)
    out = run("evidence", "import", str(SHARED / "warc" / "pywb-sample" / "example.warc.gz"))
    assert "linked src-ex" in out
    broken = CliRunner().invoke(
        main, ["evidence", "import", str(SHARED / "warc" / "warcio-test" / "example-trunc.warc")]
    )
    assert broken.exit_code == 1 and "digest failed" in broken.output
    assert "Traceback" not in broken.output
    key = run("evidence", "public-key").strip()
    assert key.startswith("MCowBQYDK2Vw")  # an Ed25519 SubjectPublicKeyInfo


def _tls_server(tmp_path: Path) -> tuple[ThreadingHTTPServer, bytes, Path]:
    now = datetime.now(UTC) - timedelta(days=1)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    key_path.write_bytes(pem)
    site = Site()
    site.stop()
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.server.RequestHandlerClass)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, cert.public_bytes(serialization.Encoding.DER), cert_path


def test_https_capture_records_the_certificate_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, der, cert_path = _tls_server(tmp_path)
    try:
        url = f"https://127.0.0.1:{server.server_port}/zh"
        untrusted = fetch(url, timeout=5)
        assert untrusted.kind == "tls" and not untrusted.ok  # a failure, recorded
        monkeypatch.setenv("SSL_CERT_FILE", str(cert_path))
        trusted = fetch(url, timeout=5)
        assert trusted.status == 200
        assert trusted.tls_sha256 == hashlib.sha256(der).hexdigest()
    finally:
        server.shutdown()
        server.server_close()
