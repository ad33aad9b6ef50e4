"""The issue's journey in Debian's Chromium with JavaScript off: a source sends a message,
a JPEG with GPS EXIF and a DOCX with an author; the recipient exports the bundle and opens
it with the key in a separate LIONROCK_HOME; originals are byte-identical, cleaned copies
have no GPS and no author (exiftool). The page makes no third-party request and sets no
cookie before the submission. Screenshots go to test-artifacts/intake/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from lionrock.cli import main
from tests.conftest import ROOT
from tests.intake.conftest import (
    AUTHOR,
    PASSPHRASE,
    LiveServer,
    RecipientKey,
    database_text,
    exiftool,
    make_docx,
    make_jpeg,
    make_settings,
    start_live,
)

ARTIFACTS = ROOT / "test-artifacts" / "intake"
CANARY = "CANARY-journey-機密"


@pytest.fixture
def live(tmp_path: Path, recipient: RecipientKey) -> Iterator[LiveServer]:
    server = start_live(
        make_settings(tmp_path / "server" / "intake", recipient),
        tmp_path / "server.log",
        log_level="info",
    )
    yield server
    server.stop()


def test_journey_with_javascript_off(
    live: LiveServer,
    tmp_path: Path,
    recipient: RecipientKey,
    monkeypatch: pytest.MonkeyPatch,
    browser: Browser,
) -> None:
    jpeg = make_jpeg(tmp_path / "harbour.jpg")
    docx = make_docx(tmp_path / "memo.docx")
    assert "GPS Latitude" in exiftool(jpeg) and "CHAN Tai Man" in exiftool(docx)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live.url}/zh-hant/")
    assert "Tor" in page.inner_text("main")
    assert context.cookies() == []  # no cookie before submission
    page.screenshot(path=str(ARTIFACTS / "form-zh-hant.png"), full_page=True)
    page.goto(f"{live.url}/en/")
    page.fill("#message", f"Documents from the department. {CANARY}")
    page.set_input_files("#files", [str(jpeg), str(docx)])
    assert context.cookies() == []
    page.click("button[type=submit]")
    page.wait_for_selector(".codename .words")
    codename = page.inner_text(".codename .words").strip()
    assert len(codename.split()) == 7
    assert "2 file(s)" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "received-en.png"), full_page=True)
    cookies = context.cookies()
    assert [c["name"] for c in cookies] == ["intake_session"] and cookies[0]["httpOnly"]
    # the codename opens the source's page in another browser
    other = browser.new_context(java_script_enabled=False).new_page()
    other.on("request", lambda request: requests.append(request.url))
    other.goto(f"{live.url}/ja/source")
    other.fill("#codename", codename)
    other.click("button[type=submit]")
    other.wait_for_selector("ul.sent li")
    other.context.close()
    context.close()
    assert requests and all(url.startswith(live.url + "/") for url in requests), requests

    # the server side: export, as an operator would
    monkeypatch.setenv("LIONROCK_INTAKE_DIR", str(live.settings.home))
    monkeypatch.setenv("LIONROCK_INTAKE_PASSPHRASE", PASSPHRASE)
    runner = CliRunner()
    bundle = tmp_path / "usb" / "intake.lrb"
    result = runner.invoke(main, ["intake", "export", "-o", str(bundle)])
    assert result.exit_code == 0, result.output
    # the offline machine: its own LIONROCK_HOME
    monkeypatch.delenv("LIONROCK_INTAKE_DIR")
    offline = tmp_path / "offline-home"
    monkeypatch.setenv("LIONROCK_HOME", str(offline))
    result = runner.invoke(main, ["intake", "open", str(bundle), "--key", str(recipient.path)])
    assert result.exit_code == 0, result.output
    (folder,) = [p for p in (offline / "intake" / "opened").iterdir() if p.is_dir()]
    assert (folder / "originals" / "harbour.jpg").read_bytes() == jpeg.read_bytes()
    assert (folder / "originals" / "memo.docx").read_bytes() == docx.read_bytes()
    assert CANARY in (folder / "message.txt").read_text()
    photo, memo = (
        exiftool(folder / "cleaned" / "harbour.jpg"),
        exiftool(folder / "cleaned" / "memo.docx"),
    )
    assert "GPS" not in photo and "Artist" not in photo
    for name in ("CHAN Tai Man", "陳大文", "Creator", "Last Modified By"):
        assert name not in memo, name
    assert AUTHOR in (folder / "report.txt").read_text()  # the report says what was removed

    # nothing the source sent, and no address, on the server
    live.stop()
    everything = [p.read_bytes() for p in live.settings.home.rglob("*") if p.is_file()]
    everything += [live.log.read_bytes(), database_text(live.settings.database_url)]
    for data in everything:
        for needle in (CANARY, "harbour", "memo.docx", AUTHOR, codename, "127.0.0.1"):
            assert needle.encode() not in data, needle
