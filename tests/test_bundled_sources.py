"""One article, one source (issue #11, item 3): two bundled sources with the same URL, or
(without one) the same publisher, title and date, are the same article recorded twice,
as Tsang Kwok-hei's InMedia report of 10 April 2024 was until its two IDs were merged.

The ten pairs found when this test was written have been read side by side and merged
(one ID, every fact pointed at it, every evidence quote kept). A new pair fails the test:
merge it, or, if it is truly two articles, list it in `KNOWN` with the reason."""

from __future__ import annotations

from collections import defaultdict

from lionrock import Defaults
from lionrock.bundled import bundled_files
from lionrock.sources import project_yaml

#: (kind, source IDs) of same-looking sources read side by side and found to be two articles
KNOWN: set[tuple[str, tuple[str, ...]]] = set()


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
