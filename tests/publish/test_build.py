"""Incremental and atomic builds: only changed pages are rewritten, and a build killed at
any point leaves the previous site intact."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lionrock import Defaults, Fact, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.publish import SiteOptions, build_site, write_manifest
from tests.conftest import ROOT

NO_SEARCH = SiteOptions(search=False)
PERSON = "lr-person-benny-tai"
OTHER = "lr-org-apple-daily"


def _add_alias(store: Store, alias: str) -> None:
    source = next(f.source_id for f in store.entity(PERSON).facts)  # type: ignore[union-attr]
    with store.write() as writer:
        writer.put_facts([Fact(PERSON, "Person", "alias", alias, source, review="published")])


def _stat(site: Path, rel: str) -> tuple[int, int]:
    st = (site / rel).stat()
    return st.st_ino, st.st_mtime_ns


def test_rebuild_rewrites_only_changed_pages(bundled_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_site(bundled_store, out=out, options=NO_SEARCH)
    assert first.written == first.pages
    second = build_site(bundled_store, out=out, options=NO_SEARCH)  # the other folder
    assert second.written == 0 and second.removed == 0
    third = build_site(bundled_store, out=out, options=NO_SEARCH)  # back to the first
    assert third.written == 0
    unrelated = (f"en/entities/{OTHER}.html", "ja/timeline.html", "zh-hans/sanctions.html")
    before = {rel: _stat(out, rel) for rel in unrelated}
    _add_alias(bundled_store, "Synthetic Alias For A Test")
    try:
        fourth = build_site(bundled_store, out=out, options=NO_SEARCH)
        assert 0 < fourth.written <= 40, fourth  # the person, its case and lists, per language
        page = (out / "en" / "entities" / f"{PERSON}.html").read_text(encoding="utf-8")
        assert "Synthetic Alias For A Test" in page
        for rel, stat in before.items():
            assert _stat(out, rel) == stat, rel  # the very same file: not rewritten
    finally:
        with bundled_store.write() as writer:  # leave the shared store as it was
            writer.conn.execute(
                __import__("sqlalchemy").text("DELETE FROM statements WHERE value = :v"),
                {"v": "Synthetic Alias For A Test"},
            )


def _check_intact(site: Path) -> int:
    """The live copy matches its manifest exactly; returns its file count."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    present = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith("manifest.json")
    }
    assert present == set(listed)
    for rel, entry in listed.items():
        data = (site / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], rel
    return len(listed)


BUILD = """
import sys
from pathlib import Path
from lionrock import Store
from lionrock.publish import SiteOptions, build_site
build_site(Store(sys.argv[1]), out=Path(sys.argv[2]), options=SiteOptions(search=False))
"""


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    store = Store(url)
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    out = tmp_path / "site"
    build_site(store, out=out, options=NO_SEARCH)
    files = _check_intact(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(5)
    command = [sys.executable, "-c", BUILD, url, str(out)]
    for round_ in range(8):
        _add_alias(store, f"Synthetic Alias Round {round_}")
        started = time.perf_counter()
        proc = subprocess.Popen(command, env=env, start_new_session=True)
        time.sleep(rng.uniform(0.3, 4.0))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its render workers
        proc.wait()
        assert _check_intact(out) == files, (
            f"round {round_}, killed after {time.perf_counter() - started:.1f}s"
        )
    subprocess.run(command, env=env, check=True)
    _check_intact(out)
    page = (out / "en" / "entities" / f"{PERSON}.html").read_text(encoding="utf-8")
    assert "Synthetic Alias Round 7" in page


def test_output_that_is_not_ours_is_refused(memory_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    from lionrock.errors import LionRockError

    with pytest.raises(LionRockError, match="not a Lion Rock site"):
        build_site(memory_store, out=out, options=NO_SEARCH)
    assert (out / "precious.txt").read_text() == "keep me"


def test_manifest_lists_every_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_bytes(b"<p>x</p>")
    (tmp_path / "index.html").write_bytes(b"i")
    path = write_manifest(tmp_path)
    data = json.loads(path.read_text())
    assert [f["path"] for f in data["files"]] == ["a/x.html", "index.html"]
    assert data["files"][1] == {
        "path": "index.html",
        "sha256": hashlib.sha256(b"i").hexdigest(),
        "size": 1,
    }
    assert data["version"] and data["built_at"].endswith("Z")
