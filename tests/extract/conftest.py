"""Extraction fixtures: the bundled record and four real Citizen News court reports."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library import import_archive
from tests.conftest import BACKENDS, SHARED, _pg_schema_url

HKCNEWS = SHARED / "news" / "hkcnews-2020-06-to-2021-08.tar.xz"
#: 鍾翰林 charged, then convicted of desecrating the flag after pleading not guilty (he is
#: in the record, with published charges of his national-security case); 周庭 refused
#: bail pending appeal; 余慧明 charged and remanded. None is in the test split.
ARTICLES = ("article_35176.md", "article_36369.md", "article_36309.md", "article_41608.md")


def court_reports(folder: Path) -> Path:
    """The four articles, copied out of the archive as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(HKCNEWS, "r|xz") as archive:
        for member in archive:
            if member.isfile() and member.name.rsplit("/", 1)[-1] in ARTICLES:
                archive.extract(member, folder, filter="data")
    return folder


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return court_reports(tmp_path_factory.mktemp("reports"))


@pytest.fixture(params=BACKENDS)
def extract_store(request: pytest.FixtureRequest, tmp_path: Path, reports: Path) -> Iterator[Store]:
    """A fresh store per test and backend: the bundled record and the four reports."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, [str(p) for p in bundled_files()], defaults=Defaults(review="published"))
    import_archive(store, path=str(reports), format="hkcnews")
    yield store
    store.close()
    for _ in urls:
        pass
