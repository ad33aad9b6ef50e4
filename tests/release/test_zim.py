"""The ZIM: zimcheck -A passes, kiwix-serve serves pages and finds them, verify reads it."""

from __future__ import annotations

import json
import struct
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from libzim.reader import Archive  # type: ignore[import-untyped]
from libzim.search import Query, Searcher  # type: ignore[import-untyped]

from lionrock.release import ZimError, build_zim, verify
from lionrock.release._zim import zim_languages
from tests.release.conftest import Keys, fetch, kiwix_serve

LANGUAGES = ["en", "zh-hant", "ja"]


@pytest.fixture(scope="module")
def zim(release_v2: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zim") / "lionrock.zim"
    build_zim(release_v2, out, title="Lion Rock", languages=LANGUAGES)
    return out


def test_zimcheck_passes(zim: Path) -> None:
    done = subprocess.run(
        ["zimcheck", "-A", str(zim)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Overall Test Status: Pass" in done.stdout


def test_the_mandatory_metadata(zim: Path) -> None:
    archive = Archive(str(zim))
    keys = [k for k in archive.metadata_keys if not k.startswith("Illustration")]
    meta = {key: bytes(archive.get_metadata(key)).decode() for key in keys}
    assert meta["Language"] == "eng,zho,jpn"
    assert meta["Title"] == "Lion Rock" and meta["Name"] == "lionrock_mul_all"
    for key in ("Creator", "Publisher", "Date", "Description"):
        assert meta[key], key
    assert archive.has_fulltext_index and archive.has_title_index
    png = bytes(archive.get_illustration_item(48).content)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (48, 48)
    assert archive.main_entry.get_item().path == "index.html"


def test_pages_are_stored_byte_for_byte(zim: Path, release_v2: Path) -> None:
    archive = Archive(str(zim))
    for path in ("zh-hant/people/john-lee.html", "img/lion.png", "manifest.json"):
        item = archive.get_entry_by_path(path).get_item()
        assert bytes(item.content) == (release_v2 / path).read_bytes()
    assert archive.get_entry_by_path("zh-hant/index.html").get_item().mimetype == "text/html"


def test_libzim_finds_the_chinese_name(zim: Path) -> None:
    search = Searcher(Archive(str(zim))).search(Query().set_query("李家超"))
    found = set(search.getResults(0, 10))
    assert {"zh-hant/people/john-lee.html", "ja/people/john-lee.html"} <= found


@pytest.fixture(scope="module")
def kiwix(zim: Path) -> Iterator[str]:
    with kiwix_serve(zim) as url:
        yield url


def test_kiwix_serves_a_page(kiwix: str, zim: Path) -> None:
    page = fetch(f"{kiwix}/{zim.stem}/zh-hant/people/john-lee.html")
    assert "人物：李家超，行政長官" in page
    # a folder link (…/en/) is redirected to its index.html
    assert "Lion Rock en 2" in fetch(f"{kiwix}/{zim.stem}/en/")


def test_kiwix_suggests_the_chinese_name(kiwix: str, zim: Path) -> None:
    query = urllib.parse.urlencode({"content": zim.stem, "term": "李家"})
    suggestions = json.loads(fetch(f"{kiwix}/suggest?{query}"))
    paths = {s.get("path") for s in suggestions}
    assert "zh-hant/people/john-lee.html" in paths


def test_kiwix_full_text_search(kiwix: str, zim: Path) -> None:
    query = urllib.parse.urlencode({"content": zim.stem, "pattern": "Chief Executive"})
    results = fetch(f"{kiwix}/search?{query}")
    assert f"/{zim.stem}/en/people/john-lee.html" in results


def test_verify_a_zim(zim: Path, keys: Keys, tmp_path: Path) -> None:
    report = verify(str(zim), pubkey=keys.public, state_dir=tmp_path / "state")
    assert report.ok, report.problems
    assert report.kind == "zim"


def test_a_zim_of_an_altered_site_names_the_file(site: Path, keys: Keys, tmp_path: Path) -> None:
    page = site / "ja/people/john-lee.html"
    page.write_text(page.read_text(encoding="utf-8").replace("李家超", "X"), encoding="utf-8")
    (site / "ja/added.html").write_text("<title>x</title>", encoding="utf-8")
    build_zim(site, tmp_path / "bad.zim", title="Lion Rock", languages=LANGUAGES)
    report = verify(str(tmp_path / "bad.zim"), pubkey=keys.public, state_dir=tmp_path / "s")
    found = {p.location.path: p.message for p in report.problems}
    assert set(found) == {"ja/people/john-lee.html", "ja/added.html"}


def test_languages_and_metadata_limits(site: Path, tmp_path: Path) -> None:
    assert zim_languages(["en", "zh-hant", "zh-hans", "ja"]) == "eng,zho,jpn"
    with pytest.raises(ZimError, match="tlh"):
        zim_languages(["tlh"])
    with pytest.raises(ZimError, match="30 characters"):
        build_zim(site, tmp_path / "x.zim", title="x" * 31, languages=["en"])
    assert not (tmp_path / "x.zim").exists()


def test_altered_tuf_metadata_in_a_zim_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "tuf/snapshot.json").write_text("{}")
    build_zim(site, tmp_path / "t.zim", title="Lion Rock", languages=LANGUAGES)
    report = verify(str(tmp_path / "t.zim"), pubkey=keys.public, state_dir=tmp_path / "s")
    assert [p.location.path for p in report.problems] == ["tuf/snapshot.json"]
