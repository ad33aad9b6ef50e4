"""Importing existing archives, link watch, storage rules: on both store backends."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from lionrock.evidence import (
    ImportRefused,
    Signing,
    Target,
    Vault,
    capture,
    check_sources,
    import_archive,
    verify_file,
)
from lionrock.sources import Defaults, load_paths
from lionrock.store import Store
from tests.conftest import SHARED, write
from tests.evidence.conftest import FAST, Route, Site, sources_yaml

PYWB = SHARED / "warc" / "pywb-sample"


def _sources(store: Store, tmp_path: Path, urls: dict[str, str]) -> None:
    path = write(tmp_path / "sources.yaml", sources_yaml(urls))
    load_paths(store, [path], defaults=Defaults(review="published"))


def test_import_warc_links_sources_by_url(
    store: Store, vault: Vault, signing: Signing, tmp_path: Path
) -> None:
    # the sample archive holds http://www.iana.org/; the source cites the https form
    _sources(
        store, tmp_path, {"src-iana": "https://www.iana.org/", "src-other": "https://example.org/x"}
    )
    report = import_archive(PYWB / "iana.warc.gz", vault=vault, signing=signing, operator="t")
    assert report.linked == [("src-iana", "https://www.iana.org/")]
    assert report.pages > 1
    stored = vault.path_of(report.evidence_id)
    assert verify_file(stored).ok
    again = import_archive(PYWB / "iana.warc.gz", vault=vault, signing=signing, operator="t")
    assert again.evidence_id == report.evidence_id and again.linked == []  # stored once
    assert len(list(stored.parent.parent.glob("*/*.wacz"))) == 1


def test_import_wacz_is_stored_once(
    store: Store, vault: Vault, signing: Signing, tmp_path: Path
) -> None:
    wacz = SHARED / "warc" / "py-wacz-fixtures" / "valid_example_2.wacz"
    first = import_archive(wacz, vault=vault, signing=signing, operator="t")
    second = import_archive(wacz, vault=vault, signing=signing, operator="t")
    assert first.evidence_id == second.evidence_id
    assert vault.path_of(first.evidence_id).read_bytes() == wacz.read_bytes()
    assert len(vault.list()) == 1


@pytest.mark.parametrize(
    "name", ["example-trunc.warc", "example-wrong-chunks.warc.gz", "example-bad.warc.gz.bad"]
)
def test_broken_archives_are_refused(name: str, vault: Vault, signing: Signing) -> None:
    with pytest.raises(ImportRefused) as info:
        import_archive(SHARED / "warc" / "warcio-test" / name, vault=vault, signing=signing,
                       operator="t")  # fmt: skip
    assert name in str(info.value)
    assert vault.list() == []


def test_deleting_a_source_never_deletes_evidence_silently(
    store: Store, vault: Vault, signing: Signing, tmp_path: Path, site: Site
) -> None:
    _sources(store, tmp_path, {"src-a": site.url("/zh")})
    result = capture(targets=[Target(site.url("/zh"), "src-a")], vault=vault, signing=signing,
                     operator="t", options=FAST)[0]  # fmt: skip
    assert result.evidence_id and vault.links(result.evidence_id)
    with pytest.raises(sa.exc.DBAPIError, match="has evidence"), store.write() as writer:
        writer.conn.execute(sa.text("DELETE FROM statements WHERE entity_id = 'src-a'"))
        writer.conn.execute(sa.text("DELETE FROM entities WHERE id = 'src-a'"))
    assert store.entity("src-a") is not None  # the whole write rolled back
    assert vault.path_of(result.evidence_id).exists()
    assert vault.unlink(result.evidence_id, "src-a") == 1
    with store.write() as writer:  # on purpose, after unlinking: allowed; the file stays
        writer.conn.execute(sa.text("DELETE FROM statements WHERE entity_id = 'src-a'"))
        writer.conn.execute(sa.text("DELETE FROM entities WHERE id = 'src-a'"))
    assert vault.path_of(result.evidence_id).exists()


def test_link_watch_online_changed_offline(
    store: Store, vault: Vault, signing: Signing, tmp_path: Path, site: Site
) -> None:
    urls = {"src-a": site.url("/zh"), "src-b": site.url("/"), "src-c": site.url("/gone")}
    site.routes["/gone"] = Route(200, b"<p>soon gone</p>")
    _sources(store, tmp_path, urls)
    capture(targets=[Target(u, s) for s, u in urls.items()], vault=vault, signing=signing,
            operator="t", options=FAST)  # fmt: skip
    first = {s.source_id: s for s in check_sources(vault=vault, options=FAST)}
    assert {k: v.state for k, v in first.items()} == {
        "src-a": "online", "src-b": "online", "src-c": "online"}  # fmt: skip
    site.routes["/"] = Route(200, b"<p>rewritten by the publisher</p>")
    del site.routes["/gone"]
    second = {s.source_id: s for s in check_sources(vault=vault, options=FAST)}
    assert second["src-a"].state == "online"
    assert second["src-b"].state == "changed"
    assert second["src-c"].state == "offline" and second["src-c"].status == 404
    since = second["src-c"].offline_since
    assert since and second["src-c"].describe().startswith(f"offline since {since}")
    time.sleep(1.1)  # check times have one-second resolution
    site.stop()  # the whole site goes dark: no answer at all
    third = {s.source_id: s for s in check_sources(vault=vault, options=FAST)}
    assert all(s.state == "offline" for s in third.values())
    assert third["src-c"].offline_since == since  # still offline since the first failure
    assert third["src-a"].offline_since != since


def test_oversize_and_requisite_budget(vault: Vault, signing: Signing, site: Site) -> None:
    from dataclasses import replace

    site.routes["/page"] = Route(200, b"<img src='/big.png'><img src='/pixel.png'>")
    site.routes["/big.png"] = Route(200, b"\x89PNG" + b"0" * 5000, "image/png")
    options = replace(FAST, requisite_bytes=1000)
    result = capture(targets=[Target(site.url("/page"))], vault=vault, signing=signing,
                     operator="t", options=options)[0]  # fmt: skip
    assert result.outcome == "ok" and result.evidence_id
    assert verify_file(vault.path_of(result.evidence_id)).ok
    shutil.rmtree(vault.root)  # evidence removed behind our back is noticed by verify
    assert not verify_file(vault.path_of(result.evidence_id)).ok
