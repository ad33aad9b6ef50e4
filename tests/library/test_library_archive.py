"""The real Citizen News archive: import, Chinese search, links (both backends)."""

from __future__ import annotations

import pytest

from lionrock import Store
from lionrock.library import ImportReport, mentions, search_library
from lionrock.library._link import LinkReport

pytestmark = pytest.mark.slow
Archive = tuple[Store, ImportReport, LinkReport]


def test_whole_archive_imports_from_tar_xz(archive_store: Archive) -> None:
    store, report, _ = archive_store
    # 12,318 files: 18 are empty shells (no title, no text) and are skipped, and said so.
    assert report.articles + report.skipped == 12_318
    assert report.skipped == 18 and report.skip_reasons == {"no title": 18}
    assert report.publishers == {"Citizen News": 12_300}
    article = store.entity("hkcnews-31500")
    assert article is not None and article.schema == "Article"
    assert article.first("title") == "法治再見 以法治港 香港係咁先"  # FtM folds the wide space
    assert article.first("publishedAt") == "2020-07-01"
    assert article.first("author") == "楊健興"
    assert str(article.first("archiveUrl")).startswith(
        "https://web.archive.org/web/20210712044749/"
    )
    assert str(article.first("sourceUrl")).startswith("https://www.hkcnews.com/article/31500/")
    assert {f.source_id for f in article.facts} == {"hkcnews-31500"}  # its own source
    assert "bodyText" not in {f.prop for f in article.facts}  # the text is in the library
    undated = store.entity("hkcnews-32751")  # no date in the archive: the capture date
    assert undated is not None and undated.first("publishedAt") is None
    assert undated.first("retrievedAt") == "2023-03-27"


def test_simplified_query_finds_traditional_text(archive_store: Archive) -> None:
    store, _, _ = archive_store
    simplified = search_library(store, query="邹幸彤", limit=200)
    traditional = search_library(store, query="鄒幸彤", limit=200)
    assert len(simplified) >= 50
    assert [h.id for h in simplified] == [h.id for h in traditional]
    top = simplified[0]
    assert "鄒幸彤" in top.title or "鄒幸彤" in top.snippet
    start, end = top.highlights[0]
    assert top.snippet[start:end] == "鄒幸彤"  # the original script, highlighted


def test_filters_phrases_and_english(archive_store: Archive) -> None:
    store, _, _ = archive_store
    hits = search_library(store, query="鄒幸彤", date_from="2021-06", date_to="2021-06-30")
    assert hits and all("2021-06-01" <= (h.date or "") <= "2021-06-30" for h in hits)
    assert not search_library(store, query="鄒幸彤", outlet="Apple Daily")
    stemmed = search_library(store, query="arrest", limit=50)
    assert any("arrested" in h.snippet.lower() for h in stemmed)
    mixed = search_library(store, query="黎智英 Apple Daily", limit=5)
    assert mixed and all("Apple" in h.snippet for h in mixed[:3])  # the densest window
    by_author = search_library(store, query="法治", author="楊健興", limit=5)
    assert by_author and all(h.id.startswith("hkcnews-") for h in by_author)


def test_mentions_link_bundled_people(archive_store: Archive) -> None:
    store, _, links = archive_store
    found = mentions(store, entity_id="lr-person-benny-tai")
    assert len(found) > 100
    assert all(m["review"] == "suggested" and m["name"] in m["snippet"] for m in found)
    assert {m["name"] for m in found} <= {"戴耀廷", "Benny Tai", "Benny Tai Yiu-ting"}
    refused = links.forms_refused
    # Short or common forms never search on their own; an outlet's own masthead is skipped.
    assert all(len(s.name) >= 3 or s.name.isupper() for s in links.new)
    assert any(r == "fewer than 3 Chinese characters" for r in refused.values())
    citizen = [s for s in links.new if s.entity_id == "lr-org-citizen-news"]
    assert not citizen  # every article is Citizen News's own
