"""The "Hongkongers abroad" pages in Debian's Chromium (Playwright), in English,
Traditional Chinese and Japanese: on the static site (JavaScript off) over the fictitious
record, and in the web app (served by uvicorn) over the bundled record, on both backends.
Screenshots go to test-artifacts/abroad/ for a person to look at; the test checks that
no chart label is cut off, that the figures table opens without JavaScript, that a
person's link leads to their record, and that nothing leaves loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lionrock import Store
from lionrock.publish import SiteOptions, build_site
from tests._browser import check_charts, serve_folder, serve_store
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "abroad"
LANGS = ("en", "zh-hant", "ja")
TITLE = {"en": "Hongkongers abroad", "zh-hant": "海外港人", "ja": "国外の香港人"}
UK = {"en": "United Kingdom", "zh-hant": "英國", "ja": "イギリス"}


@pytest.fixture(scope="module")
def site_url(abroad_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(abroad_store, out=out, options=SiteOptions(search=False))
    with serve_folder(out) as url:
        yield url


@pytest.fixture(scope="module")
def app_url(bundled_store: Store) -> Iterator[str]:
    """The web app over the bundled record, on a real socket as `lionrock serve` runs it."""
    with serve_store(bundled_store) as url:
        yield url


def _backend(store: Store) -> str:
    return "postgres" if store.url.startswith("postgresql") else "sqlite"


def _check_page(page: object, shot: str) -> None:
    check_charts(page, ARTIFACTS / f"{shot}.png")


def test_site_abroad_pages(browser: object, site_url: str, abroad_store: Store) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    backend = _backend(abroad_store)
    for lang in LANGS:
        response = page.goto(f"{site_url}{lang}/abroad.html")
        assert response is not None and response.ok
        assert page.locator("main h1").first.inner_text() == TITLE[lang]
        _check_page(page, f"site-{backend}-{lang}-abroad")
        page.locator("main a[href='abroad/gb.html']").click()
        page.wait_for_load_state()
        assert page.locator("main h1").first.inner_text() == UK[lang]
        assert page.locator("main figure svg").count() == 2
        table = page.locator("main details table")
        assert not table.is_visible()
        page.locator("main details summary").click()  # no JavaScript needed
        assert table.is_visible() and "27,777" in table.inner_text()
        _check_page(page, f"site-{backend}-{lang}-gb")
        page.locator("main a[href='../entities/lr-person-fx-chan.html']").first.click()
        page.wait_for_load_state()
        assert "Chan Fictitious" in page.inner_text("main")
    assert all(r.startswith(site_url) for r in requests), [
        r for r in requests if not r.startswith(site_url)
    ]
    context.close()


def test_app_abroad_pages(browser: object, app_url: str, bundled_store: Store) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    backend = _backend(bundled_store)
    for lang in LANGS:
        query = "" if lang == "en" else f"?lang={lang}"
        response = page.goto(f"{app_url}abroad{query}")
        assert response is not None and response.ok
        assert page.locator("main h1").first.inner_text() == TITLE[lang]
        _check_page(page, f"app-{backend}-{lang}-abroad")
        for code in ("gb", "ca", "tw", "au", "us"):
            response = page.goto(f"{app_url}abroad/{code}{query}")
            assert response is not None and response.ok, code
            _check_page(page, f"app-{backend}-{lang}-{code}")
        assert page.locator("main a[href*='entities/']").count() > 0
    # a wanted person's link leads to their record, in the page's language
    page.goto(f"{app_url}abroad/gb?lang=ja")
    assert page.locator("main figure svg").count() >= 4
    page.locator("main #wanted ~ table a").first.click()
    page.wait_for_load_state()
    assert "/entities/lr-person-" in page.url
    assert all(r.startswith(app_url) for r in requests)
    context.close()
