"""Library fixtures: the real Citizen News archive, imported once per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library import ImportReport, import_archive, link_entities
from lionrock.library._link import LinkReport
from tests.conftest import BACKENDS, SHARED, _pg_schema_url

HKCNEWS = SHARED / "news" / "hkcnews-2020-06-to-2021-08.tar.xz"
APPLEDAILY = SHARED / "news" / "appledaily-samples"
WARC = SHARED / "warc"


@pytest.fixture(scope="session", params=BACKENDS)
def archive_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, ImportReport, LinkReport]]:
    """The bundled record plus the whole Citizen News archive (from its tar.xz), linked."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('lib')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    report = import_archive(store, path=str(HKCNEWS), format="hkcnews")
    links = link_entities(store)
    yield store, report, links
    store.close()
    for _ in urls:
        pass


def subset(tmp_path: Path, count: int = 200) -> Path:
    """The first `count` articles of the archive, unpacked into a folder."""
    import tarfile

    folder = tmp_path / "hkcnews"
    with tarfile.open(HKCNEWS, "r|xz") as archive:
        taken = 0
        for member in archive:
            if member.isfile() and member.name.endswith(".md"):
                archive.extract(member, folder, filter="data")
                taken += 1
                if taken >= count:
                    break
    return folder
