"""In Debian's Chromium, driven by Playwright, against the app served by uvicorn:

- the journey: log in with 2FA, add a person and a fact with a new source, submit it for
  review, approve it as another user, and see it on the public page (screenshots are
  saved under test-artifacts/web/);
- XSS payloads in every text field render inert (a dialog listener catches any script);
- afterwards, neither the server's log nor any table holds the client's address.
"""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pyotp
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.review import FactInput, SourceInput, approve, comment, propose, submit
from lionrock.web._duplicates import person_index, warm_up_matcher
from tests._browser import CLIENT, serve_app
from tests.conftest import BACKENDS, ROOT, _pg_schema_url
from tests.web.conftest import Account, make_account

ARTIFACTS = ROOT / "test-artifacts" / "web"
PAYLOADS = [
    "<script>alert('xss-script')</script>",
    '"><img src=x onerror=alert("xss-img")>',
    "javascript:alert('xss-url')",
    "'><svg onload=alert('xss-svg')>",
]


@dataclass
class Live:
    url: str
    store: Store
    log: io.StringIO
    backend: str


@pytest.fixture(scope="module", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    """The app on a real socket (uvicorn, access log off as `lionrock serve` runs it, but
    logging at INFO), over a store of its own with the bundled record."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('live')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    # the server runs in this process: load the name matcher and build the duplicate
    # check's index now, or the first check typed in the browser waits for them (tens of
    # seconds under load) and the journey's wait for its answer times out
    warm_up_matcher()
    person_index(store, wait=True)
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    # The server's own loggers, directly: another test on this worker may have run uvicorn
    # with its default config, which stops uvicorn's records reaching the root logger.
    names = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "lionrock")
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        # as `lionrock serve` runs it, but logging at INFO, to the root logger
        with serve_app(store, log_level="info") as url:
            yield Live(url, store, log, request.param)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
        store.close()
        for _ in urls:
            pass


def _shot(page: Page, live: Live, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{live.backend}-{name}.png"), full_page=True)


def _login(page: Page, live: Live, account: Account) -> None:
    page.goto(f"{live.url}/login")
    page.fill("input[name=username]", account.username)
    page.fill("input[name=password]", account.password)
    page.click("form[action$='login'] button")
    page.wait_for_url(re.compile(r".*/login/2fa.*"))
    assert account.secret is not None
    page.fill("input[name=code]", pyotp.TOTP(account.secret).now())
    page.click("form[action$='login/2fa'] button")
    page.wait_for_url(re.compile(r".*/app$"))


def test_journey_from_draft_to_public_page(live: Live, browser: Browser) -> None:
    author = make_account(live.store, "contributor", totp=True)
    reviewer = make_account(live.store, "reviewer", totp=True)
    name = f"Synthetic Journey Person {uuid.uuid4().hex[:6]}"
    page = browser.new_context().new_page()
    refused: list[str] = []  # the CSP refusing anything (an inline style, an eval) shows here
    page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
    _login(page, live, author)
    _shot(page, live, "1-dashboard")
    page.goto(f"{live.url}/app/new?schema=Person")
    # the live duplicate check (htmx): the name matcher, across scripts, with its reasons
    page.type("input[name=value_0]", "Lee Ka-chiu", delay=20)
    page.wait_for_selector("#duplicates .duplicates")
    found = page.inner_text("#duplicates")
    assert "John Lee Ka-chiu" in found and "李" in found and "Cantonese" in found
    _shot(page, live, "2-duplicate-warning")
    page.fill("input[name=value_0]", "CHAN Tai Wai")
    page.wait_for_selector("#duplicates .duplicates", state="detached")
    page.fill("input[name=value_0]", name)
    # the source picker searches the server as you type (htmx), here by publisher
    page.type("input[name=source_q]", "Wikisource", delay=20)
    page.wait_for_selector("#source-hits .source-hits")
    assert "src-wikisource-2024-11-19-hk47-reasons-for-sentence" in page.inner_text("#source-hits")
    page.select_option("select[name=prop_1]", "position")
    page.fill("input[name=value_1]", "Synthetic position for the journey test")
    page.select_option("select[name=status_1]", "alleged")
    page.fill("input[name=src_title]", "A synthetic test report")
    page.fill("input[name=src_publisher]", "Example Publisher")
    page.fill("input[name=src_date]", "2024-05-30")
    page.fill("input[name=src_url]", "https://example.org/report")
    _shot(page, live, "3-new-person-form")
    page.click("#save")
    page.wait_for_url(re.compile(r".*/app/changes/\d+$"))
    change_url = page.url
    assert page.inner_text("#change-state") == "draft"
    page.click("#submit-review")
    page.wait_for_url(change_url)
    assert page.inner_text("#change-state") == "in review"
    _shot(page, live, "4-submitted")
    entity_id = page.inner_text("h1 a")
    anonymous = browser.new_context().new_page()
    assert anonymous.goto(f"{live.url}/entities/{entity_id}").status == 404  # not yet public

    second = browser.new_context().new_page()
    _login(second, live, reviewer)
    second.goto(change_url)
    second.click("#approve")
    second.wait_for_url(change_url)
    assert second.inner_text("#change-state") == "published"
    _shot(second, live, "5-approved")

    response = anonymous.goto(f"{live.url}/entities/{entity_id}")
    assert response is not None and response.status == 200
    text = anonymous.inner_text("main")
    assert name in text and "A synthetic test report" in text and "alleged" in text
    _shot(anonymous, live, "6-public-page")
    assert refused == [], refused


def test_xss_payloads_render_inert(live: Live, browser: Browser) -> None:
    author = make_account(live.store, "contributor", totp=True)
    reviewer = make_account(live.store, "reviewer", totp=True)
    source = SourceInput(PAYLOADS[0], PAYLOADS[1], "2024-05-30", "https://example.org/x")
    facts = [FactInput("name", f"{p} {i}", "new") for i, p in enumerate(PAYLOADS)]
    facts += [
        FactInput(prop, PAYLOADS[i % len(PAYLOADS)], "new", "alleged")
        for i, prop in enumerate(("notes", "alias", "position", "summary"))
    ]
    change = propose(
        live.store,
        author=author.username,
        schema="Person",
        adds=facts,
        source=source,
        summary=PAYLOADS[1],
    )
    comment(live.store, change_id=change.id, author=reviewer.username, body=PAYLOADS[0])
    submit(live.store, change_id=change.id, actor=author.username)
    approve(live.store, change_id=change.id, reviewer=reviewer.username)
    entity = change.entity_id
    # a record pointing at it, so its page lists a payload among the records pointing here
    event = propose(
        live.store,
        author=author.username,
        schema="Event",
        adds=[
            FactInput("name", PAYLOADS[3], "new"),
            FactInput("involved", entity, "new"),
            FactInput("date", "2024-05-30", "new"),
        ],
        source=source,
    )
    submit(live.store, change_id=event.id, actor=author.username)
    approve(live.store, change_id=event.id, reviewer=reviewer.username)
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, live, author)
    # a javascript: URL typed into the form is refused, never stored as a link
    page.goto(f"{live.url}/app/new?schema=Article")
    paths = [
        f"/entities/{entity}",
        f"/app/entities/{entity}",
        f"/app/changes/{change.id}",
        f"/app/entities/{entity}/history",
        f"/entities/{entity}/network",
        "/sources",
        "/search?q=" + "%3Cscript%3E",
        "/search?q=" + PAYLOADS[1],
        "/timeline?q=" + PAYLOADS[3],
        "/app/changes?state=published",
        "/prisoners?status=" + PAYLOADS[1],
        f"/entities/{entity}/backlinks?schema=Event",
        "/app/duplicates?schema=Person&name=" + quote(f"{PAYLOADS[0]} 0"),
        "/app/sources/search?q=" + quote("example.org/x"),
        "/app/sources/search?q=" + quote(PAYLOADS[1]),
        "/sources?q=" + quote(PAYLOADS[0]),
    ]
    for path in paths:
        response = page.goto(live.url + path)
        assert response is not None and response.status < 500, path
        page.wait_for_load_state("load")
        assert not page.query_selector("main script"), path
        assert not page.query_selector("img[src=x]"), path
    # and through the form, with a javascript: source URL
    page.goto(f"{live.url}/app/new?schema=Person")
    page.fill("input[name=value_0]", PAYLOADS[1])
    page.fill("input[name=src_title]", PAYLOADS[2])
    page.fill("input[name=src_publisher]", PAYLOADS[3])
    page.fill("input[name=src_date]", "2024")
    page.evaluate("document.querySelector('input[name=src_url]').type = 'text'")
    page.fill("input[name=src_url]", PAYLOADS[2])
    page.click("#save")
    page.wait_for_load_state("load")
    if page.query_selector("input[name=confirm_new]"):  # the payload resembles a record
        page.check("input[name=confirm_new]")
        page.click("#save")
        page.wait_for_load_state("load")
    _shot(page, live, "7-xss-form")
    assert not page.query_selector("a[href^='javascript:']")
    page.goto(f"{live.url}/entities/{entity}")
    _shot(page, live, "8-xss-entity")
    assert dialogs == [], dialogs
    assert not page.query_selector("a[href^='javascript:']")


def test_no_client_address_in_logs_or_tables(live: Live, browser: Browser) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/search?q=Apple")  # at least one request from this client
    log = live.log.getvalue()
    assert "Application startup complete" in log  # the log was captured
    lines = [line for line in log.splitlines() if "running on" not in line.lower()]
    assert not [line for line in lines if CLIENT in line], lines
    found = []
    with live.store.read() as conn:
        inspector = sa.inspect(conn)
        for table in inspector.get_table_names():
            if table.startswith("statements_fts"):
                continue
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                if any(CLIENT in str(value) for value in row):
                    found.append((table, row))
    assert found == []
