"""TUF metadata for a release, and the reader's TUF client (python-tuf Metadata API).

The repository side (`write_tuf`) writes the four top-level roles under `site/tuf/`:
root (version 1, the release key), targets (lists `manifest.json`, whose signed hashes
cover every other file), snapshot and timestamp. Versions are the signing time in Unix
seconds, so every release or re-signing has a higher version than the last.

The client side (`refresh_tuf`) is python-tuf's `ngclient.Updater`, which keeps the
trusted metadata in a state folder per key. TUF specification §5 gives what it catches:
a mirror serving an older release than one seen before (rollback: a lower version) and a
mirror serving stale metadata past its expiry (freeze: the short-lived timestamp expired).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from securesystemslib.signer import Signer, SSlibKey
from tuf.api import exceptions
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer
from tuf.ngclient import FetcherInterface, Updater, UpdaterConfig

from lionrock.errors import LionRockError
from lionrock.release._manifest import MANIFEST

ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)


class TufError(LionRockError):
    """TUF refused the metadata: `path` names the file, `message` says why."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def write_tuf(
    tuf_dir: Path,
    manifest: bytes,
    *,
    signer: Signer,
    now: datetime,
    timestamp_days: float = 7,
    expiry_days: float = 365,
) -> int:
    """Write root, targets, snapshot and timestamp metadata to `tuf_dir`; return the version.

    The timestamp expires after `timestamp_days` (a mirror that stops updating is caught
    as frozen once it passes); the other roles after `expiry_days`, root after ten times
    that.

    Example: `write_tuf(site / "tuf", manifest_bytes, signer=s, now=datetime.now(UTC))`
    """
    tuf_dir.mkdir(parents=True, exist_ok=True)
    now = now.replace(microsecond=0)
    version = max(int(now.timestamp()), _previous_version(tuf_dir) + 1)
    key = signer.public_key
    if not isinstance(key, SSlibKey):  # pragma: no cover - our signers are SSlib keys
        raise TufError("tuf/root.json", "unsupported key type")
    expires = now + timedelta(days=expiry_days)

    root = Root(expires=now + timedelta(days=expiry_days * 10), consistent_snapshot=False)
    for role in ROLES:
        root.add_key(key, role)
    targets = Targets(version=version, expires=expires)
    targets.targets[MANIFEST] = TargetFile.from_data(MANIFEST, manifest, ["sha256"])
    snapshot = Snapshot(version=version, expires=expires)
    snapshot.meta["targets.json"] = MetaFile(version=version)

    serializer = JSONSerializer(compact=False)
    written: dict[str, bytes] = {}
    roles: tuple[tuple[str, Root | Targets | Snapshot], ...] = (
        ("root", root),
        ("targets", targets),
        ("snapshot", snapshot),
    )
    for role, signed in roles:
        md = Metadata(signed)  # type: ignore[type-var]
        md.sign(signer)
        written[role] = md.to_bytes(serializer)
    timestamp = Timestamp(
        version=version,
        expires=now + timedelta(days=timestamp_days),
        snapshot_meta=MetaFile.from_data(version, written["snapshot"], ["sha256"]),
    )
    md_ts = Metadata(timestamp)
    md_ts.sign(signer)
    written["timestamp"] = md_ts.to_bytes(serializer)
    written["1.root"] = written["root"]
    for name, data in written.items():
        (tuf_dir / f"{name}.json").write_bytes(data)
    return version


def _previous_version(tuf_dir: Path) -> int:
    try:
        return Metadata[Timestamp].from_file(str(tuf_dir / "timestamp.json")).signed.version
    except Exception:  # absent or unreadable: this is the first signing
        return 0


def check_bootstrap_root(data: bytes, *, key: SSlibKey) -> None:
    """Accept a served `tuf/1.root.json` only if the reader's key is its root key and
    signed it (trust on first use, anchored on the public key the reader already has)."""
    try:
        md = Metadata[Root].from_bytes(data)
        root = md.signed
        if not isinstance(root, Root):
            raise TufError("tuf/1.root.json", "not root metadata")
        if root.roles[Root.type].keyids != [key.keyid] or root.keys.get(key.keyid) != key:
            raise TufError("tuf/1.root.json", "its root key is not the release key")
        root.verify_delegate(Root.type, md.signed_bytes, md.signatures)
    except TufError:
        raise
    except Exception as exc:
        raise TufError("tuf/1.root.json", f"not signed by the release key ({exc})") from exc


def refresh_tuf(
    *, state_dir: Path, base_url: str, fetcher: FetcherInterface, key: SSlibKey
) -> tuple[TargetFile, int]:
    """Run the TUF client workflow against `base_url` (the site root, with `tuf/` under
    it); return the signed target info of `manifest.json` and the timestamp version.

    Raises TufError naming the metadata file on rollback, freeze or a bad signature.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    meta_url = base_url.rstrip("/") + "/tuf/"
    bootstrap: bytes | None = None
    if not (state_dir / "root.json").exists():
        try:
            bootstrap = fetcher.download_bytes(meta_url + "1.root.json", 512 * 1024)
        except exceptions.DownloadError as exc:
            raise TufError("tuf/1.root.json", f"cannot fetch it ({exc})") from exc
        check_bootstrap_root(bootstrap, key=key)
    config = UpdaterConfig(max_root_rotations=4)
    try:
        updater = Updater(
            str(state_dir), meta_url, fetcher=fetcher, config=config, bootstrap=bootstrap
        )
        updater.refresh()
        info = updater.get_targetinfo(MANIFEST)
    except exceptions.ExpiredMetadataError as exc:
        raise TufError(_role_file(exc), f"expired: this copy is frozen or stale ({exc})") from exc
    except exceptions.BadVersionNumberError as exc:
        raise TufError(_role_file(exc), f"rollback to an older release ({exc})") from exc
    except exceptions.DownloadError as exc:
        raise TufError("tuf/", f"cannot fetch TUF metadata ({exc})") from exc
    except exceptions.RepositoryError as exc:
        raise TufError(_role_file(exc), f"refused by TUF ({exc})") from exc
    if info is None:
        raise TufError("tuf/targets.json", f"does not list {MANIFEST}")
    trusted = Metadata[Timestamp].from_file(str(state_dir / "timestamp.json"))
    return info, trusted.signed.version


def _role_file(exc: Exception) -> str:
    text = str(exc).lower()
    for role in (Timestamp.type, Snapshot.type, Targets.type, Root.type):
        if role in text:
            return f"tuf/{role}.json"
    return "tuf/timestamp.json"


def check_offline_tuf(files: dict[str, bytes], manifest: bytes, *, key: SSlibKey) -> None:
    """Check the TUF metadata carried by an offline copy (ZIM, CAR): each role signed by
    the release key and targets listing this manifest. Expiry is not checked: an
    offline copy is a snapshot by nature, and `lionrock verify` prints its build date.

    `files` maps `tuf/<role>.json` to its bytes. Raises TufError naming the file.
    """
    for role in ROLES:
        path = f"tuf/{role}.json"
        if path not in files:
            raise TufError(path, "missing")
        try:
            md = Metadata.from_bytes(files[path])
            if md.signed.type != role:
                raise ValueError(f"holds {md.signed.type} metadata")
            key.verify_signature(md.signatures[key.keyid], md.signed_bytes)
        except Exception as exc:
            raise TufError(path, f"altered or not signed by the release key ({exc})") from exc
        if isinstance(md.signed, Targets):
            target = md.signed.targets.get(MANIFEST)
            try:
                if target is None:
                    raise ValueError(f"does not list {MANIFEST}")
                target.verify_length_and_hashes(manifest)
            except Exception as exc:
                raise TufError(path, f"does not match {MANIFEST} ({exc})") from exc
