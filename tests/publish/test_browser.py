"""The site in headless Chromium (Debian's, through Playwright): it reads with
JavaScript on and off, search works as an enhancement, and no request leaves loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests._browser import serve_folder

PAGES = (
    "index.html",
    "en/index.html",
    "zh-hant/timeline.html",
    "ja/entities/lr-case-hk47.html",
    "zh-hans/sanctions.html",
    "en/prisoners/serving_sentence.html",
    "en/browse.html",
)


@pytest.fixture(scope="module")
def served(bundled_site: Path) -> Iterator[str]:
    """The site served from a sub-path on loopback, as a mirror might serve it."""
    with serve_folder(bundled_site.parent) as url:
        yield f"{url}{bundled_site.name}/"


def _visit(browser: object, base: str, *, javascript: bool) -> list[str]:
    context = browser.new_context(java_script_enabled=javascript)  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in PAGES:
        response = page.goto(base + path)
        assert response is not None and response.ok, path
        assert page.locator("main h1").first.inner_text().strip(), path
    if javascript:
        page.goto(base + "en/search.html?q=Jimmy")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
        first = page.locator(".pagefind-ui__result-link").first
        href = first.get_attribute("href") or ""
        assert "/entities/" in href and href.startswith(urlsplit(base).path), href
        first.click()
        page.wait_for_load_state()
        assert page.locator("main h1").first.inner_text().strip()
    else:
        page.goto(base + "en/search.html")
        assert page.get_by_text("Browse every record").is_visible()
    context.close()
    return requests


@pytest.mark.slow
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_no_third_party_requests(browser: object, served: str, javascript: bool) -> None:
    requests = _visit(browser, served, javascript=javascript)
    assert len(requests) > len(PAGES)
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    scripts = [url for url in requests if url.endswith(".js")]
    assert bool(scripts) == javascript  # pages load no script; search does, with JS on
