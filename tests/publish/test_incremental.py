"""A rebuild is exactly a full build: after any change to the record or to the pages, the
site that a rebuild leaves is byte for byte (manifest included) the site that a fresh
build of the same record makes."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from lionrock import Defaults, Fact, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.publish import Page, SiteOptions, build_site
from lionrock.publish.state import file_list, splice

OPTIONS = SiteOptions(search=False, built="2026-01-01T00:00:00Z")
PERSON = "lr-person-benny-tai"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _extra(keys: dict[str, str]) -> list[Page]:
    """Pages of a large directory, as the benchmark adds its articles."""
    return [
        Page(f"zh-hant/articles/{name}.html", key, lambda k=key: f"<p>{k}</p>".encode())
        for name, key in keys.items()
    ]


def _same_as_fresh(store: Store, out: Path, fresh: Path, extra: list[Page]) -> None:
    built = build_site(store, out=out, options=OPTIONS, extra_pages=extra)
    assert built.written < built.pages
    full = build_site(store, out=fresh, options=OPTIONS, extra_pages=extra)
    assert full.written == full.pages
    assert _files(out) == _files(fresh)
    manifest = json.loads((out / "manifest.json").read_bytes())
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    files = _files(out)
    del files["manifest.json"]
    assert listed == {p: hashlib.sha256(data).hexdigest() for p, data in files.items()}


def test_a_rebuild_equals_a_full_build(store: Store, tmp_path: Path) -> None:
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    keys = {f"a{i:03d}": f"k{i}" for i in range(60)}
    out = tmp_path / "site"
    build_site(store, out=out, options=OPTIONS, extra_pages=_extra(keys))
    build_site(store, out=out, options=OPTIONS, extra_pages=_extra(keys))  # both folders
    source = next(f.source_id for f in store.entity(PERSON).facts)  # type: ignore[union-attr]
    unpublished = "lr-org-apple-daily"
    with store.write() as writer:
        # a changed record, a new record (new pages), a record taken down (pages go)
        writer.put_facts([Fact(PERSON, "Person", "alias", "Rebuild Alias", source,
                               review="published")])  # fmt: skip
        writer.put_entities({"lr-person-rebuild-test": "Person"})
        writer.put_facts([Fact("lr-person-rebuild-test", "Person", "name", "Aaron Rebuild",
                               source, review="published")])  # fmt: skip
        assert writer.set_review(unpublished, "draft") > 0
    # the large directory: a page changed, one gone, one added first, one added last
    keys["a007"] = "changed"
    del keys["a030"]
    keys = {"0first": "new", **keys, "zzz": "new-last"}
    _same_as_fresh(store, out, tmp_path / "fresh1" / "site", _extra(keys))
    assert not (out / "en" / "entities" / f"{unpublished}.html").exists()
    assert (out / "en" / "entities" / "lr-person-rebuild-test.html").exists()
    # and back: the other folder is two builds behind, and catches up
    with store.write() as writer:
        writer.set_review(unpublished, "published")
    del keys["zzz"]
    _same_as_fresh(store, out, tmp_path / "fresh2" / "site", _extra(keys))
    assert (out / "en" / "entities" / f"{unpublished}.html").exists()


def test_spliced_file_lists_equal_fresh_ones() -> None:
    rng = random.Random(5)
    stems = ["a", "b", "a.b", "a,,b", 'q"x', "日本", "a/b", '}{"path":', "x\\y"]
    names = [f"d{rng.randint(0, 3)}/{rng.choice(stems)}{i}.html" for i in range(150)]
    names += ["index.html", "a.html", "a/x.html"]
    for _ in range(400):
        files = {p: (hashlib.sha256(p.encode()).hexdigest(), rng.randint(0, 99))
                 for p in rng.sample(names, rng.randint(0, 30))}  # fmt: skip
        changes: dict[str, tuple[str, int] | None] = {}
        for path in rng.sample(names, rng.randint(0, 12)):
            gone = rng.random() < 0.3
            changes[path] = None if gone else (hashlib.sha256(path[::-1].encode()).hexdigest(), 7)
        after = dict(files)
        for path, change in changes.items():
            if change is None:
                after.pop(path, None)
            else:
                after[path] = change
        assert splice(file_list(files), changes, list(after)) == file_list(after)
    listed = file_list({"b": ("0" * 64, 2), "a": ("1" * 64, 1)})
    assert json.loads(f"[{listed}]") == [
        {"path": "a", "sha256": "1" * 64, "size": 1},
        {"path": "b", "sha256": "0" * 64, "size": 2},
    ]


def test_the_lean_loader_reads_what_the_store_gives(bundled_store: Store) -> None:
    """`SiteRecord.load` reads the published facts with one query of its own: the same
    entities, facts and order as `Store.iter_entities(published_only=True)`."""
    from lionrock.publish import SiteRecord

    loaded = SiteRecord.load(bundled_store)
    expected = SiteRecord.from_entities(bundled_store.iter_entities(published_only=True))
    assert loaded.entities == expected.entities
    assert list(loaded.entities) == list(expected.entities)
    assert loaded.backlinks == expected.backlinks
    assert set(loaded.fingerprints) == set(loaded.entities)
