"""Incremental, atomic site output.

The site at `DIR` is a symlink to one of two build folders, `.DIR.builds/a` and `/b`. A
build updates the folder that is *not* live, then switches the symlink with one atomic
`rename`. A crash or kill at any point leaves the live copy untouched (issue #5, item 10).

The folder being built remembers (`lionrock.publish.state`) the input hash (`Page.key`)
of every page it holds, by directory, and the manifest's list of its files; only pages
whose key changed are rendered and written, and only their manifest entries change. The
state file is removed before the first change and written back after the last, so an
interrupted folder is never trusted: the next build starts it again as hard links of the
live copy. Files are never modified in place (an old file is unlinked and a new one
written), so hard links shared with the live copy cannot change under its readers.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lionrock.errors import LionRockError
from lionrock.progress import QUIET, Progress
from lionrock.publish import state as st
from lionrock.publish.manifest import MANIFEST, manifest_text
from lionrock.workers import die_with_parent

STATE_VERSION = 2
PARALLEL_MIN = 400  # below this many pages, forking workers costs more than it saves


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: its path under the site root, the hash of everything it is made
    from, and how to make it. Example: `Page("en/index.html", key, lambda: b"...")`."""

    path: str
    key: str
    render: Callable[[], bytes]


@dataclass(slots=True)
class BuildReport:
    """What a build did."""

    site: Path
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


def _write_file(root: Path, rel: str, data: bytes) -> tuple[str, int]:
    """Write a page as a new file; never modify one in place.

    The folder being built is not live, and is not trusted while it is being built (its
    state file is gone), so a page need not appear atomically; but its old file may be a
    hard link shared with the live copy, so it is unlinked, never overwritten.
    """
    path = f"{root}/{rel}"
    try:
        fd = os.open(path, _NEW, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, _NEW, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    return hashlib.sha256(data).hexdigest(), len(data)


def _replace_file(path: Path, data: bytes) -> None:
    """Write a file that must appear whole or not at all: a new file renamed over it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


_FORKED: tuple[Path, Sequence[Page]] | None = None


def _render_chunk(indices: list[int]) -> list[tuple[str, str, int]]:
    assert _FORKED is not None
    gc.enable()  # the parent may have paused it for its own bookkeeping
    root, pages = _FORKED
    return [(pages[i].path, *_write_file(root, pages[i].path, pages[i].render())) for i in indices]


class BuildDir:
    """The build folder being updated. Use `open_build(out)`."""

    def __init__(self, out: Path, builds: Path, name: str, state: dict[str, Any]) -> None:
        self.out = out
        self.builds = builds
        self.name = name
        self.path = builds / name
        self.state = state
        self.report = BuildReport(site=out)
        self.blobs = st.Blobs(builds / "blobs")
        #: the manifest entries that change in this build (None: the file is gone)
        self.changes: dict[str, st.Change] = {}
        self._paths: Iterable[str] = ()

    def write_pages(
        self,
        pages: Sequence[Page],
        *,
        warm: Callable[[], None] | None = None,
        progress: Progress = QUIET,
    ) -> None:
        """Write the pages whose key changed; remove pages no longer in the site.

        Pages are compared by directory: a directory whose pages and keys are all as
        before is skipped whole. `warm()` runs before rendering is forked to workers,
        so that what it prepares (compiled templates) is made once, not per worker.
        """
        groups: dict[str, tuple[list[Page], list[str]]] = {}
        for page in pages:
            path = page.path
            folder = path.rpartition("/")[0]
            group = groups.get(folder)
            if group is None:
                group = groups[folder] = ([], [])
            group[0].append(page)
            group[1].append(f"{path}\t{page.key}\n")  # the directory's blob, line by line
        old_dirs: dict[str, str] = self.state.get("dirs", {})
        dirs: dict[str, str] = {}
        todo: list[Page] = []
        gone: list[str] = []
        for folder, (members, blob) in groups.items():
            lines = "".join(blob)
            digest = hashlib.sha256(lines.encode("utf-8")).hexdigest()
            dirs[folder] = digest
            if old_dirs.get(folder) == digest:
                continue
            old = self._keys(old_dirs.get(folder))
            todo += [p for p in members if old.get(p.path) != p.key]
            wanted = {p.path for p in members}
            gone += [p for p in old if p not in wanted]
            self.blobs.put(lines)
        for folder in old_dirs.keys() - groups.keys():
            gone += list(self._keys(old_dirs[folder]))
        for path in sorted(gone):
            (self.path / path).unlink(missing_ok=True)
            self.changes[path] = None
        for parent in {p.path.rpartition("/")[0] for p in todo}:
            os.makedirs(self.path / parent, exist_ok=True)
        with progress.stage("writing pages", total=len(todo)) as advance:
            for path, sha, size in self._render(todo, warm):
                self.changes[path] = (sha, size)
                advance(1)
        top = {f.split("/", 1)[0] for f in groups if f}
        top |= {p.path for p in groups.get("", ([], []))[0]}
        self.state["dirs"] = dirs
        self.state["top"] = sorted(top)
        self._paths = [p.path for p in pages]
        self.report.pages = len(pages)
        self.report.written = len(todo)
        self.report.unchanged = len(pages) - len(todo)
        self.report.removed = len(gone)

    def _keys(self, digest: str | None) -> dict[str, str]:
        return st.parse_key_lines(self.blobs.get(digest)) if digest else {}

    def _render(
        self, todo: Sequence[Page], warm: Callable[[], None] | None
    ) -> Iterator[tuple[str, str, int]]:
        workers = min(os.cpu_count() or 1, 8)
        if len(todo) < PARALLEL_MIN or workers < 2:
            for page in todo:
                yield (page.path, *_write_file(self.path, page.path, page.render()))
            return
        if warm is not None:
            warm()
        global _FORKED
        _FORKED = (self.path, todo)
        # smaller chunks: a worker slowed by another process leaves less for the end
        count = max(workers * 4, min(32, len(todo) // 200))
        chunks = [list(range(i, len(todo), count)) for i in range(count)]
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers, die_with_parent, (os.getpid(),)) as pool:
                for done in pool.imap_unordered(_render_chunk, chunks):
                    yield from done
        finally:
            _FORKED = None

    def regenerate(self, name: str, key: str, make: Callable[[Path], None]) -> bool:
        """Remake the managed folder `name` (e.g. the search index) when `key` changed.
        The old folder is removed first, so nothing shared with the live copy is touched.
        Returns whether it was remade."""
        managed = self.state.setdefault("managed", {})
        files = self.state.setdefault("managed_files", {})
        folder = self.path / name
        if managed.get(name) == key and folder.is_dir():
            return False
        managed.pop(name, None)
        for rel in files.pop(name, {}):
            self.changes[rel] = None
        shutil.rmtree(folder, ignore_errors=True)
        make(self.path)
        found: dict[str, tuple[str, int]] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                rel = path.relative_to(self.path).as_posix()
                found[rel] = (hashlib.sha256(data).hexdigest(), len(data))
        files[name] = found
        self.changes.update(found)
        managed[name] = key
        return True

    def write_manifest(self, *, built: str = "") -> Path:
        """Write `manifest.json`: the previous list of files with this build's changes
        spliced in (so unchanged files are neither read nor hashed again)."""
        managed = self.state.get("managed_files", {}).values()
        paths = itertools.chain(self._paths, *managed)
        old = self.state.get("files")
        text = st.splice(self.blobs.get(old) if old else "", self.changes, paths)
        self.state["files"] = self.blobs.put(text)
        path = self.path / MANIFEST
        _replace_file(path, manifest_text(text, built=built).encode("utf-8"))
        return path

    def commit(self) -> None:
        """Record the state of this folder and switch the site to it, atomically."""
        top = set(self.state.get("top", ())) | set(self.state.get("managed", {}))
        # files others wrote (manifest, signatures): removed before this folder is reused
        self.state["others"] = sorted(e.name for e in os.scandir(self.path) if e.name not in top)
        self.state["version"] = STATE_VERSION
        _replace_file(self.builds / f"{self.name}.state.json", json.dumps(self.state).encode())
        link = self.out.with_name(f".{self.out.name}.{os.getpid()}.link")
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(self.path, self.out.parent), link)
        os.replace(link, self.out)
        self.report.site = self.path
        # blobs neither folder's state names (from older builds, or an interrupted one)
        wanted = _blob_names(self.state)
        other = _load_state(self.builds, "b" if self.name == "a" else "a")
        self.blobs.keep_only(wanted | _blob_names(other or {}))


def _blob_names(state: dict[str, Any]) -> set[str]:
    return {*state.get("dirs", {}).values(), *([state["files"]] if "files" in state else [])}


def _load_state(builds: Path, name: str) -> dict[str, Any] | None:
    """A folder's state, or None if it has none we can trust (a missing blob included)."""
    try:
        state = json.loads((builds / f"{name}.state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    blobs = builds / "blobs"
    return state if all((blobs / b).is_file() for b in _blob_names(state)) else None


def _live_name(out: Path, builds: Path) -> str | None:
    if out.is_symlink():
        target = (out.parent / os.readlink(out)).resolve()
        if target.parent == builds.resolve() and target.name in ("a", "b"):
            return target.name
        raise LionRockError(f"{out} is a symlink that Lion Rock did not make; move it away")
    if out.exists():
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
            return None
        raise LionRockError(f"{out} exists and is not a Lion Rock site; choose another folder")
    return None


def _clone(src: Path, dst: Path, state: dict[str, Any], blobs: st.Blobs) -> None:
    """Make `dst` hold the same pages and managed folders as `src`, as hard links."""
    made: set[str] = set()
    for folder, digest in state.get("dirs", {}).items():
        if folder not in made:
            os.makedirs(dst / folder, exist_ok=True)
            made.add(folder)
        for rel in st.parse_key_lines(blobs.get(digest)):
            os.link(src / rel, dst / rel)
    for name in state.get("managed", {}):
        if (src / name).is_dir():
            shutil.copytree(src / name, dst / name, copy_function=os.link)


def _prepare(builds: Path, live: str | None) -> tuple[str, dict[str, Any]]:
    target = "b" if live == "a" else "a"
    state = _load_state(builds, target)
    folder = builds / target
    (builds / f"{target}.state.json").unlink(missing_ok=True)  # dirty from here on
    if state is None or not folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        live_state = _load_state(builds, live) if live else None
        state = {}
        if live is not None and live_state is not None:
            _clone(builds / live, folder, live_state, st.Blobs(builds / "blobs"))
            keep = ("dirs", "top", "files", "managed", "managed_files", "memo")
            state = {k: live_state[k] for k in keep if k in live_state}
    for name in state.pop("others", []):
        entry = folder / name
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink(missing_ok=True)
    return target, state


@contextmanager
def open_build(out: Path) -> Iterator[BuildDir]:
    """Lock the site, prepare the folder that is not live, yield it; the caller writes
    into it and calls `commit()`. If anything fails first, the live site is untouched.

    Example:
        with open_build(Path("site")) as build:
            build.write_pages(pages)
            build.commit()
    """
    started = time.perf_counter()
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    builds = out.with_name(f".{out.name}.builds")
    builds.mkdir(exist_ok=True)
    with open(builds / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LionRockError(f"another build of {out} is running") from exc
        live = _live_name(out, builds)
        name, state = _prepare(builds, live)
        build = BuildDir(out, builds, name, state)
        yield build
        build.report.seconds = time.perf_counter() - started
