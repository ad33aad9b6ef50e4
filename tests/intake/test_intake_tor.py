"""The documented onion service (docs/intake.md): Debian's tor accepts the configuration,
and, started with it and no network (`DisableNetwork 1`), makes a valid v3 onion address,
which the intake then announces in `Onion-Location`."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock.intake import create_intake_app
from tests.conftest import ROOT
from tests.intake.conftest import RecipientKey, make_settings

TOR = shutil.which("tor") or "/usr/sbin/tor"


def documented_torrc() -> str:
    text = (ROOT / "docs" / "intake.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- torrc -->\n```\n(.*?)```\n<!-- /torrc -->", text, re.S)
    assert block, "docs/intake.md lost its torrc block"
    return block.group(1)


def onion_is_valid(address: str, public_key_file: bytes) -> bool:
    """rend-spec-v3 §6: base32(pubkey | checksum | version), checksum = SHA3-256(
    ".onion checksum" | pubkey | version)[:2], version 3; and the key tor stored."""
    raw = base64.b32decode(address.removesuffix(".onion").upper())
    pubkey, checksum, version = raw[:32], raw[32:34], raw[34:]
    expected = hashlib.sha3_256(b".onion checksum" + pubkey + version).digest()[:2]
    return version == b"\x03" and checksum == expected and public_key_file[-32:] == pubkey


def test_the_documented_torrc_is_valid(tmp_path: Path) -> None:
    torrc = tmp_path / "torrc"
    torrc.write_text(documented_torrc())
    done = subprocess.run(
        [TOR, "--verify-config", "-f", str(torrc), "--DataDirectory", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "Configuration was valid" in done.stdout, done.stdout
    assert "HiddenServicePort 80 127.0.0.1:8001" in documented_torrc()


def test_tor_serves_it_offline(tmp_path: Path, recipient: RecipientKey) -> None:
    service = tmp_path / "hs"
    config = documented_torrc().replace("/var/lib/tor/lionrock-intake/", str(service) + "/")
    torrc = tmp_path / "torrc"
    torrc.write_text(
        config + f"DataDirectory {tmp_path / 'data'}\nDisableNetwork 1\nLog notice stdout\n"
    )
    process = subprocess.Popen(
        [TOR, "-f", str(torrc)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(300):
            if (service / "hostname").exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        hostname = (service / "hostname").read_text().strip()
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
    assert re.fullmatch(r"[a-z2-7]{56}\.onion", hostname), output
    assert onion_is_valid(hostname, (service / "hs_ed25519_public_key").read_bytes())
    assert "DisableNetwork is set" in output
    settings = make_settings(tmp_path / "intake", recipient, onion_address=f"http://{hostname}")
    client = TestClient(create_intake_app(settings), base_url="http://testserver")
    assert client.get("/en/").headers["onion-location"] == f"http://{hostname}/en/"


@pytest.mark.parametrize("bad", ["HiddenServicePort eighty 127.0.0.1:8001"])
def test_tor_refuses_a_broken_line(tmp_path: Path, bad: str) -> None:
    torrc = tmp_path / "torrc"
    torrc.write_text(documented_torrc() + bad + "\n")
    done = subprocess.run(
        [TOR, "--verify-config", "-f", str(torrc)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
