"""Tamper trials on signed artefacts (issue #18 item 3): flip, truncate, delete, add or
reorder bytes in a signed site's files and manifest, and in its CAR and ZIM; `lionrock
verify` must catch every one. The same for the TUF metadata (`lionrock verify`), a
captured WACZ (`evidence verify`) and the audit log's rows (`audit verify`, including an
attacker who rewrites the chain and its head row). `make test` runs TAMPER_TRIALS per
artefact; `make soak` sets LIONROCK_SOAK_TAMPER (200 in all at least)."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock.release import build_car, build_zim, verify
from tests.release.conftest import Keys
from tests.reliability.crash import tally

TRIALS = int(os.environ.get("LIONROCK_SOAK_TAMPER", "6"))
KINDS = ["flip", "truncate", "delete", "append", "prepend", "reorder"]


def _tamper(data: bytes, kind: str, rng: random.Random) -> bytes:
    at = rng.randrange(max(len(data), 1))
    if kind == "flip" and data:
        return data[:at] + bytes([data[at] ^ rng.randrange(1, 256)]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    if kind == "delete":
        return data[:at] + data[at + rng.randrange(1, 64) :]
    if kind == "append":
        return data + os.urandom(rng.randrange(1, 64))
    if kind == "prepend":
        return os.urandom(rng.randrange(1, 64)) + data
    cut = rng.randrange(max(len(data), 1))
    return data[cut:] + data[:cut] if data[cut:] + data[:cut] != data else data + b"\0"


def _site_files(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*") if p.is_file() and "tuf" not in p.relative_to(site).parts
    )


def test_tampered_site_files_are_caught(tmp_path: Path, release_v2: Path, keys: Keys) -> None:
    rng = random.Random(f"site-{TRIALS}")
    missed = []
    for trial in range(TRIALS):
        site = Path(shutil.copytree(release_v2, tmp_path / f"site{trial}"))
        target = rng.choice(_site_files(site))
        kind = rng.choice([*KINDS, "remove", "add"])
        if kind == "remove":
            target.unlink()
        elif kind == "add":
            (target.parent / "added.html").write_text("<p>added</p>", encoding="utf-8")
        else:
            target.write_bytes(_tamper(target.read_bytes(), kind, rng))
        report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / f"state{trial}")
        if report.ok:
            missed.append((kind, target.relative_to(site).as_posix()))
    tally(test="tamper", artefact="site", trials=TRIALS, missed=len(missed))
    assert not missed


@pytest.mark.parametrize("artefact", ["car", "zim"])
def test_tampered_car_and_zim_are_caught(
    tmp_path: Path, release_v2: Path, keys: Keys, artefact: str
) -> None:
    original = tmp_path / f"site.{artefact}"
    if artefact == "car":
        build_car(release_v2, original)
    else:
        build_zim(release_v2, original, title="Lion Rock", languages=["en"])
    data = original.read_bytes()
    rng = random.Random(f"{artefact}-{TRIALS}")
    missed = []
    for trial in range(TRIALS):
        kind = rng.choice(KINDS)
        copy = tmp_path / f"t{trial}.{artefact}"
        copy.write_bytes(_tamper(data, kind, rng))
        report = verify(str(copy), pubkey=keys.public, state_dir=tmp_path / f"state{trial}")
        if report.ok:
            missed.append(kind)
        copy.unlink()
    tally(test="tamper", artefact=artefact, trials=TRIALS, missed=len(missed))
    assert not missed


# -- TUF metadata -----------------------------------------------------------------------
TUF_FILES = ["tuf/root.json", "tuf/1.root.json", "tuf/targets.json", "tuf/snapshot.json",
             "tuf/timestamp.json", "manifest.json.minisig"]  # fmt: skip


def test_tampered_tuf_metadata_is_caught(tmp_path: Path, release_v2: Path, keys: Keys) -> None:
    """The signing metadata the manifest cannot list (issue #18 §5: `tuf/root.json` was
    never checked): every kind of damage to any of them fails `lionrock verify`."""
    rng = random.Random(f"tuf-{TRIALS}")
    missed = []
    trials = max(TRIALS, len(TUF_FILES))
    for trial in range(trials):
        site = Path(shutil.copytree(release_v2, tmp_path / f"site{trial}"))
        name = TUF_FILES[trial % len(TUF_FILES)]
        target = site / name
        kind = rng.choice([*KINDS, "remove", "replace"])
        if kind == "remove":
            target.unlink()
        elif kind == "replace":  # the red team's own replacement
            target.write_text('{"signed":{"evil":true}}', encoding="utf-8")
        else:
            target.write_bytes(_tamper(target.read_bytes(), kind, rng))
        report = verify(str(site), pubkey=keys.public, state_dir=tmp_path / f"state{trial}")
        if report.ok:
            missed.append((kind, name))
        shutil.rmtree(site)
    tally(test="tamper", artefact="tuf", trials=trials, missed=len(missed))
    assert not missed, missed


# -- WACZ (evidence verify) -------------------------------------------------------------
@pytest.fixture(scope="module")
def captured_wacz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A real capture of a loopback page, signed and timestamped by the local TSA, copied
    out under a plain name (so only its content judges it, not its content address)."""
    from lionrock.evidence import Target, capture
    from lionrock.evidence._setup import open_signing, open_vault
    from lionrock.settings import Settings
    from lionrock.store import Store
    from tests.evidence.conftest import FAST, Site
    from tests.evidence.local_tsa import LocalTSA

    home = tmp_path_factory.mktemp("wacz-home")
    site = Site()
    with LocalTSA() as tsa:
        (home / "tsa.pem").write_bytes(tsa.root_pem)
        settings = Settings(home=home, tsa_url=tsa.url, tsa_ca=home / "tsa.pem")
        store = Store(settings.database_url)
        try:
            vault, signing = open_vault(settings, store), open_signing(settings)
            [result] = capture(targets=[Target(site.url("/"))], vault=vault, signing=signing,
                               operator="t", options=FAST)  # fmt: skip
            assert result.evidence_id
            copy = home / "capture.wacz"
            shutil.copyfile(vault.path_of(result.evidence_id), copy)
        finally:
            store.close()
            site.stop()
    yield copy


def test_tampered_wacz_is_caught(tmp_path: Path, captured_wacz: Path) -> None:
    from lionrock.evidence import verify_file

    data = captured_wacz.read_bytes()
    assert verify_file(captured_wacz).ok
    rng = random.Random(f"wacz-{TRIALS}")
    missed = []
    for trial in range(TRIALS * 2):
        kind = KINDS[trial % len(KINDS)]
        copy = tmp_path / f"t{trial}.wacz"
        changed = _tamper(data, kind, rng)
        copy.write_bytes(changed)
        if changed != data and verify_file(copy).ok:
            missed.append((kind, trial))
        copy.unlink()
    tally(test="tamper", artefact="wacz", trials=TRIALS * 2, missed=len(missed))
    assert not missed, missed


# -- audit log rows (audit verify) ------------------------------------------------------
AUDIT_KINDS = ["flip", "truncate", "truncate-and-fix-head", "delete", "add", "reorder",
               "edit-and-rechain"]  # fmt: skip


def _audit_home(tmp_path: Path) -> Path:
    """A store whose audit log has entries before and after an anchor, with the head
    signed by the project key on every append (as the CLI and the app run it)."""
    from lionrock.audit import anchor_now, append, enable_head_signing
    from lionrock.settings import Settings
    from lionrock.store import Store

    home = tmp_path / "audit-home"
    home.mkdir()
    settings = Settings(home=home)
    store = Store(settings.database_url)
    try:
        for n in range(8):
            with store.write() as writer:
                append(writer, actor="ana", action="change.approve", target=f"change:{n}",
                       detail={"n": n})  # fmt: skip
        anchor_now(store, settings)  # creates the project key
        enable_head_signing(store, settings)
        for n in range(8, 14):
            with store.write() as writer:
                append(writer, actor="bo", action="user.role", target=f"user:u{n}",
                       detail={"to": "reviewer"})  # fmt: skip
    finally:
        store.close()
    return home


def _rechain(conn: sqlite3.Connection) -> None:
    """What an attacker with write access to the database (but not the key) can do: make
    the chain and its head row consistent again."""
    from lionrock.audit._log import GENESIS, entry_hash

    prev = GENESIS
    rows = conn.execute(
        "SELECT seq, at, actor, action, target, detail FROM audit_log ORDER BY seq"
    ).fetchall()
    for number, (seq, at, actor, action, target, detail) in enumerate(rows, start=1):
        if seq != number:
            conn.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (number, seq))
        digest = entry_hash(prev, seq=number, at=at, actor=actor, action=action,
                            target=target, detail=detail)  # fmt: skip
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                     (prev, digest, number))  # fmt: skip
        prev = digest
    conn.execute("UPDATE audit_head SET entries = ?, hash = ? WHERE id = 1", (len(rows), prev))


def _tamper_audit(db: Path, kind: str, rng: random.Random) -> None:
    conn = sqlite3.connect(db)
    with conn:
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        seq = rng.randrange(1, count + 1)
        if kind == "flip":
            column = rng.choice(["at", "actor", "action", "target", "detail", "hash",
                                 "prev_hash"])  # fmt: skip
            query = f"SELECT {column} FROM audit_log WHERE seq = ?"
            (value,) = conn.execute(query, (seq,)).fetchone()
            at = rng.randrange(len(value))
            flipped = value[:at] + chr(ord(value[at]) ^ 1) + value[at + 1 :]
            conn.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (flipped, seq))
        elif kind.startswith("truncate"):
            conn.execute("DELETE FROM audit_log WHERE seq >= ?", (seq,))
            if kind == "truncate-and-fix-head":
                _rechain(conn)
        elif kind == "delete":
            conn.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))
            _rechain(conn)
        elif kind == "add":
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, "
                "hash) VALUES (?, '2026-12-06T00:00:00Z', 'mallory', 'user.role', "
                "'user:mallory', '{\"to\":\"admin\"}', '', '')",
                (count + 1,),
            )
            _rechain(conn)
        elif kind == "reorder":
            other = seq % count + 1
            rows = {
                s: conn.execute(
                    "SELECT at, actor, action, target, detail FROM audit_log WHERE seq = ?",
                    (s,),
                ).fetchone()
                for s in (seq, other)
            }
            for s, t in ((seq, other), (other, seq)):
                conn.execute(
                    "UPDATE audit_log SET at = ?, actor = ?, action = ?, target = ?, "
                    "detail = ? WHERE seq = ?",
                    (*rows[t], s),
                )
            _rechain(conn)
        else:  # edit-and-rechain: the red team's "edit an entry and recompute the chain"
            conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?", (seq,))
            _rechain(conn)
    conn.close()


def test_tampered_audit_rows_are_caught(tmp_path: Path) -> None:
    from lionrock.audit import check_audit
    from lionrock.settings import Settings
    from lionrock.store import Store

    home = _audit_home(tmp_path)
    settings = Settings(home=home)
    store = Store(settings.database_url)
    assert check_audit(store, settings).ok
    store.close()
    original = (home / "lionrock.db").read_bytes()
    rng = random.Random(f"audit-{TRIALS}")
    missed = []
    trials = max(TRIALS * 2, len(AUDIT_KINDS))
    for trial in range(trials):
        kind = AUDIT_KINDS[trial % len(AUDIT_KINDS)]
        db = home / "lionrock.db"
        db.write_bytes(original)
        _tamper_audit(db, kind, rng)
        store = Store(settings.database_url)
        try:
            if check_audit(store, settings).ok:
                missed.append(kind)
        finally:
            store.close()
    tally(test="tamper", artefact="audit", trials=trials, missed=len(missed))
    assert not missed, missed
