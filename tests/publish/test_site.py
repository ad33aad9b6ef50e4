"""The published site: its pages, languages, links, citations and weight."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser

from lionrock import Store
from lionrock.publish.pages import gap_page
from lionrock.render import entity_slug
from lionrock.sanctions.gaps import SORTS, gap_matrix
from tests.publish.conftest import HREF, html_pages

LANGS = ("en", "zh-hant", "ja", "zh-hans")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_language_trees_and_sections_exist(bundled_site: Path) -> None:
    for lang in LANGS:
        for page in ("index", "timeline", "people", "prisoners", "organisations", "media",
                     "cases", "sanctions", "responses", "sources", "browse", "search",
                     "verify", "mirrors"):  # fmt: skip
            assert (bundled_site / lang / f"{page}.html").is_file(), (lang, page)
    root = read(bundled_site / "index.html")
    assert all(f'href="{lang}/index.html"' in root for lang in LANGS)
    assert '<html lang="zh-Hant">' in read(bundled_site / "zh-hant" / "index.html")
    assert '<html lang="ja">' in read(bundled_site / "ja" / "timeline.html")


def test_every_page_carries_hreflang_and_onion_location(bundled_site: Path) -> None:
    for lang in LANGS:
        page = read(bundled_site / lang / "entities" / "ofac-29250.html")
        for other, tag in (
            ("en", "en"),
            ("zh-hant", "zh-Hant"),
            ("ja", "ja"),
            ("zh-hans", "zh-Hans"),
        ):
            assert f'hreflang="{tag}" href="../../{other}/entities/ofac-29250.html"' in page
        expected = f"http://example.onion/{lang}/entities/ofac-29250.html"
        assert f'<meta http-equiv="onion-location" content="{expected}">' in page
    assert "Onion-Location" in read(bundled_site / ".htaccess")


def test_ui_is_translated_and_content_falls_back_visibly(bundled_site: Path) -> None:
    zh = read(bundled_site / "zh-hant" / "entities" / "ofac-29250.html")
    ja = read(bundled_site / "ja" / "entities" / "ofac-29250.html")
    en = read(bundled_site / "en" / "entities" / "ofac-29250.html")
    assert "<h1>李家超</h1>" in zh and '<h1><span lang="zh-Hant">李家超</span></h1>' in ja
    assert "<h1>John Lee Ka-chiu</h1>" in en
    assert "時間線" in zh and "年表" in ja and "Timeline" in en
    # no Chinese summary of the NSL event: its English text is shown, marked as such
    timeline = read(bundled_site / "zh-hant" / "timeline.html")
    assert '<span lang="en">The Law of the People' in timeline
    assert '<small class="fb" data-pagefind-ignore>en</small>' in timeline


def test_simplified_tree_is_converted_with_opencc(bundled_site: Path) -> None:
    hant = read(bundled_site / "zh-hant" / "entities" / "lr-org-apple-daily.html")
    hans = read(bundled_site / "zh-hans" / "entities" / "lr-org-apple-daily.html")
    assert "蘋果日報" in hant and "苹果日报" in hans and "蘋果日報" not in hans
    assert '<html lang="zh-Hans">' in hans


def test_all_links_are_relative_and_resolve(bundled_site: Path) -> None:
    checked = 0
    for page in html_pages(bundled_site):
        html = read(page)
        for match in re.finditer(r"<(link|script|img|a|form)\b[^>]*>", html):
            tag = match.group(0)
            for url in HREF.findall(tag):
                if url.startswith(("http://", "https://")):
                    # only citations and mirrors link out, and a link makes no request
                    assert match.group(1) == "a" or 'rel="alternate"' not in tag, (page, url)
                    assert match.group(1) == "a", (page, tag)
                    continue
                assert not url.startswith("/") and "://" not in url, (page, url)
                target = (page.parent / unquote(urlsplit(url).path)).resolve()
                assert target.exists(), (page.relative_to(bundled_site), url)
                checked += 1
    assert checked > 10000


def test_every_fact_shows_its_citation(bundled_site: Path) -> None:
    for lang in ("en", "ja"):
        for page in sorted((bundled_site / lang / "entities").glob("*.html")):
            html = read(page)
            table = html.split('<table class="facts">', 1)[1].split("</table>", 1)[0]
            rows = table.count("<tr") - 1
            assert rows > 0 and table.count('class="c"') == rows, page.name
            assert '<ol class="sources">' in html


def test_court_case_shows_each_defendant(bundled_site: Path) -> None:
    html = read(bundled_site / "en" / "entities" / "lr-case-hk47.html")
    charges = html.split('<table class="charges">', 1)[1].split("</table>", 1)[0]
    assert charges.count("<tr>") == 47 + 1
    tai = next(r for r in charges.split("<tr>") if "Benny Tai" in r)
    for value in ("Conspiracy to commit subversion", "Guilty", "Convicted", "10 years"):
        assert value in tai
    lau = next(r for r in charges.split("<tr>") if "Lawrence Lau" in r)
    assert "Not guilty" in lau and "Acquitted" in lau


def test_gap_matrix_prisoners_organisations_and_responses(bundled_site: Path) -> None:
    gaps = read(bundled_site / "en" / "sanctions.html")
    # 42 on the OFAC extract and the record's six of 31 March 2025, marked as the record's.
    assert "United States (48)" in gaps and "United Kingdom (0)" in gaps
    lam = next(r for r in gaps.split("<tr>") if "Paul Lam" in r)
    assert "HK-EO13936 <small>2025-03-31</small> <small>(cited record, source of 2025-03-31)" in lam
    assert "no list checked" in gaps and "us-ofac-sdn 2024-05-03" in gaps
    assert gaps.count('<td class="unchecked">') > 42 * 5  # no UK, EU, ... list imported
    prisoners = bundled_site / "en" / "prisoners"
    listed = read(prisoners / "serving_sentence.html").split("</details>")[1]
    assert "Jimmy Lai" in listed and "2026-02-09" in listed  # the status's as-of date
    remanded = read(prisoners / "remanded.html").split("</details>")[1]
    assert "Jimmy Lai" not in remanded and "Remanded" in remanded
    media = read(bundled_site / "en" / "media.html")
    assert "Apple Daily" in media and "2021-06-24" in media and "Civil Human Rights" not in media
    orgs = read(bundled_site / "en" / "organisations.html")
    assert "Civil Human Rights Front" in orgs and "2021-08" in orgs and "Apple Daily" not in orgs
    responses = read(bundled_site / "en" / "responses.html")
    assert "Japan" in responses and "BN(O)" in responses


def test_gap_matrix_has_a_page_per_sort_linked_as_a_switch(
    bundled_site: Path, bundled_store: Store
) -> None:
    # issue #12: sortable by recommendations and by documented conduct; no scripts on the
    # site, so each order is a page, and the switch links the others (the app: ?sort=)
    for sort in SORTS:
        expected = [r.entity_id for r in gap_matrix(bundled_store, published_only=True, sort=sort)]
        for lang in LANGS:
            html = read(bundled_site / lang / gap_page(sort))
            assert len(gzip.compress(html.encode("utf-8"), 9)) < 100_000, (lang, sort)
            switch = html.split('<p class="sort">', 1)[1].split("</p>", 1)[0]
            assert switch.count("<strong>") == 1 and switch.count("<a ") == len(SORTS) - 1
            for other in SORTS:
                assert (f'href="{gap_page(other)}"' in switch) == (other != sort), (lang, sort)
            body = html.split('<table class="gaps">', 1)[1].split("</table>", 1)[0]
            rows = re.findall(r'<tr><td><a href="[^"]*entities/([^"/]+)\.html"', body)
            assert rows == [entity_slug(i) for i in expected], (lang, sort)
    en = read(bundled_site / "en" / gap_page("recommendations"))
    assert "Sort by: <a" in en and "<strong>number of recommendations</strong>" in en
    assert "<strong>有記錄的行為</strong>" in read(bundled_site / "zh-hant" / "sanctions.html")


def test_charts_are_inline_svg(bundled_site: Path) -> None:
    home = read(bundled_site / "ja" / "index.html")
    assert home.count("<svg") == 2 and "月ごとの出来事" in home
    assert "<svg" in read(bundled_site / "en" / "timeline.html")
    # the designations chart speaks each tree's language (it was drawn once, in English)
    for lang, label in (("zh-hant", "■ 制裁指定 ("), ("ja", "■ 制裁指定 (")):
        chart = read(bundled_site / lang / "sanctions.html").split("<svg", 1)[1]
        chart = chart.split("</svg>", 1)[0]
        assert label in chart and "designations" not in chart, lang
        assert "counter-sanctions" not in chart and "not drawn" not in chart, lang


def test_plain_index_pages_by_letter_and_stroke_count(bundled_site: Path) -> None:
    zh = read(bundled_site / "zh-hant" / "browse.html")
    assert "7劃" in zh  # 李 has seven strokes
    assert "7画" in read(bundled_site / "ja" / "browse.html")
    en = read(bundled_site / "en" / "browse.html")
    assert ">J</a>" in en or ">J</strong>" in en
    pages = sorted((bundled_site / "zh-hant" / "browse").glob("*.html"))
    assert any("李家超" in read(p) for p in pages)


def test_entity_pages_fit_the_first_round_trip(bundled_site: Path) -> None:
    css = (bundled_site / "static" / "lionrock.css").read_bytes()
    for page in (bundled_site / "en").parent.glob("*/entities/*.html"):
        size = len(gzip.compress(page.read_bytes(), 9)) + len(gzip.compress(css, 9))
        assert size <= 14 * 1024, (page, size)


def test_atom_feeds_parse(bundled_site: Path) -> None:
    for lang in LANGS:
        feed = feedparser.parse(str(bundled_site / lang / "feed.atom"))
        assert not feed.bozo, (lang, feed.get("bozo_exception"))
        assert feed.feed.title and len(feed.entries) == 100
        entry = feed.entries[0]
        assert entry.id.startswith("urn:lionrock:") and entry.updated_parsed
        href = urlsplit(entry.link).path.rsplit("/", 2)
        assert (bundled_site / lang / href[-2] / href[-1]).is_file()
    zh = feedparser.parse(str(bundled_site / "zh-hant" / "feed.atom"))
    assert zh.feed.language == "zh-Hant"


def test_no_page_has_scripts_but_search(bundled_site: Path) -> None:
    for page in html_pages(bundled_site):
        html = read(page)
        if page.name != "search.html":
            assert "<script" not in html, page
        assert "<iframe" not in html and "@import" not in html
