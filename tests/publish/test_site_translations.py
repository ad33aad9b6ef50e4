"""Issue #13, item 2: the static site's translation bugs. Japanese titles without markup,
Pagefind's interface in the page's language (its own Chinese is Simplified), search
results' titles without the fallback language mark, and excerpts without internal IDs."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.publish.test_browser import served  # noqa: F401 (the fixture)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_titles_hold_no_markup(bundled_site: Path) -> None:
    for page in sorted((bundled_site / "ja" / "entities").glob("*.html")):
        title = re.search(r"<title>(.*?)</title>", read(page), flags=re.S)
        assert title and "<" not in title.group(1) and "&lt;" not in title.group(1), page.name
    ja = read(bundled_site / "ja" / "entities" / "ofac-29250.html")
    assert "<title>李家超 · " in ja
    assert '<meta data-pagefind-meta="title[content]" content="李家超">' in ja


def test_search_excerpts_leave_out_ids_and_marks(bundled_site: Path) -> None:
    page = read(bundled_site / "zh-hant" / "entities" / "lr-event-2020-06-30-nsl-in-force.html")
    assert "<span data-pagefind-ignore> · <code>lr-event-2020-06-30-nsl-in-force</code>" in page
    assert "<thead data-pagefind-ignore>" in page
    assert re.search(r'<small class="fb"[^>]* data-pagefind-ignore>en</small>', page)
    assert re.search(r'<a class="c" [^>]*data-pagefind-ignore>\[1\]</a>', page)


def test_pagefind_interface_in_the_page_language(bundled_site: Path) -> None:
    hant = read(bundled_site / "zh-hant" / "search.html")
    hans = read(bundled_site / "zh-hans" / "search.html")
    ja = read(bundled_site / "ja" / "search.html")
    for html in (hant, hans, ja):
        assert "data-i18n='{" in html and "\\u" not in html  # Chinese kept, for OpenCC
    assert '"placeholder": "搜尋"' in hant and "找不到「[SEARCH_TERM]」的結果" in hant
    assert '"placeholder": "搜寻"' in hans and "找不到「[SEARCH_TERM]」的结果" in hans
    assert "「[SEARCH_TERM]」の結果はありません" in ja


@pytest.mark.slow
def test_pagefind_in_chromium(browser: object, served: str) -> None:  # noqa: F811
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(served + "zh-hant/search.html?q=" + quote("李家超"))
    page.wait_for_selector(".pagefind-ui__result-link", timeout=60000)
    page.wait_for_timeout(1000)
    assert page.locator(".pagefind-ui__search-input").get_attribute("placeholder") == "搜尋"
    message = page.locator(".pagefind-ui__message").inner_text()
    assert "項結果" in message and "结果" not in message, message
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert "李家超" in titles, titles
    assert not any(re.search(r"(en|ja|zh-Hant)$", t) for t in titles), titles
    excerpts = " ".join(page.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    assert "ofac-" not in excerpts and "lr-" not in excerpts, excerpts
    page.close()
