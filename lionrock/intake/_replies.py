"""Replies to sources (issue #15 §4): sealed to the source's public key, which the server
derived from the codename when the source first sent something. Only the codename opens
them: not the server, and not the recipients' keys.

Example: `add_reply(db=db, submission_id="3f2a...", text="Thank you. Could you ...")`.
"""

from __future__ import annotations

from lionrock.errors import LionRockError
from lionrock.intake._db import IntakeDB
from lionrock.intake._format import seal_bytes

MAX_REPLY = 64 * 1024


class ReplyRefused(LionRockError):
    """The reply cannot be stored (unknown submission, empty or too long)."""


def add_reply(*, db: IntakeDB, submission_id: str, text: str) -> str:
    """Seal `text` to the source of a submission and store it; return the reply's ID."""
    text = text.strip()
    if not text:
        raise ReplyRefused("the reply is empty")
    if len(text.encode()) > MAX_REPLY:
        raise ReplyRefused(f"the reply is longer than {MAX_REPLY} bytes")
    found = db.submissions(ids=[submission_id.strip().lower()])
    if not found:
        raise ReplyRefused(f"no submission with ID {submission_id!r} on this server")
    public = db.source_public(found[0].source_id)
    if public is None:
        raise ReplyRefused(
            f"submission {submission_id}: its source has no key (never saw a codename)"
        )
    sealed = seal_bytes(recipients=[public], meta={"kind": "reply"}, content=text.encode())
    return db.add_reply(found[0].source_id, sealed)
