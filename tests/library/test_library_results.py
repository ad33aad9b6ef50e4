"""Library results as a user sees them (issue #13, item 6): one hit per article however
often the archive holds it, no source URL whose characters were lost, a reason for every
skipped item, and a hint that drafts are for signed-in users."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.cli import main
from lionrock.library import import_archive
from lionrock.library._search import clean_url, search_library
from lionrock.web import create_app
from tests.library.conftest import HKCNEWS

# 42901, 42904 and 42905 are one column under three IDs; 32805's source URL lost its slug
WANTED = {"article_42901.md", "article_42904.md", "article_42905.md", "article_32805.md"}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hkcnews")
    with tarfile.open(HKCNEWS, "r|xz") as archive:
        for member in archive:
            if Path(member.name).name in WANTED:
                archive.extract(member, folder, filter="data")
    assert len(list(folder.rglob("*.md"))) == len(WANTED)
    return folder


def test_near_duplicates_fold_into_one_hit(store: Store, articles: Path) -> None:
    import_archive(store, path=str(articles), format="hkcnews")
    hits = search_library(store, query='"unnatural death of Apple Daily"')
    assert len(hits) == 1
    ids = {hits[0].id, *hits[0].duplicates}
    assert len(ids) == 3 and all(i.startswith("hkcnews-") for i in ids)


def test_a_source_url_with_lost_characters_is_not_passed_on(store: Store, articles: Path) -> None:
    import_archive(store, path=str(articles), format="hkcnews")
    found = [
        h
        for h in search_library(store, query="hkcnews", limit=50)
        + search_library(store, query="香港", limit=50)
        if "32805" in (h.archive_url or "")
    ]
    assert found, "article 32805 was not found"
    assert found[0].url is None
    assert clean_url("https://hkcnews.com/article/32805/%EF%BF%BD%EF%BF%BD-32809/") is None
    assert clean_url("https://example.org/a/\ufffd") is None
    assert clean_url("https://www.hkcnews.com/article/42904/x") == (
        "https://www.hkcnews.com/article/42904/x"
    )


def test_skipped_items_come_with_their_reason(tmp_path: Path, articles: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    good = next(articles.rglob("article_42904.md"))
    (folder / "article_42904.md").write_bytes(good.read_bytes())
    (folder / "article_1.md").write_text('---\ntitle: ""\n---\nText.\n', encoding="utf-8")
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_DATABASE_URL": ""}
    runner = CliRunner()
    assert runner.invoke(main, ["init", "--empty"], env=env).exit_code == 0
    result = runner.invoke(main, ["library", "import", str(folder), "--format", "hkcnews"],
                           env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "set aside 1: no title" in result.output  # the reason, not a bare count
    assert "library import: reading articles 1 " in result.output  # the one-line summary


def test_the_public_search_says_drafts_need_signing_in(tmp_path: Path, articles: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    import_archive(Store(url), path=str(articles), format="hkcnews")  # drafts by default
    client = TestClient(create_app(Settings(database_url=url, home=tmp_path)))
    page = client.get("/library", params={"q": "unnatural death"}).text
    assert "No results." in page
    assert "only signed-in users see drafts" in page
