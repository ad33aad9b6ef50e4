"""The app's language, kept in the URL: `/zh-hant/entities/X` is `/entities/X` in
Traditional Chinese, and likewise `/en/`, `/ja/` and `/zh-hans/` (the static site's
language trees). Pages link relatively, so every link on a page stays in its language.

A page asked for without a prefix is answered in English, unless the browser's
`Accept-Language` prefers another of the app's languages: then the first visit is sent on
to that language's URL (and the switch on every page leads to the others, English too,
under `/en/`). The JSON API, files and assets have no language and no prefix.

Old links name the language in the query (`/prisoners?lang=ja`, issue #11 item 1): such a
page is sent on to its prefixed URL (`/ja/prisoners`, the rest of the query kept), since a
page rendered in place would link relatively to English pages. The redirect is a 308: it
depends on the URL alone (no `Vary`), so bookmarks and search engines may keep the new URL
for good, and it keeps the method (a HEAD stays a HEAD); 303 would say "see another
resource", which this is not. The target is always `/{code}/...` on this origin.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lionrock.render import LANGUAGES, UILanguage

ENGLISH = LANGUAGES[0]
BY_CODE = {language.code: language for language in LANGUAGES}
SCOPE_KEY = "lionrock.lang"
#: paths without a language: the API, files, assets and feeds (no redirect, no prefix)
NEUTRAL = ("/api/", "/static/", "/evidence/", "/healthz", "/charts/", "/logout")
#: where `lang` is not the page's language but a filter of its own: the search's
#: record-language facet (`/search?q=Lai&lang=eng`)
LANG_IS_A_FILTER = ("/search",)
#: an old `?lang=` link is redirected only with a query this long at most (bytes) and this
#: many fields; past that the parameter is ignored, so a Location header stays bounded
MAX_QUERY = 2048
MAX_FIELDS = 40
_TAGS = (  # Accept-Language ranges, most specific first
    ("zh-hant", "zh-hant"),
    ("zh-tw", "zh-hant"),
    ("zh-hk", "zh-hant"),
    ("zh-mo", "zh-hant"),
    ("zh-hans", "zh-hans"),
    ("zh-cn", "zh-hans"),
    ("zh-sg", "zh-hans"),
    ("zh", "zh-hant"),  # Hong Kong writes Traditional Chinese
    ("ja", "ja"),
    ("en", "en"),
)


def negotiate(header: str) -> UILanguage:
    """The app language an `Accept-Language` header prefers most (English if none fits).

    Example: `negotiate("zh-HK,zh;q=0.9,en;q=0.8").code` is `"zh-hant"`.
    """
    best: tuple[float, int, str] = (0.0, 0, "en")
    for position, part in enumerate(header[:500].split(",")[:30]):
        tag, _, params = part.strip().lower().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight <= 0:
            continue
        code = next(
            (c for prefix, c in _TAGS if tag == prefix or tag.startswith(prefix + "-")), None
        )
        if code is not None and (weight, -position) > (best[0], -best[1]):
            best = (weight, position, code)
    return BY_CODE[best[2]]


def split_prefix(path: str) -> tuple[UILanguage | None, str]:
    """The language a path starts with, and the path without it.

    Example: `split_prefix("/ja/timeline")` is `(ja, "/timeline")`.
    """
    first, _, rest = path[1:].partition("/")
    found = BY_CODE.get(first)
    if found is None:
        return None, path
    return found, "/" + rest


def query_language(path: str, query: bytes) -> str | None:
    """Where an unprefixed page asked for with an old `?lang=xx` belongs: the same path
    under that language's prefix, the other parameters kept (re-encoded). None when the
    query names no UI language (unknown codes are ignored), is too long, or when `lang`
    is the page's own filter.

    Example: `query_language("/prisoners", b"view=all&lang=ja")` is
    `"/ja/prisoners?view=all"`.
    """
    if len(query) > MAX_QUERY or path.startswith(NEUTRAL) or path in LANG_IS_A_FILTER:
        return None
    try:
        pairs = parse_qsl(
            query.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=MAX_FIELDS
        )
    except ValueError:  # more fields than MAX_FIELDS
        return None
    codes = [value.strip().lower() for key, value in pairs if key == "lang"]
    found = BY_CODE.get(codes[-1]) if codes else None  # the last wins, as in query_params
    if found is None:
        return None
    rest = urlencode([(key, value) for key, value in pairs if key != "lang"])
    # the prefix comes first, so even `//host` stays a path on this origin (`/ja//host`)
    return f"/{found.code}{quote(path)}" + (f"?{rest}" if rest else "")


def ui_of(request: Request) -> UILanguage:
    """The language of this request (English when the URL has none)."""
    return BY_CODE.get(request.scope.get(SCOPE_KEY, ""), ENGLISH)


def prefixed(request: Request) -> bool:
    """Whether this request's URL carries a language."""
    return bool(request.scope.get(SCOPE_KEY))


def lang_path(request: Request, path: str) -> str:
    """An absolute path of this app in this request's language (`/ja/app` for `/app`)."""
    code = request.scope.get(SCOPE_KEY, "")
    return f"/{code}{path}" if code else path


def alternates(request: Request) -> list[dict[str, object]]:
    """This page in each language: the same path and query under each prefix."""
    query = request.url.query
    path = quote(request.url.path, safe="/%:@!$&'()*+,;=-._~")
    current = ui_of(request).code if prefixed(request) else None
    found = []
    for language in LANGUAGES:
        found.append(
            {
                "tag": language.tag,
                "code": language.code,
                "name": language.name,
                "href": f"/{language.code}{path}" + (f"?{query}" if query else ""),
                "current": language.code == current,
            }
        )
    return found


class LanguagePrefix:
    """ASGI middleware: takes the language prefix off the path (into the scope), and sends
    a first visit without one on to the language its browser prefers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        found, rest = split_prefix(path)
        if found is not None:
            if rest == "/" and not path.endswith("/"):  # `/ja` -> `/ja/`: relative links work
                url = URL(scope=scope)
                target = f"{path}/" + (f"?{url.query}" if url.query else "")
                await RedirectResponse(target, status_code=308)(scope, receive, send)
                return
            if rest.startswith(NEUTRAL):  # an asset or file under a page's prefix
                scope = {**scope, "path": rest, "raw_path": rest.encode()}
            else:
                scope = {**scope, "path": rest, "raw_path": rest.encode(), SCOPE_KEY: found.code}
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD") and not path.startswith(NEUTRAL):
            moved = query_language(path, scope.get("query_string", b""))
            if moved is not None:  # an old `?lang=` link (issue #11 item 1)
                await RedirectResponse(moved, status_code=308)(scope, receive, send)
                return
            headers = dict(scope.get("headers") or [])
            chosen = negotiate(headers.get(b"accept-language", b"").decode("latin-1"))
            if chosen is not ENGLISH:
                query = scope.get("query_string", b"").decode("latin-1")
                target = f"/{chosen.code}{quote(path)}" + (f"?{query}" if query else "")
                response = RedirectResponse(target, status_code=307)
                response.headers["vary"] = "Accept-Language"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


__all__ = [
    "LanguagePrefix",
    "alternates",
    "lang_path",
    "negotiate",
    "prefixed",
    "query_language",
    "split_prefix",
    "ui_of",
]
