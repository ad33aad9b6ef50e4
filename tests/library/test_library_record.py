"""Linking, citing, reviewing, timelines and the copyright rule on published output, with
a slice of the real archive and the bundled record, on both backends."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock import Defaults, LionRockError, Settings, Store, export_store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library import (
    NameForm,
    RecordNames,
    article_timeline,
    article_view,
    cite_article,
    import_archive,
    link_entities,
    mentions,
    review_mention,
)
from lionrock.render.copyright import MAX_EXCERPT_CHARS
from lionrock.render.timeline_svg import timeline_svg
from lionrock.web import create_app
from tests.library.conftest import subset


@pytest.fixture
def linked(store: Store, tmp_path: Path) -> Iterator[Store]:
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    import_archive(store, path=str(subset(tmp_path, 400)), format="hkcnews")
    link_entities(store)
    yield store


def test_short_and_common_names_are_refused() -> None:
    layer = RecordNames()
    assert layer.refuse(NameForm("陳", "zho", "name")) is not None
    assert layer.refuse(NameForm("民陣", "zho", "abbreviation")) is not None
    assert layer.refuse(NameForm("Wong", "eng", "alias")) is not None
    assert layer.refuse(NameForm("Jo Li", "eng", "alias")) is not None
    assert layer.refuse(NameForm("CHRF", "eng", "abbreviation")) is None
    assert layer.refuse(NameForm("鄒幸彤", "zho", "name")) is None
    assert layer.refuse(NameForm("Chow Hang-tung", "eng", "name")) is None


def test_links_are_suggested_and_editors_decide(linked: Store) -> None:
    found = mentions(linked)
    assert found and all(m["review"] == "suggested" for m in found)
    assert all(m["name"] in m["snippet"] and len(m["snippet"]) <= 200 for m in found)
    first, second = found[0], found[1]
    review_mention(linked, mention_id=first["id"], decision="confirm")
    review_mention(linked, mention_id=second["id"], decision="reject")
    again = link_entities(linked)
    assert again.new == []  # nothing re-suggested, nothing overwritten
    states = {m["id"]: m["review"] for m in mentions(linked, review=None)}
    assert states[first["id"]] == "published" and states[second["id"]] == "rejected"
    article = linked.entity(first["article"], published_only=True)
    assert article is not None and article.first("title")  # the citation is now public


def test_article_becomes_a_citation(linked: Store) -> None:
    article_id = mentions(linked)[0]["article"]
    fact = cite_article(
        linked,
        article_id=article_id,
        entity_id="lr-person-benny-tai",
        prop="notes",
        value="Synthetic test note.",
    )
    assert fact.source_id == article_id and fact.review == "draft"
    with pytest.raises(LionRockError, match="unknown property"):
        cite_article(linked, article_id=article_id, entity_id="lr-person-benny-tai",
                     prop="nope", value="x")  # fmt: skip
    with pytest.raises(LionRockError, match="no article"):
        cite_article(linked, article_id="lr-person-benny-tai", entity_id="lr-person-benny-tai",
                     prop="notes", value="x")  # fmt: skip


def test_timeline_json_and_svg(linked: Store) -> None:
    data = article_timeline(linked)
    assert data["total"] == sum(sum(v.values()) for v in data["series"].values()) > 300
    assert data["months"] == sorted(data["months"])
    assert any(e["id"] for e in data["events"])  # the record's events on the same axis
    entity = mentions(linked)[0]["entity"]
    per_entity = article_timeline(linked, entity_id=entity)
    assert 0 < per_entity["total"] <= data["total"]
    svg = timeline_svg(months=data["months"], series=data["series"], events=data["events"])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "<script" not in svg and "http" not in svg.split(">", 1)[1]
    assert svg.count('class="event"') == len(data["events"])
    hostile = timeline_svg(months=["2021-01"], series={"<b>&": {"2021-01": 1}},
                           events=[{"date": "2021-01-02", "name": "<script>"}])  # fmt: skip
    ET.fromstring(hostile)
    assert "<script>" not in hostile


def test_published_output_shows_only_an_excerpt(linked: Store) -> None:
    chosen = mentions(linked)[0]
    review_mention(linked, mention_id=chosen["id"], decision="confirm")
    article_id = chosen["article"]
    body = article_view(linked, article_id=article_id, public=False)["body"]
    assert len(body) > 2 * MAX_EXCERPT_CHARS
    middle = body[len(body) // 2 : len(body) // 2 + 40]
    public = article_view(linked, article_id=article_id)
    assert "body" not in public and len(public["excerpt"]) <= MAX_EXCERPT_CHARS
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=linked))
    page = client.get(f"/library/articles/{article_id}")
    assert page.status_code == 200 and public["title"] in page.text
    assert middle not in page.text
    api = client.get(f"/api/library/articles/{article_id}").json()
    assert set(api) >= {"title", "date", "publisher", "excerpt", "archive_url"}
    assert "body" not in api
    word = chosen["name"]
    found = client.get("/api/library/search", params={"q": word}).json()["results"]
    assert [r["id"] for r in found] == [article_id]  # drafts never appear in public
    assert all(len(r["excerpt"]) <= MAX_EXCERPT_CHARS and "body" not in r for r in found)
    assert client.get("/library", params={"q": word}).status_code == 200
    assert client.get("/library/timeline.svg").headers["content-type"].startswith("image/svg")
    draft = next(m["article"] for m in mentions(linked) if m["article"] != article_id)
    assert client.get(f"/api/library/articles/{draft}").status_code == 404  # not published
    out = io.StringIO()
    export_store(linked, out, format="ftm", published_only=True)
    assert middle not in out.getvalue() and article_id in out.getvalue()


def test_open_licence_allows_full_text(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    text = "Synthetic open text. " * 40
    (folder / "a.md").write_text(
        f'---\ntitle: Open\ndate: 2021-01-01\nlicense: CC-BY-4.0\nurl: "https://example.org/a"'
        f"\n---\n{text}\n",
        encoding="utf-8",
    )
    import_archive(store, path=str(folder), format="markdown", publisher="Example",
                   review="published")  # fmt: skip
    article_id = next(iter(store.iter_entities(schema="Article"))).id
    view = article_view(store, article_id=article_id)
    assert view["license"] == "CC-BY-4.0" and view["body"].startswith("Synthetic open text.")
    data = json.loads(json.dumps(view))
    assert len(data["excerpt"]) <= MAX_EXCERPT_CHARS
