"""Ed25519 signatures in the WACZ-auth anonymous form, and RFC 3161 timestamps.

WACZ Signing and Verification 0.1.0, "Anonymous Signature": `signedData` holds `hash`
(the `datapackage.json` digest, `sha256:hex`), `created`, `software`, `version`,
`signature` (base64, here Ed25519 over the UTF-8 bytes of `hash`) and `publicKey`
(base64 DER SubjectPublicKeyInfo). The spec names ECDSA; the form is the same.

The RFC 3161 token is over `datapackage.json` itself, so its message imprint is the
datapackage digest (RFC 3161 §2.4.1). It is stored beside the signature as
`timeSignature` (base64 DER TimeStampResp) with the TSA's certificate chain
(`timestampCert`, PEM), so it verifies offline.

Example:
    key = load_or_create_key(Path("keys/evidence-ed25519.pem"))
    signed = sign_hash("sha256:...", key=key, created="2026-11-28T00:00:00Z")
"""

from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from rfc3161_client import (
    HashAlgorithm,
    TimestampRequestBuilder,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from lionrock import __version__
from lionrock.errors import LionRockError

SOFTWARE = f"lionrock {__version__}"
MAX_TSA_RESPONSE = 1 << 20


class SigningError(LionRockError):
    """A key could not be read, or a TSA did not give a usable timestamp."""


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """Read the Ed25519 private key at `path` (PEM), creating it (mode 0600) if absent.

    Example: `load_or_create_key(Path("lionrock-data/keys/evidence-ed25519.pem"))`.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return key
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as exc:
        raise SigningError(f"{path}: not a readable PEM private key ({exc})") from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningError(f"{path}: the signing key must be Ed25519")
    return loaded


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The base64 DER SubjectPublicKeyInfo of a key, as `publicKey` holds it."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")


def sign_hash(digest: str, *, key: Ed25519PrivateKey, created: str) -> dict[str, Any]:
    """The anonymous `signedData` for a datapackage digest.

    Example: `sign_hash("sha256:ab..", key=key, created="2026-11-28T00:00:00Z")["signature"]`.
    """
    signature = key.sign(digest.encode("utf-8"))
    return {
        "hash": digest,
        "created": created,
        "software": SOFTWARE,
        "version": "0.1.0",
        "signature": base64.b64encode(signature).decode("ascii"),
        "publicKey": public_key_b64(key),
    }


def check_signature(signed: dict[str, Any]) -> str:
    """Check an anonymous signature; return the signer's public key (base64) or raise.

    Example: `check_signature(digest_json["signedData"])`.
    """
    try:
        der = base64.b64decode(str(signed["publicKey"]), validate=True)
        public = serialization.load_der_public_key(der)
        signature = base64.b64decode(str(signed["signature"]), validate=True)
        message = str(signed["hash"]).encode("utf-8")
    except (KeyError, ValueError) as exc:
        raise SigningError(f"unreadable signature, hash or public key ({exc})") from exc
    if not isinstance(public, Ed25519PublicKey):
        # ECDSA anonymous signatures (ArchiveWeb.page) are checked the same way
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise SigningError("the public key is neither Ed25519 nor ECDSA")
        try:
            public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise SigningError("the signature does not match the hash") from exc
        return str(signed["publicKey"])
    try:
        public.verify(signature, message)
    except InvalidSignature as exc:
        raise SigningError("the signature does not match the hash") from exc
    return str(signed["publicKey"])


def seal_message(signed: dict[str, Any]) -> bytes:
    """What `timestampSeal` signs: the token, its chain and its time. A CMS token has
    fields its own signature does not cover (the certificate set, the signature algorithm
    identifier); sealing them with our key makes every stored byte tamper-evident."""
    parts = [str(signed.get(k, "")) for k in ("timeSignature", "timestampCert", "timestampTime")]
    return b"lionrock-timestamp-seal\n" + "\n".join(parts).encode("utf-8")


def seal_timestamp(signed: dict[str, Any], *, key: Ed25519PrivateKey) -> str:
    """The base64 Ed25519 signature over `seal_message(signed)`."""
    return base64.b64encode(key.sign(seal_message(signed))).decode("ascii")


def check_seal(signed: dict[str, Any]) -> None:
    """Raise `SigningError` unless `timestampSeal` verifies with `publicKey`."""
    try:
        public = serialization.load_der_public_key(base64.b64decode(str(signed["publicKey"])))
        seal = base64.b64decode(str(signed["timestampSeal"]), validate=True)
        if not isinstance(public, Ed25519PublicKey):
            raise SigningError("a timestamp seal needs an Ed25519 key")
        public.verify(seal, seal_message(signed))
    except (KeyError, ValueError, InvalidSignature) as exc:
        raise SigningError("the timestamp seal does not verify") from exc


@dataclass(frozen=True, slots=True)
class Timestamp:
    """An RFC 3161 token with the TSA's chain, as stored in `signedData`."""

    token_b64: str
    chain_pem: str
    gen_time: str
    tsa_url: str


def request_timestamp(
    data: bytes, *, tsa_url: str, ca_pem: bytes | None = None, timeout: float = 20.0
) -> Timestamp:
    """Ask the TSA at `tsa_url` for a token over sha256(`data`); check it and keep its chain.

    The chain is the certificates the TSA returns plus `ca_pem` (its root), so the token
    verifies offline later.

    Example: `request_timestamp(datapackage_bytes, tsa_url="http://127.0.0.1:3180/")`.
    """
    request = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .cert_request(cert_request=True)
        .nonce(nonce=True)
        .build()
    )
    http_request = urllib.request.Request(
        tsa_url,
        data=request.as_bytes(),
        headers={"Content-Type": "application/timestamp-query"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http_request, timeout=timeout) as response:
            der = response.read(MAX_TSA_RESPONSE + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise SigningError(f"the TSA at {tsa_url} did not answer: {exc}") from exc
    if len(der) > MAX_TSA_RESPONSE:
        raise SigningError(f"the TSA at {tsa_url} sent an oversized response")
    try:
        parsed = decode_timestamp_response(der)
    except ValueError as exc:
        raise SigningError(f"the TSA at {tsa_url} sent an unreadable response: {exc}") from exc
    certs = [x509.load_der_x509_certificate(c) for c in parsed.signed_data.certificates]
    if ca_pem:
        certs += x509.load_pem_x509_certificates(ca_pem)
    chain = _unique_pem(certs)
    stamp = Timestamp(
        token_b64=base64.b64encode(der).decode("ascii"),
        chain_pem=chain,
        gen_time=parsed.tst_info.gen_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        tsa_url=tsa_url,
    )
    verify_timestamp(stamp.token_b64, stamp.chain_pem, hashlib.sha256(data).digest(),
                     nonce=request.nonce)  # fmt: skip
    return stamp


def _unique_pem(certs: list[x509.Certificate]) -> str:
    seen: dict[bytes, str] = {}
    for cert in certs:
        der = cert.public_bytes(serialization.Encoding.DER)
        seen.setdefault(der, cert.public_bytes(serialization.Encoding.PEM).decode("ascii"))
    return "".join(seen.values())


def _check_chain(chain: list[x509.Certificate]) -> None:
    """Every stored certificate must be signed by its issuer in the chain (or by itself),
    so that no byte of the stored chain can change unnoticed."""
    by_subject = {c.subject: c for c in chain}
    for cert in chain:
        issuer = by_subject.get(cert.issuer)
        if issuer is None:
            continue  # issued by a root the caller must supply
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature) as exc:
            name = cert.subject.rfc4514_string()
            raise SigningError(f"the stored TSA chain is broken at {name!r}") from exc


def verify_timestamp(
    token_b64: str,
    chain_pem: str,
    digest: bytes,
    *,
    trusted_roots: list[x509.Certificate] | None = None,
    nonce: int | None = None,
    message: bytes | None = None,
) -> str:
    """Verify a stored token offline over `digest` (or over `message`, hashed as the token
    says); return its time (UTC, ISO 8601) or raise `SigningError`.

    With `trusted_roots`, the chain must end in one of them; otherwise the stored chain's
    self-signed certificates are the roots (the token is then consistent, and the caller
    reports which root it trusted).

    Example: `verify_timestamp(sd["timeSignature"], sd["timestampCert"], digest_bytes)`.
    """
    try:
        response = decode_timestamp_response(base64.b64decode(token_b64, validate=True))
        chain = x509.load_pem_x509_certificates(chain_pem.encode("ascii"))
    except (ValueError, TypeError) as exc:
        raise SigningError(f"unreadable timestamp token or chain ({exc})") from exc
    _check_chain(chain)
    roots = trusted_roots or [c for c in chain if c.issuer == c.subject]
    if not roots:
        raise SigningError(
            "the timestamp chain has no root certificate (set LIONROCK_TSA_CA to the TSA's "
            "root, so that tokens verify offline)"
        )
    embedded = {bytes(c) for c in response.signed_data.certificates}
    stored = {c.public_bytes(serialization.Encoding.DER) for c in chain}
    if not embedded <= stored:
        # the token's certificate set is outside its signature: pin it to the stored chain
        raise SigningError("a certificate inside the timestamp token differs from the chain")
    builder = VerifierBuilder(nonce=nonce)
    for cert in roots:
        builder = builder.add_root_certificate(cert)
    leaf = None
    for cert in chain:
        if cert.issuer == cert.subject:
            continue
        if leaf is None and not embedded:
            leaf = cert
        else:
            builder = builder.add_intermediate_certificate(cert)
    if leaf is not None:
        builder = builder.tsa_certificate(leaf)
    try:
        verifier = builder.build()
        if message is not None:
            verifier.verify_message(response, message)
        else:
            verifier.verify(response, digest)
    except (VerificationError, ValueError) as exc:
        raise SigningError(f"the timestamp token does not verify: {exc}") from exc
    return response.tst_info.gen_time.strftime("%Y-%m-%dT%H:%M:%SZ")
