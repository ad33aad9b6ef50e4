"""Kiwix finds full Chinese names in the published site's ZIM (issue #13, item 3): its
full-text index and its title suggestions, through kiwix-serve, for 李家超 and 戴耀廷;
and each page is titled in the language of its tree."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from libzim.reader import Archive  # type: ignore[import-untyped]

from lionrock import Defaults, Store, load_paths
from lionrock.publish import SiteOptions, build_site
from lionrock.release import build_zim
from tests.conftest import SOURCE_YAML, write
from tests.release.conftest import fetch, kiwix_serve

RECORD = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-lee
    schema: Person
    source: src-test
    properties:
      name: [{value: 李家超, lang: zho}, {value: John Lee Ka-chiu, lang: eng}]
      summary: {value: 香港特別行政區行政長官。, lang: zho}
  - id: lr-person-tai
    schema: Person
    source: src-test
    properties:
      name: [{value: 戴耀廷, lang: zho}, {value: Benny Tai Yiu-ting, lang: eng}]
      summary: {value: 香港大學法律學院前副教授。, lang: zho}
"""
)
LEE, TAI = "zh-hant/entities/lr-person-lee.html", "zh-hant/entities/lr-person-tai.html"


@pytest.fixture(scope="module")
def zim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("zimsite")
    store = Store(f"sqlite:///{folder / 'lr.db'}")
    load_paths(store, [write(folder / "record.yaml", RECORD)], defaults=Defaults())
    site = folder / "site"
    build_site(store, out=site, options=SiteOptions(search=False))
    out = folder / "lionrock.zim"
    build_zim(site.resolve(), out, title="Lion Rock", languages=["en", "zh-hant", "ja"])
    return out


@pytest.fixture(scope="module")
def kiwix(zim: Path) -> Iterator[str]:
    with kiwix_serve(zim) as url:
        yield url


@pytest.mark.parametrize(("name", "path"), [("李家超", LEE), ("戴耀廷", TAI)])
def test_kiwix_full_text_search_finds_the_full_name(
    kiwix: str, zim: Path, name: str, path: str
) -> None:
    query = urllib.parse.urlencode({"content": zim.stem, "pattern": name})
    assert f"/{zim.stem}/{path}" in fetch(f"{kiwix}/search?{query}")


@pytest.mark.parametrize(("name", "path"), [("李家超", LEE), ("戴耀廷", TAI)])
def test_kiwix_suggests_the_full_name(kiwix: str, zim: Path, name: str, path: str) -> None:
    query = urllib.parse.urlencode({"content": zim.stem, "term": name})
    paths = {s.get("path") for s in json.loads(fetch(f"{kiwix}/suggest?{query}"))}
    assert path in paths


def test_each_page_is_titled_in_its_trees_language(zim: Path) -> None:
    archive = Archive(str(zim))
    assert archive.get_entry_by_path(LEE).title.startswith("李家超")
    assert archive.get_entry_by_path("en/entities/lr-person-lee.html").title.startswith(
        "John Lee Ka-chiu"
    )
    assert archive.get_metadata("Language").decode() == "eng,zho,jpn"
