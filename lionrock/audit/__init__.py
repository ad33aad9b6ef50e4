"""The append-only, hash-chained audit log: `append` inside a write, `verify` the chain,
and anchors of its head kept outside the database (`write_anchor`, `check_audit`)."""

from lionrock.audit._anchor import (  # after _log: lionrock.auth imports `append`
    Anchor,
    AnchorError,
    AuditCheck,
    anchor_files,
    anchor_folder,
    anchor_now,
    check_audit,
    enable_head_signing,
    read_anchor,
    sign_heads,
    verify_anchors,
    write_anchor,
)
from lionrock.audit._log import GENESIS, AuditEntry, Verification, append, entries, verify

__all__ = [
    "GENESIS",
    "Anchor",
    "AnchorError",
    "AuditCheck",
    "AuditEntry",
    "Verification",
    "anchor_files",
    "anchor_folder",
    "anchor_now",
    "append",
    "check_audit",
    "enable_head_signing",
    "entries",
    "read_anchor",
    "sign_heads",
    "verify",
    "verify_anchors",
    "write_anchor",
]
