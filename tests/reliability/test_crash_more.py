"""More kill trials (issue #18 §3): SIGKILL during `archive` (capture to WACZ), the web
server killed during a POST that writes, and on PostgreSQL the database server itself
killed during a `load` and started again. Afterwards the store is sound and wholly before
or after each write, every evidence file is whole under its content address, and no
temporary file is left.

`make test` runs TRIALS (3) kills each; `make soak` sets LIONROCK_SOAK_TRIALS (20)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.evidence.conftest import Site
from tests.reliability.crash import (
    ROOT,
    TRIALS,
    kill_at_random,
    lionrock,
    run,
    store_state,
    tally,
    temp_files,
)

pytestmark = pytest.mark.slow
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _counts(home: Path) -> tuple[int, int]:
    """The store's changes and evidence rows."""
    with sqlite3.connect(home / "lionrock.db") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        changes = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        evidence = (
            conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
            if "evidence" in tables
            else 0
        )
    conn.close()
    return changes, evidence


def _evidence_whole(home: Path) -> list[str]:
    """Every evidence file the store indexes exists and hashes to its name; every file
    in the vault is indexed or is whole (a file written before its row committed)."""
    problems = []
    with sqlite3.connect(home / "lionrock.db") as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM evidence")]
    conn.close()
    files = {p.stem: p for p in (home / "evidence").rglob("*.wacz")}
    for evidence_id in ids:
        path = files.get(evidence_id)
        if path is None:
            problems.append(f"{evidence_id}: indexed, but no file")
    for stem, path in files.items():
        if hashlib.sha256(path.read_bytes()).hexdigest() != stem:
            problems.append(f"{path}: its content does not match its name")
    return problems


def test_kill_during_archive(tmp_path: Path) -> None:
    site = Site()
    try:
        urls = [site.url(p) for p in ("/", "/zh", "/style.css", "/pixel.png", "/large")]
        base = tmp_path / "base"
        run(base, "init", "--empty")
        done = tmp_path / "done"
        shutil.copytree(base, done)
        took = run(done, "archive", *urls, "--delay", "0")
        assert _counts(done)[1] == len(urls) and not _evidence_whole(done)
        rng = random.Random(f"archive-{TRIALS}")
        killed = 0
        for trial in range(TRIALS):
            home = tmp_path / f"trial{trial}"
            shutil.copytree(base, home)
            killed += kill_at_random(home, took, "archive", *urls, "--delay", "0", rng=rng)
            assert store_state(home).integrity == "ok", trial
            assert not _evidence_whole(home), (trial, _evidence_whole(home))
            assert not temp_files(home), temp_files(home)
            # the next run completes what the killed one began
            run(home, "archive", "--missing", *urls, "--delay", "0")
            assert not _evidence_whole(home)
    finally:
        site.stop()
    tally(test="kill", command="archive", trials=TRIALS, killed=killed, corrupt=0)
    assert killed >= 1


def _account(home: Path) -> str:
    """An admin account and a contributor token in the home's store."""
    from lionrock.auth import add_user, create_token, get_user
    from lionrock.store import Store

    store = Store(f"sqlite:///{home / 'lionrock.db'}")
    try:
        add_user(store, username="writer", password="a long test password", role="admin",
                 actor="test")  # fmt: skip
        user = get_user(store, username="writer")
        assert user is not None
        return create_token(store, user=user, name="kill", scope="contributor")
    finally:
        store.close()


CHANGE = {
    "schema": "Person",
    "facts": [{"prop": "name", "value": f"Killed Write {n}", "source": "new"} for n in range(40)]
    + [{"prop": "notes", "value": f"note {n}", "source": "new"} for n in range(40)],
    "source": {"title": "T", "publisher": "P", "date": "2024"},
}


def _serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    process = lionrock(home, "serve", "--port", str(port))
    url = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def test_kill_the_server_during_a_web_write(tmp_path: Path) -> None:
    base = tmp_path / "base"
    run(base, "init", "--empty")
    token = _account(base)
    headers = {"authorization": f"Bearer {token}"}
    before = store_state(base)
    changes_before = _counts(base)[0]
    # one write to the end: how long it takes, and what it makes
    done = tmp_path / "done"
    shutil.copytree(base, done)
    process, url = _serve(done)
    started = time.monotonic()
    answer = httpx.post(f"{url}/api/changes", json=CHANGE, headers=headers, timeout=120)
    took = time.monotonic() - started
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert answer.status_code == 201, answer.text
    after = store_state(done)
    assert after.facts > before.facts
    rng = random.Random(f"web-{TRIALS}")
    killed = 0
    for trial in range(TRIALS):
        home = tmp_path / f"trial{trial}"
        shutil.copytree(base, home)
        process, url = _serve(home)
        outcome: list[object] = []

        def post(url: str = url, outcome: list[object] = outcome) -> None:
            try:
                outcome.append(httpx.post(f"{url}/api/changes", json=CHANGE, headers=headers,
                                          timeout=120).status_code)  # fmt: skip
            except httpx.HTTPError as exc:
                outcome.append(exc)

        writer = threading.Thread(target=post)
        writer.start()
        time.sleep(rng.uniform(0.0, took))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        writer.join()
        killed += not (outcome and outcome[0] == 201)
        state = store_state(home)
        changes = _counts(home)[0]
        assert state.integrity == "ok", trial
        # wholly before, or wholly after: the change and all its facts, or none
        assert (state.facts, changes) in (
            (before.facts, changes_before),
            (after.facts, changes_before + 1),
        ), (trial, state.facts, changes)
        assert not temp_files(home), temp_files(home)
    tally(test="kill", command="web write", trials=TRIALS, killed=killed, corrupt=0)


# -- PostgreSQL: the database server killed during a load --------------------------------
def _as_postgres(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture
def cluster() -> Iterator[tuple[Path, int]]:
    """A throwaway PostgreSQL 15 cluster of this test's own, on a spare port in a temp
    folder (the shared server on 5432 is never touched). The folder is outside pytest's
    own, which only root may enter; the server runs as `postgres`."""
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        pytest.skip("PostgreSQL 15's initdb is not installed")
    folder = Path(tempfile.mkdtemp(prefix="lionrock-pg-"))
    data = folder / "data"
    os.chown(folder, *_postgres_ids())
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "app", "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
    port = _free_port()
    _start(data, port)
    try:
        yield data, port
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D",
                        str(data), "-m", "immediate", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _postgres_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


def _start(data: Path, port: int) -> None:
    """Start the cluster; after a kill, once its last backend has gone (a backend that
    outlives the postmaster holds the shared memory a new one needs)."""
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1"
    command = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
               str(data.parent / "log.txt"), "start"]  # fmt: skip
    for attempt in range(20):
        for pid in _cluster_processes(data):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            _as_postgres(*command)
            return
        except subprocess.CalledProcessError:
            if attempt == 19:
                raise
            time.sleep(1)


def _cluster_processes(data: Path) -> list[int]:
    """This cluster's processes only: a PostgreSQL process works in its data folder, so
    the shared server's processes (another folder) are never matched."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if Path(os.readlink(entry / "cwd")) == data:
                    found.append(int(entry.name))
    return found


def _postmaster(data: Path) -> int:
    return int((data / "postmaster.pid").read_text().split()[0])


def _pg_state(url: str) -> tuple[int, str]:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        rows = conn.execute("SELECT id, review FROM statements ORDER BY id").fetchall()
    total = hashlib.sha256("".join(f"{i}\t{r}\n" for i, r in rows).encode()).hexdigest()
    return len(rows), total


def test_kill_postgres_during_a_load(tmp_path: Path, cluster: tuple[Path, int]) -> None:
    from tests.reliability.test_crash import people

    data, port = cluster
    record = tmp_path / "people.yaml"
    record.write_text(people(800), encoding="utf-8")
    rng = random.Random(f"pg-{TRIALS}")
    killed = 0
    for trial in range(TRIALS + 1):
        database = f"trial{trial}"
        _as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "app",
                     database)  # fmt: skip
        url = f"postgresql+psycopg://app@127.0.0.1:{port}/{database}"
        home = tmp_path / f"home{trial}"
        env = {"LIONROCK_DATABASE_URL": url}
        _run_env(home, env, "init", "--empty")
        before = _pg_state(url)
        if trial == 0:  # the whole load, timed: what "after" is
            started = time.monotonic()
            _run_env(home, env, "load", str(record))
            took = time.monotonic() - started
            after = _pg_state(url)
            assert after[0] > before[0]
            continue
        process = _lionrock_env(home, env, "load", str(record))
        time.sleep(rng.uniform(0.3, took))
        if process.poll() is None:
            killed += 1
        os.kill(_postmaster(data), signal.SIGKILL)  # the database server, not the client
        for pid in _cluster_processes(data):  # its backends too, as a power cut would
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.communicate(timeout=300)
        time.sleep(0.5)
        (data / "postmaster.pid").unlink(missing_ok=True)
        _start(data, port)  # crash recovery replays the WAL
        state = _pg_state(url)
        assert state in (before, after), (trial, state[0], before[0], after[0])
    tally(test="kill", command="postgres server during load", trials=TRIALS, killed=killed,
          corrupt=0)  # fmt: skip
    assert killed >= 1


def _lionrock_env(home: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """`lionrock ARGS` against the database `env` names (crash.lionrock drops it)."""
    environ = {**os.environ, "LIONROCK_HOME": str(home), "PYTHONPATH": str(ROOT), **env}
    return subprocess.Popen(
        [sys.executable, "-c", "from lionrock.cli import main; main()", *args],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _run_env(home: Path, env: dict[str, str], *args: str) -> None:
    process = _lionrock_env(home, env, *args)
    _, err = process.communicate(timeout=900)
    assert process.returncode == 0, err.decode("utf-8", "replace")[-2000:]
