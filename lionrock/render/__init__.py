"""Templates and helpers shared by the web app and the static site.

Both render the same templates with the same view models (`entity_view`, ...); only the
context differs. Templates build links with `link()` and `entity_url()`, which read the
page's `root` (its way back to the language root), `site_root` (to the site root, for
shared assets) and `ext` (`""` for the web app, `".html"` for the static site, so a copy
opened from a USB stick works without a server).
"""

from __future__ import annotations

import gettext
import hashlib
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel import Locale
from babel.lists import format_list
from jinja2 import BytecodeCache, Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.bccache import Bucket
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_DATA, Token, TokenStream
from jinja2.runtime import Context
from markupsafe import Markup, escape

from lionrock.render._i18n import (
    LANGUAGES,
    LOCALE_DIR,
    UILanguage,
    catalog_path,
    catalogs_fingerprint,
    translations,
)
from lionrock.render._views import (
    LANG_TAGS,
    cell,
    entity_sections,
    entity_view,
    guess_lang,
    names_by_lang,
    ref_view,
    related_ids,
    text_variants,
    visible_props,
)
from lionrock.render.charts import bar_svg, months_svg

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
ENGLISH = LANGUAGES[0]
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")


def entity_slug(entity_id: str) -> str:
    """A file name for an entity's page: its ID when that is safe, else a hash.

    Example: `entity_slug("ofac-29250")` is `"ofac-29250"`.
    """
    if _SAFE_ID.match(entity_id) and ".." not in entity_id:
        return entity_id
    return "x-" + hashlib.sha256(entity_id.encode("utf-8")).hexdigest()[:32]


class Citations:
    """Numbers the sources a page cites, in order of first use, for `[n]` markers and the
    list of sources at the end of the page."""

    def __init__(self) -> None:
        self.sources: dict[str, tuple[int, dict[str, Any]]] = {}

    def number(self, source: dict[str, Any]) -> int:
        found = self.sources.get(source["id"])
        if found is None:
            found = (len(self.sources) + 1, source)
            self.sources[source["id"]] = found
        return found[0]

    def items(self) -> list[tuple[int, dict[str, Any]]]:
        return sorted(self.sources.values(), key=lambda pair: pair[0])


@pass_context
def link(ctx: Context, path: str) -> str:
    """A relative link to a page of this language tree (`""` is its home)."""
    root, ext = ctx.get("root", "./"), ctx.get("ext", "")
    if not path:
        return f"{root}index{ext}" if ext else root
    return f"{root}{path}{ext}"


@pass_context
def entity_url(ctx: Context, entity_id: str) -> str:
    """A relative link to an entity's page."""
    if ctx.get("ext"):
        return f"{ctx.get('root', './')}entities/{entity_slug(entity_id)}{ctx['ext']}"
    return f"{ctx.get('root', './')}entities/{quote(entity_id, safe='')}"


@pass_context
def asset(ctx: Context, name: str) -> str:
    """A relative link to a shared static file."""
    return f"{ctx.get('site_root', ctx.get('root', './'))}static/{name}"


def pick(values: dict[str, str], ui: UILanguage) -> tuple[str, str] | None:
    """The value to show on `ui`'s pages and its record language, by preference."""
    for lang in ui.prefer:
        if lang in values:
            return values[lang], lang
    for lang, value in values.items():
        return value, lang
    return None


@pass_context
def localized(ctx: Context, names: dict[str, str] | None, fallback: str = "") -> Markup:
    """A name or text in the page's language, else in another with a visible mark."""
    ui: UILanguage = ctx.get("ui") or ENGLISH
    chosen = pick(names or {}, ui)
    if chosen is None:
        return escape(fallback)
    value, lang = chosen
    tag = ui.record_tags.get(lang, lang)
    if lang in (ui.plain or ui.prefer[:1]):
        return (
            escape(value) if tag == ui.tag else Markup(f'<span lang="{tag}">{escape(value)}</span>')
        )
    mark = escape(_gettext(ctx, "shown in another language"))
    return Markup(  # the mark stays out of search results' titles and excerpts (Pagefind)
        f'<span lang="{tag}">{escape(value)}</span>'
        f'<small class="fb" title="{mark}" data-pagefind-ignore>{tag}</small>'
    )


@pass_context
def name_text(ctx: Context, names: dict[str, str] | None, fallback: str = "") -> str:
    """A name in the page's language (else another) as plain text, for a `<title>` or an
    attribute, where `loc()`'s markup would show as text."""
    chosen = pick(names or {}, ctx.get("ui") or ENGLISH)
    return chosen[0] if chosen else fallback


@pass_context
def cite(ctx: Context, source: dict[str, Any]) -> Markup:
    """A numbered citation marker linking to the source's page."""
    citations: Citations | None = ctx.get("citations")
    if citations is None:
        return Markup("")
    number = citations.number(source)
    if not (source.get("title") or source.get("publisher")):  # the source is not published
        return Markup(f'<span class="c" data-pagefind-ignore>[{number}]</span>')
    title = escape(", ".join(str(x) for x in (source.get("publisher"), source.get("date")) if x))
    href = escape(entity_url(ctx, source["id"]))
    # the marker stays out of search excerpts (Pagefind)
    return Markup(f'<a class="c" href="{href}" title="{title}" data-pagefind-ignore>[{number}]</a>')


@pass_context
def text(ctx: Context, variants: dict[str, dict[str, Any]] | None) -> Markup:
    """A text value in the page's language (else another, marked), with its citation.

    `variants` maps record languages to `{"value", "source", "status"}`.
    """
    if not variants:
        return Markup("")
    ui: UILanguage = ctx.get("ui") or ENGLISH
    value, lang = pick({k: v["value"] for k, v in variants.items()}, ui) or ("", "")
    chosen = variants[lang]
    tag = ui.record_tags.get(lang, lang)
    html = f'<span lang="{tag}">{escape(value)}</span>'
    if lang not in ui.prefer[:1]:
        html += f'<small class="fb" data-pagefind-ignore>{tag}</small>'
    if chosen.get("status") == "alleged":
        html += f" <strong>{escape(_gettext(ctx, 'alleged'))}</strong>"
    return Markup(html) + cite(ctx, chosen["source"])


@pass_context
def country_name(ctx: Context, code: str) -> str:
    """A country's name in the page's language (CLDR, through Babel)."""
    ui: UILanguage = ctx.get("ui") or ENGLISH
    return _territories(ui.catalog).get(code.upper(), code)


@cache
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


#: the record's languages (ISO 639-3) as CLDR knows them (ISO 639-1)
_ISO639_1 = {"eng": "en", "zho": "zh", "jpn": "ja", "fra": "fr", "deu": "de", "spa": "es",
             "kor": "ko", "rus": "ru", "por": "pt", "ita": "it", "vie": "vi"}  # fmt: skip


@pass_context
def language_name(ctx: Context, code: str) -> str:
    """A record language's name (`zho`, `zh`) in the page's language (CLDR, through
    Babel): 中文 on a Chinese page, 中国語 on a Japanese one; the code if unknown.

    Example: on an English page, `language_name("jpn")` is "Japanese".
    """
    ui: UILanguage = ctx.get("ui") or ENGLISH
    short = _ISO639_1.get(code.lower(), code.lower())
    return _languages(ui.catalog).get(short, code)


@pass_context
def list_text(ctx: Context, items: list[str]) -> str:
    """Items joined as the page's language writes a list (CLDR, through Babel): "a, b and
    c" in English, "a、b和c" in Chinese, "a、b、c" in Japanese."""
    ui: UILanguage = ctx.get("ui") or ENGLISH
    return format_list([str(i) for i in items], locale=ui.catalog) if items else ""


@cache
def _languages(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).languages)


def _gettext(ctx: Context, message: str) -> str:
    return str(ctx.environment.globals["gettext"](ctx, message))  # type: ignore[operator]


class _SharedBytecode(BytecodeCache):
    """Compiled templates, shared by every environment of the process (one per language
    tree): each template is compiled once, not once per language."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()
#: Templates compiled with a catalog folded in (see `_FoldGettext`), one cache per catalog;
#: the catalog is kept here so its `id` is never reused.
_FOLDED: dict[int, tuple[gettext.NullTranslations, _SharedBytecode]] = {}
_LITERAL_CALL = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")


class _FoldGettext(Extension):
    """Translates `{{ _("a literal") }}` once, when a template is compiled, instead of on
    every render (a static build renders the same strings on thousands of pages).

    The text is exactly what newstyle gettext would print: the translation formatted with
    no variables (`%%` becomes `%`), not escaped (catalogs are trusted, as
    `jinja2.ext.i18n` trusts them). Calls with variables or a non-literal stay calls.
    """

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        catalog: gettext.NullTranslations | None = getattr(self.environment, "folded", None)
        if catalog is None:
            yield from stream
            return
        pending: list[Token] = []
        for token in stream:
            pending.append(token)
            n = len(pending)
            if token.type == _LITERAL_CALL[n - 1] and (n != 2 or token.value == "_"):
                if n == len(_LITERAL_CALL):
                    text = catalog.gettext(pending[3].value) % {}
                    yield Token(pending[0].lineno, TOKEN_DATA, text)
                    pending = []
                continue
            yield from pending[:-1]  # not a literal call after all: pass it on as it was
            if token.type == _LITERAL_CALL[0]:
                pending = [token]
            else:
                yield token
                pending = []
        yield from pending


def make_environment(
    *, translations_: gettext.NullTranslations | None = None, static: bool = False
) -> Environment:
    """A Jinja2 environment over the shared templates, autoescaping HTML, with gettext.

    `static` is for builds, where templates and catalogs do not change while it runs:
    templates are not checked for changes on every use, and literal `_("...")` calls are
    translated when a template is compiled (the output is the same).

    Example: `make_environment().get_template("entity.html")`.
    """
    catalog = translations_ or gettext.NullTranslations()
    bytecode = _BYTECODE
    if static:
        bytecode = _FOLDED.setdefault(id(catalog), (catalog, _SharedBytecode()))[1]
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n", _FoldGettext],
        bytecode_cache=bytecode,
        auto_reload=not static,
    )
    env.extend(folded=catalog if static else None)
    # `tojson` keeps Chinese as it is (still HTML-safe): OpenCC can convert it on zh-Hans
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    # a value's words (`in_review`, a suggested plea): looked up, never %-formatted as
    # `_()` is, so a value holding "%" prints as it is
    env.globals["label"] = catalog.gettext
    env.globals.update(
        link=link,
        entity_url=entity_url,
        asset=asset,
        loc=localized,
        name_text=name_text,
        cite=cite,
        text=text,
        country_name=country_name,
        language_name=language_name,
        list_text=list_text,
        bar_svg=bar_svg,
        months_svg=months_svg,
    )
    return env


__all__ = [
    "LANGUAGES",
    "LANG_TAGS",
    "LOCALE_DIR",
    "STATIC",
    "TEMPLATES",
    "Citations",
    "UILanguage",
    "catalog_path",
    "catalogs_fingerprint",
    "cell",
    "entity_sections",
    "entity_slug",
    "entity_url",
    "entity_view",
    "guess_lang",
    "make_environment",
    "names_by_lang",
    "pick",
    "ref_view",
    "related_ids",
    "text_variants",
    "translations",
    "visible_props",
]
