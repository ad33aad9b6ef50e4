"""Tamper trials on signed artefacts (issue #18 item 3): flip, truncate, delete, add or
reorder bytes in a signed site's files and manifest, and in its CAR and ZIM; `lionrock
verify` must catch every one. `make test` runs TAMPER_TRIALS per artefact; `make soak`
sets LIONROCK_SOAK_TAMPER (200 in all at least).

`tuf/` files are left out here: that `tuf/root.json` is never checked is issue #18's
separate finding (helper `secure`)."""

from __future__ import annotations

import os
import random
import shutil
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
