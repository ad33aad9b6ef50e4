"""Mirrors: a signed mirrors.json, and a check of good, stale, tampered and dead mirrors."""

from __future__ import annotations

import json
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.release import Mirror, check_mirrors, read_mirrors, write_mirrors
from lionrock.release._mirrors import MirrorsError, parse_mirrors
from tests.release.conftest import Keys, free_port


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield int(sock.getsockname()[1])
    sock.close()


@pytest.fixture
def mirror_sites(tmp_path: Path, release_v1: Path, release_v2: Path, serve) -> dict[str, str]:  # type: ignore[no-untyped-def]
    good = serve(shutil.copytree(release_v2, tmp_path / "good"))
    stale = serve(shutil.copytree(release_v1, tmp_path / "stale"))
    tampered = shutil.copytree(release_v2, tmp_path / "tampered")
    manifest = tampered / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"2"', '"2-evil"', 1))
    page_tampered = shutil.copytree(release_v2, tmp_path / "page")
    (page_tampered / "zh-hant/index.html").write_text("<p>altered</p>", encoding="utf-8")
    return {
        "good": good.url,
        "stale": stale.url,
        "tampered": serve(tampered).url,
        "page": serve(page_tampered).url,
        "dead": f"http://127.0.0.1:{free_port()}/",
    }


def test_check_reports_each_state(mirror_sites: dict[str, str], keys: Keys) -> None:
    mirrors = [Mirror(url, "https", name) for name, url in mirror_sites.items()]
    results = {s.mirror.note: s for s in check_mirrors(mirrors, pubkey=keys.public, timeout=3)}
    assert {name: s.state for name, s in results.items()} == {
        "good": "up-to-date",
        "stale": "stale",
        "tampered": "tampered",
        "page": "up-to-date",  # a valid manifest: only --deep fetches every page
        "dead": "unreachable",
    }
    deep = check_mirrors(mirrors, pubkey=keys.public, timeout=3, deep=True)
    page = next(s for s in deep if s.mirror.note == "page")
    assert page.state == "tampered" and "zh-hant/index.html" in page.detail


def test_check_against_the_current_release(
    mirror_sites: dict[str, str], keys: Keys, release_v1: Path
) -> None:
    """With the current release given, a mirror is stale if older than it."""
    mirrors = [Mirror(mirror_sites["stale"], "cdn")]
    assert check_mirrors(mirrors, pubkey=keys.public)[0].state == "up-to-date"
    (status,) = check_mirrors(mirrors, pubkey=keys.public, current=mirror_sites["good"])
    assert status.state == "stale" and "serves the release built" in status.detail


def test_a_silent_mirror_times_out(silent_port: int, keys: Keys) -> None:
    mirrors = [Mirror(f"http://127.0.0.1:{silent_port}/", "https")]
    start = time.monotonic()
    (status,) = check_mirrors(mirrors, pubkey=keys.public, timeout=0.5)
    assert status.state == "unreachable"
    assert time.monotonic() - start < 5


def test_mirrors_json_is_signed(tmp_path: Path, keys: Keys, other_keys: Keys) -> None:
    out = tmp_path / "mirrors.json"
    listed = [
        Mirror("https://mirror.example.org/lionrock/", "https"),
        Mirror("http://exampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion/", "onion"),
        Mirror("https://ipfs.example.org/ipfs/bafy/", "ipfs-gateway", "IPFS"),
    ]
    write_mirrors(out, listed, secret_key=keys.secret)
    assert read_mirrors(str(out), pubkey=keys.public) == listed
    with pytest.raises(MirrorsError, match="not signed"):
        read_mirrors(str(out), pubkey=other_keys.public)
    out.write_text(out.read_text().replace("mirror.example.org", "evil.example.org"))
    with pytest.raises(MirrorsError, match="not signed"):
        read_mirrors(str(out), pubkey=keys.public)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"url": "https://m.example.org/", "kind": "ftp"}, "kind"),
        ({"url": "ftp://m.example.org/", "kind": "https"}, "url"),
        ({"url": "https://m.example.org/", "kind": "onion"}, "onion"),
        ({"url": "http://abc.onion/", "kind": "cdn"}, "onion"),
        ({"kind": "cdn"}, "url"),
    ],
)
def test_bad_mirror_entries_are_refused(item: dict[str, str], message: str) -> None:
    with pytest.raises(MirrorsError, match=message):
        parse_mirrors([item], source="mirrors.yaml")


def test_the_cli(mirror_sites: dict[str, str], keys: Keys, tmp_path: Path, serve) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "mirrors.yaml"
    items = [{"url": mirror_sites[n], "kind": "https", "note": n} for n in ("good", "stale")]
    source.write_text(json.dumps(items))
    site = tmp_path / "site"
    site.mkdir()
    out = site / "mirrors.json"
    runner = CliRunner()
    args = ["mirrors", "sign", str(source), "--secret-key", str(keys.secret), "-o", str(out)]
    result = runner.invoke(main, args, env={"LIONROCK_KEY_PASSWORD": ""})
    assert result.exit_code == 0, result.output
    listing = serve(site).url + "mirrors.json"
    check = ["mirrors", "check", listing, "--pubkey", keys.line, "--timeout", "3"]
    result = runner.invoke(main, check)
    assert result.exit_code == 1
    assert f"up-to-date   https         {mirror_sites['good']}" in result.output
    assert f"stale        https         {mirror_sites['stale']}" in result.output
    assert "1 of 2 mirrors are not up to date" in result.output
    source.write_text(json.dumps([{"url": "https://x.example.org/", "kind": "tor"}]))
    result = runner.invoke(main, args, env={"LIONROCK_KEY_PASSWORD": ""})
    assert result.exit_code == 1 and "mirror 1: field 'kind'" in result.output
