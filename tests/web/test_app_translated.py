"""Issue #13, item 2: the whole app in three languages, the editors' area included.

Two checks, each able to fail on its own:
- every text node and every visible attribute (aria-label, placeholder, title, alt) of
  the app's templates goes through `_()`: a new template with bare English fails here
  before it ever reaches a catalog;
- every app page, rendered in Traditional Chinese and in Japanese for a signed-in admin
  over the bundled record, a change, suggestions and library articles, shows no English
  message of the catalogs as visible text (a message passed through as it was).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from babel.messages.pofile import read_po
from starlette.testclient import TestClient

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library import import_archive
from lionrock.library.extract import extract_articles
from lionrock.render import TEMPLATES, catalog_path
from lionrock.review import FactInput, propose
from tests.extract.conftest import court_reports
from tests.web.conftest import client_for, login, make_account

#: the app's templates: the editors' area and app pages, the intake, the library, the gap
#: matrix
CHECKED = sorted(
    [
        *TEMPLATES.glob("app/*.html"),
        *TEMPLATES.glob("intake/*.html"),
        TEMPLATES / "library_search.html",
        TEMPLATES / "library_article.html",
        TEMPLATES / "_gaps.html",
        TEMPLATES / "sanctions.html",
    ]
)
SOURCE = "src-wikisource-2024-11-19-hk47-reasons-for-sentence"


@dataclass
class Signed:
    client: TestClient
    ids: dict[str, str]
    texts: list[str]


#: words that are the same in every language: formats, names, codes
SAME = {"CSV", "JSON", "SVG", "FtM", "ID", "URL", "YYYY-MM-DD", "sha256", "eng", "WACZ"}
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
VISIBLE_ATTR = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')
#: a string literal printed as it is: words with a space or a capital (not an identifier)
LITERAL = re.compile(r"""(?<!_\()(["'])((?:(?!\1).)*[A-Za-z](?:(?!\1).)*)\1""")


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if w not in SAME]


def _bare_english(source: str) -> list[str]:
    """English a template shows without `_()`: in text nodes, in visible attributes, and
    as string literals printed by `{{ }}`."""
    found: list[str] = []
    for expression in re.findall(r"\{\{(.*?)\}\}", source, flags=re.S):
        # `_("...")` and `_('...')` are translated; `x or 'word'` and `"A B"` are not
        inner = re.sub(r"""_\((["']).*?\1""", "_(", expression)
        for _q, literal in LITERAL.findall(inner):
            worded = " " in literal.strip() or re.search(r"[A-Z]", literal)
            if worded and _words(literal) and not literal.startswith(("<", "%")):
                found.append(literal)
    plain = JINJA.sub(" ", source)
    for value in VISIBLE_ATTR.findall(plain):
        found += _words(value)
    plain = re.sub(r"<script.*?</script>|<style.*?</style>", " ", plain, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", plain)
    return found + _words(text)


def test_every_template_text_goes_through_the_catalogs() -> None:
    assert len(CHECKED) > 30
    bare = {path.name: _bare_english(path.read_text()) for path in CHECKED}
    assert {name: words for name, words in bare.items() if words} == {}


def test_the_check_finds_bare_english() -> None:  # the check above can fail
    assert _bare_english("<p>Save as draft</p>") == ["Save", "as", "draft"]
    assert _bare_english('<input aria-label="Role">') == ["Role"]
    assert _bare_english('{{ "Make optional" if x else _("Require it") }}') == ["Make optional"]
    assert _bare_english('<p>{{ _("Save") }} <a href="{{ root }}x">CSV</a></p>') == []
    assert _bare_english("{{ form.get('value_' ~ i) }}") == []


def _english_messages(locale: str) -> list[str]:
    """The catalogs' English UI messages worth looking for on `locale`'s pages: two words
    or more (single words such as "Name" also occur in the record's own English text),
    and not those the language writes the same way ("Wikidata ID")."""
    with open(catalog_path(locale), "rb") as fh:
        ids = [m.id for m in read_po(fh) if isinstance(m.id, str) and m.id and m.string != m.id]
    found = []
    for message in ids:
        text = re.sub(r"%\(\w+\)s", "\x00", message)
        parts = [p.strip(" :.()") for p in text.split("\x00")]
        found += [p for p in parts if len(p.split()) >= 2 and len(p) >= 10]
    return sorted(set(found))


def _visible_text(html: str) -> str:
    """What a reader sees: no markup, scripts, code, or the language switch (whose
    names are in their own languages)."""
    html = re.sub(r"<(script|style|code|datalist|textarea)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<p class="langs".*?</p>', " ", html, flags=re.S)
    html = re.sub(r"<[^>]*>", " ", html)
    return re.sub(r"\s+", " ", html.replace("&#39;", "'").replace("&amp;", "&"))


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Signed]:
    """A signed-in admin over the bundled record, four court reports (drafts) with their
    suggested facts, and a change waiting for review; and the record's own texts (a
    source's English title is no untranslated message)."""
    folder = tmp_path_factory.mktemp("translated")
    store = Store(f"sqlite:///{folder / 'lr.db'}")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    import_archive(store, path=str(court_reports(folder / "reports")), format="hkcnews")
    assert extract_articles(store).new
    change = propose(
        store,
        author="an-editor",
        schema="Person",
        entity_id="lr-person-jimmy-lai",
        adds=[FactInput("notes", "A test note", SOURCE)],
        summary="A test change",
    )
    admin = make_account(store, "admin")
    client = client_for(store)
    login(client, admin)
    ids = {"change": str(change.id), "person": "lr-person-jimmy-lai"}
    texts = {f.value for e in store.iter_entities() for f in e.facts if len(f.value) >= 10}
    yield Signed(client, ids, sorted(texts, key=len, reverse=True))
    client.close()
    store.close()


def _pages(ids: dict[str, str]) -> list[str]:
    person = quote(ids["person"])
    return [
        "app",
        "app/changes",
        "app/changes?state=draft",
        f"app/changes/{ids['change']}",
        "app/checks",
        "app/audit",
        "app/admin",
        "app/account",
        "app/new?schema=Person",
        "app/new?schema=CourtCase",
        f"app/entities/{person}",
        f"app/entities/{person}/history",
        "app/suggestions",
        "app/duplicates?name=Jimmy+Lai&schema=Person",
        "app/sources/search?q=Lai",
        "library?q=國安",
        "library?q=nothing-matches-this",
        "search?q=Lai",
        "sanctions/gaps",
        "charts",
        "timeline",
        "sources",
        f"entities/{person}/network",
        "no/such/page",
    ]


@pytest.mark.parametrize("code", ["zh-hant", "ja"])
def test_every_app_page_is_in_the_page_language(app_client: Signed, code: str) -> None:
    client, ids = app_client.client, app_client.ids
    messages = _english_messages("zh_Hant" if code == "zh-hant" else code)
    assert "Save as draft" in messages and "Consistency checks" in messages
    untranslated: dict[str, list[str]] = {}
    for page in _pages(ids):
        response = client.get(f"/{code}/{page}")
        assert response.status_code in (200, 404), (page, response.status_code)
        text = _visible_text(response.text)
        for value in app_client.texts:  # the record's words, not the interface's
            text = text.replace(value, " ")
        left = [m for m in messages if m in text]
        if left:
            untranslated[page] = left
    assert untranslated == {}, code


def test_the_login_page_and_errors_in_each_language(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'lr.db'}")
    client = client_for(store)
    ja = client.get("/ja/login").text
    assert "<h1>ログイン</h1>" in ja and "パスワード" in ja
    page = client.get("/zh-hant/login")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token
    wrong = client.post(
        "/zh-hant/login",
        data={"csrf": token.group(1), "username": "nobody", "password": "x" * 12, "next": "/app"},
    )
    assert wrong.status_code == 401 and "使用者名稱或密碼錯誤。" in wrong.text
    assert "Wrong username" not in wrong.text
    store.close()


def test_language_facet_and_chart_titles(app_client: Signed) -> None:
    client = app_client.client
    facet = {
        "en": ("English", "Chinese"),
        "zh-hant": ("英文", "中文"),
        "ja": ("英語", "中国語"),
    }
    for code, (english, chinese) in facet.items():
        html = client.get(f"/{code}/search", params={"q": "Lai"}).text
        found = re.search(r'<a href="\?q=Lai&amp;lang=eng">([^<]*)</a>', html)
        assert found and found.group(1) == english, code
        assert ">eng</a>" not in html and ">zho</a>" not in html
        if chinese:
            assert f">{chinese}</a>" in client.get(f"/{code}/search", params={"q": "黎智英"}).text
    charts = {"zh-hant": ("每年事件數", "各類紀錄數目"), "ja": ("年ごとの出来事", "種類別の記録")}
    for code, titles in charts.items():
        html = client.get(f"/{code}/charts").text
        for title in titles:
            assert f'<title id="t">{title}</title>' in html, (code, title)
        assert "Events per year" not in html and "serving_sentence" not in html
    # the API keeps its English titles and the record's own keys
    data = client.get("/api/charts").json()
    assert data["events-per-year"]["title"] == "Events per year"
    assert "Person" in data["records"]["data"]
