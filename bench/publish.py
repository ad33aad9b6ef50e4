"""Site build: `build_site` on the bundled record plus the 12,318 Citizen News articles,
against Debian's `hugo` building the same articles as Markdown with a minimal theme of
the same page structure (header, navigation, main, footer; a page per article and a
list page), in the same run.

The articles are read from `../shared/data/news/hkcnews-2020-06-to-2021-08.tar.xz` at run
time and rendered as article pages (CommonMark through markdown-it-pyrs, the Rust port of
markdown-it: raw HTML kept, as Hugo's `unsafe = true` does, and `javascript:`, `vbscript:`,
`file:` and non-image `data:` link targets refused, as markdown-it-py does) into temporary
folders only: Citizen News keeps the copyright, so nothing is published or kept.

Measures (median of the rounds):
- full build: ours (a fresh output folder) against Hugo's full build; target ≤ 1.0×;
- rebuild after one record changed: ours against Hugo's full build; target ≤ 1/50.
  Ours is measured in steady state (both build folders exist, as after any second build),
  as the wall time of the whole `build_site` call (reading the record included).
Both run the HTML site only: Hugo builds no search index, so Pagefind's time on the same
pages is reported on its own line.

With `--lists`, it measures instead what issue #13 (item 4) asks: `lionrock publish`
(search index included) on a store with the OFAC SDN and UK lists and the Citizen News
archive imported, against the same publish of the bundled record alone, in the same run;
target < 2×. The imports are made here (untimed), or read from `--full-store`, a SQLite
store made by `lionrock init`, `lionrock sanctions import` of both lists and `lionrock
library import` of the archive.

Example:
    .venv/bin/python bench/publish.py --rounds 3
    .venv/bin/python bench/publish.py --lists --full-store lionrock-data/lionrock.db
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from _report import Row, append_run
from markdown_it_pyrs import MarkdownIt

from lionrock import Defaults, Fact, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.publish import Page, SiteOptions, build_site
from lionrock.publish.build import Renderer
from lionrock.publish.search import index_site
from lionrock.render import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "news" / "hkcnews-2020-06-to-2021-08.tar.xz"
FULL_TARGET, REBUILD_TARGET = 1.0, 1 / 50
SHORTCODE = re.compile(r"\{\{<\s*video\s+src=\"([^\"]*)\"\s*>\}\}")
ARTICLE = """{% extends "base.html" %}
{% block title %}{{ title }} · Lion Rock{% endblock %}
{% block main %}<h1>{{ title }}</h1>
<p><time>{{ date }}</time> {{ author }} · {{ category }}</p>
{{ body }}{% endblock %}"""
LIST = """{% extends "base.html" %}{% block main %}<h1>Articles</h1><ul>
{% for a in articles %}<li><a href="{{ a.href }}">{{ a.title }}</a></li>
{% endfor %}</ul>{% endblock %}"""

HUGO_BASEOF = """<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · Lion Rock</title><link rel="stylesheet" href="{{ "lionrock.css" | relURL }}">
</head><body><header><a href="{{ "" | relURL }}">Lion Rock 獅子山</a></header>
<nav><a href="{{ "articles/" | relURL }}">Articles</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer>Every fact cites its source.</footer></body></html>"""
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time> {{ .Params.author }} · {{ .Params.category }}</p>
{{ .Content }}{{ end }}"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}"""


def read_articles(path: Path) -> list[dict[str, Any]]:
    """Every article of the archive: front matter, Markdown body and its raw hash."""
    articles = []
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".md"):
                continue
            raw = tar.extractfile(member).read()  # type: ignore[union-attr]
            _, front, body = raw.decode("utf-8").split("---", 2)
            meta = yaml.safe_load(front) or {}
            articles.append(
                {
                    "id": Path(member.name).stem,
                    "meta": meta,
                    "body": body,
                    "key": hashlib.sha256(raw).hexdigest(),
                }
            )
    articles.sort(key=lambda a: a["id"])
    return articles


def article_pages(articles: list[dict[str, Any]]) -> list[Page]:
    """Our article pages, in the Traditional Chinese tree, and their list page."""
    ui = next(lang for lang in LANGUAGES if lang.code == "zh-hant")
    renderer = Renderer(ui, SiteOptions(search=False), LANGUAGES)
    markdown = MarkdownIt("commonmark")  # raw HTML on, as in markdown-it-py's preset
    article_template = renderer.env.from_string(ARTICLE)
    list_template = renderer.env.from_string(LIST)

    def render(article: dict[str, Any]) -> bytes:
        path = f"articles/{article['id']}.html"
        body = SHORTCODE.sub(r'<p><a href="\1">video</a></p>', article["body"])
        meta = article["meta"]
        html = article_template.render(
            **renderer.context(path),
            title=str(meta.get("title", "")),
            date=str(meta.get("date", "")),
            author=str(meta.get("author", "")),
            category=str(meta.get("category", "")),
            body=markdown.render(body),
        )
        return html.encode("utf-8")

    pages = [
        Page(f"zh-hant/articles/{a['id']}.html", a["key"], lambda a=a: render(a)) for a in articles
    ]
    listing = [{"href": f"articles/{a['id']}.html", "title": str(a["meta"].get("title", ""))}
               for a in articles]  # fmt: skip
    key = hashlib.sha256("".join(a["key"] for a in articles).encode()).hexdigest()

    def render_list() -> bytes:
        html = list_template.render(**renderer.context("articles.html"),
                                                     articles=listing)  # fmt: skip
        return html.encode("utf-8")

    return [*pages, Page("zh-hant/articles.html", key, render_list)]


def hugo_site(articles: list[dict[str, Any]], folder: Path) -> Path:
    """The same articles as a Hugo site: front matter as given, but `url` renamed (Hugo
    reserves it) and the `video` shortcode defined."""
    for sub in ("content/articles", "layouts/_default", "layouts/shortcodes", "static"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        'baseURL = "/"\nrelativeURLs = true\nuglyURLs = true\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n"
    )
    (folder / "layouts/_default/baseof.html").write_text(HUGO_BASEOF)
    (folder / "layouts/_default/single.html").write_text(HUGO_SINGLE)
    (folder / "layouts/_default/list.html").write_text(HUGO_LIST)
    (folder / "layouts/shortcodes/video.html").write_text(
        '<p><a href="{{ .Get "src" }}">video</a></p>'
    )
    shutil.copy(ROOT / "lionrock/render/static/lionrock.css", folder / "static")
    for a in articles:
        meta = {("source_url" if k == "url" else k): v for k, v in a["meta"].items()}
        front = yaml.safe_dump(meta, allow_unicode=True)
        (folder / f"content/articles/{a['id']}.md").write_text(f"---\n{front}---\n{a['body']}")
    return folder


def timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run_hugo(site: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = ["hugo", "--quiet", "-s", str(site), "-d", str(out)]
    return timed(lambda: subprocess.run(command, check=True, capture_output=True))


SANCTIONS = ROOT.parent / "shared" / "data" / "sanctions"
LISTS_TARGET = 2.0


def full_store(work: Path) -> Store:
    """The bundled record with both lists and the news archive imported, as the CLI does."""
    from lionrock.library import import_archive
    from lionrock.sanctions.lists import import_list

    store = Store(f"sqlite:///{work / 'full.db'}")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    published = Defaults(review="published", recorded_by="sanctions-import")
    import_list(store, path=str(SANCTIONS / "us-ofac-sdn-2024-05-03.csv"),
                list_name="us-ofac-sdn", defaults=published)  # fmt: skip
    import_list(store, path=str(SANCTIONS / "gb-uk-sanctions-list-2026"), list_name="gb-uk",
                defaults=published)  # fmt: skip
    import_archive(store, path=str(ARCHIVE), format="hkcnews")
    return store


def lists_run(rounds: int, given: Path | None) -> int:
    """Publish with the lists and the archive imported against the bundled record alone."""
    with tempfile.TemporaryDirectory(prefix="lionrock-bench-") as tmp:
        work = Path(tmp)
        bundled = Store(f"sqlite:///{work / 'bundled.db'}")
        load_paths(bundled, bundled_files(), defaults=Defaults(review="published"))
        # a given store is only read: a site build writes nothing to the store
        full = Store(f"sqlite:///{given.resolve()}") if given is not None else full_store(work)
        ours: list[float] = []
        anchor: list[float] = []
        pages = [0, 0]
        for round_ in range(rounds):
            for store, times, slot in ((bundled, anchor, 0), (full, ours, 1)):
                out = work / f"site-{slot}-{round_}" / "site"
                started = time.perf_counter()
                pages[slot] = build_site(store, out=out, options=SiteOptions()).pages
                times.append(time.perf_counter() - started)
                shutil.rmtree(out.parent, ignore_errors=True)
            print(f"round {round_}: bundled {anchor[-1]:.1f}s, with lists {ours[-1]:.1f}s",
                  flush=True)  # fmt: skip
        with full.read() as conn:
            facts = conn.exec_driver_sql("SELECT count(*) FROM statements").scalar()
    mine, base = statistics.median(ours), statistics.median(anchor)
    rows = [
        Row("publish with both lists and the archive imported, vs the bundled record alone (s)",
            f"{mine:.1f}", f"{base:.1f}", f"{mine / base:.2f}×", "< 2×",
            mine / base < LISTS_TARGET),
        Row("pages: with the lists / bundled alone", f"{pages[1]:,}", f"{pages[0]:,}",
            f"{pages[1] / pages[0]:.2f}×", "–", None),
    ]  # fmt: skip
    section = append_run(
        "publish (issue #13: lists imported)",
        sizes=[f"{facts:,} facts in the store with the lists and the archive (the bundled "
               "record, OFAC SDN 2024-05-03, UK 2026, 12,300 Citizen News articles)",
               f"{rounds} rounds, medians; each a fresh output folder, Pagefind included"],
        rows=rows,
        notes=["Both: `build_site` in-process, as `lionrock publish -o site` runs it. The "
               "site carries the record and the list entries linked to it (lionrock."
               "publish.scope); imported articles are drafts and stay out"],
    )  # fmt: skip
    print(section)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lists", action="store_true", help="issue #13's measure (above)")
    parser.add_argument("--full-store", type=Path, default=None, help="with --lists")
    args = parser.parse_args()
    if args.lists:
        return lists_run(args.rounds, args.full_store)
    if shutil.which("hugo") is None:
        sys.exit("hugo is not installed (apt-get install hugo)")
    articles = read_articles(ARCHIVE)
    print(f"{len(articles)} articles read", flush=True)
    with tempfile.TemporaryDirectory(prefix="lionrock-bench-") as tmp:
        work = Path(tmp)
        store = Store(f"sqlite:///{work / 'lr.db'}")
        load_paths(store, bundled_files(), defaults=Defaults(review="published"))
        extra = article_pages(articles)
        hugo = hugo_site(articles, work / "hugo")
        ours_full, hugo_full, rebuilds, search = [], [], [], []
        options = SiteOptions(search=False)
        for round_ in range(args.rounds):
            hugo_full.append(run_hugo(hugo, work / f"hugo-out-{round_}"))
            out = work / f"ours-{round_}" / "site"
            ours_full.append(timed(lambda out=out: build_site(store, out=out, options=options,
                                                              extra_pages=extra)))  # fmt: skip
            build_site(store, out=out, options=options, extra_pages=extra)  # both folders exist
            source = next(f.source_id for f in store.entity("lr-person-benny-tai").facts)  # type: ignore[union-attr]
            with store.write() as writer:
                alias = f"Benchmark alias {round_}"
                fact = Fact(
                    "lr-person-benny-tai", "Person", "alias", alias, source, review="published"
                )
                writer.put_facts([fact])
            started = time.perf_counter()  # the whole call: reading the record included
            report = build_site(store, out=out, options=options, extra_pages=extra)
            rebuilds.append(time.perf_counter() - started)
            took = f"hugo {hugo_full[-1]:.2f}s, ours {ours_full[-1]:.2f}s"
            print(f"round {round_}: {took}, rebuild {rebuilds[-1]:.3f}s", flush=True)
            if round_ == 0:
                search.append(timed(lambda out=out: index_site(out.resolve())))
            shutil.rmtree(work / f"hugo-out-{round_}", ignore_errors=True)
        pages = report.pages
    full, anchor, rebuild = (statistics.median(x) for x in (ours_full, hugo_full, rebuilds))
    rows = [
        Row("full build (s)", f"{full:.2f}", f"{anchor:.2f}", f"{full / anchor:.2f}×",
            "≤ 1.0×", full / anchor <= FULL_TARGET),
        Row("rebuild after one record changed (s), vs Hugo's full build",
            f"{rebuild:.3f}", f"{anchor:.2f}", f"1/{anchor / rebuild:.0f}", "≤ 1/50",
            rebuild / anchor <= REBUILD_TARGET),
        Row("Pagefind search index over the same pages (s)", f"{search[0]:.2f}", "–", "–",
            "–", None),
    ]  # fmt: skip
    section = append_run(
        "publish",
        sizes=[f"{pages:,} pages of ours (the bundled record in 4 language trees + "
               f"{len(articles):,} articles); Hugo {len(articles):,} articles + list pages",
               f"{args.rounds} rounds, medians"],
        rows=rows,
        notes=["Ours: `build_site` called in-process with the store open (a CLI run adds "
               "Python's start-up and imports, about 1 s); Markdown through markdown-it-pyrs; "
               "the rebuild is the wall time of the whole call", "Hugo: `hugo --quiet` 0.111, "
               "minimal theme (baseof/single/list), same Markdown (goldmark)"],
    )  # fmt: skip
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
