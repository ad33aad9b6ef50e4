"""Only published, non-confidential facts reach the site; sources show their evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from lionrock import Fact, Store
from lionrock.publish import SiteOptions, build_site

SRC = "src-a"


def _facts(review: str = "published") -> list[Fact]:
    return [
        Fact(SRC, "Article", "title", "A synthetic report", SRC, review=review),
        Fact(SRC, "Article", "publisher", "Example Publisher", SRC, review=review),
        Fact(SRC, "Article", "publishedAt", "2024-01-02", SRC, review=review),
        Fact(SRC, "Article", "contentHash", "ab" * 32, SRC, review=review),
        Fact(SRC, "Article", "retrievedAt", "2024-01-03", SRC, review=review),
    ]


def _load(store: Store) -> None:
    with store.write() as writer:
        writer.put_entities({SRC: "Article", "p1": "Person", "p2": "Person", "p3": "Person"})
        writer.put_facts(
            [
                *_facts(),
                Fact("p1", "Person", "name", "Public Person", SRC, review="published"),
                Fact("p1", "Person", "notes", "SECRET draft note", SRC, review="draft"),
                Fact("p1", "Person", "idNumber", "CONFIDENTIAL-ID-123", SRC, review="published"),
                Fact("p1", "Person", "passportNumber", "K1234567PASS", SRC, review="published"),
                Fact("p1", "Person", "position", "IN-REVIEW position", SRC, review="in_review"),
                Fact("p2", "Person", "name", "Draft Only Person", SRC, review="draft"),
                Fact("p3", "Person", "name", "Reviewed Person", SRC, review="in_review"),
            ]
        )


@pytest.fixture
def site(store: Store, tmp_path: Path) -> Path:
    _load(store)
    out = tmp_path / "site"
    build_site(store, out=out, options=SiteOptions(search=False))
    return out


def _all_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()
    )


def test_drafts_reviews_and_confidential_fields_never_appear(site: Path) -> None:
    text = _all_text(site)
    assert "Public Person" in text
    for secret in ("SECRET", "CONFIDENTIAL-ID", "K1234567PASS", "IN-REVIEW", "Draft Only",
                   "Reviewed Person"):  # fmt: skip
        assert secret not in text, secret
    for lang in ("en", "zh-hant", "ja", "zh-hans"):
        assert (site / lang / "entities" / "p1.html").exists()
        assert not (site / lang / "entities" / "p2.html").exists()
        assert not (site / lang / "entities" / "p3.html").exists()


def test_source_page_shows_evidence_hash_and_capture_date(site: Path) -> None:
    page = (site / "en" / "entities" / f"{SRC}.html").read_text(encoding="utf-8")
    assert f"Evidence hash: <code>{'ab' * 32}</code>" in page
    assert "Captured: <time>2024-01-03</time>" in page
    sources = (site / "ja" / "sources.html").read_text(encoding="utf-8")
    assert "ab" * 32 in sources and "2024-01-03" in sources


def test_a_draft_source_is_cited_without_its_draft_details(
    memory_store: Store, tmp_path: Path
) -> None:
    with memory_store.write() as writer:
        writer.put_entities({SRC: "Article", "p1": "Person"})
        writer.put_facts(
            [*_facts("draft"), Fact("p1", "Person", "name", "P", SRC, review="published")]
        )
    build_site(memory_store, out=tmp_path / "s", options=SiteOptions(search=False))
    page = (tmp_path / "s" / "en" / "entities" / "p1.html").read_text(encoding="utf-8")
    assert "A synthetic report" not in page and SRC in page
    assert f'href="../entities/{SRC}.html"' not in page  # no link to a page that is not there


def test_newsroom_full_text_is_published_only_under_an_open_licence(
    memory_store: Store, tmp_path: Path
) -> None:
    # the copyright rule (lionrock.render.copyright): an article's body reaches the site
    # only when its recorded licence allows republishing it
    closed, open_ = "src-closed", "src-open"
    body = "FULLTEXT-OF-A-NEWSROOM-ARTICLE " * 20
    with memory_store.write() as writer:
        writer.put_entities({closed: "Article", open_: "Article"})
        writer.put_facts(
            [
                Fact(closed, "Article", "title", "Closed article", closed, review="published"),
                Fact(closed, "Article", "bodyText", "CLOSED-" + body, closed, review="published"),
                Fact(open_, "Article", "title", "Open article", open_, review="published"),
                Fact(open_, "Article", "bodyText", "OPEN-" + body, open_, review="published"),
                Fact(open_, "Article", "license", "CC-BY-4.0", open_, review="published"),
            ]
        )
    out = tmp_path / "site"
    build_site(memory_store, out=out, options=SiteOptions(search=False))
    text = _all_text(out)
    assert "Closed article" in text and "Open article" in text
    assert "CLOSED-FULLTEXT" not in text
    assert "OPEN-FULLTEXT" in text
