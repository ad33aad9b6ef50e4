"""`lionrock evidence verify`: check a WACZ (or WARC) completely, offline.

For a WACZ: the required contents are there; WARCs are stored uncompressed in the ZIP;
every member is listed in `datapackage.json` with the right sha256 and size; every WARC
record's digests hold; every CDXJ entry frames the record it names; `datapackage-digest.json`
matches; the signature verifies; the RFC 3161 token verifies against its stored chain.
py-wacz's validator has three bugs this module must not repeat (issue #4 §2): its
required-contents check never fires, its compression check always passes, and it passes
files with no signature. Here each of those is a failure (unsigned files pass only with
`allow_unsigned`).

Example:
    report = verify_file(Path("evidence.wacz"))
    report.ok, report.problems
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from lionrock.evidence._digest import DigestError, parse_digest, sha256_hex, sha256_stream
from lionrock.evidence._sign import (
    SigningError,
    check_seal,
    check_signature,
    verify_timestamp,
)
from lionrock.evidence._verify_auth import check_domain_signature
from lionrock.evidence._verify_warc import check_cdxj_entry, iter_warc, read_cdxj
from lionrock.evidence._zip_layout import check_zip_layout

MAX_MEMBER = 8 << 30  # a member larger than this is refused (zip bombs)
MAX_TOTAL = 32 << 30
INDEX_RE = re.compile(r"^indexes/[^/]+\.(cdxj?|cdxj?\.gz|idx)$")
SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}$")
ARCHIVE_RE = re.compile(r"^archive/[^/]+\.(warc|warc\.gz|arc|arc\.gz)$")


@dataclass
class Report:
    """The result of verifying one file: problems make it fail, notes do not."""

    path: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signer: str | None = None
    timestamp: str | None = None
    #: Accepted without a signature (`allow_unsigned`): nothing proves who made it.
    unsigned: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Trust:
    """What the verifier trusts: signer public keys (base64 SPKI; empty: any, reported)
    and TSA roots (empty: the stored chain's own root, reported)."""

    public_keys: frozenset[str] = frozenset()
    tsa_roots: tuple[x509.Certificate, ...] = ()
    allow_unsigned: bool = False


def verify_file(path: Path, *, trust: Trust | None = None, sha256: str | None = None) -> Report:
    """Verify one WACZ, WARC or WARC.gz file; never raises on bad input. `sha256` is the
    file's content address (its evidence ID); a file named by one (`<sha256>.wacz`, as the
    vault stores it) is checked against its name. That check comes first: the vault's copy
    must be the very file that was captured (issue #18 §5).

    Example: `verify_file(Path("x.wacz")).ok`.
    """
    trust = trust or Trust()
    report = Report(str(path))
    if not path.is_file():
        report.problems.append(f"{path}: no such file")
        return report
    expected = (sha256 or "").lower() or (path.stem.lower() if SHA256_RE.match(path.stem) else "")
    if expected:
        with path.open("rb") as fh:
            actual, _size = sha256_stream(fh)
        if actual != expected:
            report.problems.append(
                f"{path.name}: its sha256 is {actual}, not {expected}, the content address "
                "it is stored under: the file was replaced or altered"
            )
    try:
        if path.suffix.lower() == ".wacz" or zipfile.is_zipfile(path):
            report.problems.extend(f"{path.name}: {p}" for p in check_zip_layout(path))
            _verify_wacz(path, trust, report)
        else:
            records = iter_warc(path.name, path.read_bytes(), report.problems)
            if not records and not report.problems:
                report.problems.append(f"{path.name}: no WARC records")
    except Exception as exc:  # hostile input must give a verdict, never a traceback
        report.problems.append(f"{path.name}: cannot be checked ({type(exc).__name__}: {exc})")
    return report


def _read_members(path: Path, report: Report) -> dict[str, bytes] | None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        report.problems.append(f"{path.name}: not a readable ZIP file ({exc})")
        return None
    members: dict[str, bytes] = {}
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            report.problems.append(f"{path.name}: unpacks to more than {MAX_TOTAL} bytes")
            return None
        for info in infos:
            name = info.filename
            if name.startswith("/") or ".." in name.split("/"):
                report.problems.append(f"{name}: unsafe member path")
                continue
            if info.file_size > MAX_MEMBER:
                report.problems.append(f"{name}: larger than {MAX_MEMBER} bytes")
                continue
            if ARCHIVE_RE.match(name) and info.compress_type != zipfile.ZIP_STORED:
                # WACZ 1.2 § Zip Compression: archive files MUST be stored, for random access
                report.problems.append(f"{name}: compressed in the ZIP; WARCs must be stored")
            try:
                members[name] = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                report.problems.append(f"{name}: corrupted in the ZIP ({exc})")
            except Exception as exc:  # zlib.error and friends
                report.problems.append(f"{name}: corrupted in the ZIP ({type(exc).__name__})")
    return members


def _verify_wacz(path: Path, trust: Trust, report: Report) -> None:
    members = _read_members(path, report)
    if members is None:
        return
    package = _json_member(members, "datapackage.json", report)
    if package is None:
        if "datapackage.json" not in members:
            report.problems.append("datapackage.json: missing")
        return
    _check_required(members, report)
    _check_resources(members, package, report)
    warcs = {n: d for n, d in members.items() if ARCHIVE_RE.match(n)}
    for name, data in warcs.items():
        iter_warc(name, data, report.problems)
    for name, data in members.items():
        if INDEX_RE.match(name) and not name.endswith(".idx"):
            for _key, fields in read_cdxj(name, data, report.problems):
                problem = check_cdxj_entry(name, fields, warcs)
                if problem:
                    report.problems.append(problem)
    _check_pages(members, report)
    _check_custody(members, report)
    _check_digest(members, package, trust, report)


def _json_member(members: dict[str, bytes], name: str, report: Report) -> Any:
    if name not in members:
        return None
    try:
        return json.loads(members[name].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        report.problems.append(f"{name}: not valid JSON ({exc})")
        return None


def _check_required(members: dict[str, bytes], report: Report) -> None:
    """WACZ 1.2 § Directories and Files: a WARC, an index and pages/pages.jsonl."""
    if not any(ARCHIVE_RE.match(n) for n in members):
        report.problems.append("archive/: no .warc or .warc.gz file")
    if not any(INDEX_RE.match(n) for n in members):
        report.problems.append("indexes/: no CDXJ index")
    if "pages/pages.jsonl" not in members:
        report.problems.append("pages/pages.jsonl: missing")


def _resource_hash(resource: dict[str, Any]) -> str | None:
    if "hash" in resource:
        return str(resource["hash"])
    stats = resource.get("stats")  # WACZ 1.0 form: {"stats": {"hash", "bytes"}, "hashing"}
    if isinstance(stats, dict) and "hash" in stats:
        return f"{resource.get('hashing', 'sha256')}:{stats['hash']}"
    return None


def _check_resources(members: dict[str, bytes], package: Any, report: Report) -> None:
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        report.problems.append("datapackage.json: no resources")
        return
    listed: set[str] = set()
    for number, resource in enumerate(resources, 1):
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            report.problems.append(f"datapackage.json: resource {number} has no path")
            continue
        name = resource["path"]
        listed.add(name)
        if name not in members:
            report.problems.append(f"{name}: listed in datapackage.json but missing")
            continue
        claimed = _resource_hash(resource)
        size = resource.get("bytes", (resource.get("stats") or {}).get("bytes"))
        if claimed is None:
            report.problems.append(f"{name}: datapackage.json gives no hash")
        else:
            _compare_hash(name, claimed, members[name], report)
        if size is not None and size != len(members[name]):
            report.problems.append(f"{name}: {len(members[name])} bytes, listed as {size}")
    for name in members:
        if name not in listed and name not in ("datapackage.json", "datapackage-digest.json"):
            report.problems.append(f"{name}: not listed in datapackage.json")


def _compare_hash(name: str, claimed: str, data: bytes, report: Report) -> None:
    import hashlib

    try:
        algo, raw = parse_digest(claimed)
    except DigestError as exc:
        report.problems.append(f"{name}: {exc}")
        return
    if hashlib.new(algo, data).digest() != raw:
        report.problems.append(f"{name}: content does not match its {algo} in datapackage.json")


def _check_pages(members: dict[str, bytes], report: Report) -> None:
    for name, data in members.items():
        if not (name.startswith("pages/") and name.endswith(".jsonl")):
            continue
        for number, line in enumerate(data.splitlines(), 1):
            try:
                row = json.loads(line) if line.strip() else {}
            except ValueError:
                report.problems.append(f"{name}:{number}: not JSON")
                continue
            needs = isinstance(row, dict) and row and "format" not in row
            if needs and (not row.get("url") or not row.get("ts")):
                report.problems.append(f"{name}:{number}: a page needs url and ts")


def _check_custody(members: dict[str, bytes], report: Report) -> None:
    custody = _json_member(members, "custody/custody.json", report)
    if not isinstance(custody, dict):
        return
    for name, claimed in (custody.get("files") or {}).items():
        if name not in members:
            report.problems.append(f"custody/custody.json: names {name}, which is missing")
        elif claimed != "sha256:" + sha256_hex(members[name]):
            report.problems.append(f"{name}: does not match its hash in custody.json")


def _strict_b64(value: Any) -> bool:
    try:
        decoded = base64.b64decode(str(value), validate=True)
        return bool(base64.b64encode(decoded).decode() == value)
    except (binascii.Error, ValueError):
        return False


def _check_digest(members: dict[str, bytes], package: Any, trust: Trust, report: Report) -> None:
    digest = _json_member(members, "datapackage-digest.json", report)
    if digest is None:
        if "datapackage-digest.json" not in members:
            _unsigned(report, trust, "no datapackage-digest.json: the package is not signed")
        return
    actual = "sha256:" + sha256_hex(members["datapackage.json"])
    if not isinstance(digest, dict) or digest.get("path") != "datapackage.json":
        report.problems.append("datapackage-digest.json: path must be datapackage.json")
        return
    if str(digest.get("hash", "")).lower() != actual:
        report.problems.append("datapackage.json: does not match datapackage-digest.json")
    signed = digest.get("signedData")
    if not isinstance(signed, dict):
        _unsigned(report, trust, "datapackage-digest.json: the package is not signed")
        return
    if signed.get("hash") != digest.get("hash"):
        report.problems.append("datapackage-digest.json: signedData.hash differs from hash")
    if isinstance(package, dict) and signed.get("created") != package.get("created"):
        report.problems.append("datapackage-digest.json: signed time differs from created")
    if "domainCert" in signed:
        check_domain_signature(signed, report.problems, report.notes)
        report.signer = str(signed.get("domain"))
        return
    _check_anonymous(digest, signed, package, actual, trust, report)


SIGNED_KEYS = frozenset({"hash", "created", "software", "version", "signature", "publicKey"})
STAMP_KEYS = frozenset({"timeSignature", "timestampCert", "timestampTime", "timestampSeal"})


def _check_shape(digest: dict[str, Any], signed: dict[str, Any], report: Report) -> None:
    """Fields the signature does not cover must be exactly the ones we write, so that no
    byte of `datapackage-digest.json` can change unnoticed."""
    if set(digest) != {"path", "hash", "signedData"}:
        report.problems.append("datapackage-digest.json: unexpected or missing fields")
    missing = SIGNED_KEYS - set(signed)
    extra = set(signed) - SIGNED_KEYS - STAMP_KEYS
    if missing or extra:
        names = ", ".join(sorted(missing | extra))
        report.problems.append(f"datapackage-digest.json: signedData fields wrong: {names}")
    if signed.get("version") != "0.1.0":
        report.problems.append("datapackage-digest.json: unknown signing spec version")
    if "timeSignature" in signed:
        try:
            check_seal(signed)
        except SigningError as exc:
            report.problems.append(f"datapackage-digest.json: {exc}")


def _check_anonymous(
    digest: dict[str, Any],
    signed: dict[str, Any],
    package: Any,
    actual: str,
    trust: Trust,
    report: Report,
) -> None:
    for key in ("signature", "publicKey", "timeSignature", "timestampSeal"):
        if key in signed and not _strict_b64(signed[key]):
            report.problems.append(f"datapackage-digest.json: {key} is not canonical base64")
    software = package.get("software") if isinstance(package, dict) else None
    if str(software or "").startswith("lionrock"):
        if signed.get("software") != software:
            report.problems.append("datapackage-digest.json: signed software differs")
        _check_shape(digest, signed, report)
    try:
        report.signer = check_signature(signed)
    except SigningError as exc:
        report.problems.append(f"datapackage-digest.json: {exc}")
        return
    if trust.public_keys and report.signer not in trust.public_keys:
        report.problems.append("datapackage-digest.json: signed by a key we do not trust")
    elif not trust.public_keys:
        report.notes.append("signer key not pinned: compare it with the project's public key")
    if "timeSignature" not in signed:
        _unsigned(report, trust, "no RFC 3161 timestamp")
        return
    try:
        report.timestamp = verify_timestamp(
            str(signed["timeSignature"]),
            str(signed.get("timestampCert", "")),
            bytes.fromhex(actual.split(":", 1)[1]),
            trusted_roots=list(trust.tsa_roots) or None,
        )
    except SigningError as exc:
        report.problems.append(f"datapackage-digest.json: {exc}")
        return
    if signed.get("timestampTime") not in (None, report.timestamp):
        report.problems.append("datapackage-digest.json: timestampTime differs from the token")
    if not _same_pem(str(signed.get("timestampCert", ""))):
        report.problems.append("datapackage-digest.json: timestampCert is not canonical PEM")
    if not trust.tsa_roots:
        report.notes.append("TSA root not pinned: the stored chain's own root was used")


def _same_pem(text: str) -> bool:
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        certs = x509.load_pem_x509_certificates(text.encode("ascii"))
    except ValueError:
        return False
    canonical = "".join(c.public_bytes(Encoding.PEM).decode() for c in certs)
    return canonical.split() == text.split()


def _unsigned(report: Report, trust: Trust, message: str) -> None:
    report.unsigned = True
    (report.notes if trust.allow_unsigned else report.problems).append(message)
