"""Audit anchors: the chain's head kept outside the database (issue #18 §5).

Anyone who can write to the database can rewrite the audit log and fix up its head row.
An anchor is a small JSON file, `<home>/audit-anchors/<entries>-<time>.json`, that holds
the number of entries and the last hash at one moment, signed with the project's Ed25519
key (the one that signs evidence) and, when a TSA is configured, timestamped (RFC 3161)
over the same bytes. One is written on every publish (and its copy goes into the site as
`audit-anchor.json`, listed in the signed manifest) and by `lionrock audit anchor` on a
schedule. Anchors are kept; `verify_anchors` checks the log against every one: an anchor
for entry N needs entry N to exist with that hash, and the chain up to it to hold, so
deleting the newest entries, deleting everything, or editing an entry and recomputing
the chain after it are all caught.

Example:
    path = write_anchor(store, folder=home / "audit-anchors", signing=signing)
    problems = verify_anchors(store, folder=home / "audit-anchors", public_key=key_b64)
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select

from lionrock.audit._log import HEAD_KEYS, verify
from lionrock.audit._tables import audit_log
from lionrock.errors import LionRockError
from lionrock.settings import Settings
from lionrock.store import Store, utcnow

FORMAT = "lionrock-audit-anchor/1"
HEAD_SETTING = "audit.head-signature"
MAX_ANCHOR_BYTES = 1 << 20


class AnchorError(LionRockError):
    """An anchor could not be written (the log fails, no key, the TSA refused)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """What an anchor holds: the log's size and last hash at `at`, who signed it, and
    the TSA's time when timestamped."""

    entries: int
    head: str
    at: str
    public_key: str
    timestamp: str | None
    path: Path


def _statement(entries: int, head: str, at: str) -> bytes:
    """The exact bytes signed and timestamped."""
    body = {"format": FORMAT, "entries": entries, "head": head, "at": at}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _public_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


def write_anchor(
    store: Store,
    *,
    folder: Path,
    key: Ed25519PrivateKey,
    tsa_url: str = "",
    tsa_ca_pem: bytes | None = None,
) -> Anchor:
    """Anchor the log's current head: refuse if the log fails verification, sign it with
    `key`, timestamp it at `tsa_url` when given, and write the anchor file.

    Example: `write_anchor(store, folder=Path("lionrock-data/audit-anchors"), key=key)`.
    """
    from lionrock.evidence import SigningError, request_timestamp

    checked = verify(store)
    if not checked.ok:
        raise AnchorError("the audit log fails verification; not anchoring it: "
                          + "; ".join(checked.problems[:5]))  # fmt: skip
    at = utcnow()
    statement = _statement(checked.count, checked.head, at)
    data: dict[str, Any] = {
        "format": FORMAT,
        "entries": checked.count,
        "head": checked.head,
        "at": at,
        "publicKey": _public_b64(key),
        "signature": base64.b64encode(key.sign(statement)).decode("ascii"),
    }
    if tsa_url:
        try:
            stamp = request_timestamp(statement, tsa_url=tsa_url, ca_pem=tsa_ca_pem)
        except SigningError as exc:
            raise AnchorError(f"cannot timestamp the audit anchor: {exc}") from exc
        data["timestamp"] = {"token": stamp.token_b64, "chain": stamp.chain_pem,
                             "time": stamp.gen_time, "tsa": stamp.tsa_url}  # fmt: skip
    with store.write() as writer:  # the head as signed now, for `verify_head_signature`
        store_head_signature(writer.conn, key=key, entries=checked.count, head=checked.head)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{checked.count:09d}-{at.replace(':', '')}.json"
    path = folder / name
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
    return _anchor(data, path, data["timestamp"]["time"] if tsa_url else None)


def _anchor(data: dict[str, Any], path: Path, stamp: str | None) -> Anchor:
    return Anchor(int(data["entries"]), str(data["head"]), str(data["at"]),
                  str(data["publicKey"]), stamp, path)  # fmt: skip


def read_anchor(path: Path, *, public_key: str | None = None) -> Anchor:
    """Read and check one anchor file: its signature (by `public_key` when given, the
    project's) and its RFC 3161 token, when it has one. Raises AnchorError naming it.

    Example: `read_anchor(Path("site/audit-anchor.json"), public_key=key_b64)`.
    """
    from lionrock.evidence import SigningError, verify_timestamp

    try:
        raw = path.read_bytes()
        if len(raw) > MAX_ANCHOR_BYTES:
            raise ValueError("too large")
        data = json.loads(raw)
        statement = _statement(int(data["entries"]), str(data["head"]), str(data["at"]))
        if data.get("format") != FORMAT:
            raise ValueError("not an audit anchor")
        der = base64.b64decode(str(data["publicKey"]), validate=True)
        public = serialization.load_der_public_key(der)
        if not isinstance(public, Ed25519PublicKey):
            raise ValueError("not an Ed25519 key")
        public.verify(base64.b64decode(str(data["signature"]), validate=True), statement)
    except Exception as exc:
        raise AnchorError(f"{path.name}: unreadable or its signature fails ({exc})") from exc
    if public_key is not None and data["publicKey"] != public_key:
        raise AnchorError(f"{path.name}: signed by another key than the project's")
    stamp = None
    if "timestamp" in data:
        token = data["timestamp"]
        try:
            stamp = verify_timestamp(str(token["token"]), str(token["chain"]),
                                     hashlib.sha256(statement).digest())  # fmt: skip
        except (SigningError, KeyError, TypeError) as exc:
            raise AnchorError(f"{path.name}: its RFC 3161 timestamp fails ({exc})") from exc
    return _anchor(data, path, stamp)


def anchor_files(folder: Path) -> list[Path]:
    """The anchor files in `folder`, oldest first."""
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def verify_anchors(
    store: Store, *, paths: list[Path], public_key: str | None = None
) -> tuple[list[Anchor], list[str]]:
    """Check the log against every anchor: each must be signed (by `public_key` when
    given), and the log must hold the anchored entry with the anchored hash. Returns the
    anchors read and every problem.

    Example: `verify_anchors(store, paths=anchor_files(folder))[1] == []`.
    """
    anchors: list[Anchor] = []
    problems: list[str] = []
    for path in paths:
        try:
            anchors.append(read_anchor(path, public_key=public_key))
        except AnchorError as exc:
            problems.append(str(exc))
    if not anchors:
        return anchors, problems
    wanted = {a.entries for a in anchors if a.entries}
    query = select(audit_log.c.seq, audit_log.c.hash).where(audit_log.c.seq.in_(wanted))
    with store.read() as conn:
        hashes: dict[int, str] = dict(conn.execute(query).all()) if wanted else {}  # type: ignore[arg-type]
    for anchor in anchors:
        if anchor.entries == 0:
            continue
        found = hashes.get(anchor.entries)
        if found is None:
            problems.append(
                f"anchor {anchor.path.name} ({anchor.at}) holds entry {anchor.entries}, which "
                "the log no longer has (entries deleted)"
            )
        elif found != anchor.head:
            problems.append(
                f"anchor {anchor.path.name} ({anchor.at}): entry {anchor.entries} is not the "
                "one anchored (the log was rewritten up to it)"
            )
    return anchors, problems


def sign_heads(store: Store, *, key: Ed25519PrivateKey) -> None:
    """Sign the log's head with `key` on every append through this store (the web app
    and the CLI do, with the project key): an entry appended straight into the
    database, without the key, then fails `verify_head_signature`.

    Example: `sign_heads(store, key=open_signing(settings).key)`.
    """
    HEAD_KEYS[store.engine] = key


def store_head_signature(conn: Any, *, key: Ed25519PrivateKey, entries: int, head: str) -> None:
    """Write the signed head into `app_settings`, inside the caller's transaction."""
    from lionrock.auth._tables import app_settings  # auth imports this package

    statement = _statement(entries, head, "")
    signature = base64.b64encode(key.sign(statement)).decode("ascii")
    value = json.dumps(
        {"entries": entries, "head": head, "publicKey": _public_b64(key), "signature": signature}
    )
    done = conn.execute(
        app_settings.update().where(app_settings.c.key == HEAD_SETTING).values(value=value)
    )
    if not done.rowcount:
        conn.execute(app_settings.insert().values(key=HEAD_SETTING, value=value))


def verify_head_signature(store: Store, *, public_key: str, entries: int, head: str) -> str | None:
    """What is wrong with the signed head, if anything: it must be signed by the project
    key and name the log's actual last entry (a forged append, or a tail deleted and the
    head row fixed up, leaves it behind).

    Example: `verify_head_signature(store, public_key=k, entries=42, head="ab…")`.
    """
    from lionrock.auth._tables import app_settings

    with store.read() as conn:
        raw = conn.execute(
            select(app_settings.c.value).where(app_settings.c.key == HEAD_SETTING)
        ).scalar()
    if raw is None:
        return "the log's head is not signed (head signing is on wherever anchors are kept)"
    try:
        data = json.loads(raw)
        statement = _statement(int(data["entries"]), str(data["head"]), "")
        public = serialization.load_der_public_key(base64.b64decode(data["publicKey"]))
        if data["publicKey"] != public_key or not isinstance(public, Ed25519PublicKey):
            return "the log's head is signed by another key than the project's"
        public.verify(base64.b64decode(data["signature"]), statement)
    except Exception:
        return "the log's head signature fails (forged)"
    if (int(data["entries"]), str(data["head"])) != (entries, head):
        return (
            f"the log ends at entry {entries}, but the project key last signed entry "
            f"{data['entries']}: entries were appended or deleted without the key"
        )
    return None


def anchor_folder(settings: Settings) -> Path:
    """Where anchors are kept: `LIONROCK_HOME/audit-anchors`, outside the database."""
    return settings.home / "audit-anchors"


def project_key(settings: Settings, *, create: bool) -> Ed25519PrivateKey | None:
    """The project's signing key (the evidence key), or None when absent and not created."""
    # `lionrock.evidence.key_path`, without importing the evidence stage on every command
    path = settings.signing_key or settings.home / "keys" / "evidence-ed25519.pem"
    if not (create or path.exists()):
        return None
    from lionrock.evidence._sign import load_or_create_key

    return load_or_create_key(path)


def anchor_now(store: Store, settings: Settings) -> Anchor:
    """Write an anchor with the settings' project key and TSA (when configured).

    Example: `anchor_now(store, Settings.from_env()).path`.
    """
    key = project_key(settings, create=True)
    assert key is not None
    ca = settings.tsa_ca.read_bytes() if settings.tsa_ca is not None else None
    return write_anchor(store, folder=anchor_folder(settings), key=key,
                        tsa_url=settings.tsa_url, tsa_ca_pem=ca)  # fmt: skip


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """`check_audit`'s verdict: the chain's size and head, the anchors checked, problems."""

    count: int
    head: str
    anchors: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_audit(store: Store, settings: Settings, *, expect_head: str | None = None) -> AuditCheck:
    """The whole check `lionrock audit verify` runs: the chain and its head row, every
    anchor kept, and the signed head (wherever anchors are kept).

    Example: `check_audit(store, settings).ok`.
    """
    chain = verify(store, expect_head=expect_head)
    key = project_key(settings, create=False)
    public = _public_b64(key) if key is not None else None
    anchors, problems = verify_anchors(store, paths=anchor_files(anchor_folder(settings)),
                                       public_key=public)  # fmt: skip
    found = [*chain.problems, *problems]
    if anchors and public is not None:
        problem = verify_head_signature(store, public_key=public, entries=chain.count,
                                        head=chain.head)  # fmt: skip
        if problem:
            found.append(problem)
    return AuditCheck(chain.count, chain.head, len(anchors), tuple(found))


def enable_head_signing(store: Store, settings: Settings) -> None:
    """`sign_heads` with the project key, when it exists: the CLI and the web app both
    call this on opening the store.

    Example: `enable_head_signing(store, Settings.from_env())`.
    """
    key = project_key(settings, create=False)
    if key is not None:
        sign_heads(store, key=key)
