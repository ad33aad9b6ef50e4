"""`build_site`: the static site from the published record, in every language tree.

Pages are rendered from the shared templates (`lionrock/render/`) with the same view
models as the web app. Each page's key hashes its data, its language and everything
global (templates, catalogs, version, settings), so a rebuild writes only what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import opencc
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from lionrock import __version__
from lionrock.publish import browse, pages
from lionrock.publish.charts import events_per_month, horizontal_bars
from lionrock.publish.manifest import write_manifest
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
    """Renders the pages of one language tree."""

    def __init__(self, ui: UILanguage, options: SiteOptions, languages: Sequence[UILanguage]):
        self.ui = ui
        self.options = options
        self.languages = languages
        self._env: Environment | None = None
        self._convert: Any = None

    @property
    def env(self) -> Environment:
        """The tree's environment, made on first use (a rebuild may render nothing)."""
        if self._env is None:
            self._env = make_environment(translations_=translations(self.ui.catalog))
            self._env.globals.update(events_chart=_events_chart, status_chart=_status_chart)
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
        if self._convert is None:
            self._convert = opencc.OpenCC(self.ui.convert)
        return convert_page(text, self._convert)


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
    return _digest(base, ui.code, path, digest)


def site_pages(store: Store, record: SiteRecord, options: SiteOptions) -> list[Page]:
    """Every page of every language tree, with its key; nothing is rendered yet."""
    base = global_key(options)
    specs = [
        pages.PageSpec("index.html", "home.html", pages.home(record)),
        *pages.listing_pages(record, store),
        *pages.entity_pages(record),
        pages.PageSpec("search.html", "search.html", {"pagefind": options.search}),
        pages.PageSpec("mirrors.html", "page.html", {"title": N_("Mirrors"), "kind": "mirrors",
                                                     "mirrors": list(options.mirrors)}),
        pages.PageSpec("verify.html", "page.html", {"title": N_("How to verify this copy"),
                       "kind": "verify", "pubkey": options.pubkey, "version": __version__}),
    ]  # fmt: skip
    entries = pages.feed_entries(record)
    hashes = {spec.path: data_hash(spec.data) for spec in specs}
    hashes["feed"] = data_hash(entries)
    out: list[Page] = []
    for ui in options.languages:
        renderer = Renderer(ui, options, options.languages)
        index = browse.buckets(record, ui)
        specs_ui = [
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


def _bind(renderer: Renderer, spec: pages.PageSpec) -> Callable[[], bytes]:
    return lambda: renderer.render(spec.path, spec.template, spec.data)


def _feed(renderer: Renderer, entries: list[dict[str, Any]]) -> Callable[[], bytes]:
    def render() -> bytes:
        ui = renderer.ui
        items = [
            {
                "title": (pick(e["names"], ui) or (e["caption"], ""))[0],
                "id": f"urn:lionrock:{e['id']}",
                "updated": e["updated"],
                "href": f"entities/{entity_slug(e['id'])}.html",
                "summary": renderer.env.globals["gettext"](  # type: ignore[operator]
                    renderer.env.from_string("").new_context({}), e["label"]
                ),
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
        env = make_environment()
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
    record = SiteRecord.load(store)
    all_pages = [*site_pages(store, record, options), *extra_pages]
    with open_build(out) as build:
        build.write_pages(all_pages)
        if options.search:
            html = [p.key for p in all_pages if p.path.endswith(".html")]
            if build.regenerate(FOLDER, _digest(*html), index_site):
                build.report.notes.append("search index rebuilt")
        write_manifest(build.path, known=build.hashes, complete=True, built=options.built)
        if finish is not None:
            finish(build.path)
        build.commit()
    return build.report
