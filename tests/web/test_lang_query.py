"""Issue #11, item 1: an old link naming the language in its query (`/prisoners?lang=ja`)
is sent on to the prefixed page (`/ja/prisoners`), so every relative link on the page
stays in that language. Over HTTP through the app (the bundled record, both backends),
on a real socket (no client address in any log line), and in Chromium (a reader who
follows an entity link from a Traditional Chinese page stays in Traditional Chinese)."""

from __future__ import annotations

import http.client
import logging
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.render import LANGUAGES
from lionrock.web import create_app
from lionrock.web._lang import MAX_FIELDS, MAX_QUERY, query_language
from tests._browser import serve_app

BASE = "https://testserver"
PERSON = "lr-person-jimmy-lai"
#: a page of each kind: the prisoner list, an entity, the abroad index and a country
PAGES = ("/prisoners?view=all", f"/entities/{PERSON}", "/abroad", "/abroad/gb")
ENTITY_LINK = re.compile(r'<a href="((?:\.\.?/)*entities/lr-[^"#]*)"')  # not `api/entities`


@pytest.fixture(scope="module")
def client(bundled_store: Store) -> TestClient:
    app = create_app(Settings(database_url="sqlite://"), store=bundled_store)
    return TestClient(app, base_url=BASE, follow_redirects=False)


def _with_lang(path: str, code: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={code}"


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_lang_query_lands_on_the_prefixed_page_whose_links_keep_it(
    client: TestClient, language: object
) -> None:
    code, tag = language.code, language.tag  # type: ignore[attr-defined]
    for path in PAGES:
        response = client.get(_with_lang(path, code))
        assert response.status_code == 308, path
        assert response.headers["location"] == f"/{code}{path}", path
        page = client.get(response.headers["location"])
        assert page.status_code == 200, path
        assert f'<html lang="{tag}">' in page.text, path
        main = page.text[page.text.index("<main") :]
        links = ENTITY_LINK.findall(main)
        assert links, path
        where = BASE + response.headers["location"]
        for href in links:  # every record the page links to opens in the same language
            assert urlsplit(urljoin(where, href)).path.startswith(f"/{code}/entities/"), href
            assert "lang=" not in href, href
    # the tag (`zh-Hant`) and any case name the language as well as its code
    assert client.get(f"/abroad?lang={tag.upper()}").headers["location"] == f"/{code}/abroad"


def test_other_parameters_are_kept_escaped(client: TestClient) -> None:
    response = client.get(
        "/prisoners",
        params=[("view", "all"), ("lang", "ja"), ("case", '黎"<x>'), ("statute", "nsl")],
    )
    assert response.status_code == 308
    location = response.headers["location"]
    assert location == "/ja/prisoners?view=all&case=%E9%BB%8E%22%3Cx%3E&statute=nsl"
    landed = client.get(location)
    assert landed.status_code == 200 and '<html lang="ja">' in landed.text
    # a repeated `lang`: the last one wins (as `query_params` reads it), none is kept
    twice = client.get("/prisoners?lang=en&lang=zh-hans&page=2")
    assert twice.headers["location"] == "/zh-hans/prisoners?page=2"
    # HEAD as GET; a form's POST is never redirected
    assert client.head("/abroad?lang=ja").headers["location"] == "/ja/abroad"
    assert client.post("/prisoners?lang=ja").status_code != 308


def test_unknown_languages_filters_and_prefixed_pages_are_left_alone(client: TestClient) -> None:
    for path in ("/prisoners?lang=xx", "/prisoners?lang=eng", "/abroad?lang=", "/abroad?lang=../x"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.text, path
    # the prefix wins over the query
    assert '<html lang="ja">' in client.get("/ja/prisoners?lang=zh-hant").text
    # on the search, `lang` is the record-language facet, not the page's language
    search = client.get("/search?q=Lai&lang=eng")
    assert search.status_code == 200 and '<html lang="en">' in search.text
    assert client.get("/search?q=Lai&lang=ja").status_code == 200
    # the API has no language: the query is its own business
    assert client.get("/api/prisoners?lang=ja").status_code == 200
    # an explicit `lang` beats the browser's preference
    chosen = client.get("/prisoners?lang=en", headers={"accept-language": "ja"})
    assert chosen.status_code == 308 and chosen.headers["location"] == "/en/prisoners"


def test_the_redirect_is_bounded_and_stays_on_this_origin(client: TestClient) -> None:
    long = "/prisoners?lang=ja&q=" + "x" * MAX_QUERY
    assert client.get(long).status_code == 200  # ignored past the bound: English, in place
    many = "/prisoners?" + "&".join(f"f{i}=1" for i in range(MAX_FIELDS)) + "&lang=ja"
    assert client.get(many).status_code == 200
    assert len(query_language("/prisoners", b"lang=ja&q=" + b"x" * 2000) or "") < 2100
    for path in ("//evil.example/x", "/\\evil.example", "/%2F%2Fevil.example"):
        target = query_language(path, b"lang=ja")
        assert target is not None and target.startswith("/ja/"), path
        assert urlsplit(urljoin(BASE + "/", target)).netloc == "testserver", path
    assert query_language("/api/prisoners", b"lang=ja") is None
    assert query_language("/static/app.css", b"lang=ja") is None


@pytest.fixture(scope="module")
def app_url(bundled_store: Store) -> Iterator[str]:
    # the access log on (`info`), as an operator might run it: still no client address
    with serve_app(bundled_store, log_level="info") as url:
        yield url


def test_a_real_server_redirects_and_logs_no_client_address(
    app_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    host, port = urlsplit(app_url).hostname, urlsplit(app_url).port
    caplog.set_level(logging.DEBUG)
    connection = http.client.HTTPConnection(str(host), port, timeout=60)
    try:
        connection.request("GET", "//evil.example/x?lang=zh-hant&view=all")
        response = connection.getresponse()
        response.read()
        assert response.status == 308
        assert response.getheader("location") == "/zh-hant//evil.example/x?view=all"
        connection.request("GET", "/abroad?lang=zh-hant")
        response = connection.getresponse()
        response.read()
        assert response.status == 308 and response.getheader("location") == "/zh-hant/abroad"
        local = connection.sock.getsockname()
    finally:
        connection.close()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"{local[0]}:{local[1]}" not in logged and "lang=zh-hant" not in logged


def test_chromium_follows_entity_links_in_the_language_of_the_query(
    browser: object, app_url: str
) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.set_default_timeout(120_000)  # the first page builds the prisoner index
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path, link in (
        ("/prisoners?view=all", "main table a[href*='entities/lr-person-']"),
        (f"/entities/{PERSON}", "main a[href*='entities/lr-']"),
        ("/abroad/gb", "main #wanted ~ table a"),
    ):
        page.goto(f"{app_url}{_with_lang(path, 'zh-hant')}")
        assert urlsplit(page.url).path == f"/zh-hant{path.split('?')[0]}", page.url
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        page.locator(link).first.click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.startswith("/zh-hant/entities/"), (path, page.url)
        assert page.locator("html").get_attribute("lang") == "zh-Hant", page.url
    assert all(r.startswith(app_url) for r in requests)
    context.close()
