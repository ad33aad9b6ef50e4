"""One article, one source (issue #11, item 3): two bundled sources with the same URL, or
(without one) the same publisher, title and date, are the same article recorded twice,
as Tsang Kwok-hei's InMedia report of 10 April 2024 was until its two IDs were merged.

The pairs below were found when this test was written and have not been read side by
side yet: merge a pair (one ID, every fact pointed at it, every evidence quote kept) and
take it off the list. A new pair fails the test."""

from __future__ import annotations

from collections import defaultdict

from lionrock import Defaults
from lionrock.bundled import bundled_files
from lionrock.sources import project_yaml

#: (kind, source IDs) of the same-looking sources still to be read and merged
KNOWN = {
    ("url", ("src-daily8-undated-joshua-wong-second-charge",
             "src-reuters-undated-joshua-wong-second-charge")),
    ("url", ("src-globalvoices-2025-05-23-anna-kwok-father",
             "src-globalvoices-2025-05-23-kwok-yin-sang")),
    ("url", ("src-globalvoices-2025-06-09-joshua-wong-charged",
             "src-globalvoices-2025-06-09-joshua-wong-new-charge")),
    ("url", ("src-hkfp-2021-01-06-primaries-arrests-full-list",
             "src-hkfp-2021-01-06-primaries-arrests-list")),
    ("url", ("src-hkfp-2024-08-29-stand-news-guilty", "src-hkfp-2024-08-29-stand-news-verdict")),
    ("url", ("src-hkfp-2025-06-13-anna-kwok-father-adjourned",
             "src-hkfp-2025-06-13-kwok-yin-sang-adjourned")),
    ("url", ("src-rfa-2023-07-03-bounties-eight-activists",
             "src-rfa-2023-07-03-bounties-eight-overseas")),
    ("url", ("src-taipei-times-2024-04-12-joseph-john-jailed",
             "src-taipeitimes-2024-04-12-joseph-john-jailed")),
    ("publisher, title, date", ("src-hkcnews-2021-07-22-apple-daily-four-sections",
                                "src-hkcnews-2021-07-22-four-apple-daily-executives")),
    ("publisher, title, date", ("src-standnews-2021-08-30-sheep-books-cases-merged",
                                "src-standnews-2021-08-30-sheep-books-five-charged")),
}  # fmt: skip


def bundled_sources() -> dict[str, dict[str, str]]:
    """Every bundled source's first value of each property, by source ID."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for path in bundled_files():
        if path.suffix != ".yaml":
            continue
        for row in project_yaml.rows(str(path), Defaults()):
            if row.source_id == row.entity_id:
                found[row.entity_id].setdefault(row.prop, str(row.value))
    return dict(found)


def same_article(sources: dict[str, dict[str, str]]) -> set[tuple[str, tuple[str, ...]]]:
    """Groups of sources that name one article: the same URL (trailing slash and case of
    the host aside), or, when a source has no URL, the same publisher, title and date."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source_id, props in sources.items():
        url = props.get("sourceUrl", "").strip().rstrip("/")
        if url:
            scheme, _, rest = url.partition("://")
            host, _, path = rest.partition("/")
            groups["url", f"{scheme.lower()}://{host.lower()}/{path}"].append(source_id)
        else:
            date = props.get("publishedAt") or props.get("retrievedAt", "")
            key = "\n".join((props.get("publisher", ""), props.get("title", ""), date))
            groups["publisher, title, date", key].append(source_id)
    return {(kind, tuple(sorted(ids))) for (kind, _), ids in groups.items() if len(ids) > 1}


def test_no_article_is_recorded_as_two_sources() -> None:
    sources = bundled_sources()
    found = same_article(sources)
    assert found - KNOWN == set(), "the same article recorded twice: merge into one ID"
    assert KNOWN - found == set(), "merged or gone: take these off KNOWN"
    # Tsang Kwok-hei's InMedia report is one source now
    assert "src-inmedia-2024-04-10-tsang-kwok-hei-jailed" in sources
    assert "src-inmedia-2024-04-10-tsang-kwok-hei-sentence" not in sources


def test_the_rule_sees_a_pair_with_and_without_a_url() -> None:
    article = {"publisher": "InMedia", "title": "A report", "publishedAt": "2024-04-10"}
    assert same_article({"a": article, "b": dict(article)}) == {
        ("publisher, title, date", ("a", "b"))
    }
    linked = {
        "a": {"sourceUrl": "https://Example.org/x/"},
        "b": {"sourceUrl": "https://example.org/x"},
    }
    assert same_article(linked) == {("url", ("a", "b"))}
    # one with a URL and one without are not compared; different dates are two articles
    assert same_article({"a": article, "b": {**article, "publishedAt": "2024-04-11"}}) == set()
