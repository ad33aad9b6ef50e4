"""Issue #13's users, in Debian's Chromium (Playwright) against the app served by uvicorn
over the bundled record, in English and Traditional Chinese. Screenshots are saved under
test-artifacts/web/journey-*.png.

- A journalist searches 林郑月娥 (Simplified), opens the person, follows a citation to its
  evidence (a real capture of the local test site, signed and timestamped by the local
  TSA, linked to one of her sources), and downloads the CSV.
- An advocate opens the sanctions gap matrix from the navigation, and it is styled.
- A reader switches language on every page type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from lionrock import Defaults, Settings, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.evidence import Signing, Target, Vault, capture
from tests._browser import serve_app
from tests.conftest import ROOT
from tests.evidence.conftest import FAST, Site

ARTIFACTS = ROOT / "test-artifacts" / "web"
CARRIE_LAM = "ofac-29249"
PAGE_TYPES = (
    "",
    f"entities/{CARRIE_LAM}",
    "search?q=Apple",
    "timeline",
    "prisoners",
    "sanctions/gaps",
    "library",
    "sources",
    "charts",
    "entities/nobody-at-all",
)
SWITCH = (("zh-hant", "繁體中文", "zh-Hant"), ("ja", "日本語", "ja"),
          ("zh-hans", "简体中文", "zh-Hans"), ("en", "English", "en"))  # fmt: skip

pytestmark = pytest.mark.slow


@contextmanager
def _served(settings: Settings, store: Store) -> Iterator[str]:
    with serve_app(store, settings) as url:
        yield url


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def _journalist(page: Page, base: str, lang: str, tmp: Path) -> None:
    page.goto(f"{base}/{lang}/")
    page.fill("header input[name=q]", "林郑月娥")  # Simplified; the record has 林鄭月娥
    page.click("header form button")
    page.wait_for_url(re.compile(rf".*/{lang}/search\?q=.*"))
    result = page.locator(f"ol.hits a[href$='entities/{CARRIE_LAM}']")
    assert result.count() == 1
    _shot(page, f"{lang}-journalist-1-search")
    result.click()
    page.wait_for_url(re.compile(rf".*/{lang}/entities/{CARRIE_LAM}$"))
    heading = page.locator("main h1").inner_text()
    assert heading == ("林鄭月娥" if lang == "zh-hant" else "LAM, Carrie"), heading
    _shot(page, f"{lang}-journalist-2-person")
    # the citation's evidence: its hash, and the archived copy from our own origin
    evidence = page.locator("small.evidence").first
    assert "sha256" in evidence.inner_text()
    with page.expect_download() as wacz:
        evidence.locator("a[download]").click()
    assert wacz.value.suggested_filename.endswith(".wacz")
    evidence.locator("a[rel=nofollow]:not([download])").click()
    page.wait_for_load_state()
    assert "/evidence/replay/" in page.url
    _shot(page, f"{lang}-journalist-3-evidence")
    page.go_back()
    page.wait_for_url(re.compile(rf".*/{lang}/entities/{CARRIE_LAM}$"))
    with page.expect_download() as download:
        page.click("footer a[href$='api/export.csv']")
    saved = tmp / f"{lang}.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("id,schema,caption,url") and CARRIE_LAM in text


def _advocate(page: Page, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/")
    page.click("nav.site a[href$='sanctions/gaps']")
    page.wait_for_url(re.compile(rf".*/{lang}/sanctions/gaps$"))
    assert page.locator(".gaps-matrix table").count() == 1
    gap = page.locator(".gaps-matrix td.gap").first
    colour = gap.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(255, 241, 240)", colour  # styled by the stylesheet, not inline
    _shot(page, f"{lang}-advocate-gap-matrix")


def _reader(page: Page, base: str) -> None:
    for path in PAGE_TYPES:
        page.goto(f"{base}/en/{path}")
        for code, name, tag in SWITCH:
            page.click(f"p.langs a[hreflang='{tag}']")
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == tag, (path, code)
            assert f"/{code}/" in page.url, (path, page.url)
            assert page.locator(f"p.langs strong[lang='{tag}']").inner_text() == name
            assert page.locator("nav.site").count() == 1
        if path in ("", f"entities/{CARRIE_LAM}", "prisoners"):
            page.goto(f"{base}/zh-hant/{path}")
            _shot(page, f"zh-hant-reader-{(path or 'home').split('/')[0]}")


def test_users_journeys(
    store: Store,
    site: Site,
    vault: Vault,
    signing: Signing,
    evidence_settings: Settings,
    browser: Browser,
    tmp_path: Path,
) -> None:
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    carrie = store.entity(CARRIE_LAM, published_only=True)
    assert carrie is not None
    source = sorted({f.source_id for f in carrie.facts})[0]
    [result] = capture(targets=[Target(site.url("/"), source)], vault=vault, signing=signing,
                       operator="test-operator", options=FAST)  # fmt: skip
    assert result.outcome == "ok"
    with _served(evidence_settings, store) as base:
        context = browser.new_context(accept_downloads=True, locale="en-GB")
        context.set_default_timeout(180_000)  # a busy machine: the gap matrix takes seconds
        page = context.new_page()
        for lang in ("en", "zh-hant"):
            _journalist(page, base, lang, tmp_path)
            _advocate(page, base, lang)
        _reader(page, base)
        # a first visit from a browser set to Chinese lands on the Chinese pages
        zh = browser.new_context(locale="zh-HK", extra_http_headers={"accept-language": "zh-HK"})
        first = zh.new_page()
        first.goto(f"{base}/timeline")
        assert "/zh-hant/timeline" in first.url
        assert first.locator("html").get_attribute("lang") == "zh-Hant"
        zh.close()
        # on a phone, the prisoners table keeps the sentence on screen
        phone = browser.new_context(viewport={"width": 375, "height": 800})
        small = phone.new_page()
        small.goto(f"{base}/en/prisoners")
        overflow = small.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 380, overflow
        _shot(small, "en-prisoners-phone")
        phone.close()
        context.close()
