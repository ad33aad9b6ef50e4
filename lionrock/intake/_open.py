"""Opening a bundle on the offline machine (issue #15 §3).

Each submission becomes a folder named by its ID:

```
<submission>/message.txt          the source's message, if any
<submission>/originals/<name>     each file byte for byte as sent (read-only): metadata
                                  can be evidence, so the original is always kept
<submission>/cleaned/<name>       a working copy cleaned by mat2 in a sandbox
<submission>/receipt.json         IDs, day, SHA-256 of originals and cleaned copies, the
                                  metadata removed, and any problem
<submission>/report.txt           the same, to read
```

A folder appears whole or not at all (it is built as `<submission>.part` and renamed).
Problems are per item: a damaged item is reported and skipped, every other item and
submission is still opened, and running `open` again retries what failed. A submission
already opened without problems is left as it is.

Example:
    report = open_bundle(Path("x.lrb"), secret=key, out_dir=Path("opened"),
                         sandbox=Sandbox())
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from nacl.public import PrivateKey

from lionrock.intake._bundle import (
    Bundle,
    BundleError,
    as_binary,
    check_member,
    member_reader,
    read_bundle,
)
from lionrock.intake._format import SealedItemError, open_item
from lionrock.intake._receive import clean_filename
from lionrock.intake._sandbox import Sandbox


@dataclass
class ItemResult:
    """One item of a submission, once opened."""

    kind: str
    name: str = ""
    path: str = ""
    bytes: int = 0
    sha256: str = ""
    interrupted: bool = False
    cut_short: bool = False
    cleaned: str = ""
    cleaned_sha256: str = ""
    mime: str = ""
    removed: dict[str, str] = field(default_factory=dict)
    left: dict[str, str] = field(default_factory=dict)
    clean_error: str = ""
    sandbox: str = ""


@dataclass
class SubmissionResult:
    """One submission: where it was opened, its items and its problems."""

    id: str
    day: str
    status: str
    folder: str = ""
    items: list[ItemResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: bool = False


@dataclass
class OpenReport:
    bundle: str
    server_key: str = ""
    submissions: list[SubmissionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [f"submission {s.id}: {p}" for s in self.submissions for p in s.problems]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _unique(folder: Path, name: str) -> Path:
    path = folder / name
    stem, suffix, n = path.stem, path.suffix, 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def _open_one(
    bundle: Bundle, entry: dict[str, Any], secret: PrivateKey, part: Path, result: SubmissionResult
) -> ItemResult | None:
    """Decrypt one item into `part`; a problem is recorded and yields None."""
    scratch = part / f".item-{os.urandom(6).hex()}"
    try:
        reader = member_reader(bundle, entry)
        with open(scratch, "w+b") as out:
            opened = open_item(as_binary(reader), secret, out, allow_partial=True)
        check_member(reader, entry)
    except (BundleError, SealedItemError, tarfile.TarError, OSError) as exc:
        scratch.unlink(missing_ok=True)
        result.problems.append(f"{entry.get('file')}: {exc}; this item was not opened")
        return None
    meta = opened.meta
    item = ItemResult(
        kind=str(meta.get("kind", "file")),
        bytes=opened.length,
        interrupted=opened.interrupted,
        cut_short=opened.cut_short,
    )
    if item.kind == "message":
        target = _unique(part, "message.txt")
    else:
        item.name = clean_filename(str(meta.get("name") or "file"))
        (part / "originals").mkdir(exist_ok=True)
        target = _unique(part / "originals", item.name + (".partial" if opened.interrupted else ""))
    os.replace(scratch, target)
    os.chmod(target, 0o444)  # the original is evidence: read-only
    item.path = str(target.relative_to(part))
    item.sha256 = _sha256(target)
    return item


def _clean(item: ItemResult, part: Path, sandbox: Sandbox | None) -> None:
    if item.kind != "file":
        return
    if sandbox is None:
        item.clean_error = "not cleaned (--no-clean)"
        return
    original = part / item.path
    result = sandbox.clean(original, _unique(part / "cleaned", Path(item.path).name))
    item.mime, item.removed, item.left = result.mime, result.removed, result.left
    item.clean_error, item.sandbox = result.error, result.sandbox
    if result.cleaned is not None:
        item.cleaned = str(result.cleaned.relative_to(part))
        item.cleaned_sha256 = _sha256(result.cleaned)


def _report_text(result: SubmissionResult) -> str:
    lines = [
        f"Submission {result.id}",
        f"received (day): {result.day}",
        f"status: {result.status}",
        "",
    ]
    for item in result.items:
        label = "message" if item.kind == "message" else f"file {item.name!r}"
        lines.append(f"{label}: {item.path} ({item.bytes} bytes, sha256 {item.sha256})")
        if item.interrupted:
            how = (
                "the server stopped during the upload"
                if item.cut_short
                else "the upload was cut short"
            )
            lines.append(f"  INCOMPLETE: {how}; only the {item.bytes} bytes that arrived are here")
        if item.kind != "file":
            continue
        if item.cleaned:
            lines.append(
                f"  cleaned copy: {item.cleaned} (sha256 {item.cleaned_sha256}), "
                f"mat2 in sandbox '{item.sandbox}'"
            )
        if item.clean_error:
            lines.append(f"  no cleaned copy: {item.clean_error}")
        if item.removed:
            lines.append("  metadata removed:")
            lines += [f"    {key}: {value}" for key, value in sorted(item.removed.items())]
        elif item.cleaned:
            lines.append("  metadata removed: none found")
        if item.left:
            lines.append("  metadata mat2 still sees in the cleaned copy:")
            lines += [f"    {key}: {value}" for key, value in sorted(item.left.items())]
    for problem in result.problems:
        lines.append(f"PROBLEM: {problem}")
    return "\n".join(lines) + "\n"


def _already_opened(folder: Path) -> bool:
    receipt = folder / "receipt.json"
    if not receipt.is_file():
        return False
    try:
        return not json.loads(receipt.read_text(encoding="utf-8")).get("problems")
    except ValueError:
        return False


def _open_submission(
    bundle: Bundle,
    entry: dict[str, Any],
    secret: PrivateKey,
    out_dir: Path,
    sandbox: Sandbox | None,
) -> SubmissionResult:
    sid = str(entry["id"])
    if not sid.isalnum():
        raise BundleError(f"bad submission ID {sid!r} in the manifest")
    result = SubmissionResult(
        id=sid, day=str(entry.get("day", "")), status=str(entry.get("status", ""))
    )
    folder = out_dir / sid
    result.folder = str(folder)
    if _already_opened(folder):
        result.skipped = True
        return result
    part = out_dir / f"{sid}.part"
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    items = [_open_one(bundle, e, secret, part, result) for e in entry.get("items", [])]
    result.items = [i for i in items if i is not None]
    result.items.sort(key=lambda i: (i.kind != "message", i.path))
    for item in result.items:
        _clean(item, part, sandbox)
    receipt = {
        "submission": sid,
        "day": result.day,
        "status": result.status,
        "bundle": bundle.manifest.get("bundle"),
        "server_key": bundle.server_key,
        "items": [asdict(i) for i in result.items],
        "problems": result.problems,
    }
    (part / "receipt.json").write_text(
        json.dumps(receipt, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (part / "report.txt").write_text(_report_text(result), encoding="utf-8")
    if folder.exists():  # an earlier attempt with problems: keep it beside, never delete
        n = 1
        while (out_dir / f"{sid}.earlier-{n}").exists():
            n += 1
        folder.rename(out_dir / f"{sid}.earlier-{n}")
    part.rename(folder)
    return result


def open_bundle(
    bundle_path: Path,
    *,
    secret: PrivateKey,
    out_dir: Path,
    sandbox: Sandbox | None,
    server_key: str | None = None,
    trust_file: Path | None = None,
) -> OpenReport:
    """Open every submission of a bundle into `out_dir`. Raises `BundleError` only when
    nothing can be opened (wrong key, altered manifest or signature, not a bundle); item
    problems are in the report.

    Example: `open_bundle(Path("x.lrb"), secret=key, out_dir=Path("o"), sandbox=Sandbox())`.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with read_bundle(bundle_path, secret, pinned=server_key, trust_file=trust_file) as bundle:
        report = OpenReport(
            bundle=str(bundle_path), server_key=bundle.server_key, notes=list(bundle.notes)
        )
        for entry in bundle.submissions():
            report.submissions.append(_open_submission(bundle, entry, secret, out_dir, sandbox))
    return report
