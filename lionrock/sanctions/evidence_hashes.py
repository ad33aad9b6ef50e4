"""The archived captures behind a dossier's citations (issue #12 §5: "the roles and
conduct, each with its citation and evidence hash").

The evidence stage indexes its WACZ files in the Store (migration 0003: `evidence`,
`evidence_pages`, `evidence_links`). A dossier reads that index through the Store, as the
web's entity pages do, and never imports the evidence stage's internals (stages meet in
the Store). A file is named by its sha256, so the hash a dossier prints is the name of a
file anyone holding the archive can check (`lionrock evidence verify`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, text

from lionrock.store import Store

__all__ = ["Capture", "captures_of"]

# One row per (source, file), newest file first; the page row of the linked URL gives the
# capture time and HTTP status when the archive holds that exact URL.
CAPTURES = text(
    "SELECT l.source_id, l.evidence_id, l.url, e.created_at, e.signed, e.timestamped, "
    "p.ts, p.status "
    "FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id "
    "LEFT JOIN evidence_pages p ON p.evidence_id = l.evidence_id "
    "AND (p.url = l.url OR p.final_url = l.url) "
    "WHERE l.source_id IN :ids "
    "ORDER BY l.source_id, e.created_at DESC, l.evidence_id"
).bindparams(bindparam("ids", expanding=True))


@dataclass(frozen=True, slots=True)
class Capture:
    """The archived capture of a source a dossier cites: the WACZ file's sha256, when the
    page was captured, and whether the file is signed and carries an RFC 3161 timestamp."""

    sha256: str
    url: str
    captured: str
    signed: bool
    timestamped: bool
    status: int | None = None  # the archived HTTP status, when the page row is known

    @property
    def ok(self) -> bool:
        """Whether the page archived is the document (not an error page)."""
        return self.status is None or self.status < 400

    def timestamp_state(self) -> str:
        """`trusted timestamp (RFC 3161)` or `no trusted timestamp`, and `signed`."""
        stamp = "trusted timestamp (RFC 3161)" if self.timestamped else "no trusted timestamp"
        return f"{stamp}, {'signed' if self.signed else 'unsigned'}"

    def label(self) -> str:
        """`sha256 ab12…, captured 2026-12-06T08:00:00Z, trusted timestamp (RFC 3161), signed`."""
        status = "" if self.ok else f", archived page HTTP {self.status}"
        return f"sha256 {self.sha256}, captured {self.captured}{status}, {self.timestamp_state()}"


def captures_of(store: Store, source_ids: Iterable[str]) -> dict[str, Capture]:
    """Per source, its newest archived capture of the document (one whose page is not an
    HTTP error, else the newest of any); a source with none is absent.

    Example: `captures_of(store, ["src-x"])["src-x"].sha256`.
    """
    ids = sorted(set(source_ids))
    if not ids:
        return {}
    found: dict[str, Capture] = {}
    with store.read() as conn:
        for row in conn.execute(CAPTURES, {"ids": ids}):
            capture = Capture(
                sha256=row.evidence_id,
                url=row.url,
                captured=row.ts or row.created_at,
                signed=bool(row.signed),
                timestamped=bool(row.timestamped),
                status=row.status,
            )
            kept = found.get(row.source_id)
            if kept is None or (capture.ok and not kept.ok):
                found[row.source_id] = capture
    return found
