"""What a build folder remembers between builds, kept so that a rebuild costs what changed.

A folder's state (`.DIR.builds/<x>.state.json`) is small: for each directory of pages,
a digest of its pages' paths and keys; the digest of the manifest's file list; the
memo of page data hashes; the managed folders. The bulky parts are content-addressed
blobs in `.DIR.builds/blobs/`, named by their SHA-256 and shared by both folders: a
directory's `path<TAB>key` lines (named by the directory's digest, so an unchanged
directory is recognised without reading its blob) and the manifest's file list.

The manifest's file list is updated by splicing the entries of the files that changed
into the previous list, so a rebuild neither rereads nor rehashes unchanged files.

Example:
    blobs = Blobs(Path(".site.builds/blobs"))
    digest = blobs.put("en/index.html\\tkey\\n")
    blobs.get(digest)
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

#: A file's entry in the manifest: its SHA-256 and size, or None once it is gone.
Change = tuple[str, int] | None
#: Above this many changed files, the file list is made again rather than spliced.
SPLICE_MAX = 256


class Blobs:
    """Immutable text blobs named by their SHA-256."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, text: str) -> str:
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        path = self.folder / digest
        if not path.exists():
            self.folder.mkdir(exist_ok=True)
            tmp = self.folder / f".{digest}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, path)
        return digest

    def get(self, digest: str) -> str:
        return (self.folder / digest).read_text(encoding="utf-8")

    def keep_only(self, wanted: set[str]) -> None:
        """Remove every blob (and leftover temporary file) not in `wanted`."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.name not in wanted:
                os.unlink(entry.path)


def parse_key_lines(text: str) -> dict[str, str]:
    """The pages of a directory blob: path -> key."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        path, _, key = line.partition("\t")
        found[path] = key
    return found


def entry(path: str, sha: str, size: int) -> str:
    """One file's entry, exactly as `json.dumps(..., ensure_ascii=False,
    separators=(",", ":"))` writes `{"path": path, "sha256": sha, "size": size}`."""
    return f'{{"path":{json.dumps(path, ensure_ascii=False)},"sha256":"{sha}","size":{size}}}'


def file_list(files: Mapping[str, tuple[str, int]]) -> str:
    """The manifest's file list (the inside of its `files` array), sorted by path."""
    return ",".join([entry(p, *files[p]) for p in sorted(files)])


def parse_file_list(text: str) -> dict[str, tuple[str, int]]:
    """The files of a file list: path -> (sha256, size)."""
    items = json.loads(f"[{text}]")
    return {f["path"]: (f["sha256"], f["size"]) for f in items}


def splice(text: str, changes: Mapping[str, Change], paths: Iterable[str]) -> str:
    """The file list `text` with `changes` applied: each changed file's entry replaced,
    added in path order, or (None) removed. `paths` are all the files of the new list,
    needed only to place added files.

    Example: `splice(old, {"en/index.html": (sha, 812)}, paths)`.
    """
    if len(changes) > SPLICE_MAX:
        files = parse_file_list(text) if text else {}
        for path, change in changes.items():
            if change is None:
                files.pop(path, None)
            else:
                files[path] = change
        return file_list(files)
    # (offset, kind, path, end, replacement): kind 0 adds before the list's first entry,
    # 1 replaces or removes the entry at offset..end, 2 adds after the entry ending there
    edits: list[tuple[int, int, str, int, str]] = []
    added: list[str] = []
    for path, change in changes.items():
        found = _find(text, path)
        if found is None:
            if change is not None:
                added.append(path)
        else:
            edits.append(
                (found[0], 1, path, found[1], "" if change is None else entry(path, *change))
            )
    if added:
        ordered = sorted(paths)
        new = set(added)
        for path in added:
            change = changes[path]
            assert change is not None
            at = _after_previous(text, ordered, bisect.bisect_left(ordered, path), new)
            edits.append((at, 0 if at == 0 else 2, path, at, entry(path, *change)))
    edits.sort()
    pieces: list[str] = []
    done = 0
    for start, _kind, _path, end, replacement in edits:
        # entries start with "{" and end with "}": only separators are stripped
        pieces.append(text[done:start].strip(","))
        pieces.append(replacement)
        done = max(done, end)
    pieces.append(text[done:].strip(","))
    return ",".join(p for p in pieces if p)


def _find(text: str, path: str) -> tuple[int, int] | None:
    """Where `path`'s entry is in a file list. Quotes inside a path are escaped in JSON,
    so the needle can only match at the start of that path's own entry."""
    needle = f'{{"path":{json.dumps(path, ensure_ascii=False)},"sha256":"'
    start = text.find(needle)
    if start < 0:
        return None
    return start, text.index("}", start + len(needle)) + 1


def _after_previous(text: str, ordered: list[str], index: int, new: set[str]) -> int:
    """The offset just after the entry of the nearest earlier path that the old list
    holds (0: the list's start)."""
    for i in range(index - 1, -1, -1):
        if ordered[i] not in new:
            found = _find(text, ordered[i])
            if found is not None:
                return found[1]
    return 0
