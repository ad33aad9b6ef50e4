"""The prisoner pages and statistics in Debian's Chromium (Playwright), in English,
Traditional Chinese and Japanese: on the static site (JavaScript off: the filters are
pages) and in the web app (served by uvicorn), over the fictitious record and the
bundled one. Screenshots are saved under test-artifacts/record/ for a person to look at;
the test checks that no chart label is cut off and that nothing leaves loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lionrock import Store
from lionrock.publish import SiteOptions, build_site
from tests._browser import check_charts, serve_folder, serve_store
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "record"
LANGS = ("en", "zh-hant", "ja")
#: A heading each page shows, per language.
HEADINGS = {
    "prisoners": {"en": "In custody now", "zh-hant": "現時被羈押", "ja": "現在拘束中"},
    "prisoners/remanded": {
        "en": "Remanded before trial",
        "zh-hant": "審訊前還押",
        "ja": "公判前の勾留",
    },
    "prisoners/wanted": {"en": "Wanted abroad", "zh-hant": "海外被通緝", "ja": "国外で指名手配"},
    "prisoners/statistics": {
        "en": "Statistics of the prisoner record",
        "zh-hant": "政治犯紀錄統計",
        "ja": "政治犯の記録の統計",
    },
}


@pytest.fixture(scope="module")
def site_url(record_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(record_store, out=out, options=SiteOptions(search=False))
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


def test_site_prisoner_pages_in_three_languages(
    browser: object, site_url: str, record_store: Store
) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    backend = _backend(record_store)
    for lang in LANGS:
        for path, headings in HEADINGS.items():
            response = page.goto(f"{site_url}{lang}/{path}.html")
            assert response is not None and response.ok, (lang, path)
            assert headings[lang] in page.locator("main h1").first.inner_text(), (lang, path)
            _check_page(page, f"site-{backend}-{lang}-{path.replace('/', '-')}")
        # a filter is a link to a page of its own (no JavaScript)
        page.goto(f"{site_url}{lang}/prisoners.html")
        page.locator("details.filters summary").click()
        page.locator("a[href$='prisoners/statute/snso.html']").first.click()
        page.wait_for_load_state()
        assert "TSANG Siu Fung" in page.inner_text("main") or "曾小鳳" in page.inner_text("main")
    assert "黃美玲" in page.goto(f"{site_url}ja/prisoners/remanded.html").text()  # type: ignore[union-attr]
    assert all(r.startswith(site_url) for r in requests), [
        r for r in requests if not r.startswith(site_url)
    ]
    context.close()


def test_app_prisoner_pages_in_three_languages(
    browser: object, app_url: str, bundled_store: Store
) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    # the first page builds the prisoner index of the whole record: on a busy machine
    # (load 7 on 2 cores, full suite beside it) that took past Playwright's default 30 s
    context.set_default_timeout(120_000)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    backend = _backend(bundled_store)
    for lang in LANGS:
        query = "" if lang == "en" else f"?lang={lang}"
        for path in ("prisoners", "prisoners/statistics"):
            response = page.goto(f"{app_url}{path}{query}")
            assert response is not None and response.ok, (lang, path)
            assert HEADINGS[path][lang] in page.locator("main h1").first.inner_text()
            _check_page(page, f"app-{backend}-{lang}-{path.replace('/', '-')}")
        page.goto(f"{app_url}prisoners{query}")
        assert "Jimmy Lai" in page.inner_text("main") or "黎智英" in page.inner_text("main")
        assert "2026-02-09" in page.inner_text("main")  # the as-of date of his status
    # the figure of people named as charged, arrested or wanted under the NSL-era statutes
    page.goto(f"{app_url}prisoners/statistics")
    assert "People named as charged, arrested or wanted" in page.inner_text("main")
    # the statute filter finds people arrested under the NSL and never charged
    page.goto(f"{app_url}prisoners?view=all&statute=nsl")
    text = page.inner_text("main")
    assert "James To" in text and "statute at arrest:" in text
    _check_page(page, f"app-{backend}-en-statute-nsl")
    # the language switch keeps the filter
    page.goto(f"{app_url}prisoners?view=all&statute=crimes_ordinance")
    page.locator("p.langs a[hreflang=ja]").click()
    page.wait_for_load_state()
    assert "/ja/prisoners" in page.url and "statute=crimes_ordinance" in page.url
    assert page.locator("html").get_attribute("lang") == "ja"
    _check_page(page, f"app-{backend}-ja-filtered")
    assert all(r.startswith(app_url) for r in requests)
    context.close()
