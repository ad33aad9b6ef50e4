"""Intake upload: throughput and memory of `lionrock intake serve` receiving a 500 MB file,
against a plain `aiofiles` write of the same request body, in the same run (issue #15).

- **Ours**: the intake server as an operator runs it (`lionrock intake serve`, uvicorn,
  one process): the multipart body is parsed as it streams, sealed (secretstream +
  sealed box, padded) and written in 1 MiB batches, then fsynced, and the submission
  recorded in SQLite.
- **Anchor**: a Starlette endpoint on the same uvicorn settings that writes the raw
  request body, chunk by chunk, with `aiofiles` (no parsing, no encryption, no fsync).

Both receive the same multipart body (a message and one file of random bytes) from the
same client (`http.client`, streamed from disk), on loopback, one server process each,
a fresh process per upload, taking turns in interleaved rounds; the median round counts.
Memory is each server's peak resident set (`VmHWM`) for a 50 MB and a 500 MB upload:
flat in file size means the 500 MB peak is within a few MB of the 50 MB one. Then the
cost of sealing alone, in process, per MB.

Targets: ours ≥ 0.5× the anchor's throughput; peak memory growth from 50 to 500 MB under
16 MB.

Example:
    .venv/bin/python bench/intake.py --rounds 3
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import Row, append_run

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY = "----lionrockBench"
TARGET = 0.5
MEMORY_GROWTH_MB = 16
ANCHOR_APP = """
import sys, aiofiles, uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

async def upload(request):
    async with aiofiles.open(sys.argv[2], "wb") as out:
        async for chunk in request.stream():
            await out.write(chunk)
    return PlainTextResponse("ok")

app = Starlette(routes=[Route("/upload", upload, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False,
            server_header=False, proxy_headers=False, log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("server exited") from None
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_file(path: Path, size: int) -> None:
    with open(path, "wb") as out:
        left = size
        while left:
            block = os.urandom(min(left, 1 << 20))
            out.write(block)
            left -= len(block)


def body_parts(path: Path) -> tuple[bytes, bytes, int]:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n\r\n'
        "benchmark upload\r\n"
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    return head, tail, len(head) + path.stat().st_size + len(tail)


def upload(port: int, url: str, path: Path) -> float:
    """Send the multipart body streamed from disk; return the seconds until the answer."""
    head, tail, length = body_parts(path)

    def body():  # type: ignore[no-untyped-def]
        yield head
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                yield block
        yield tail

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    conn.request(
        "POST",
        url,
        body=body(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(length),
        },
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{url}: HTTP {response.status}")
    return elapsed


def run_ours(work: Path, key_pub: Path, path: Path) -> tuple[float, float]:
    home = work / "intake"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    (home / "recipients.txt").write_text(key_pub.read_text())
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LIONROCK_INTAKE_DIR": str(home),
        "LIONROCK_INTAKE_MAX_BYTES": str(2 << 30),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "lionrock.cli", "intake", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port, process)
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        warm.request("GET", "/en/")  # templates and catalogs load on first use
        warm.getresponse().read()
        warm.close()
        seconds = upload(port, "/en/submit", path)
        return seconds, peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(home, ignore_errors=True)


def run_anchor(work: Path, path: Path) -> tuple[float, float]:
    target = work / "anchor.bin"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", ANCHOR_APP, str(port), str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port, process)
        seconds = upload(port, "/upload", path)
        return seconds, peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait()
        target.unlink(missing_ok=True)


def sealing_cost(megabytes: int) -> float:
    """Milliseconds per MB to seal content in process (64 KiB feeds)."""
    from nacl.public import PrivateKey

    from lionrock.intake import Sealer

    block = os.urandom(64 * 1024)
    sealer = Sealer(recipients=[bytes(PrivateKey.generate().public_key)] * 2, meta={"kind": "file"})
    start = time.perf_counter()
    for _ in range(megabytes * 16):
        sealer.feed(block)
    sealer.finish()
    return (time.perf_counter() - start) * 1000 / megabytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=500)
    parser.add_argument("--small-mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from lionrock.intake import write_key

    with tempfile.TemporaryDirectory(prefix="lionrock-bench-intake-") as tmp:
        work = Path(tmp)
        key = work / "bench.key"
        write_key(key, passphrase="benchmark passphrase only", label="bench")
        big, small = work / "big.bin", work / "small.bin"
        make_file(big, args.size_mb * 10**6)
        make_file(small, args.small_mb * 10**6)
        ours, anchor, ours_mem, anchor_mem = [], [], [], []
        for n in range(args.rounds):
            pair = [
                ("ours", lambda: run_ours(work, key.with_name("bench.key.pub"), big)),
                ("anchor", lambda: run_anchor(work, big)),
            ]
            for name, run in pair if n % 2 == 0 else reversed(pair):
                seconds, peak = run()
                (ours if name == "ours" else anchor).append(seconds)
                (ours_mem if name == "ours" else anchor_mem).append(peak)
                print(
                    f"round {n + 1}: {name} {args.size_mb / seconds:.0f} MB/s, peak {peak:.0f} MB",
                    flush=True,
                )
        small_peaks = [
            run_ours(work, key.with_name("bench.key.pub"), small)[1] for _ in range(args.rounds)
        ]
        anchor_small = [run_anchor(work, small)[1] for _ in range(args.rounds)]
    cost = statistics.median(sealing_cost(256) for _ in range(3))
    ours_s, anchor_s = statistics.median(ours), statistics.median(anchor)
    ratio = anchor_s / ours_s
    growth = statistics.median(ours_mem) - statistics.median(small_peaks)
    anchor_growth = statistics.median(anchor_mem) - statistics.median(anchor_small)
    rows = [
        Row(
            f"{args.size_mb} MB upload: MB/s",
            f"{args.size_mb / ours_s:.0f}",
            f"{args.size_mb / anchor_s:.0f}",
            f"{ratio:.2f}×",
            f"≥ {TARGET}×",
            ratio >= TARGET,
        ),
        Row(
            f"peak RSS, {args.small_mb} MB → {args.size_mb} MB upload (MB)",
            f"{statistics.median(small_peaks):.0f} → {statistics.median(ours_mem):.0f}",
            f"{statistics.median(anchor_small):.0f} → {statistics.median(anchor_mem):.0f}",
            "–",
            f"growth < {MEMORY_GROWTH_MB} MB",
            growth < MEMORY_GROWTH_MB,
        ),
        Row("peak RSS growth (MB)", f"{growth:+.1f}", f"{anchor_growth:+.1f}", "–", "–", None),
        Row(
            "sealing alone: ms per MB (MB/s)",
            f"{cost:.2f} ({1000 / cost:.0f})",
            "–",
            "–",
            "–",
            None,
        ),
    ]
    for row in rows:
        print(f"{row.measure}: ours {row.ours}, anchor {row.anchor}, {row.ratio}")
    if not args.no_report:
        load = os.getloadavg()[0]
        append_run(
            "intake",
            sizes=[
                f"{args.size_mb} MB and {args.small_mb} MB of random bytes, "
                "one file plus a short message, multipart"
            ],
            rows=rows,
            notes=[
                f"{args.rounds} interleaved rounds, median; a fresh server process per "
                "upload; client http.client streaming from disk, loopback",
                "ours: `lionrock intake serve` (parse, seal to 1 recipient, write, "
                "fsync, record); anchor: Starlette + uvicorn writing the raw body "
                "with aiofiles (no parse, no encryption, no fsync)",
                "sealing alone: 256 MB fed in 64 KiB blocks to `Sealer`, 2 recipients",
                "ours' baseline RSS is the `lionrock` CLI, which loads every stage's commands "
                "at start, plus one Argon2id derivation (64 MiB) per new source; what matters "
                "is that it does not grow with the file",
                f"load average at the end: {load:.1f} on {os.cpu_count()} CPUs",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
