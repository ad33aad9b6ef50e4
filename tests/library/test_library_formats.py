"""Each importer on real files (Apple Daily, HTML, WARC/WACZ) and on synthetic Hugo files,
through `import_archive` into both backends."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from lionrock import Store
from lionrock.library import import_archive, search_library
from lionrock.sources import appledaily, markdown_archive
from tests.conftest import write
from tests.library.conftest import APPLEDAILY, WARC, subset


def test_apple_daily_both_json_shapes(store: Store) -> None:
    report = import_archive(store, path=str(APPLEDAILY), format="appledaily")
    assert report.articles == 2 and report.publishers == {"Apple Daily": 2}
    detail = store.entity("appledaily-JJ7CDZSXAVE55LYPHUOGV4RFRY")
    assert detail is not None
    assert detail.first("title") == "百人烈日下排隊：一齊撐 財金界指兩制已扭曲 外資擬撤走"
    assert detail.first("publishedAt") == "2021-06-20"  # displayTime, Hong Kong time
    assert detail.first("sourceUrl") == (
        "https://hk.appledaily.com/local/20210620/JJ7CDZSXAVE55LYPHUOGV4RFRY/"
    )
    assert {"張劍虹", "羅偉光"} <= set(detail.values("keywords"))
    ans = store.entity("appledaily-254ZTVTCS5EJ7NKU5VGEWLT67A")
    assert ans is not None and ans.first("publishedAt") == "2021-06-22"
    assert ans.first("title") == "八方析時務︱區議員宣誓也讓路 何事咁重要？"
    hits = search_library(store, query="张剑虹")  # simplified query, traditional text
    assert hits and hits[0].id == "appledaily-JJ7CDZSXAVE55LYPHUOGV4RFRY"


def test_apple_daily_warns_about_unknown_fields(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(
        tmp_path / "a.json",
        '{"content": {"_id": "X1", "title": "T", "contentBlocks": [], "newField": 1}}',
    )
    with caplog.at_level(logging.WARNING):
        docs = list(appledaily.articles(path))
    assert len(docs) == 1
    assert "'content.newField' is not read" in caplog.text


def test_html_page_needs_a_date_or_accessed(store: Store) -> None:
    page = str(APPLEDAILY / "plain.html")
    undated = import_archive(store, path=page, format="html", publisher="Apple Daily")
    assert undated.articles == 0 and undated.skipped == 1
    assert "give --accessed" in undated.items[0]["reason"]
    assert store.count_facts() == 0
    report = import_archive(
        store, path=page, format="html", publisher="Apple Daily", accessed="2026-11-28"
    )
    assert report.articles == 1
    hits = search_library(store, query="包租公")
    assert hits and hits[0].title.startswith("【財經專題】80後沽港股換英樓")


def test_warc_and_wacz(store: Store) -> None:
    report = import_archive(store, path=str(WARC / "pywb-sample" / "iana.warc.gz"), format="warc")
    assert report.articles >= 5 and report.publishers.keys() == {"www.iana.org"}
    assert report.first_date == "2014-01-26"  # the capture date
    assert search_library(store, query="root zone")
    wacz = import_archive(
        store,
        path=str(WARC / "py-wacz-fixtures" / "valid_example_1.wacz"),
        format="warc",
        publisher="Example",
    )
    assert wacz.articles + wacz.skipped >= 1


def test_broken_warc_is_set_aside_with_its_offset(store: Store) -> None:
    bad = str(WARC / "warcio-test" / "example-bad.warc.gz.bad")
    report = import_archive(store, path=bad, format="warc")
    assert report.articles == 0 and report.skipped == 1
    assert "broken web archive" in report.items[0]["reason"]
    assert "after the record at byte" in report.items[0]["path"]
    assert store.count_facts() == 0  # nothing written


HUGO_TOML = """+++
title = "A synthetic Hugo article"
date = 2021-03-01T10:00:00+08:00
tags = ["example"]
authors = ["Test Writer"]
url = "https://example.org/2021/03/01/a"
weight = 3
+++
Body text about national security arrests.
"""
HUGO_YAML = """---
title: 另一篇示例文章
date: 2021-03-02
categories: [示例]
mood: calm
---
# 另一篇示例文章

示例正文，提及國家安全。
"""


def test_generic_markdown_archive(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    write(folder / "a.md", HUGO_TOML)
    write(folder / "b.md", HUGO_YAML)
    with caplog.at_level(logging.WARNING):
        report = import_archive(store, path=str(folder), format="markdown", publisher="Example")
    assert report.articles == 2
    assert "'mood' is not read" in caplog.text  # leftovers are named
    assert "weight" not in caplog.text  # known layout keys are not noise
    hits = search_library(store, query="国家安全")
    assert [h.title for h in hits] == ["另一篇示例文章"]
    assert search_library(store, query="arrested", tag="example")[0].date == "2021-03-01"
    docs = list(markdown_archive.articles(str(folder), publisher="Example"))
    assert all(d.id.startswith("example-") for d in docs if not isinstance(d, type(None)))


def test_reimport_is_idempotent_and_keeps_review(store: Store, tmp_path: Path) -> None:
    folder = subset(tmp_path, 120)
    first = import_archive(store, path=str(folder), format="hkcnews")
    facts = store.count_facts()
    assert first.new == first.articles > 100
    some = f"hkcnews-{sorted(p.stem for p in folder.rglob('*.md'))[5].split('_')[1]}"
    with store.write() as writer:
        writer.set_review(some, "published")
    again = import_archive(store, path=str(folder), format="hkcnews")
    assert again.new == 0 and again.unchanged == first.articles
    assert store.count_facts() == facts
    kept = store.entity(some)
    assert kept is not None and {f.review for f in kept.facts} == {"published"}
