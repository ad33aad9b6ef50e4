"""No plaintext and no address is ever written (issue #15 §2, §5): a real server, logging
at uvicorn's most verbose level, receives a canary in a message, a file's name and its
content, and requests carrying forwarding headers from a client whose own address is
127.0.0.3; an upload is also cut off mid-file. Then the intake folder, the database and
the log are searched, byte for byte."""

from __future__ import annotations

import http.client
import re
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lionrock.intake import IntakeDB
from tests.intake.conftest import (
    LiveServer,
    RecipientKey,
    database_text,
    make_settings,
    start_live,
)
from tests.intake.test_intake_app import BOUNDARY, multipart

CANARY = "CANARY-7f3e-勿外洩"
CLIENT = "127.0.0.3"  # the test's own source address: it must never be written
FORGED = ["198.51.100.23", "203.0.113.77", "2001:db8::1:77", "192.0.2.200"]
HEADERS = {
    "X-Forwarded-For": f"{FORGED[0]}, {FORGED[1]}",
    "X-Real-IP": FORGED[1],
    "Forwarded": f'for="[{FORGED[2]}]";proto=https',
    "CF-Connecting-IP": FORGED[3],
    "True-Client-IP": FORGED[3],
    "Via": f"1.1 {FORGED[0]}",
}


@pytest.fixture
def live(tmp_path: Path, db_url: str, recipient: RecipientKey) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path / "intake", recipient, database_url=db_url)
    server = start_live(settings, tmp_path / "server.log")
    yield server
    server.stop()


def _request(
    live: LiveServer,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    conn = http.client.HTTPConnection(
        "127.0.0.1", live.port, timeout=30, source_address=(CLIENT, 0)
    )
    conn.request(method, path, body=body or None, headers={**HEADERS, **(headers or {})})
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, text


def _cut_upload(live: LiveServer) -> None:
    """Send the headers and half of a file, then close the connection."""
    body = multipart(
        [
            ("message", None, f"cut {CANARY}".encode()),
            ("files", f"{CANARY}.bin", CANARY.encode() * 40000),
        ]
    )
    head = (
        f"POST /en/submit HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: {FORGED[0]}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", live.port), source_address=(CLIENT, 0))
    sock.sendall(head + body[: len(body) // 2])
    time.sleep(0.5)
    sock.close()


def test_no_plaintext_and_no_address_anywhere(live: LiveServer, db_url: str) -> None:
    assert _request(live, "GET", "/en/")[0] == 200
    assert _request(live, "GET", "/nowhere")[0] == 404
    body = multipart(
        [
            ("message", None, f"a tip: {CANARY}".encode()),
            ("files", f"{CANARY}.txt", f"the file says {CANARY}".encode()),
        ]
    )
    status, page = _request(
        live,
        "POST",
        "/en/submit",
        body,
        {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert status == 200, page
    codename = re.search(r'class="words" lang="en">([a-z -]+)<', page).group(1)  # type: ignore[union-attr]
    status, _ = _request(
        live,
        "POST",
        "/en/source",
        f"codename={codename.replace(' ', '+')}".encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    # garbage that makes uvicorn itself log a warning
    with socket.create_connection(("127.0.0.1", live.port), source_address=(CLIENT, 0)) as sock:
        sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        sock.recv(1000)
    _cut_upload(live)
    db = IntakeDB(db_url)
    for _ in range(100):  # the cut upload is recorded once the server sees the drop
        if len(db.submissions()) == 2:
            break
        time.sleep(0.1)
    submissions = db.submissions()
    db.close()
    assert sorted(s.status for s in submissions) == ["complete", "interrupted"]
    live.stop()

    log = live.log.read_bytes()
    # uvicorn did log every connection, at trace level, with the address blanked
    assert b"[address] - HTTP connection made" in log and b"Invalid HTTP request" in log
    written = {path: path.read_bytes() for path in live.settings.home.rglob("*") if path.is_file()}
    assert any(p.suffix == ".lrx" for p in written)
    everything = {**written, live.log: log, Path("<database>"): database_text(db_url)}
    needles = [CANARY, CANARY.split("-勿")[0], codename, CLIENT, *FORGED]
    for path, data in everything.items():
        for needle in needles:
            for form in {needle.encode(), needle.encode("utf-16-le")}:
                assert form not in data, f"{needle!r} found in {path}"
    # and no time finer than the day: item files and folders carry midnight UTC
    for path in live.settings.home.glob("submissions/*/*.lrx"):
        for stamp in (path.stat().st_mtime, path.parent.stat().st_mtime):
            when = datetime.fromtimestamp(stamp, UTC)
            assert (when.hour, when.minute, when.second) == (0, 0, 0), path
