"""Signing a release: a minisign signature of `manifest.json` plus TUF metadata.

The signature is minisign's prehashed Ed25519 (`ED`), so Debian's
`minisign -Vm manifest.json -P <pubkey>` verifies it (issue #5, item 8).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lionrock.release._keys import load_secret_key, tuf_signer
from lionrock.release._manifest import MANIFEST, SIGNATURE, TUF_DIR, read_manifest, write_manifest
from lionrock.release._tuf import write_tuf


def sign_file(path: Path, *, secret_key: Path, password: str | None = None) -> Path:
    """Sign one file in minisign format (prehashed); write and return `path.minisig`.

    Example: `sign_file(Path("site/mirrors.json"), secret_key=Path("keys/lionrock.key"))`
    """
    key = load_secret_key(secret_key, password=password)
    when = int(datetime.now(UTC).timestamp())
    comment = f"timestamp:{when}\tfile:{path.name}\thashed"
    signature = key.sign(path.read_bytes(), prehash=True, trusted_comment=comment)
    out = path.with_name(path.name + ".minisig")
    out.write_bytes(bytes(signature) + b"\n")
    return out


def sign_site(
    site_dir: Path,
    *,
    secret_key: Path,
    password: str | None = None,
    now: datetime | None = None,
    timestamp_days: float = 7,
    expiry_days: float = 365,
) -> Path:
    """Sign `site_dir/manifest.json` (written first if missing) and write `tuf/` metadata.

    Returns the path of `manifest.json.minisig`. Signing again (to refresh the TUF
    timestamp before it expires) raises every TUF version.

    Example: `sign_site(Path("site"), secret_key=Path("keys/lionrock.key"))`
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    manifest_path = site_dir / MANIFEST
    if not manifest_path.exists():
        write_manifest(site_dir, built_at=now)
    data = manifest_path.read_bytes()
    manifest = read_manifest(data)  # refuse to sign something readers cannot check
    key = load_secret_key(secret_key, password=password)
    built = manifest.built_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    comment = (
        f"timestamp:{int(now.timestamp())}\tfile:{MANIFEST}\thashed"
        f"\tlionrock release {manifest.version} built {built}"
    )
    signature = key.sign(data, prehash=True, trusted_comment=comment)
    out = site_dir / SIGNATURE
    out.write_bytes(bytes(signature) + b"\n")
    write_tuf(
        site_dir / TUF_DIR,
        data,
        signer=tuf_signer(key),
        now=now,
        timestamp_days=timestamp_days,
        expiry_days=expiry_days,
    )
    return out
