"""The append-only, hash-chained audit log: `append` inside a write, `verify` the chain."""

from lionrock.audit._log import GENESIS, AuditEntry, Verification, append, entries, verify

__all__ = ["GENESIS", "AuditEntry", "Verification", "append", "entries", "verify"]
