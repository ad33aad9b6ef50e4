"""Issue #13, items 1 and 2: the web app is one app (a layout with navigation to every
section, a real 404 page, download links, the gap matrix in the layout and styled) in
English, Traditional Chinese, Japanese and Simplified Chinese, with the language kept in
the URL, a switch and hreflang on every page, and Accept-Language on a first visit."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.web import create_app
from lionrock.web._lang import negotiate, split_prefix

SECTIONS = ("prisoners", "cases", "timeline", "sanctions/gaps", "library", "abroad", "app")
PAGES = (
    "/",
    "/entities/ofac-29250",
    "/search?q=Apple",
    "/timeline",
    "/prisoners",
    "/sanctions/gaps",
    "/library",
    "/sources",
    "/charts",
    "/entities/nobody-at-all",
)


@pytest.fixture(scope="module")
def client(bundled_store: Store) -> TestClient:
    app = create_app(Settings(database_url="sqlite://", cache_seconds=60), store=bundled_store)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def _nav(html: str) -> str:
    found = re.search(r'<nav class="site".*?</nav>', html, flags=re.S)
    assert found, html[:2000]
    return found.group(0)


def test_every_page_has_the_navigation_and_the_language_switch(client: TestClient) -> None:
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        nav = _nav(response.text)
        for section in SECTIONS:
            assert re.search(rf'href="[./]*{section}"', nav), (path, section)
        for code in ("en", "zh-hant", "ja", "zh-hans"):
            assert re.search(
                rf'<link rel="alternate" hreflang="[^"]+" href="/{code}/', response.text
            ), (path, code)
            assert re.search(rf'<a href="/{code}/[^"]*" hreflang=', response.text), (path, code)


def test_unknown_pages_are_a_real_404(client: TestClient) -> None:
    for path in ("/entities/nobody-at-all", "/no/such/page", "/zh-hant/entities/nobody"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "No results" not in response.text and "Search:" not in response.text
    assert "<h1>Not found</h1>" in client.get("/entities/nobody-at-all").text
    assert "<h1>找不到頁面</h1>" in client.get("/zh-hant/entities/nobody").text
    assert client.get("/api/entities/nobody").json() == {"error": "not found"}


def test_download_links(client: TestClient) -> None:
    html = client.get("/entities/ofac-29250").text
    for href in ("api/export.csv", "api/export.ftm", "api/prisoners/charges.csv",
                 "api/entities/ofac-29250"):  # fmt: skip
        assert f'{href}" download' in html, href
    csv = client.get("/api/export.csv")
    assert csv.status_code == 200 and "ofac-29250" in csv.text
    gaps = client.get("/sanctions/gaps").text
    assert 'api/sanctions/gaps.csv" download' in gaps
    assert client.get("/api/sanctions/gaps.csv").text.count("\n") > 1


def test_gap_matrix_is_in_the_layout_and_styled_by_the_stylesheet(client: TestClient) -> None:
    response = client.get("/sanctions/gaps")
    html = response.text
    assert response.status_code == 200
    assert "<style" not in html  # the CSP blocks inline styles: none is sent
    assert 'class="gaps-matrix"' in html and "<table" in html
    assert "static/lionrock.css" in html and _nav(html)
    assert html.count("<html") == 1 and html.count("<body") == 1
    css = client.get("/static/lionrock.css").text
    assert ".gaps-matrix td.gap" in css and ".gaps-matrix td.listed" in css
    assert ".gaps-matrix td.unchecked" in css and ".gaps-matrix{overflow-x:auto}" in css


def test_language_in_the_url(client: TestClient) -> None:
    zh = client.get("/zh-hant/entities/ofac-29250")
    assert zh.status_code == 200 and zh.headers["content-language"] == "zh-Hant"
    assert '<html lang="zh-Hant">' in zh.text and "時間線" in zh.text
    assert "<h1>李家超</h1>" in zh.text
    assert '<strong lang="zh-Hant">繁體中文</strong>' in zh.text  # the switch: this language
    # relative links keep the language; the stylesheet is shared
    assert 'href="../timeline"' in zh.text and 'href="../../static/lionrock.css"' in zh.text
    home = client.get("/zh-hant/").text  # events' names in the page's language
    assert "國安處首次拘捕行動" in home and "<h1>紀錄</h1>" in home
    ja = client.get("/ja/timeline")
    assert '<html lang="ja">' in ja.text and "年表" in ja.text
    hans = client.get("/zh-hans/entities/lr-org-apple-daily")
    assert '<html lang="zh-Hans">' in hans.text and "苹果日报" in hans.text
    assert "蘋果日報" not in hans.text
    en = client.get("/en/timeline")
    assert '<html lang="en">' in en.text and '<strong lang="en">English</strong>' in en.text
    # `/ja` alone: on to `/ja/`, so that relative links resolve inside the language
    assert client.get("/ja").headers["location"] == "/ja/"
    # the cache keeps each language apart
    assert (
        "年表" in client.get("/ja/timeline").text
        and "時間線" in client.get("/zh-hant/timeline").text
    )


def test_accept_language_on_a_first_visit(client: TestClient) -> None:
    first = client.get(
        "/timeline?from=2021", headers={"accept-language": "zh-HK,zh;q=0.9,en;q=0.5"}
    )
    assert first.status_code == 307 and first.headers["location"] == "/zh-hant/timeline?from=2021"
    assert "accept-language" in first.headers["vary"].lower()
    ja = client.get("/", headers={"accept-language": "ja-JP,ja;q=0.9"})
    assert ja.headers["location"] == "/ja/"
    english = client.get("/", headers={"accept-language": "en-GB,en;q=0.9,zh;q=0.1"})
    assert english.status_code == 200 and '<html lang="en">' in english.text
    # a chosen language is kept, whatever the browser says; the API has no language
    chosen = client.get("/en/", headers={"accept-language": "zh-TW"})
    assert chosen.status_code == 200
    api = client.get("/api/stats", headers={"accept-language": "zh-TW"})
    assert api.status_code == 200
    assert negotiate("fr, zh-CN;q=0.8, ja;q=0.7").code == "zh-hans"
    assert negotiate("de, *;q=0.5").code == "en"
    assert negotiate("q=;;,,").code == "en"
    assert split_prefix("/zh-hant/entities/x")[1] == "/entities/x"


def test_value_labels_are_words_in_each_language(client: TestClient) -> None:
    en = client.get("/en/entities/ofac-29250").text
    zh = client.get("/zh-hant/entities/ofac-29250").text
    ja = client.get("/ja/entities/ofac-29250").text
    assert "<span>male</span>" not in en and ">Male" in en
    assert ">男<" in zh or ">男\n" in zh
    assert "男性" in ja
    lai = client.get("/zh-hant/entities/lr-person-jimmy-lai").text
    assert "serving_sentence" not in lai and "服刑中" in lai
    assert "Serving sentence" in client.get("/entities/lr-person-jimmy-lai").text


def test_one_defendant_is_singular(client: TestClient) -> None:
    html = client.get("/en/").text
    assert "1 defendants" not in html and "1 defendant;" in html


def test_the_editors_area_keeps_the_language(client: TestClient) -> None:
    response = client.get("/zh-hant/app")
    assert response.status_code == 303
    assert response.headers["location"] == "/zh-hant/login?next=%2Fzh-hant%2Fapp"
    login = client.get("/zh-hant/login?next=%2Fzh-hant%2Fapp")
    assert login.status_code == 200 and '<html lang="zh-Hant">' in login.text
