"""Evidence files under `LIONROCK_HOME/evidence/`, named by their sha256 (the same bytes
are stored once), and their index in the Store.

Evidence is never deleted as a side effect: a source with evidence links cannot be
deleted (migration 0003 adds a trigger), and no function here removes a file.

Example:
    vault = Vault(store=store, root=settings.evidence_dir)
    evidence_id = vault.put(data, origin="capture", operator="alice", pages=[...])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lionrock.errors import LionRockError
from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._tables import (
    capture_results,
    evidence,
    evidence_links,
    evidence_pages,
)
from lionrock.model import get_model
from lionrock.store import Store, utcnow


class EvidenceNotFound(LionRockError):
    """No evidence file has that ID (or ID prefix), or the prefix is ambiguous."""


@dataclass(frozen=True, slots=True)
class PageRow:
    """One page a WACZ holds, as the index records it."""

    url: str
    ts: str
    final_url: str | None = None
    status: int | None = None
    payload_sha256: str | None = None
    title: str | None = None


@dataclass(slots=True)
class CaptureResult:
    """What happened to one capture target."""

    url: str
    source_id: str | None
    outcome: str
    status: int | None = None
    final_url: str | None = None
    error: str = ""
    evidence_id: str | None = None
    requisites: int = 0


@dataclass(slots=True)
class Captured:
    """A capture ready to store: its result, and its WACZ and page row if it has one."""

    result: CaptureResult
    data: bytes | None = None
    row: PageRow | None = None


def source_urls(store: Store) -> dict[str, list[str]]:
    """Each source entity's URLs (`sourceUrl`), by source ID."""
    names = [n for n, spec in get_model().schemata.items() if spec.is_source]
    found: dict[str, list[str]] = {}
    for entity in store.iter_entities(schema=names):
        urls = entity.values("sourceUrl")
        if urls:
            found[entity.id] = urls
    return found


class Vault:
    """Content-addressed evidence files plus their index rows in the Store."""

    def __init__(self, *, store: Store, root: Path) -> None:
        self.store = store
        self.root = root

    def path_of(self, evidence_id: str) -> Path:
        return self.root / evidence_id[:2] / f"{evidence_id}.wacz"

    def _write_file(self, evidence_id: str, data: bytes) -> Path:
        path = self.path_of(evidence_id)
        if path.exists() and path.stat().st_size == len(data):
            return path  # stored once
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o444)  # evidentiary copies are read-only
        os.replace(tmp, path)
        self._unsynced = True
        return path

    def sync(self) -> None:
        """Flush written evidence to disk: once per run, not once per file (an fsync per
        file costs more than the capture). Until then a crash can lose files that
        `lionrock evidence verify` then reports as missing."""
        if getattr(self, "_unsynced", False):
            os.sync()
            self._unsynced = False

    def put(
        self,
        data: bytes,
        *,
        origin: str,
        operator: str,
        pages: Iterable[PageRow],
        signed: bool,
        timestamped: bool,
        note: str | None = None,
        input_sha256: str | None = None,
    ) -> str:
        """Store a WACZ (once) and index it; return its ID (the file's sha256)."""
        evidence_id = sha256_hex(data)
        path = self._write_file(evidence_id, data)
        with self.store.write() as writer:
            conn = writer.conn
            exists = conn.execute(select(evidence.c.id).where(evidence.c.id == evidence_id))
            if exists.first() is None:
                conn.execute(
                    evidence.insert().values(
                        id=evidence_id,
                        path=str(path.relative_to(self.root)),
                        bytes=len(data),
                        origin=origin,
                        created_at=utcnow(),
                        operator=operator[:128],
                        signed=int(signed),
                        timestamped=int(timestamped),
                        note=note,
                        input_sha256=input_sha256,
                    )
                )
                rows = [{"evidence_id": evidence_id, **vars_of(p)} for p in pages]
                if rows:
                    conn.execute(evidence_pages.insert(), rows)
        return evidence_id

    def put_captures(
        self, items: list[Captured], *, operator: str, signed: bool, timestamped: bool
    ) -> None:
        """Store a batch of captures: files first, then every index row, link and result
        in one transaction. Sets each result's `evidence_id`."""
        for item in items:
            if item.data is not None:
                item.result.evidence_id = sha256_hex(item.data)
                self._write_file(item.result.evidence_id, item.data)
        now = utcnow()
        with self.store.write() as writer:
            conn = writer.conn
            ids = [i.result.evidence_id for i in items if i.result.evidence_id]
            known = set(conn.execute(select(evidence.c.id).where(evidence.c.id.in_(ids))).scalars())
            linked = {
                (row.evidence_id, row.source_id)
                for row in conn.execute(
                    select(evidence_links.c.evidence_id, evidence_links.c.source_id).where(
                        evidence_links.c.evidence_id.in_(ids)
                    )
                )
            }
            rows, pages, links, results = [], [], [], []
            for item in items:
                res, eid = item.result, item.result.evidence_id
                if eid and item.data is not None and eid not in known:
                    known.add(eid)
                    rows.append({"id": eid, "path": str(self.path_of(eid).relative_to(self.root)),
                                 "bytes": len(item.data), "origin": "capture", "created_at": now,
                                 "operator": operator[:128], "signed": int(signed),
                                 "timestamped": int(timestamped), "note": None,
                                 "input_sha256": None})  # fmt: skip
                    if item.row is not None:
                        pages.append({"evidence_id": eid, **vars_of(item.row)})
                if eid and res.source_id and (eid, res.source_id) not in linked:
                    linked.add((eid, res.source_id))
                    links.append({"evidence_id": eid, "source_id": res.source_id,
                                  "url": res.url, "linked_at": now})  # fmt: skip
                results.append({"url": res.url, "source_id": res.source_id, "at": now,
                                "outcome": res.outcome, "status": res.status,
                                "error": res.error or None, "evidence_id": eid})  # fmt: skip
            for table, values in ((evidence, rows), (evidence_pages, pages),
                                  (evidence_links, links), (capture_results, results)):  # fmt: skip
                if values:
                    conn.execute(table.insert(), values)

    def link(self, evidence_id: str, source_id: str, url: str) -> bool:
        """Attach evidence to a source (once); return whether a new link was made."""
        with self.store.write() as writer:
            query = select(evidence_links.c.source_id).where(
                evidence_links.c.evidence_id == evidence_id,
                evidence_links.c.source_id == source_id,
            )
            if writer.conn.execute(query).first() is not None:
                return False
            writer.conn.execute(
                evidence_links.insert().values(
                    evidence_id=evidence_id, source_id=source_id, url=url, linked_at=utcnow()
                )
            )
        return True

    def unlink(self, evidence_id: str, source_id: str) -> int:
        """Detach evidence from a source on purpose; the file itself stays."""
        with self.store.write() as writer:
            result = writer.conn.execute(
                evidence_links.delete().where(
                    evidence_links.c.evidence_id == evidence_id,
                    evidence_links.c.source_id == source_id,
                )
            )
        return int(result.rowcount or 0)

    def record_result(self, **values: Any) -> None:
        """Record one capture attempt (failures too)."""
        with self.store.write() as writer:
            writer.conn.execute(capture_results.insert().values(at=utcnow(), **values))

    def get(self, evidence_id: str) -> dict[str, Any] | None:
        """The index row of the evidence with exactly this ID (its full sha256), or None."""
        with self.store.read() as conn:
            row = conn.execute(select(evidence).where(evidence.c.id == evidence_id)).first()
        return dict(row._mapping) if row is not None else None

    def resolve(self, prefix: str) -> dict[str, Any]:
        """The index row of the evidence whose ID starts with `prefix` (at least 6 chars):
        for commands an editor types. Replay takes full IDs only (see `_replay`)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 6 or not all(c in "0123456789abcdef" for c in prefix):
            raise EvidenceNotFound(f"{prefix!r}: give at least 6 hex characters of an ID")
        with self.store.read() as conn:
            rows = conn.execute(
                select(evidence).where(evidence.c.id.like(prefix + "%")).limit(2)
            ).all()
        if not rows:
            raise EvidenceNotFound(f"no evidence with ID {prefix!r}")
        if len(rows) > 1:
            raise EvidenceNotFound(f"{prefix!r} matches more than one evidence file")
        return dict(rows[0]._mapping)

    def imported(self, input_sha256: str) -> str | None:
        """The evidence already made from an imported file with this sha256, if any."""
        query = select(evidence.c.id).where(evidence.c.input_sha256 == input_sha256).limit(1)
        with self.store.read() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None

    def pages(self, evidence_id: str) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            query = select(evidence_pages).where(evidence_pages.c.evidence_id == evidence_id)
            return [dict(r._mapping) for r in conn.execute(query.order_by(evidence_pages.c.id))]

    def links(self, evidence_id: str | None = None) -> list[dict[str, Any]]:
        query = select(evidence_links).order_by(evidence_links.c.source_id)
        if evidence_id is not None:
            query = query.where(evidence_links.c.evidence_id == evidence_id)
        with self.store.read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def list(self) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            query = select(evidence).order_by(evidence.c.created_at, evidence.c.id)
            return [dict(r._mapping) for r in conn.execute(query)]

    def latest_payload(self, url: str) -> str | None:
        """The payload sha256 of the newest capture of `url` (by page or final URL)."""
        query = (
            select(evidence_pages.c.payload_sha256)
            .where((evidence_pages.c.url == url) | (evidence_pages.c.final_url == url))
            .where(evidence_pages.c.payload_sha256.is_not(None))
            .order_by(evidence_pages.c.ts.desc(), evidence_pages.c.id.desc())
            .limit(1)
        )
        with self.store.read() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None


def vars_of(page: PageRow) -> dict[str, Any]:
    return {
        "url": page.url,
        "ts": page.ts,
        "final_url": page.final_url,
        "status": page.status,
        "payload_sha256": page.payload_sha256,
        "title": page.title,
    }
