"""The submission site, in-process, over SQLite and PostgreSQL: headers, the source's
journey (submit, codename, replies, send more), limits and cut uploads, proof of work."""

from __future__ import annotations

import re

import pytest

from lionrock.intake import NotARecipient, ProofOfWork, add_reply, open_bytes, solve
from lionrock.intake._app import human_size
from lionrock.intake._http import COOKIE
from lionrock.pow import SCRIPT
from tests.intake.conftest import RecipientKey, Server, make_settings

BOUNDARY = "----lionrockTestBoundary"


def multipart(parts: list[tuple[str, str | None, bytes]], *, close: bool = True) -> bytes:
    """A multipart/form-data body: (field name, file name or None, content)."""
    out = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (
            f'; filename="{filename}"' if filename is not None else ""
        )
        kind = "\r\nContent-Type: application/octet-stream" if filename is not None else ""
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}{kind}\r\n\r\n".encode()
        out += content + b"\r\n"
    return out + (f"--{BOUNDARY}--\r\n".encode() if close else b"")


def post(server: Server, body: bytes, path: str = "/en/submit", client=None):  # type: ignore[no-untyped-def]
    client = client or server.client
    return client.post(
        path, content=body, headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    )


def codename_of(html: str) -> str:
    found = re.search(r'class="words" lang="en">([a-z -]+)<', html)
    assert found, html
    return found.group(1)


def test_every_page_is_locked_down(server: Server) -> None:
    for path in ("/en/", "/zh-hant/", "/ja/", "/en/source", "/static/intake.css", "/nowhere"):
        response = server.client.get(path, headers={"X-Forwarded-For": "198.51.100.7"})
        headers = response.headers
        assert headers["cache-control"].startswith("no-store")
        assert headers["content-security-policy"].startswith("default-src 'none'")
        assert "script-src 'none'" in headers["content-security-policy"]
        assert headers["referrer-policy"] == "no-referrer"
        assert "set-cookie" not in headers  # no cookie before a submission
        assert "onion-location" not in headers
    assert server.client.get("/nowhere").status_code == 404
    assert (
        server.client.get("/", headers={"Accept-Language": "ja,en"}).headers["location"] == "/ja/"
    )


def test_pages_in_three_languages(server: Server) -> None:
    texts = {code: server.client.get(f"/{code}/").text for code in ("en", "zh-hant", "ja")}
    assert 'lang="en"' in texts["en"] and "Tor Browser" in texts["en"]
    assert 'lang="zh-Hant"' in texts["zh-hant"] and "密碼" not in texts["zh-hant"]
    assert "傳送" in texts["zh-hant"] and "送信" in texts["ja"]
    assert "500 MB" in texts["en"] and human_size(2_500_000_000) == "2.5 GB"


def test_onion_location_when_configured(server: Server, tmp_path, recipient: RecipientKey) -> None:  # type: ignore[no-untyped-def]
    onion = "http://" + "a" * 56 + ".onion"
    settings = make_settings(tmp_path / "o", recipient, onion_address=onion)
    from starlette.testclient import TestClient

    from lionrock.intake import create_intake_app

    client = TestClient(create_intake_app(settings), base_url="http://testserver")
    assert client.get("/ja/source").headers["onion-location"] == onion + "/ja/source"


def test_the_source_journey(server: Server, recipient: RecipientKey) -> None:
    body = multipart(
        [
            ("message", None, "這是一條消息 CANARY".encode()),
            ("files", "a.pdf", b"%PDF-1.4 fake"),
            ("files", "", b""),
        ]
    )
    response = post(server, body)
    assert response.status_code == 200, response.text
    assert "1 file(s)" in response.text
    codename = codename_of(response.text)
    assert len(codename.split()) == 7
    assert COOKIE in response.headers["set-cookie"]  # a session only after sending
    (sub,) = server.db.submissions()
    assert (
        sub.status == "complete"
        and len(sub.items) == 2
        and re.fullmatch(r"\d{4}-\d\d-\d\d", sub.day)
    )
    # a reply, sealed to the source's key: the recipients' key cannot read it
    add_reply(db=server.db, submission_id=sub.id, text="Thank you.\n<script>x</script>")
    ((_id, _day, sealed),) = server.db.replies(sub.source_id)
    with pytest.raises(NotARecipient):
        open_bytes(sealed, recipient.secret)
    # the source comes back with the codename (any case, extra spaces), reads it, sends more
    other = server.fresh_client()
    page = other.post("/zh-hant/source", data={"codename": "  " + codename.upper() + " "})
    assert page.status_code == 200 and "Thank you." in page.text
    assert "<script>x</script>" not in page.text and "&lt;script&gt;" in page.text
    csrf = re.search(r"submit\?csrf=([\w-]+)", page.text).group(1)  # type: ignore[union-attr]
    assert post(server, multipart([("message", None, b"more")]), client=other).status_code == 403
    more = post(server, multipart([("message", None, b"more")]), f"/en/submit?csrf={csrf}", other)
    assert more.status_code == 200 and 'class="words"' not in more.text
    assert {s.source_id for s in server.db.submissions()} == {sub.source_id}
    assert len(server.db.submissions()) == 2
    wrong = server.fresh_client().post("/en/source", data={"codename": "abacus " * 7})
    assert wrong.status_code == 403 and "not known" in wrong.text


def test_nothing_sent_stores_nothing(server: Server) -> None:
    assert post(server, multipart([("message", None, b""), ("files", "", b"")])).status_code == 400
    assert server.db.submissions() == []
    assert not (server.settings.home / "submissions").exists() or not any(
        (server.settings.home / "submissions").iterdir()
    )


def test_a_declared_size_over_the_limit_reads_nothing(server: Server, tmp_path, recipient) -> None:  # type: ignore[no-untyped-def]
    response = server.client.post(
        "/en/submit",
        content=b"x" * 10,
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(server.settings.max_bytes + (2 << 20)),
        },
    )
    assert response.status_code == 413 and "500 MB" in response.text
    assert server.db.submissions() == []


def test_a_cut_upload_keeps_what_arrived(server: Server, recipient: RecipientKey) -> None:
    """The body ends inside the second file: the message and first file are kept whole,
    the second sealed as far as it came, flagged; the source still gets a codename."""
    body = multipart(
        [
            ("message", None, b"kept"),
            ("files", "one.txt", b"first file"),
            ("files", "two.bin", b"0123456789" * 5000),
        ],
        close=False,
    )
    response = post(server, body[:-20000])
    assert response.status_code == 200 and "cut short" in response.text
    codename_of(response.text)
    (sub,) = server.db.submissions()
    assert sub.status == "interrupted" and len(sub.items) == 3


def test_the_size_limit_mid_stream(tmp_path, db_url: str, recipient: RecipientKey) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from lionrock.intake import IntakeDB, create_intake_app

    settings = make_settings(tmp_path / "i", recipient, database_url=db_url, max_bytes=1000)
    db = IntakeDB(settings.database_url)
    client = TestClient(create_intake_app(settings, db=db), base_url="http://testserver")
    body = multipart([("message", None, b"m" * 10), ("files", "big.bin", b"b" * 5000)])
    response = client.post(
        "/en/submit",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 200 and "past the limit of 1 KB" in response.text
    (sub,) = db.submissions()
    assert sub.status == "interrupted"
    db.close()


def test_no_recipients_no_intake(tmp_path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from lionrock.intake import create_intake_app

    settings = make_settings(tmp_path / "none", None, database_url=db_url)
    client = TestClient(create_intake_app(settings), base_url="http://testserver")
    assert "not ready" in client.get("/en/").text
    body = multipart([("message", None, b"lost?")])
    response = client.post(
        "/en/submit",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 503
    assert not (settings.home / "submissions").exists()


def test_proof_of_work(tmp_path, recipient: RecipientKey) -> None:  # type: ignore[no-untyped-def]
    gate = ProofOfWork(bits=10, wait=30)
    challenge = gate.challenge(now=1000)
    with pytest.raises(Exception, match="too soon"):
        gate.check(challenge, "", now=1010)
    gate.check(challenge, solve(challenge, 10), now=1010)
    with pytest.raises(Exception, match="already sent"):
        gate.check(challenge, solve(challenge, 10), now=1011)
    late = gate.challenge(now=1000)
    gate.check(late, "", now=1031)  # JavaScript off: an older page is enough
    with pytest.raises(Exception, match="expired"):
        # its MAC's last digit changed (to a different one: "0" 1 time in 16 it was)
        gate.check(late[:-1] + ("1" if late.endswith("0") else "0"), "", now=1040)
    # through the app: the form carries the challenge; pow.js is the one script allowed
    from starlette.testclient import TestClient

    from lionrock.intake import create_intake_app

    settings = make_settings(tmp_path / "p", recipient, pow_bits=8, pow_wait=0)
    client = TestClient(create_intake_app(settings), base_url="http://testserver")
    page = client.get("/en/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/pow.js").content == SCRIPT.read_bytes()  # the login's too
    action = re.search(r'action="(/en/submit\?pow=[^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    challenge = action.split("pow=")[1]
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    body = multipart([("message", None, b"hello")])
    assert client.post("/en/submit", content=body, headers=headers).status_code == 403
    ok = client.post(f"{action}&nonce={solve(challenge, 8)}", content=body, headers=headers)
    assert ok.status_code == 200


def test_an_unexpected_error_tells_nothing(
    server: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An error's message could quote what was sent: the response is a bare 500 and the log
    line names only the exception's type."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("CANARY-in-an-error-message 198.51.100.9")

    monkeypatch.setattr(server.db, "add_submission", broken)
    client = server.fresh_client()
    client.raise_server_exceptions = False  # type: ignore[attr-defined]
    with caplog.at_level("DEBUG"):
        response = post(server, multipart([("message", None, b"hello")]), client=client)
    assert response.status_code == 500 and "CANARY" not in response.text
    assert response.text in ("Internal Server Error", "Something went wrong.")
    assert response.headers["cache-control"].startswith("no-store")
    assert "ValueError" in caplog.text and "CANARY" not in caplog.text
    assert "198.51.100.9" not in caplog.text
