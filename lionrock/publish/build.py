"""`build_site`: the static site from the published record, in every language tree.

Pages are rendered from the shared templates (`lionrock/render/`) with the same view
models as the web app. Each page's key hashes its data, its language and everything
global (templates, catalogs, version, settings), so a rebuild writes only what changed.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import followthemoney
import icu

from lionrock import __version__
from lionrock.progress import QUIET, Progress
from lionrock.publish import browse, pages
from lionrock.publish.pages import N_
from lionrock.publish.record import SiteRecord, stable_digest
from lionrock.publish.renderer import Renderer, warm_templates
from lionrock.publish.search import FOLDER, index_site
from lionrock.publish.writer import BuildReport, Page, open_build
from lionrock.render import (
    LANGUAGES,
    STATIC,
    TEMPLATES,
    UILanguage,
    catalogs_fingerprint,
    entity_slug,
    make_environment,
    names_by_lang,
    pick,
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
    found = [*TEMPLATES.rglob("*"), *STATIC.rglob("*")]
    files = sorted((p for p in found if p.is_file()), key=str)  # str: PosixPath's order is slow
    return _digest(
        __version__, options.onion, catalogs_fingerprint(), *(f.read_bytes() for f in files)
    )


def data_hash(data: Any) -> str:
    """A hash of a page's data (built in a deterministic order, so keys are not sorted):
    `record.stable_digest`, equal for equal data."""
    return stable_digest(data)


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
            *(here / "record").glob("*.py"),
            *(here / "model").glob("*.py"),
            *(here / "model").glob("*.yaml"),
            here / "store" / "_store.py",
        ]
    )
    versions = (__version__, followthemoney.__version__, icu.ICU_VERSION)
    return _digest(*versions, *(f.read_bytes() for f in files))


def site_pages(
    store: Store,
    record: SiteRecord,
    options: SiteOptions,
    *,
    memo: dict[str, Any] | None = None,
) -> list[Page]:
    """Every page of every language tree, with its key; nothing is rendered yet.

    `memo` (kept between builds, updated in place) remembers, for the pages whose data is
    made only when needed (entity pages, index pages), a hash of what their data is made
    from and the hash of the data: when the first is the same, so is the data, which is
    then made only if the page must be rendered.
    """
    base = global_key(options)
    memo = {} if memo is None else memo
    if memo.get("code") != code_key():
        memo.clear()
        memo["code"] = code_key()
    known: dict[str, list[str]] = memo.setdefault("pages", {})
    lazy = list(pages.entity_pages(record))
    prisoners = pages.prisoner_index(record)
    hashes = {made.path: _remember(known, made.path, made.inputs, made) for made in lazy}
    for gone in set(known) - set(hashes):
        del known[gone]
    specs: list[pages.PageSpec | pages.LazySpec] = [
        pages.PageSpec("index.html", "home.html", pages.home(record)),
        *pages.listing_pages(record, store, prisoners=prisoners),
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
    # the index pages are made from every entity's names (and schema), per language
    names = data_hash([(e.id, e.schema, names_by_lang(e)) for e in record.entities.values()])
    trees = memo["browse"] = {u.code: memo.get("browse", {}).get(u.code) for u in options.languages}
    out: list[Page] = []
    for ui in options.languages:
        renderer = Renderer(ui, options, options.languages, templates_key=base)
        for spec in specs:
            key = _key(base, ui, spec.path, hashes[spec.path])
            out.append(Page(f"{ui.code}/{spec.path}", key, _bind(renderer, spec)))
        index = _Index(record, ui)
        found = trees[ui.code]
        if found is None or found[0] != names:
            made = [[path, data_hash(spec.data)] for path, spec in index.specs.items()]
            found = trees[ui.code] = [names, made]
        for path, digest in found[1]:
            key = _key(base, ui, path, digest)
            out.append(Page(f"{ui.code}/{path}", key, _bind(renderer, index.spec(path))))
        feed_key = _key(base, ui, "feed", hashes["feed"])
        out.append(Page(f"{ui.code}/feed.atom", feed_key, _feed(renderer, entries)))
    out.append(_languages_page(base, options.languages))
    # the charges table, one row per person per charge (issue #11), for every tree
    charges = pages.charges_csv(prisoners)
    out.append(Page("charges.csv", _digest(charges), lambda: charges))
    for name, body in pages.abroad_files(record).items():  # issue #17's downloads
        out.append(Page(name, _digest(body), lambda body=body: body))  # type: ignore[misc]
    if options.onion:
        # Apache (mod_headers); the pages also carry the equivalent meta tag
        rule = f'Header set Onion-Location "{options.onion.rstrip("/")}%{{REQUEST_URI}}s"\n'
        out.append(Page(".htaccess", _digest(rule), lambda: rule.encode("utf-8")))
    for asset in sorted(STATIC.iterdir()):
        out.append(Page(f"static/{asset.name}", _digest(asset.read_bytes()), asset.read_bytes))
    return out


def _remember(known: dict[str, list[str]], path: str, inputs: str, spec: pages.LazySpec) -> str:
    """The hash of `spec`'s data, from `known` when its inputs are unchanged."""
    found = known.get(path)
    if found is None or found[0] != inputs:
        found = known[path] = [inputs, data_hash(spec.data)]
    return found[1]


class _Index:
    """The index pages (`browse.html`, `browse/NN.html`) of one tree, made on first use:
    one ICU index gives them all."""

    def __init__(self, record: SiteRecord, ui: UILanguage) -> None:
        self.record = record
        self.ui = ui

    @cached_property
    def specs(self) -> dict[str, pages.PageSpec]:
        index = browse.buckets(self.record, self.ui)
        heads = _heads(index)
        found = {"browse.html": pages.PageSpec("browse.html", "browse.html", {"buckets": heads})}
        for b in index:
            path = f"{b['path']}.html"
            found[path] = pages.PageSpec(path, "browse.html", {"buckets": heads, "bucket": b})
        return found

    def spec(self, path: str) -> pages.LazySpec:
        return pages.LazySpec(path, "browse.html", "", lambda: self.specs[path].data)


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
    progress: Progress | None = None,
) -> BuildReport:
    """Build the site into `out` (a symlink to the live build), incrementally and
    atomically; return what was done. `extra_pages` adds pages (the benchmark's articles);
    `finish(site_dir)` runs on the complete new build before it goes live (signing,
    ZIM, CAR). `progress` hears of each stage: reading the record, preparing pages,
    writing each page, the search index.

    Example: `build_site(store, out=Path("site")).written`.
    """
    options = options or SiteOptions()
    progress = progress or QUIET
    with _old_objects_frozen(), open_build(out) as build:
        with progress.stage("reading the record"):
            record = SiteRecord.load(store)
        with progress.stage("preparing pages"):
            memo = build.state.setdefault("memo", {})
            all_pages = [*site_pages(store, record, options, memo=memo), *extra_pages]
        build.write_pages(all_pages, warm=lambda: warm_templates(options.languages),
                          progress=progress)  # fmt: skip
        if options.search:
            html = [p.key for p in all_pages if p.path.endswith(".html")]
            with progress.stage("search index"):
                if build.regenerate(FOLDER, _digest(*html), index_site):
                    build.report.notes.append("search index rebuilt")
        build.write_manifest(built=options.built)
        if finish is not None:
            finish(build.path)
        build.commit()
    return build.report


@contextmanager
def _old_objects_frozen() -> Iterator[None]:
    """Keep the collector off during a build's bookkeeping, and off the objects that
    exist before it (a caller's large data, like the benchmark's articles) for good: a
    full collection would walk them all, often several times per build, and a forked
    render worker (which collects again) would copy their memory. Cycles made during
    the build wait for the next collection after it."""
    enabled = gc.isenabled()
    freeze = enabled and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
        if enabled:
            gc.enable()
