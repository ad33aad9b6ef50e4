"""Recipients' keys and sources' codenames."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from lionrock.intake import (
    KeyFileError,
    derive_source,
    load_secret_key,
    new_codename,
    normalize,
    parse_recipient,
    read_recipients,
    wordlist,
)
from lionrock.intake._codename import WORDLIST
from tests.intake.conftest import PASSPHRASE, RecipientKey

EFF_SHA256 = "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e"


def test_the_eff_word_list_ships_unchanged_with_its_attribution() -> None:
    assert hashlib.sha256(WORDLIST.read_bytes()).hexdigest() == EFF_SHA256
    words = wordlist()
    assert len(words) == 7776 and words[0] == "abacus" and words[-1] == "zoom"
    notice = (WORDLIST.parent / "README.md").read_text()
    assert "Electronic Frontier Foundation" in notice and "CC BY 3.0 US" in notice
    assert EFF_SHA256 in notice


def test_codenames() -> None:
    codename = new_codename()
    assert len(codename.split()) == 7 and all(w in wordlist() for w in codename.split())
    assert new_codename() != codename
    assert normalize(f"  {codename.upper()}\n") == codename
    assert normalize("abacus " * 6) is None and normalize("abacus " * 6 + "xyzzy") is None
    salt = b"s" * 16
    first, again = derive_source(codename, salt=salt), derive_source(codename, salt=salt)
    assert first.source_id == again.source_id and first.public == again.public
    assert codename not in first.source_id and len(first.source_id) == 64
    other_server = derive_source(codename, salt=b"t" * 16)
    assert other_server.source_id != first.source_id  # each server salts its own


def test_key_files(recipient: RecipientKey, tmp_path: Path) -> None:
    assert stat.S_IMODE(recipient.path.stat().st_mode) == 0o600
    data = json.loads(recipient.path.read_text())
    assert data["kdf"]["name"] == "argon2id13" and data["kdf"]["memlimit"] >= 256 << 20
    assert bytes(recipient.secret) not in recipient.path.read_bytes()
    public = parse_recipient(recipient.public_path.read_text())
    assert public.public == bytes(recipient.secret.public_key) and public.label == "desk-1"
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        load_secret_key(recipient.path, passphrase=PASSPHRASE + "!")
    with pytest.raises(KeyFileError, match="no such key file"):
        load_secret_key(tmp_path / "missing.key", passphrase=PASSPHRASE)
    (tmp_path / "junk.key").write_text("{}")
    with pytest.raises(KeyFileError, match="not a Lion Rock intake secret key"):
        load_secret_key(tmp_path / "junk.key", passphrase=PASSPHRASE)
    bad = tmp_path / "recipients.txt"
    bad.write_text("# keys\n" + recipient.public_path.read_text() + "ssh-ed25519 AAAA me\n")
    with pytest.raises(KeyFileError, match=r"recipients.txt:3: not a Lion Rock"):
        read_recipients(bad)
