"""The CAR: UnixFS that npm's ipfs-car unpacks byte for byte, with a stable root CID."""

from __future__ import annotations

import filecmp
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from lionrock.release import CarError, CarReader, _car, build_car, verify
from tests.release.conftest import Keys, require_ipfs_car


def ipfs_car(*args: str) -> str:
    done = subprocess.run(
        [str(require_ipfs_car()), *args], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / p, b / p, shallow=False) for p in files_a)


@pytest.fixture
def big_site(site: Path) -> Path:
    """The signed site plus files that need several 1 MiB chunks, and an empty one."""
    rng = random.Random(5)
    (site / "media").mkdir()
    (site / "media" / "big.bin").write_bytes(rng.randbytes(2 * 1024 * 1024 + 123))
    (site / "media" / "exact.bin").write_bytes(rng.randbytes(1024 * 1024))
    (site / "media" / "empty.txt").write_bytes(b"")
    (site / "media" / "名字 with space.txt").write_text("香港", encoding="utf-8")
    return site


def test_ipfs_car_unpacks_it_byte_identical(big_site: Path, tmp_path: Path) -> None:
    root = build_car(big_site, tmp_path / "site.car")
    ipfs_car("unpack", str(tmp_path / "site.car"), "--output", str(tmp_path / "out"))
    assert same_tree(big_site, tmp_path / "out")
    roots = ipfs_car("roots", str(tmp_path / "site.car"))
    assert roots == root


def test_the_same_input_gives_the_same_root_and_bytes(big_site: Path, tmp_path: Path) -> None:
    first = build_car(big_site, tmp_path / "a.car")
    copy = shutil.copytree(big_site, tmp_path / "copy")
    for path in copy.rglob("*"):
        os.utime(path, (0, 0))  # times are not part of the CAR
    assert build_car(copy, tmp_path / "b.car") == first
    assert (tmp_path / "a.car").read_bytes() == (tmp_path / "b.car").read_bytes()
    (copy / "index.html").write_text("changed")
    assert build_car(copy, tmp_path / "c.car") != first


def test_the_root_cid_equals_ipfs_car_pack(big_site: Path, tmp_path: Path) -> None:
    """`ipfs-car pack DIR` uses the same settings (1 MiB raw leaves, width 1024, CIDv1),
    so the root CIDs agree for folders under its 1,000-entry sharding threshold."""
    ours = build_car(big_site, tmp_path / "ours.car")
    theirs = ipfs_car("pack", str(big_site), "--output", str(tmp_path / "theirs.car"))
    assert ours == theirs
    assert ours.startswith("bafybei")


def test_a_deep_file_tree_unpacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The balanced layout above WIDTH leaves (1 GiB with ipfs-car's settings), scaled
    down: 1 KiB chunks, 3 links per node, so a 10 KiB file is a three-level tree."""
    monkeypatch.setattr(_car, "CHUNK_SIZE", 1024)
    monkeypatch.setattr(_car, "WIDTH", 3)
    site = tmp_path / "site"
    site.mkdir()
    (site / "deep.bin").write_bytes(random.Random(1).randbytes(10 * 1024 + 7))
    build_car(site, tmp_path / "deep.car")
    ipfs_car("unpack", str(tmp_path / "deep.car"), "--output", str(tmp_path / "out"))
    assert same_tree(site, tmp_path / "out")
    files = list(CarReader(tmp_path / "deep.car").files())
    assert [(f.path, f.size) for f in files] == [("deep.bin", 10 * 1024 + 7)]


def test_verify_a_car(big_site: Path, keys: Keys, tmp_path: Path) -> None:
    # the manifest predates the extra media files: re-sign to include them
    from lionrock.release import sign_site, write_manifest

    write_manifest(big_site, version="2")
    sign_site(big_site, secret_key=keys.secret)
    build_car(big_site, tmp_path / "site.car")
    report = verify(str(tmp_path / "site.car"), pubkey=keys.public, state_dir=tmp_path / "s")
    assert report.ok, report.problems
    assert report.kind == "car"


def test_a_car_of_an_altered_site_names_the_files(site: Path, keys: Keys, tmp_path: Path) -> None:
    (site / "ja/index.html").write_text("altered", encoding="utf-8")
    (site / "en/added.html").write_text("added", encoding="utf-8")
    (site / "css/site.css").unlink()
    build_car(site, tmp_path / "site.car")
    report = verify(str(tmp_path / "site.car"), pubkey=keys.public, state_dir=tmp_path / "s")
    found = {p.location.path: p.message for p in report.problems}
    assert set(found) == {"ja/index.html", "en/added.html", "css/site.css"}
    assert found["en/added.html"].startswith("added")


def test_a_corrupted_car_block_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    build_car(site, tmp_path / "site.car")
    data = bytearray((tmp_path / "site.car").read_bytes())
    at = data.find("人物".encode())  # inside a page's raw block
    data[at] ^= 0x01
    (tmp_path / "bad.car").write_bytes(bytes(data))
    with pytest.raises(CarError, match="does not match its CID"):
        list(CarReader(tmp_path / "bad.car").files())
    report = verify(str(tmp_path / "bad.car"), pubkey=keys.public, state_dir=tmp_path / "s")
    assert not report.ok and "does not match its CID" in str(report.problems[0])
    assert "people/john-lee.html" in str(report.problems[0])  # the file it belongs to


def test_garbage_is_not_a_car(tmp_path: Path, keys: Keys) -> None:
    (tmp_path / "x.car").write_bytes(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff")
    report = verify(str(tmp_path / "x.car"), pubkey=keys.public, state_dir=tmp_path / "s")
    assert not report.ok and report.problems[0].location.path == "x.car"


def test_altered_tuf_metadata_in_a_car_is_caught(site: Path, keys: Keys, tmp_path: Path) -> None:
    targets = site / "tuf/targets.json"
    targets.write_text(targets.read_text().replace('"expires": "', '"expires": "1'))
    build_car(site, tmp_path / "site.car")
    report = verify(str(tmp_path / "site.car"), pubkey=keys.public, state_dir=tmp_path / "s")
    assert [p.location.path for p in report.problems] == ["tuf/targets.json"]


def test_the_cli_verifies_a_car(site: Path, keys: Keys, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lionrock.cli import main

    build_car(site, tmp_path / "site.car")
    args = ["verify", str(tmp_path / "site.car"), "--pubkey", keys.line]
    result = CliRunner().invoke(main, [*args, "--state", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "(car)" in result.output


@pytest.mark.parametrize("codec", ["raw", "dag-pb"])
def test_our_cids_are_the_multiformats_cids(codec: str) -> None:
    from multiformats import CID, multihash

    from lionrock.release._unixfs import Cid, make_cid

    data = "香港".encode()
    theirs = CID("base32", 1, codec, multihash.digest(data, "sha2-256"))
    ours = make_cid(codec, data)
    assert bytes(ours) == bytes(theirs) and str(ours) == str(theirs)
    assert Cid.from_bytes(bytes(theirs)) == ours
    with pytest.raises(ValueError):
        Cid.from_bytes(bytes(CID("base32", 1, "dag-cbor", multihash.digest(data, "sha2-256"))))


def test_a_folder_of_more_than_1000_entries_is_sharded(tmp_path: Path) -> None:
    """ipfs-car (and kubo) shard a directory of more than 1,000 entries as a HAMT, so
    gateways can read it: the same root CID as `ipfs-car pack`, unpacked byte-identical."""
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    for i in range(1500):
        (site / "articles" / f"article_{i}.html").write_text(f"<p>{i}</p>", encoding="utf-8")
    (site / "articles" / "名字 with space.html").write_text("香港", encoding="utf-8")
    (site / "articles" / "sub").mkdir()
    (site / "articles" / "sub" / "x.txt").write_text("x", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    ours = build_car(site, tmp_path / "ours.car")
    theirs = ipfs_car("pack", str(site), "--output", str(tmp_path / "theirs.car"))
    assert ours == theirs
    ipfs_car("unpack", str(tmp_path / "ours.car"), "--output", str(tmp_path / "out"))
    assert same_tree(site, tmp_path / "out")
    reader = CarReader(tmp_path / "ours.car")
    files = {f.path: f.size for f in reader.files()}
    assert len(files) == 1503 and files["articles/sub/x.txt"] == 1
    assert _car.read_car_file(reader, "articles/article_7.html", max_length=99) == b"<p>7</p>"
    assert _car.read_car_file(reader, "articles/sub/x.txt", max_length=99) == b"x"
    with pytest.raises(KeyError):
        _car.read_car_file(reader, "articles/missing.html", max_length=99)
