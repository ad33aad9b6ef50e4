"""Backups (issue #18 item 3): the whole store and its evidence files in one tar file, and
its restore into a fresh home.

A backup is a tar holding `backup.json` (format, backend, date, each file's SHA-256),
the database (`database.sqlite`, taken with SQLite's online backup API, so writers may
go on meanwhile; or `database.pgdump`, `pg_dump --format=custom` of the store's schema)
and `evidence/...`. It is written beside its final name and renamed, so an interrupted
backup leaves no half file under that name. A restore checks every SHA-256, refuses a
target that already holds a store, and puts the database in place by rename (SQLite).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from lionrock.errors import LionRockError
from lionrock.store._store import Store, utcnow

FORMAT = "lionrock-backup/1"
MANIFEST = "backup.json"


class BackupError(LionRockError):
    """A backup or restore that could not be made, and why."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup or a restore held."""

    path: str
    backend: str
    database_bytes: int
    evidence_files: int


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _libpq(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as libpq takes it (no `+psycopg`)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _dump_database(store: Store, folder: Path) -> Path:
    if store.engine.dialect.name == "sqlite":
        target = folder / "database.sqlite"
        raw = store.engine.raw_connection()
        try:
            source: Any = raw.driver_connection
            with sqlite3.connect(target) as copy:
                source.backup(copy)  # the online backup API: consistent, writers go on
            copy.close()
        finally:
            raw.close()
        return target
    with store.read() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    target = folder / "database.pgdump"
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--schema={schema}", f"--file={target}", f"--dbname={_libpq(store.url)}"]
    _run(command, "pg_dump")
    return target


def _run(command: list[str], name: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, timeout=3600, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client)") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise BackupError(f"{name} failed: {message}")


def backup_store(store: Store, *, output: str | Path, evidence_dir: Path | None) -> BackupReport:
    """Write a backup of `store` and the files under `evidence_dir` to `output`.

    Example: `backup_store(store, output="backup.tar", evidence_dir=home / "evidence")`.
    """
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lionrock-backup-") as scratch:
        database = _dump_database(store, Path(scratch))
        files = {f"database/{database.name}": database}
        if evidence_dir is not None and evidence_dir.is_dir():
            for path in sorted(p for p in evidence_dir.rglob("*") if p.is_file()):
                files[f"evidence/{path.relative_to(evidence_dir).as_posix()}"] = path
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "backend": store.engine.dialect.name,
            "created": utcnow(),
            "files": {name: _sha256(path) for name, path in files.items()},
        }
        partial = output.with_name(f".{output.name}.partial")
        try:
            with tarfile.open(partial, "w") as tar:
                data = json.dumps(manifest, indent=1).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = 0
                tar.addfile(info, io.BytesIO(data))
                for name, path in files.items():
                    tar.add(path, arcname=name, recursive=False)
            with open(partial, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
        evidence = sum(1 for name in files if name.startswith("evidence/"))
        return BackupReport(str(output), manifest["backend"], database.stat().st_size, evidence)


def _unpack(path: Path, scratch: Path) -> dict[str, Any]:
    """The manifest, with every listed file unpacked under `scratch` and its SHA-256
    checked; members not listed, or that climb out, are refused."""
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.getmember(MANIFEST)
            handle = tar.extractfile(member)
            manifest: dict[str, Any] = json.loads(handle.read() if handle else b"{}")
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{path}: not a Lion Rock backup ({manifest.get('format')!r})")
            listed = manifest.get("files") or {}
            for info in tar.getmembers():
                if info.name != MANIFEST and info.name not in listed:
                    raise BackupError(f"{path}: member {info.name[:200]!r} is not in the manifest")
            tar.extractall(scratch, members=[tar.getmember(n) for n in listed], filter="data")
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(f"{path}: unreadable backup: {exc}") from exc
    for name, digest in listed.items():
        if _sha256(scratch / name) != digest:
            raise BackupError(f"{path}: {name} does not match its SHA-256: the backup is damaged")
    return manifest


def restore_store(
    url: str, *, backup: str | Path, evidence_dir: Path | None, force: bool = False
) -> BackupReport:
    """Restore a backup into the (empty) store at `url`, and its evidence files into
    `evidence_dir`. The backend must be the backup's.

    Example: `restore_store("sqlite:///new-home/lionrock.db", backup="b.tar", evidence_dir=...)`.
    """
    backup = Path(backup)
    backend = make_url(url).get_backend_name()
    with tempfile.TemporaryDirectory(prefix="lionrock-restore-") as tmp:
        scratch = Path(tmp)
        manifest = _unpack(backup, scratch)
        wanted = "postgresql" if backend.startswith("postgres") else backend
        if manifest["backend"] != wanted:
            raise BackupError(
                f"{backup} is a {manifest['backend']} backup; the store at {url} is {wanted}"
            )
        database = next((scratch / "database").iterdir())
        _refuse_if_in_use(url, force)
        if backend == "sqlite":
            _restore_sqlite(url, database)
        else:
            _run(["psql", "--quiet", "--no-psqlrc", f"--dbname={_libpq(url)}", "--command",
                  "CREATE EXTENSION IF NOT EXISTS pg_trgm"], "psql")  # fmt: skip
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
            _run([*command, f"--dbname={_libpq(url)}", str(database)], "pg_restore")
        count = 0
        if evidence_dir is not None and (scratch / "evidence").is_dir():
            for path in sorted(p for p in (scratch / "evidence").rglob("*") if p.is_file()):
                target = evidence_dir / path.relative_to(scratch / "evidence")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                count += 1
        return BackupReport(str(backup), manifest["backend"], database.stat().st_size, count)


def _refuse_if_in_use(url: str, force: bool) -> None:
    """A restore goes into an empty store only (or, with `force`, replaces a SQLite one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(str(parsed.database))
        if path.exists() and path.stat().st_size and not force:
            raise BackupError(f"{path} already holds a store; restore into a fresh home")
        return
    store = Store(url, migrate=False)
    try:
        with store.read() as conn:
            tables = inspect(conn).get_table_names()
    finally:
        store.close()
    if "statements" in tables or "alembic_version" in tables:
        raise BackupError(f"the database at {url} already holds a store; use an empty one")


def _restore_sqlite(url: str, database: Path) -> None:
    target = Path(str(make_url(url).database))
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(database) as check:
        result = check.execute("PRAGMA integrity_check").fetchone()
    check.close()
    if not result or result[0] != "ok":
        raise BackupError(f"the backup's database fails its integrity check: {result}")
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(database, partial)
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)
