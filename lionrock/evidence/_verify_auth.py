"""The WACZ-auth "Domain-Ownership Identity + Signed Timestamp" form (authsign, as in
py-wacz's signed fixtures), checked offline (WACZ Signing and Verification 0.1.0,
"Domain-Name Identity + Timestamp Validation", steps 3-8).

The domain certificate chain is checked against the Mozilla roots shipped by `certifi`,
at the signing time; the timestamp covers the `signature` string.

Example:
    problems: list[str] = []
    check_domain_signature(signed_data, problems, notes)
"""

from __future__ import annotations

import base64
import hashlib
import warnings
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from lionrock.evidence._sign import SigningError, verify_timestamp

LABEL = "datapackage-digest.json"


@cache
def mozilla_roots() -> tuple[x509.Certificate, ...]:
    with warnings.catch_warnings():  # a few old roots have odd serial numbers
        warnings.simplefilter("ignore")
        with open(certifi.where(), "rb") as fh:
            return tuple(x509.load_pem_x509_certificates(fh.read()))


def check_domain_signature(signed: dict[str, Any], problems: list[str], notes: list[str]) -> None:
    """Append a problem for each failed step; nothing for a good signature."""
    try:
        chain = x509.load_pem_x509_certificates(str(signed["domainCert"]).encode())
        signature = base64.b64decode(str(signed["signature"]), validate=True)
        created = datetime.fromisoformat(str(signed["created"]).replace("Z", "+00:00"))
        domain = str(signed["domain"])
    except (KeyError, ValueError) as exc:
        problems.append(f"{LABEL}: unreadable domain signature ({exc})")
        return
    public = chain[0].public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey):
        problems.append(f"{LABEL}: the domain certificate key is not ECDSA")
        return
    try:
        public.verify(signature, str(signed["hash"]).encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        problems.append(f"{LABEL}: the signature does not match the hash")
        return
    try:
        verifier = (
            PolicyBuilder()
            .store(Store(list(mozilla_roots())))
            .time(created)
            .build_server_verifier(x509.DNSName(domain))
        )
        verifier.verify(chain[0], chain[1:])
    except (VerificationError, ValueError) as exc:
        problems.append(
            f"{LABEL}: the certificate for {domain} does not chain to a trusted root "
            f"at {signed['created']} ({exc})"
        )
    _check_time_signature(signed, created, problems, notes)


def _check_time_signature(
    signed: dict[str, Any], created: datetime, problems: list[str], notes: list[str]
) -> None:
    if "timeSignature" not in signed:
        problems.append(f"{LABEL}: no timestamp over the domain signature")
        return
    message = str(signed["signature"]).encode()
    try:
        when = verify_timestamp(
            str(signed["timeSignature"]),
            str(signed.get("timestampCert", "")),
            hashlib.sha256(message).digest(),
            message=message,
        )
    except SigningError as exc:
        problems.append(f"{LABEL}: {exc}")
        return
    stamped = datetime.fromisoformat(when.replace("Z", "+00:00"))
    if abs(stamped - created) > timedelta(minutes=10):  # spec step 6
        problems.append(f"{LABEL}: timestamp {when} is not within 10 minutes of created")
    notes.append(f"TSA chain taken from the file (timestamp {when})")
