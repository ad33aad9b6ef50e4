"""Package WARC data as a WACZ 1.2 file with a custody record, a signature and a timestamp.

Layout (WACZ 1.2.0 "Directory Layout"):

    archive/data.warc.gz       stored, not deflated (§ Zip Compression)
    indexes/index.cdxj         CDXJ, sorted as LC_ALL=C sort would
    pages/pages.jsonl
    custody/custody.json       who, when, from where, with which tool, and the hashes
    datapackage.json           sha256 and byte size of every file above
    datapackage-digest.json    its digest, the Ed25519 signature and the RFC 3161 token

The custody record sits in its own folder: WACZ 1.2 forbids extra files in archive/,
indexes/ and pages/, and py-wacz's `wacz validate` only understands two-level paths.
Two fields follow py-wacz 0.6 rather than the letter of WACZ 1.2, so that `wacz validate`
passes: `wacz_version: "1.1.1"` (py-wacz refuses any other value; 1.2 readers ignore it)
and `profile: "data-package"` (WACZ 1.2 says `"wacz"`, but frictionless, which py-wacz
runs, resolves a profile as a file or URL and fails on `"wacz"`). Our verifier accepts
either profile.

Example:
    data = build_wacz(warc=warc, cdxj=lines, pages=pages, custody=custody, created=now,
                      key=key, tsa_url="")
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._sign import (
    SOFTWARE,
    Timestamp,
    request_timestamp,
    seal_timestamp,
    sign_hash,
)

WARC_PATH = "archive/data.warc.gz"
INDEX_PATH = "indexes/index.cdxj"
PAGES_PATH = "pages/pages.jsonl"
CUSTODY_PATH = "custody/custody.json"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
STORED_SUFFIXES = (".warc.gz", ".warc", ".cdx.gz", ".cdxj.gz")


@dataclass(frozen=True, slots=True)
class Signing:
    """How to seal a package: the key (None: unsigned) and the TSA (empty: none)."""

    key: Ed25519PrivateKey | None = None
    tsa_url: str = ""
    tsa_ca_pem: bytes | None = None


def jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for r in rows
    )


def datapackage(
    files: dict[str, bytes], *, created: str, title: str, home: dict[str, str] | None
) -> bytes:
    """The `datapackage.json` listing every file with its sha256 and size."""
    resources = [
        {"name": path.rsplit("/", 1)[-1], "path": path,
         "hash": "sha256:" + sha256_hex(data), "bytes": len(data)}
        for path, data in files.items()
    ]  # fmt: skip
    package: dict[str, Any] = {
        "profile": "data-package",
        "wacz_version": "1.1.1",
        "title": title,
        "created": created,
        "software": SOFTWARE,
        "resources": resources,
    }
    if home:
        package["home"] = home
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


def digest_file(package: bytes, *, created: str, signing: Signing) -> bytes:
    """`datapackage-digest.json`: the package digest, signed and timestamped if asked."""
    digest = "sha256:" + sha256_hex(package)
    body: dict[str, Any] = {"path": "datapackage.json", "hash": digest}
    if signing.key is not None:
        signed = sign_hash(digest, key=signing.key, created=created)
        if signing.tsa_url:
            stamp: Timestamp = request_timestamp(
                package, tsa_url=signing.tsa_url, ca_pem=signing.tsa_ca_pem
            )
            signed["timeSignature"] = stamp.token_b64
            signed["timestampCert"] = stamp.chain_pem
            signed["timestampTime"] = stamp.gen_time
            signed["timestampSeal"] = seal_timestamp(signed, key=signing.key)
        body["signedData"] = signed
    return json.dumps(body, indent=2).encode("utf-8")


def zip_members(members: dict[str, bytes], when: datetime) -> bytes:
    """The ZIP: WARCs and gzipped indexes stored, text deflated, in the given order."""
    out = io.BytesIO()
    date = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w") as archive:
        for path, data in members.items():
            info = zipfile.ZipInfo(path, date_time=date)
            info.compress_type = (
                zipfile.ZIP_STORED if path.endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            )
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def build_wacz(
    *,
    warcs: dict[str, bytes],
    cdxj: list[str],
    pages: list[dict[str, Any]],
    custody: dict[str, Any],
    created: datetime,
    signing: Signing,
    title: str = "Lion Rock evidence",
) -> bytes:
    """The bytes of one WACZ file.

    Example: `build_wacz(warcs={WARC_PATH: data}, cdxj=lines, pages=[...], custody={...},
    created=now, signing=Signing(key=key))`.
    """
    created_iso = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    files: dict[str, bytes] = {}
    for path, data in warcs.items():
        files[path] = data
    index = sorted(cdxj, key=lambda s: s.encode("utf-8"))  # LC_ALL=C: byte order
    files[INDEX_PATH] = "".join(line + "\n" for line in index).encode("utf-8")
    files[PAGES_PATH] = jsonl([PAGES_HEADER, *pages])
    custody = {**custody, "files": {p: "sha256:" + sha256_hex(d) for p, d in files.items()}}
    files[CUSTODY_PATH] = json.dumps(custody, ensure_ascii=False, indent=2).encode("utf-8")
    home = {"url": pages[0]["url"], "ts": pages[0]["ts"]} if pages else None
    package = datapackage(files, created=created_iso, title=title, home=home)
    members = {
        **files,
        "datapackage.json": package,
        "datapackage-digest.json": digest_file(package, created=created_iso, signing=signing),
    }
    return zip_members(members, created)
