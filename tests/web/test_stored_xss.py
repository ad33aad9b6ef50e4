"""Stored XSS, rendered in Chromium (issue #18 §3, web): payloads stored in every text
field an editor can write (a record's names, aliases, notes and summaries; a source's
title, publisher and URL; a change's summary; comments; suggestions waiting in the
review queue; the Hongkongers-abroad section's organisations, wanted persons and
incidents; an imported library archive's titles, tags, authors and text), then every
page that shows them is opened: the app's pages in English and Traditional Chinese,
the public pages, the static site `publish` builds, and the dossier's HTML (the PDF is
printed from it).

Each page is opened twice: once as served, listening for `securitypolicyviolation`
events (a payload that reached the DOM as markup and was stopped only by the CSP is a
failure too), and once with the CSP bypassed, so that escaping alone must keep every
payload inert. Both times: no dialog, no payload marker set on `window`, no console
error, and no request to any host but the loopback address."""

from __future__ import annotations

import json
import os
import tempfile
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Request

from lionrock import Store
from lionrock.auth import add_user
from lionrock.errors import LionRockError
from lionrock.library import import_archive
from lionrock.publish import SiteOptions, build_site
from lionrock.review import FactInput, SourceInput, approve, comment, propose, submit
from lionrock.sanctions.dossier import write_dossier
from lionrock.web._duplicates import person_index, warm_up_matcher
from tests._browser import serve_folder
from tests.reliability.crash import tally
from tests.web.conftest import make_account
from tests.web.test_authorization import _suggestion
from tests.web.test_webapp_browser import CLIENT, Live, _login, live  # noqa: F401 (the fixture)

#: Each payload, if it ever ran, would set window.__xss, open a dialog or call a host
#: that is not loopback: all three are watched.
PAYLOADS = [
    "<script>window.__xss=1;alert('xss-script')</script>",
    '"><img src=x onerror="window.__xss=2;alert(2)">',
    "javascript:window.__xss=3;alert(3)",
    '\'><svg onload="window.__xss=4;alert(4)">',
    "</title><script>window.__xss=5;alert(5)</script>",
    "</textarea><script>window.__xss=6</script>",
    "{{7*7}} {% print(7*7) %} ${7*7}",
    "\u202etxt.exe\u202c RTL \u2066override\u2069",
    '<iframe src="javascript:window.__xss=7"></iframe>',
    '<a href="javascript:window.__xss=8">link</a>',
    "<img src='http://evil.example/x.png'><link rel=stylesheet href=//evil.example/x.css>",
    "<style>@import 'http://evil.example/y.css';</style><body onload=window.__xss=9>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=10>",
]
URL_PAYLOADS = ["javascript:window.__xss=11", 'https://evil.example/"><script>window.__xss=12']
#: Watches every page: violation events (the page's own listener, put in place before
#: any of its scripts could run) and a payload's marker.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@dataclass
class Seen:
    """What one browser context saw."""

    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    pages: int = 0


def _watch(context: BrowserContext, seen: Seen) -> None:
    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != CLIENT:
            seen.foreign.append(request.url)

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console.append(message.text)

    context.add_init_script(WATCH)
    context.on("request", on_request)
    context.on("dialog", on_dialog)
    context.on("console", on_console)

    def route(route, _request):  # type: ignore[no-untyped-def]
        # nothing leaves the machine, even if a payload asked: the request is recorded
        # (above) and refused here
        if urlsplit(route.request.url).hostname not in (CLIENT, None, ""):
            route.abort()
        else:
            route.continue_()

    context.route("**/*", route)


def _open(context: BrowserContext, url: str, seen: Seen, problems: list[str]) -> None:
    page = context.new_page()
    # the duplicate check's first request waits for its index (a minute under load)
    page.set_default_timeout(120_000)
    try:
        response = page.goto(url)
        if response is not None and response.status >= 500:
            problems.append(f"{url}: {response.status}")
        page.wait_for_load_state("load")
        ran = page.evaluate("window.__xss")
        violations = page.evaluate("window.__violations")
        if ran is not None:
            problems.append(f"{url}: payload {ran} ran")
        if violations:
            problems.append(f"{url}: CSP violations {violations}")
        if page.query_selector("main script, img[src=x], svg[onload], iframe"):
            problems.append(f"{url}: a payload is live markup")
        if page.query_selector("a[href^='javascript:' i]"):
            problems.append(f"{url}: a javascript: link")
        seen.pages += 1
    finally:
        page.close()


def _check(browser: Browser, urls: list[str], login: tuple[Live, object] | None = None) -> int:
    """Open every URL with and without the CSP; return the number of page loads."""
    problems: list[str] = []
    loads = 0
    for bypass in (False, True):
        seen = Seen()
        context = browser.new_context(bypass_csp=bypass)
        _watch(context, seen)
        if login is not None:
            page = context.new_page()
            _login(page, *login)  # type: ignore[arg-type]
            page.close()
        for url in urls:
            _open(context, url, seen, problems)
        context.close()
        loads += seen.pages
        assert not seen.dialogs, (bypass, seen.dialogs)
        assert not seen.foreign, (bypass, seen.foreign)
        assert not seen.console, (bypass, seen.console)
    assert not problems, problems
    return loads


@dataclass
class Seeded:
    person: str
    event: str
    change: int
    viewer: object  # a reviewer with two-factor, who sees every app page


def _seed(store: Store) -> Seeded:
    """Every payload in every field an editor writes, published, plus a draft with them
    still in review, comments, and suggestions in the queue."""
    author = make_account(store, "contributor", totp=True)
    reviewer = make_account(store, "reviewer").username
    tag = uuid.uuid4().hex[:6]
    sources = [
        SourceInput(p, PAYLOADS[(i + 1) % len(PAYLOADS)], "2024-05-30", "https://example.org/x")
        for i, p in enumerate(PAYLOADS)
    ]
    facts = [FactInput("name", f"{p} {tag}{i}", "new") for i, p in enumerate(PAYLOADS)]
    facts += [
        FactInput(prop, f"{p} {prop}", "new", "alleged")
        for prop in ("notes", "alias", "position", "summary")
        for p in PAYLOADS
    ]
    change = propose(store, author=author.username, schema="Person", adds=facts,
                     source=sources[0], summary=PAYLOADS[4])  # fmt: skip
    for body in PAYLOADS:
        comment(store, change_id=change.id, author=reviewer, body=body)
    submit(store, change_id=change.id, actor=author.username)
    approve(store, change_id=change.id, reviewer=reviewer)
    person = change.entity_id
    # each source with its own payloads (a source is cited by a note)
    for number, source in enumerate(sources[1:]):
        noted = propose(store, author=author.username, schema="Person", entity_id=person,
                        adds=[FactInput("notes", f"cited {number}", "new")], source=source,
                        summary=PAYLOADS[number % len(PAYLOADS)])  # fmt: skip
        submit(store, change_id=noted.id, actor=author.username)
        approve(store, change_id=noted.id, reviewer=reviewer)
    # source URLs: a javascript: URL is refused; an odd https URL is kept, inert
    with pytest.raises(LionRockError, match="not a valid url"):
        propose(store, author=author.username, schema="Person", entity_id=person,
                adds=[FactInput("notes", "url js", "new")],
                source=SourceInput("URL test", "P", "2024", URL_PAYLOADS[0]))  # fmt: skip
    propose(store, author=author.username, schema="Person", entity_id=person,
            adds=[FactInput("notes", "url odd", "new")],
            source=SourceInput("URL test", "P", "2024", URL_PAYLOADS[1]))  # fmt: skip
    event = propose(
        store,
        author=author.username,
        schema="Event",
        adds=[FactInput("name", PAYLOADS[3], "new"), FactInput("involved", person, "new"),
              FactInput("date", "2024-05-30", "new"),
              FactInput("summary", PAYLOADS[0], "new")],
        source=sources[2],
    )  # fmt: skip
    submit(store, change_id=event.id, actor=author.username)
    approve(store, change_id=event.id, reviewer=reviewer)
    # a draft in review, which the app shows and the public does not
    draft = propose(store, author=author.username, schema="Person",
                    adds=[FactInput("name", f"{PAYLOADS[1]} draft {tag}", "new")],
                    source=sources[3], summary=PAYLOADS[0])  # fmt: skip
    submit(store, change_id=draft.id, actor=author.username)
    # Hongkongers abroad: an organisation, a wanted person and an incident abroad, each
    # with payloads in what the section shows (issue #17's pages)
    abroad = [
        ("Organization", [FactInput("name", f"{PAYLOADS[5]} org", "new"),
                          FactInput("sector", "advocacy", "new"),
                          FactInput("country", "gb", "new"),
                          FactInput("summary", PAYLOADS[8], "new"),
                          FactInput("notes", PAYLOADS[9], "new")]),
        ("Person", [FactInput("name", f"{PAYLOADS[10]} wanted", "new"),
                    FactInput("wantedDate", "2024-05-30", "new"),
                    FactInput("bounty", PAYLOADS[11], "new"),
                    FactInput("notes", PAYLOADS[12], "new")]),
        ("Event", [FactInput("name", f"{PAYLOADS[2]} abroad", "new"),
                   FactInput("country", "gb", "new"), FactInput("date", "2024-05-30", "new"),
                   FactInput("involved", person, "new"),
                   FactInput("summary", PAYLOADS[7], "new")]),
    ]  # fmt: skip
    for schema, adds in abroad:
        made = propose(store, author=author.username, schema=schema, adds=adds,
                       source=sources[4], summary=PAYLOADS[6])  # fmt: skip
        submit(store, change_id=made.id, actor=author.username)
        approve(store, change_id=made.id, reviewer=reviewer)
    # the research library: an imported archive is hostile input too (its titles, tags,
    # authors and text come from whoever wrote the files)
    with tempfile.TemporaryDirectory() as folder:
        for number, payload in enumerate(PAYLOADS):
            front = {"title": f"{payload} article{number}", "date": "2024-05-30",
                     "tags": [payload, "xss"], "author": payload,
                     "url": f"https://example.org/a{number}"}  # fmt: skip
            text = f"---\n{json.dumps(front)}\n---\n{payload} 國家安全 xsslibrary\n\n{payload}\n"
            Path(folder, f"a{number}.md").write_text(text, encoding="utf-8")
        imported = import_archive(store, path=folder, format="markdown", publisher=PAYLOADS[1],
                                  review="published")  # fmt: skip
        assert imported.articles == len(PAYLOADS), imported
    # suggestions in the review queue, with payloads in what an article said
    from lionrock.library.extract._tables import extract_suggestions

    for payload in PAYLOADS:
        sid = _suggestion(store)
        with store.write() as writer:
            writer.conn.execute(
                extract_suggestions.update()
                .where(extract_suggestions.c.id == sid)
                .values(person=payload[:255], quote=payload, value=payload[:255])
            )
    # account names cannot carry markup at all
    for payload in PAYLOADS[:3]:
        with pytest.raises(LionRockError):
            add_user(store, username=payload, password="a long test password", role="reader",
                     actor="test")  # fmt: skip
    return Seeded(person, event.entity_id, draft.id, make_account(store, "reviewer", totp=True))


@pytest.fixture(scope="module")
def seeded(live: Live) -> Seeded:  # noqa: F811
    if live.backend != "sqlite" and not os.environ.get("LIONROCK_SOAK_WEB"):
        # the pages render the same templates from the same values on both backends;
        # `make soak` runs PostgreSQL too (this test takes minutes under load)
        pytest.skip("PostgreSQL in `make soak` only")
    seeded = _seed(live.store)
    # the server runs in this process: build the duplicate check's index now, or the
    # first /app/duplicates waits for it (minutes under load) and the page times out
    warm_up_matcher()
    person_index(live.store, wait=True)
    return seeded


def test_app_and_public_pages_keep_payloads_inert(
    live: Live,  # noqa: F811
    browser: Browser,
    seeded: Seeded,
) -> None:
    person, event = quote(seeded.person), quote(seeded.event)
    public = [
        f"/entities/{person}",
        f"/entities/{event}",
        "/sources",
        "/search?q=" + quote(PAYLOADS[0]),
        "/search?q=" + quote(PAYLOADS[1]),
    ]
    public_en = [
        "/",
        f"/entities/{person}/network",
        f"/entities/{person}/backlinks?schema=Event",
        "/timeline",
        "/timeline?q=" + quote(PAYLOADS[3]),
        "/sources?q=" + quote(PAYLOADS[4]),
        "/prisoners?status=" + quote(PAYLOADS[1]),
        "/library?q=" + quote(PAYLOADS[0]),
        "/library?q=xsslibrary",
        "/library?q=xsslibrary&tag=xss",
        "/abroad",
        "/abroad/gb",
    ]
    app = [
        f"/app/entities/{person}",
        f"/app/changes/{seeded.change}",
        "/app/suggestions",
        f"/app/entities/{person}/history",
    ]
    app_en = [
        "/app",
        "/app/changes?state=published",
        "/app/changes?state=in_review",
        "/app/audit",
        "/app/suggestions?person=" + quote(PAYLOADS[0]),
        "/app/duplicates?schema=Person&name=" + quote(PAYLOADS[0]),
        "/app/sources/search?q=" + quote(PAYLOADS[1]),
    ]
    # every page in English, the pages that show the most fields in Chinese too
    urls = [live.url + p for p in public + public_en]
    urls += [live.url + "/zh-hant" + p for p in public]
    urls += [live.url + p for p in ("/zh-hant/abroad/gb", "/ja/abroad")]
    articles = [
        e.id
        for e in live.store.iter_entities(schema="Article")
        if any("article" in title for title in e.values("title"))
    ]
    assert len(articles) >= len(PAYLOADS)
    urls += [f"{live.url}/library/articles/{quote(a)}" for a in articles[: len(PAYLOADS)]]
    # the payloads are really on those pages, as text
    shown = {
        "/abroad/gb": ["&lt;/textarea&gt;&lt;script&gt;", "wanted", "abroad"],
        f"/library/articles/{quote(articles[0])}": ["xsslibrary"],
        "/library?q=xsslibrary": ["article0", "&lt;script&gt;"],
    }
    for path, needles in shown.items():
        with urllib.request.urlopen(live.url + path) as response:  # loopback
            body = response.read().decode()
        assert all(n in body for n in needles), (path, [n for n in needles if n not in body])
    loads = _check(browser, urls)
    app_urls = [live.url + p for p in app + app_en] + [live.url + "/zh-hant" + p for p in app]
    loads += _check(browser, app_urls, login=(live, seeded.viewer))
    tally(test="web", kind="stored-xss", backend=live.backend, payloads=len(PAYLOADS),
          pages=len(urls) + len(app_urls), loads=loads, ran=0)  # fmt: skip


def test_static_site_and_dossier_keep_payloads_inert(
    live: Live,  # noqa: F811
    browser: Browser,
    seeded: Seeded,
    tmp_path: Path,
) -> None:
    if live.backend != "sqlite":
        pytest.skip("the site and dossier render the same store the same way on PostgreSQL")
    site = tmp_path / "site"
    build_site(live.store, out=site, options=SiteOptions(search=False))
    root = site.resolve()
    pages = sorted(
        p for p in root.rglob("*.html")
        if seeded.person in p.as_posix() or seeded.event in p.as_posix()
        or p.name in ("index.html", "sources.html", "timeline.html")
        or (p.parent.name == "abroad" and p.name in ("index.html", "gb.html"))
    )  # fmt: skip
    assert any("zh-hant" in p.as_posix() for p in pages), pages
    abroad = [p for p in pages if p.parent.name == "abroad"]
    assert abroad and any("&lt;/textarea&gt;" in p.read_text() for p in abroad), abroad
    written = write_dossier(live.store, entity_id=seeded.person, out_dir=tmp_path / "dossier")
    with serve_folder(tmp_path) as url:
        urls = [f"{url}site/{p.relative_to(root).as_posix()}" for p in pages]
        urls.append(f"{url}dossier/{written.html.name}")
        loads = _check(browser, urls)
    tally(test="web", kind="stored-xss-static", pages=len(urls), loads=loads, ran=0)
