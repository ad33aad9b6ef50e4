"""Sources' codenames (issue #15 §4): seven words from EFF's long word list (7,776 words,
so 90 bits), drawn with `secrets`, shown once and never stored.

One Argon2id derivation (salted with the intake server's own random salt) turns a codename
into 64 bytes: BLAKE2b of the first half is the source's ID, the only trace of the codename
the server keeps; the second half seeds the source's X25519 key pair, whose public half is
stored so replies can be sealed to it. Only someone who knows the codename can derive the
private half and read the replies; the server derives it for the length of one request.

Example:
    codename = new_codename()
    keys = derive_source(codename, salt=salt)
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nacl.pwhash
from nacl.public import PrivateKey

WORDLIST = Path(__file__).with_name("wordlist") / "eff_large_wordlist.txt"
WORDS_PER_CODENAME = 7
#: libsodium's "interactive" limits (64 MiB, 2 passes): 90 bits need no slower hash, and
#: each login costs the server this much, so concurrent derivations are also capped.
OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE
SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES


@cache
def wordlist() -> tuple[str, ...]:
    """EFF's long word list, in order (each line is `dice<TAB>word`)."""
    words = tuple(
        line.split("\t")[1].strip()
        for line in WORDLIST.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    assert len(words) == 7776 and len(set(words)) == 7776, "the EFF list has 7,776 words"
    return words


def new_codename(words: int = WORDS_PER_CODENAME) -> str:
    """A fresh codename. Example: `new_codename()` -> `"ladle ribcage ... ozone"`."""
    choices = wordlist()
    return " ".join(secrets.choice(choices) for _ in range(words))


def normalize(codename: str) -> str | None:
    """The codename as derived: lower case, single spaces; None if it cannot be one (a
    word not on the list, or the wrong number of words), so no derivation is spent on it."""
    words = codename.lower().split()
    known = set(wordlist())
    if len(words) != WORDS_PER_CODENAME or not all(w in known for w in words):
        return None
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class SourceKeys:
    """What a codename derives: the source's ID and key pair."""

    source_id: str
    private: PrivateKey

    @property
    def public(self) -> bytes:
        return bytes(self.private.public_key)


def derive_source(codename: str, *, salt: bytes) -> SourceKeys:
    """Derive a source's ID and key pair from its (normalized) codename.

    Example: `derive_source("ladle ribcage ...", salt=salt).source_id`.
    """
    stretched = nacl.pwhash.argon2id.kdf(
        64, codename.encode(), salt, opslimit=OPSLIMIT, memlimit=MEMLIMIT
    )
    source_id = hashlib.blake2b(stretched[:32], digest_size=32, person=b"lr-intake-id").hexdigest()
    seed = hashlib.blake2b(stretched[32:], digest_size=32, person=b"lr-intake-key").digest()
    return SourceKeys(source_id=source_id, private=PrivateKey.from_seed(seed))
