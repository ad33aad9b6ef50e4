"""Release keys: one Ed25519 key in minisign format signs the manifest and the TUF roles.

Readers need only the public key (`lionrock.pub`, or its base64 line): it checks the
minisign signature of `manifest.json` and is the TUF root of trust, so a reader's first
`tuf/1.root.json` is accepted only if that key signed it.
"""

from __future__ import annotations

import os
from pathlib import Path

import minisign
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from securesystemslib.signer import CryptoSigner, SSlibKey

from lionrock.errors import LionRockError

SECRET_NAME = "lionrock.key"
PUBLIC_NAME = "lionrock.pub"


class KeyFileError(LionRockError):
    """A key file is missing, malformed, encrypted without a password, or wrong."""


def generate_keys(out_dir: Path, *, password: str | None = None) -> tuple[Path, Path]:
    """Create `lionrock.key` (secret, mode 0600) and `lionrock.pub` in `out_dir`.

    Refuses to overwrite an existing key. With `password`, the secret key is encrypted
    (scrypt, as minisign does).

    Example: `secret, public = generate_keys(Path("keys"))`
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    secret, public = out_dir / SECRET_NAME, out_dir / PUBLIC_NAME
    for path in (secret, public):
        if path.exists():
            raise KeyFileError(f"{path}: a key already exists; not overwriting it")
    pair = minisign.KeyPair.generate()
    if password:
        pair.secret_key.encrypt(password)
    # py-minisign's bytes() has no trailing newline (TOOLCHAIN.md gotcha 7).
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(bytes(pair.secret_key) + b"\n")
    public.write_bytes(bytes(pair.public_key) + b"\n")
    return secret, public


def load_secret_key(path: Path, *, password: str | None = None) -> minisign.SecretKey:
    """Read a minisign secret key, decrypting it with `password` if it is encrypted."""
    try:
        key = minisign.SecretKey.from_file(path)
        if key.is_encrypted():
            if not password:
                raise KeyFileError(f"{path}: the key is encrypted; set LIONROCK_KEY_PASSWORD")
            key.decrypt(password)
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the secret key: {exc.strerror}") from exc
    except minisign.Error as exc:
        raise KeyFileError(f"{path}: not a usable minisign secret key: {exc}") from exc
    return key


def load_public_key(key: str | Path) -> minisign.PublicKey:
    """A minisign public key from a file or from its base64 line (as `minisign -P`).

    Example: `load_public_key("RWQ...")` or `load_public_key(Path("lionrock.pub"))`.
    """
    text = str(key).strip()
    try:
        if isinstance(key, Path) or not text.startswith("RW") or Path(text).exists():
            return minisign.PublicKey.from_file(text)
        return minisign.PublicKey.from_base64(text)
    except OSError as exc:
        raise KeyFileError(f"{text}: cannot read the public key: {exc.strerror}") from exc
    except (minisign.Error, ValueError) as exc:
        raise KeyFileError(f"{text}: not a minisign public key: {exc}") from exc


def tuf_public_key(public: minisign.PublicKey) -> SSlibKey:
    """The TUF (securesystemslib) form of a minisign public key: same Ed25519 key."""
    raw = bytes(public._keynum_pk.public_key)  # py-minisign has no public accessor
    return SSlibKey.from_crypto(Ed25519PublicKey.from_public_bytes(raw))


def tuf_signer(secret: minisign.SecretKey) -> CryptoSigner:
    """A TUF signer holding the same Ed25519 key as the minisign secret key."""
    seed = bytes(secret._keynum_sk.secret_key)  # 32-byte Ed25519 seed
    private = Ed25519PrivateKey.from_private_bytes(seed)
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))
