"""The suggestions queue end to end, in Debian's Chromium driven by Playwright, against the
app served by uvicorn, on SQLite and PostgreSQL (issue #16, "Done when"):

`extract_articles` on real Citizen News reports proposes facts; an editor filters the
queue, sees the quote in its paragraph and the published fact it contradicts, accepts one
into a draft citing the article, and another user publishes it; a rejection and a
batch rejection are remembered by the next run.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library import import_archive
from lionrock.library.extract import extract_articles, list_suggestions
from tests._browser import serve_app
from tests.conftest import BACKENDS, _pg_schema_url
from tests.web.conftest import make_account
from tests.web.test_webapp_browser import Live, _login, _shot


@pytest.fixture(scope="module", params=BACKENDS)
def live_queue(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, reports: Path
) -> Iterator[Live]:
    """The app on a real socket over the bundled record, the reports, and their
    suggestions."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('queue')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, [str(p) for p in bundled_files()], defaults=Defaults(review="published"))
    import_archive(store, path=str(reports), format="hkcnews")
    assert extract_articles(store).new
    try:
        with serve_app(store) as url:
            yield Live(url, store, io.StringIO(), request.param)
    finally:
        store.close()
        for _ in urls:
            pass


def test_accept_a_suggestion_into_a_draft_that_another_user_publishes(
    live_queue: Live, browser: Browser
) -> None:
    live = live_queue
    editor = make_account(live.store, "contributor", totp=True)
    reviewer = make_account(live.store, "reviewer", totp=True)
    page = browser.new_context().new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
    _login(page, live, editor)
    page.click("a[href$='app/suggestions']")
    page.wait_for_selector("#suggestion-count")
    # filter by person and kind
    page.fill("input[name=person]", "鍾翰林")
    page.select_option("select[name=kind]", "plea")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*kind=plea.*"))
    item = page.locator("article.suggestion[data-kind=plea]").first
    assert item.locator(".value").inner_text() == "Not guilty"  # the value label (issue #13)
    # the quote, in its paragraph; the published plea of his other case beside it
    assert "否認" in item.locator("mark.quote").inner_text()
    conflicts = item.locator("table.conflicts").inner_text()
    assert "guilty" in conflicts.lower() and "src-cna-2021-11-23-tony-chung-sentence" in conflicts
    _shot(page, live, "suggestions-1-queue")
    item.locator("summary").click()
    item.locator("input[name=case]").fill("lr-case-studentlocalism-tony-chung")
    item.locator("button.accept-one").click()
    page.wait_for_url(re.compile(r".*/app/changes/\d+$"))
    change_url = page.url
    assert page.inner_text("#change-state") == "draft"
    adds = page.inner_text("table.diff")
    assert "not_guilty" in adds and "hkcnews-36369" in adds
    page.click("#submit-review")
    page.wait_for_url(change_url)
    assert page.inner_text("#change-state") == "in review"
    assert page.locator("#approve").count() == 0  # no self-approval
    _shot(page, live, "suggestions-2-draft")

    second = browser.new_context().new_page()
    _login(second, live, reviewer)
    second.goto(change_url)
    second.click("#approve")
    second.wait_for_url(change_url)
    assert second.inner_text("#change-state") == "published"
    charge_id = second.inner_text("h1 a")
    anonymous = browser.new_context().new_page()
    response = anonymous.goto(f"{live.url}/entities/{quote(charge_id)}")
    assert response is not None and response.status == 200
    assert refused == [], refused


def test_rejections_one_by_one_and_per_article_are_remembered(
    live_queue: Live, browser: Browser
) -> None:
    live = live_queue
    editor = make_account(live.store, "contributor", totp=True)
    page = browser.new_context().new_page()
    _login(page, live, editor)
    page.goto(f"{live.url}/app/suggestions?person={quote('周庭')}&kind=bail_denied")
    target = page.locator("article.suggestion").first
    suggestion_id = target.get_attribute("id")
    target.locator("button.reject-one").click()
    page.wait_for_url(re.compile(r".*/app/suggestions\?.*"))
    assert page.locator(f"article[id='{suggestion_id}']").count() == 0

    page.goto(f"{live.url}/app/suggestions?article=hkcnews-41608")
    assert page.locator("article.suggestion").count() > 0
    page.locator("button.reject-article").first.click()
    page.wait_for_url(re.compile(r".*/app/suggestions.*"))
    page.goto(f"{live.url}/app/suggestions?article=hkcnews-41608")
    assert page.locator("article.suggestion").count() == 0
    _shot(page, live, "suggestions-3-rejected")

    assert extract_articles(live.store).new == []  # nothing decided comes back
    rejected = list_suggestions(live.store, state="rejected", limit=500)
    assert suggestion_id in {r["id"] for r in rejected}
    assert {r["article_id"] for r in rejected} >= {"hkcnews-41608"}


def test_readers_see_the_queue_but_cannot_decide(live_queue: Live, browser: Browser) -> None:
    live = live_queue
    reader = make_account(live.store, "reader", totp=True)
    page = browser.new_context().new_page()
    _login(page, live, reader)
    page.goto(f"{live.url}/app/suggestions")
    assert page.locator("article.suggestion").count() > 0
    assert page.locator("button.accept-one").count() == 0
    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{live.url}/app/suggestions")
    assert "/login" in anonymous.url
