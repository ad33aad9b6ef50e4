"""`build_site`: the static site from the published record, in every language tree.

Pages are rendered from the shared templates (`lionrock/render/`) with the same view
models as the web app. Each page's key hashes its data, its language and everything
global (templates, catalogs, version, settings), so a rebuild writes only what changed.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import followthemoney
import opencc
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from lionrock import __version__
from lionrock.publish import browse, pages
from lionrock.publish.charts import events_per_month, horizontal_bars
from lionrock.publish.pages import N_
from lionrock.publish.record import SiteRecord
from lionrock.publish.search import FOLDER, index_site
from lionrock.publish.writer import BuildReport, Page, open_build
from lionrock.render import (
    LANGUAGES,
    STATIC,
    TEMPLATES,
    Citations,
    UILanguage,
    catalogs_fingerprint,
    entity_slug,
    make_environment,
    pick,
    translations,
)
from lionrock.store import Store, utcnow


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """Settings of a build. `onion` is the site's onion address (for Onion-Location);
    `mirrors` lists `{url, kind}`; `pubkey` is the signing public key shown on the
    verification page; `search` runs Pagefind."""

    onion: str = ""
    mirrors: tuple[dict[str, str], ...] = ()
    pubkey: str = ""
    search: bool = True
    languages: tuple[UILanguage, ...] = LANGUAGES
    built: str = field(default_factory=utcnow)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()


def global_key(options: SiteOptions) -> str:
    """Everything every page depends on: version, templates, styles, catalogs, onion."""
    files = sorted(p for p in [*TEMPLATES.rglob("*"), *STATIC.rglob("*")] if p.is_file())
    return _digest(
        __version__, options.onion, catalogs_fingerprint(), *(f.read_bytes() for f in files)
    )


class Renderer:
    """Renders the pages of one language tree. With a `templates_key` (a hash of the
    templates and catalogs, such as `global_key`), its environment is shared with
    earlier builds of the same templates in this process."""

    def __init__(
        self,
        ui: UILanguage,
        options: SiteOptions,
        languages: Sequence[UILanguage],
        *,
        templates_key: str = "",
    ):
        self.ui = ui
        self.options = options
        self.languages = languages
        self.templates_key = templates_key
        self._env: Environment | None = None

    @property
    def env(self) -> Environment:
        """The tree's environment, made on first use (a rebuild may render nothing)."""
        if self._env is None:
            if self.templates_key:
                self._env = _site_environment(self.ui.catalog, self.templates_key)
            else:
                self._env = _new_environment(self.ui.catalog)
        return self._env

    def context(self, path: str) -> dict[str, Any]:
        depth = path.count("/")
        root = "../" * depth
        site_root = "../" * (depth + 1)
        # index buckets differ between languages: their other versions are the index pages
        same = "browse.html" if path.startswith("browse/") else path
        onion = (
            f"{self.options.onion.rstrip('/')}/{self.ui.code}/{path}" if self.options.onion else ""
        )
        return {
            "ui": self.ui,
            "site": True,
            "root": root,
            "site_root": site_root,
            "ext": ".html",
            "onion": onion,
            "citations": Citations(),
            "alternates": [
                {"tag": lang.tag, "name": lang.name, "href": f"{site_root}{lang.code}/{same}"}
                for lang in self.languages
            ],
        }

    def render(self, path: str, template: str, data: dict[str, Any]) -> bytes:
        context = {**self.context(path), **data}
        if template == "entity.html":
            context.update(_entity_context(data, self.ui))
        html = self.env.get_template(template).render(context)
        return self.finish(html).encode("utf-8")

    def finish(self, text: str) -> str:
        """Apply the tree's script conversion (Traditional → Simplified) to a page."""
        if not self.ui.convert:
            return text
        return convert_page(text, _converter(self.ui.convert))


def _new_environment(catalog: str) -> Environment:
    env = make_environment(translations_=translations(catalog), static=True)
    env.globals.update(events_chart=_events_chart, status_chart=_status_chart)
    return env


@lru_cache(maxsize=8)
def _site_environment(catalog: str, templates_key: str) -> Environment:
    """One environment per catalog and version of the templates (`templates_key` changes
    with them), so a process that builds again does not load its templates again."""
    return _new_environment(catalog)


@cache
def _converter(config: str) -> Any:
    return opencc.OpenCC(config)


def convert_page(html: str, converter: Any) -> str:
    """Convert a page with OpenCC, leaving link targets that hold Han characters as they
    are (a converted URL would point elsewhere)."""
    import re

    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = re.sub(r'(?:href|src)="[^"]*[^\x00-\x7f][^"]*"', keep, html)
    text = str(converter.convert(text))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _entity_context(data: dict[str, Any], ui: UILanguage) -> dict[str, Any]:
    view = data["view"]
    texts = [f for f in view["facts"] if f["type"] in ("name", "text")]
    missing = bool(texts) and not any(f["text_lang"] in ui.prefer[:1] for f in texts)
    return {
        "entity": {"id": view["id"], "caption": view["caption"]},
        "facts": view["facts"],
        "schema_label": view["schema_label"],
        "missing_lang": missing and ui.code != "en",
    }


@pass_context
def _events_chart(ctx: Context, dates: list[str], label: str) -> Markup:
    return events_per_month(dates, label=label)


@pass_context
def _status_chart(ctx: Context, counts: list[tuple[str, int]], label: str) -> Markup:
    gettext = ctx.environment.globals["gettext"]
    return horizontal_bars({str(gettext(ctx, s)): n for s, n in counts}, label=label)  # type: ignore[operator]


def data_hash(data: Any) -> str:
    """A hash of a page's data (built in a deterministic order, so keys are not sorted)."""
    return _digest(json.dumps(data, ensure_ascii=False, default=str))


def _key(base: str, ui: UILanguage, path: str, digest: str) -> str:
    return hashlib.sha256(f"{base}\x1f{ui.code}\x1f{path}\x1f{digest}".encode()).hexdigest()


@cache
def code_key() -> str:
    """What page data is made from besides the record: the view code and the model (as
    this process imported them, so computed once)."""
    here = Path(__file__).resolve().parent.parent
    files = sorted(
        [
            *(here / "publish").glob("*.py"),
            *(here / "render").glob("*.py"),
            *(here / "model").glob("*.py"),
            *(here / "model").glob("*.yaml"),
            here / "store" / "_store.py",
        ]
    )
    return _digest(__version__, followthemoney.__version__, *(f.read_bytes() for f in files))


def site_pages(
    store: Store,
    record: SiteRecord,
    options: SiteOptions,
    *,
    memo: dict[str, Any] | None = None,
) -> list[Page]:
    """Every page of every language tree, with its key; nothing is rendered yet.

    `memo` (kept between builds) maps each lazily made page (`pages.LazySpec`) to the
    hash of its inputs and of its data: when the inputs are the same, so is the data,
    which is then not made. It is updated in place.
    """
    base = global_key(options)
    memo = {} if memo is None else memo
    if memo.get("code") != code_key():
        memo.clear()
        memo["code"] = code_key()
    known: dict[str, list[str]] = memo.setdefault("pages", {})
    lazy = list(pages.entity_pages(record))
    hashes: dict[str, str] = {}
    for made in lazy:
        found = known.get(made.path)
        if found is None or found[0] != made.inputs:
            found = known[made.path] = [made.inputs, data_hash(made.data)]
        hashes[made.path] = found[1]
    for gone in set(known) - set(hashes):
        del known[gone]
    specs: list[pages.PageSpec | pages.LazySpec] = [
        pages.PageSpec("index.html", "home.html", pages.home(record)),
        *pages.listing_pages(record, store),
        *lazy,
        pages.PageSpec("search.html", "search.html", {"pagefind": options.search}),
        pages.PageSpec("mirrors.html", "page.html", {"title": N_("Mirrors"), "kind": "mirrors",
                                                     "mirrors": list(options.mirrors)}),
        pages.PageSpec("verify.html", "page.html", {"title": N_("How to verify this copy"),
                       "kind": "verify", "pubkey": options.pubkey, "version": __version__}),
    ]  # fmt: skip
    entries = pages.feed_entries(record)
    for spec in specs:
        if spec.path not in hashes:
            hashes[spec.path] = data_hash(spec.data)
    hashes["feed"] = data_hash(entries)
    out: list[Page] = []
    for ui in options.languages:
        renderer = Renderer(ui, options, options.languages, templates_key=base)
        index = browse.buckets(record, ui)
        specs_ui: list[pages.PageSpec | pages.LazySpec] = [
            *specs,
            pages.PageSpec("browse.html", "browse.html", {"buckets": _heads(index)}),
            *(
                pages.PageSpec(
                    f"{b['path']}.html", "browse.html", {"buckets": _heads(index), "bucket": b}
                )
                for b in index
            ),
        ]
        for spec in specs_ui:
            digest = hashes.get(spec.path) or data_hash(spec.data)
            out.append(
                Page(
                    f"{ui.code}/{spec.path}",
                    _key(base, ui, spec.path, digest),
                    _bind(renderer, spec),
                )
            )
        feed_key = _key(base, ui, "feed", hashes["feed"])
        out.append(Page(f"{ui.code}/feed.atom", feed_key, _feed(renderer, entries)))
    out.append(_languages_page(base, options.languages))
    if options.onion:
        # Apache (mod_headers); the pages also carry the equivalent meta tag
        rule = f'Header set Onion-Location "{options.onion.rstrip("/")}%{{REQUEST_URI}}s"\n'
        out.append(Page(".htaccess", _digest(rule), lambda: rule.encode("utf-8")))
    for asset in sorted(STATIC.iterdir()):
        out.append(Page(f"static/{asset.name}", _digest(asset.read_bytes()), asset.read_bytes))
    return out


def _heads(index: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"label": b["label"], "path": b["path"]} for b in index]


def _bind(renderer: Renderer, spec: pages.PageSpec | pages.LazySpec) -> Callable[[], bytes]:
    return lambda: renderer.render(spec.path, spec.template, spec.data)


def _feed(renderer: Renderer, entries: list[dict[str, Any]]) -> Callable[[], bytes]:
    def render() -> bytes:
        ui = renderer.ui
        gettext = renderer.env.globals["gettext"]
        context = renderer.env.from_string("").new_context({})  # gettext's, made once
        items = [
            {
                "title": (pick(e["names"], ui) or (e["caption"], ""))[0],
                "id": f"urn:lionrock:{e['id']}",
                "updated": e["updated"],
                "href": f"entities/{entity_slug(e['id'])}.html",
                "summary": gettext(context, e["label"]),  # type: ignore[operator]
            }
            for e in entries
        ]
        updated = max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z")
        xml = renderer.env.get_template("feed.xml").render(
            ui=ui, entries=items, updated=updated, feed_id=f"urn:lionrock:feed:{ui.code}"
        )
        return renderer.finish(xml).encode("utf-8")

    return render


def _languages_page(base: str, languages: Sequence[UILanguage]) -> Page:
    alternates = [{"tag": u.tag, "name": u.name, "href": f"{u.code}/index.html"} for u in languages]

    def render() -> bytes:
        env = make_environment(static=True)
        return env.get_template("languages.html").render(alternates=alternates).encode("utf-8")

    return Page("index.html", _digest(base, "languages", *(u.code for u in languages)), render)


def build_site(
    store: Store,
    *,
    out: Path,
    options: SiteOptions | None = None,
    extra_pages: Iterable[Page] = (),
    finish: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build the site into `out` (a symlink to the live build), incrementally and
    atomically; return what was done. `extra_pages` adds pages (the benchmark's articles);
    `finish(site_dir)` runs on the complete new build before it goes live (signing,
    ZIM, CAR).

    Example: `build_site(store, out=Path("site")).written`.
    """
    options = options or SiteOptions()
    with _old_objects_frozen(), open_build(out) as build:
        record = SiteRecord.load(store)
        memo = build.state.setdefault("memo", {})
        all_pages = [*site_pages(store, record, options, memo=memo), *extra_pages]
        build.write_pages(all_pages, warm=lambda: warm_templates(options.languages))
        if options.search:
            html = [p.key for p in all_pages if p.path.endswith(".html")]
            if build.regenerate(FOLDER, _digest(*html), index_site):
                build.report.notes.append("search index rebuilt")
        build.write_manifest(built=options.built)
        if finish is not None:
            finish(build.path)
        build.commit()
    return build.report


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Keep the collector off the objects that exist before the build (a caller's large
    data, like the benchmark's articles): a full collection would walk them all, often
    several times per build, and a forked render worker would copy their memory."""
    freeze = gc.isenabled() and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()


def warm_templates(languages: Sequence[UILanguage]) -> None:
    """Compile every site template for each catalog of `languages` into the shared
    bytecode cache, so that render workers forked afterwards only load them."""
    names = sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".html", ".xml"))
    for catalog in dict.fromkeys(ui.catalog for ui in languages):
        env = make_environment(translations_=translations(catalog), static=True)
        for name in names:
            env.get_template(name)
