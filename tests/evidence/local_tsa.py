"""A local RFC 3161 time-stamping authority for tests and the benchmark, built with
`cryptography` and a few lines of DER, served on 127.0.0.1 only.

It has an EC P-256 root and a TSA certificate (critical EKU id-kp-timeStamping, RFC 3161
§2.3) and answers `application/timestamp-query` POSTs with a granted TimeStampResp whose
SignedData carries the TSTInfo, signed attributes (contentType, messageDigest,
signingCertificateV2) and the TSA certificate.

Example:
    with LocalTSA() as tsa:
        tsa.url, tsa.root_pem
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from rfc3161_client._rust import parse_timestamp_request  # the request parser

OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_TST_INFO = "1.2.840.113549.1.9.16.1.4"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"
OID_SHA256 = "2.16.840.1.101.3.4.2.1"
OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2"
POLICY = "1.3.6.1.4.1.99999.1"  # a private-arc policy ID for the test TSA


def _len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def tlv(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + _len(len(body)) + body


def seq(*parts: bytes) -> bytes:
    return tlv(0x30, b"".join(parts))


def der_set(*parts: bytes) -> bytes:
    return tlv(0x31, b"".join(sorted(parts)))  # DER: SET OF sorted by encoding


def integer(n: int) -> bytes:
    raw = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=True)
    return tlv(0x02, raw)


def oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7F]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7F))
            part >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, body)


def octets(data: bytes) -> bytes:
    return tlv(0x04, data)


def explicit(n: int, body: bytes) -> bytes:
    return tlv(0xA0 + n, body)


def gen_time(when: datetime) -> bytes:
    return tlv(0x18, when.strftime("%Y%m%d%H%M%SZ").encode())


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lion Rock test TSA"),
        ]
    )


def _certs() -> tuple[Any, x509.Certificate, Any, x509.Certificate]:
    now = datetime.now(UTC) - timedelta(days=1)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        x509.CertificateBuilder()
        .subject_name(_name("Test TSA Root"))
        .issuer_name(_name("Test TSA Root"))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Test TSA"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return root_key, root, key, cert


class LocalTSA:
    """An RFC 3161 TSA on 127.0.0.1 (a context manager)."""

    def __init__(self) -> None:
        self.root_key, self.root, self.key, self.cert = _certs()
        self.serial = 0
        self.requests = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/tsa"
        self.root_pem = self.root.public_bytes(serialization.Encoding.PEM)

    def __enter__(self) -> LocalTSA:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def respond(self, query: bytes) -> bytes:
        """A granted TimeStampResp for a DER TimeStampReq."""
        request = parse_timestamp_request(query)
        with self._lock:
            self.serial += 1
            self.requests += 1
            serial = self.serial
        imprint = request.message_imprint
        tst_parts = [
            integer(1),
            oid(POLICY),
            seq(seq(oid(imprint.hash_algorithm.dotted_string)), octets(imprint.message)),
            integer(serial),
            gen_time(datetime.now(UTC)),
        ]
        if request.nonce is not None:
            tst_parts.append(integer(request.nonce))
        tst_info = seq(*tst_parts)
        cert_der = self.cert.public_bytes(serialization.Encoding.DER)
        attributes = [
            seq(oid(OID_CONTENT_TYPE), der_set(oid(OID_TST_INFO))),
            seq(oid(OID_MESSAGE_DIGEST), der_set(octets(hashlib.sha256(tst_info).digest()))),
            seq(oid(OID_SIGNING_CERT_V2),
                der_set(seq(seq(seq(octets(hashlib.sha256(cert_der).digest())))))),
        ]  # fmt: skip
        signed_attrs = der_set(*attributes)
        signature = self.key.sign(signed_attrs, ec.ECDSA(hashes.SHA256()))
        issuer_der = self.cert.issuer.public_bytes()
        signer_info = seq(
            integer(1),
            seq(issuer_der, integer(self.cert.serial_number)),
            seq(oid(OID_SHA256)),
            tlv(0xA0, signed_attrs[2:] if signed_attrs[1] < 0x80 else _strip(signed_attrs)),
            seq(oid(OID_ECDSA_SHA256)),
            octets(signature),
        )
        signed_data = seq(
            integer(3),
            der_set(seq(oid(OID_SHA256))),
            seq(oid(OID_TST_INFO), explicit(0, octets(tst_info))),
            tlv(0xA0, cert_der),
            der_set(signer_info),
        )
        token = seq(oid(OID_SIGNED_DATA), explicit(0, signed_data))
        return seq(seq(integer(0)), token)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = min(int(self.headers.get("Content-Length", "0")), 1 << 16)
                body = tsa.respond(self.rfile.read(length))
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        return Handler


def _strip(encoded: bytes) -> bytes:
    """The contents of a TLV whose length takes more than one byte."""
    return encoded[2 + (encoded[1] & 0x7F) :]
