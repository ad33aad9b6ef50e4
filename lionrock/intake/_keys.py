"""Recipients' keys (issue #15 §3): X25519 key pairs made on the offline machine.

The secret key file holds the private key encrypted with XSalsa20-Poly1305 under a key
derived from a passphrase by Argon2id (libsodium's `crypto_pwhash`, 256 MiB, 3 passes:
its "moderate" limits). The public key is one line, to copy to the intake server:

    lionrock-intake-1 <base64 public key> <label>

Example:
    secret_text, public_line = generate_key(passphrase="...", label="desk-1")
    key = load_secret_key(Path("desk-1.key"), passphrase="...")
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey

from lionrock.errors import LionRockError
from lionrock.intake._format import key_id

PUBLIC_PREFIX = "lionrock-intake-1"
SECRET_FORMAT = "lionrock-intake-secret-key"
MIN_PASSPHRASE = 12
OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_MODERATE
MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_MODERATE


class KeyFileError(LionRockError):
    """A key file is unreadable, or its passphrase is wrong."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """A recipient's public key, as the server holds it."""

    public: bytes
    label: str = ""

    @property
    def key_id(self) -> str:
        """16 hex characters naming the key (shown by `lionrock intake recipients`)."""
        return key_id(self.public).hex()

    def line(self) -> str:
        text = base64.b64encode(self.public).decode()
        return f"{PUBLIC_PREFIX} {text} {self.label}".rstrip()


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise KeyFileError(f"{what}: not base64") from exc


def parse_recipient(line: str, *, where: str = "<input>") -> Recipient:
    """Read one public key line. Example: `parse_recipient("lionrock-intake-1 AAAA... desk")`."""
    parts = line.strip().split(maxsplit=2)
    if len(parts) < 2 or parts[0] != PUBLIC_PREFIX:
        raise KeyFileError(f"{where}: not a Lion Rock intake public key ({PUBLIC_PREFIX} ...)")
    public = _b64(parts[1], where)
    if len(public) != 32:
        raise KeyFileError(f"{where}: a public key has 32 bytes, this has {len(public)}")
    return Recipient(public=public, label=parts[2] if len(parts) > 2 else "")


def read_recipients(path: Path) -> list[Recipient]:
    """The recipients listed in `path` (blank lines and `#` comments are skipped); none if
    the file does not exist."""
    if not path.exists():
        return []
    found: list[Recipient] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            found.append(parse_recipient(line, where=f"{path}:{number}"))
    return found


def add_recipient(path: Path, recipient: Recipient) -> bool:
    """Append a recipient to the file (once); return whether it was new."""
    if any(r.public == recipient.public for r in read_recipients(path)):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(recipient.line() + "\n")
    return True


def _derive(passphrase: str, salt: bytes, ops: int, mem: int) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE, passphrase.encode(), salt, opslimit=ops, memlimit=mem
    )


def generate_key(*, passphrase: str, label: str = "") -> tuple[str, str]:
    """A new key pair: the secret key file's text and the public key line.

    Example: `secret_text, public_line = generate_key(passphrase="correct horse ...")`.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(f"the passphrase needs at least {MIN_PASSPHRASE} characters")
    if any(c.isspace() for c in label):
        raise KeyFileError("a key label has no spaces")
    private = PrivateKey.generate()
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_derive(passphrase, salt, OPSLIMIT, MEMLIMIT))
    recipient = Recipient(public=bytes(private.public_key), label=label)
    data = {
        "format": SECRET_FORMAT,
        "version": 1,
        "label": label,
        "public": base64.b64encode(recipient.public).decode(),
        "kdf": {
            "name": "argon2id13",
            "opslimit": OPSLIMIT,
            "memlimit": MEMLIMIT,
            "salt": base64.b64encode(salt).decode(),
        },
        "secretbox": base64.b64encode(box.encrypt(bytes(private))).decode(),
    }
    return json.dumps(data, indent=2) + "\n", recipient.line()


def write_key(path: Path, *, passphrase: str, label: str = "") -> Recipient:
    """Write `path` (the secret key, mode 0600) and `path.pub`; refuse to overwrite."""
    secret_text, public_line = generate_key(passphrase=passphrase, label=label)
    public_path = path.with_name(path.name + ".pub")
    for target in (path, public_path):
        if target.exists():
            raise KeyFileError(f"{target}: exists; a key is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret_text)
    public_path.write_text(public_line + "\n", encoding="utf-8")
    return parse_recipient(public_line)


def load_secret_key(path: Path, *, passphrase: str) -> PrivateKey:
    """Decrypt a secret key file; a wrong passphrase is a clear `KeyFileError`.

    Example: `load_secret_key(Path("desk-1.key"), passphrase="...")`.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != SECRET_FORMAT:
            raise ValueError("not a secret key file")
        kdf = data["kdf"]
        if kdf.get("name") != "argon2id13":
            raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
        ops, mem = int(kdf["opslimit"]), int(kdf["memlimit"])
        if not (1 <= ops <= 64 and 8192 <= mem <= (4 << 30)):
            raise ValueError("key derivation limits out of range")
        salt = _b64(kdf["salt"], str(path))
        sealed = _b64(data["secretbox"], str(path))
        public = _b64(data["public"], str(path))
    except FileNotFoundError as exc:
        raise KeyFileError(f"{path}: no such key file") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(f"{path}: not a Lion Rock intake secret key ({exc})") from exc
    try:
        raw = nacl.secret.SecretBox(_derive(passphrase, salt, ops, mem)).decrypt(sealed)
    except CryptoError as exc:
        raise KeyFileError(f"{path}: wrong passphrase (the key did not decrypt)") from exc
    private = PrivateKey(raw)
    if bytes(private.public_key) != public:
        raise KeyFileError(f"{path}: the secret key does not match its public key (damaged)")
    return private
