"""Crash trials (issue #18 item 3): run a `lionrock` command in a child process, SIGKILL
it at a random moment, and check what it left: the store sound (`PRAGMA
integrity_check`), wholly before or wholly after the command, and no temporary files.

`make test` runs CRASH_TRIALS (3) kills per command; `make soak` sets
LIONROCK_SOAK_TRIALS (20)."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("LIONROCK_SOAK_TRIALS", "3"))
#: what an interrupted write may leave only if it cleans up after itself
TEMP_PATTERNS = ("*.tmp", "*.partial", "*.part", "*.part[0-9]*", "*.restoring", "*.zim.part*")


def tally(**figures: object) -> None:
    """Append one line of figures to LIONROCK_SOAK_REPORT (JSON lines), when set: the
    numbers docs/reliability.md quotes."""
    target = os.environ.get("LIONROCK_SOAK_REPORT")
    if target:
        import json

        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(figures) + "\n")


def lionrock(home: Path, *args: str) -> subprocess.Popen[bytes]:
    """`lionrock ARGS` in a child process with its own session, against `home`."""
    env = {
        **os.environ,
        "LIONROCK_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("LIONROCK_DATABASE_URL", None)
    code = "from lionrock.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def run(home: Path, *args: str) -> float:
    """Run to the end; return the seconds it took."""
    started = time.monotonic()
    process = lionrock(home, *args)
    _, err = process.communicate(timeout=900)
    assert process.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    return time.monotonic() - started


@dataclass(frozen=True)
class State:
    """What the store holds: the integrity check's answer and a digest of every fact."""

    integrity: str
    digest: str
    facts: int


def store_state(home: Path) -> State:
    path = home / "lionrock.db"
    if not path.exists():
        return State("ok", "", 0)
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        total = hashlib.sha256()
        facts = 0
        if "statements" in tables:
            for fact_id, review in conn.execute("SELECT id, review FROM statements ORDER BY id"):
                total.update(f"{fact_id}\t{review}\n".encode())
                facts += 1
    conn.close()
    return State(integrity, total.hexdigest() if facts else "", facts)


def temp_files(*folders: Path) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        if folder.exists():
            for pattern in TEMP_PATTERNS:
                found += folder.rglob(pattern)
    return sorted(set(found))


def kill_at_random(home: Path, seconds: float, *args: str, rng: random.Random) -> bool:
    """Start the command and SIGKILL the process (only it, as the kernel's OOM killer
    or a power cut would) at a random moment within `seconds`; True if it was killed
    before it finished."""
    process = lionrock(home, *args)
    time.sleep(rng.uniform(0.05, seconds))
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=900)
    return killed


def children_of(pid: int) -> list[int]:
    """Live processes whose parent, or session leader, was `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, ppid, _pgrp, session = fields[0], int(fields[1]), fields[2], int(fields[3])
        if state != "Z" and (ppid == pid or session == pid) and int(entry.name) != pid:
            found.append(int(entry.name))
    return found
