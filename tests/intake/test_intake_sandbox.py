"""mat2's sandbox: no network, bounded time and memory; failures are results, and the
original is never touched."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lionrock.intake import Sandbox, SandboxUnavailable
from tests.intake.conftest import exiftool, make_jpeg

PROBE = """
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3).close()
    print("connected")
except OSError as exc:
    print("refused", type(exc).__name__)
"""


@pytest.fixture
def listener() -> tuple[int, list[bool]]:
    """A TCP listener on the host's loopback, recording any connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(8)
    hits: list[bool] = []

    def accept() -> None:
        try:
            conn, _ = sock.accept()
            hits.append(True)
            conn.close()
        except OSError:
            pass
        finally:
            sock.close()

    threading.Thread(target=accept, daemon=True).start()
    return sock.getsockname()[1], hits


@pytest.mark.parametrize("mode", ["bwrap", "unshare"])
def test_no_network_inside(mode: str, tmp_path: Path, listener: tuple[int, list[bool]]) -> None:
    port, hits = listener
    (tmp_path / "probe.py").write_text(PROBE)
    sandbox = Sandbox(mode=mode, timeout=20)
    script = "/work/probe.py" if mode == "bwrap" else str(tmp_path / "probe.py")
    done = sandbox.run(["/usr/bin/python3", "-I", script, str(port)], work=tmp_path)
    assert done.stdout.decode().startswith("refused"), done
    assert hits == []
    # the same probe outside the sandbox does reach it: the test can fail
    plain = subprocess.run(
        [sys.executable, "-I", str(tmp_path / "probe.py"), str(port)],
        capture_output=True,
        text=True,
    )
    assert plain.stdout.startswith("connected")


def test_bwrap_sees_only_its_work_folder(tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("not for the parser")
    work = tmp_path / "work"
    work.mkdir()
    done = Sandbox(mode="bwrap").run(["/usr/bin/ls", "/", "/tmp"], work=work)
    listing = done.stdout.decode()
    assert "work" in listing and "root" not in listing and "home" not in listing
    cat = Sandbox(mode="bwrap").run(["/usr/bin/cat", str(secret)], work=work)
    assert cat.returncode != 0 and b"not for the parser" not in cat.stdout


def test_timeout_kills_the_whole_group(tmp_path: Path) -> None:
    sandbox = Sandbox(mode="bwrap", timeout=1.5)
    with pytest.raises(subprocess.TimeoutExpired):
        sandbox.run(["/usr/bin/sh", "-c", "sleep 60 & sleep 60"], work=tmp_path)
    leftover = subprocess.run(["pgrep", "-f", "sleep 60 & sleep 60"], capture_output=True)
    assert leftover.stdout == b""


def test_memory_is_bounded(tmp_path: Path) -> None:
    sandbox = Sandbox(mode="bwrap", memory=256 << 20)
    done = sandbox.run(
        ["/usr/bin/python3", "-c", "x = bytearray(600 << 20); print('allocated')"], work=tmp_path
    )
    assert done.returncode != 0 and b"MemoryError" in done.stderr


def test_clean_a_jpeg(tmp_path: Path) -> None:
    original = make_jpeg(tmp_path / "photo.jpg")
    before = original.read_bytes()
    result = Sandbox().clean(original, tmp_path / "cleaned" / "photo.jpg")
    assert result.error == "" and result.sandbox == "bwrap" and result.mime == "image/jpeg"
    assert "GPSLatitude" in result.removed and "Artist" in result.removed
    assert result.cleaned is not None and "GPS" not in exiftool(result.cleaned)
    assert original.read_bytes() == before


def test_failures_are_results(tmp_path: Path) -> None:
    odd = tmp_path / "notes.xyz"
    odd.write_bytes(b"\x00\x01 not a known type")
    result = Sandbox().clean(odd, tmp_path / "cleaned" / "notes.xyz")
    assert result.cleaned is None and "does not support" in result.error
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 truncated jpeg")
    result = Sandbox().clean(broken, tmp_path / "cleaned" / "broken.jpg")
    assert result.cleaned is None and result.error
    assert broken.read_bytes() == b"\xff\xd8\xff\xe0 truncated jpeg"


def test_an_unknown_sandbox_is_refused() -> None:
    with pytest.raises(SandboxUnavailable):
        Sandbox(mode="chroot")
