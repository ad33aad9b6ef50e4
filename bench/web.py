"""Web load: `wrk` on loopback against the app (`lionrock serve`) and, in the same run,
against Datasette serving the same SQLite file.

Three pairs of pages, each ours against Datasette's nearest equivalent:
- the entity page (`/entities/ID`, every fact with its citation) against Datasette's row
  page (`/lr/entities/ID`);
- search (`/search?q=...`, faceted, published facts only) against Datasette's full-text
  search of the statements table (`/lr/statements?_search=...`, the same FTS5 index);
- the API entity (`/api/entities/ID`) against the row's JSON (`/lr/entities/ID.json`).
Each runs for the same time with the same connections, one server process each, taking
turns in interleaved rounds (the median round counts: the machines are shared and noisy),
with a pause between runs so one server's backlog does not slow the next. Ours is
measured as served (public pages cached in memory, `LIONROCK_CACHE_SECONDS`) and with the
cache off, both against Datasette. Then 50 concurrent clients hit our three pages for 60 s:
0 errors is the target, with p99 reported. Target: ours ≥ 1.0× Datasette's req/s on each
pair. Search under load (issue #18 §5): 50 clients over distinct English and Chinese
queries, our cache off, against Datasette's search; then ours again from one worker
process per core (`LIONROCK_WEB_WORKERS`), a documented setting. Target: p99 < 200 ms.

Example:
    .venv/bin/python bench/web.py --duration 10
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from _report import Row, append_run

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files

TARGET = 1.0
ENTITY = "ofac-29250"
QUERY = "Apple"
SEARCH_TARGET_MS = 200.0
RANDOM_LUA = """
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""
ROTATE_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass(frozen=True)
class Result:
    rps: float
    p99_ms: float
    requests: int
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 300) -> None:
    """Until `url` answers; for ours (`/healthz`), until its start-up work in the
    background is done too (`"warm": true`), so that no server's warm-up is measured,
    nor slows the one measured beside it on two cores."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                healthz = url.endswith("/healthz")
                if response.status == 200 and (not healthz or json.load(response).get("warm")):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(
    url: str,
    *,
    duration: int,
    connections: int,
    threads: int = 2,
    script: Path | None = None,
    timeout: int = 2,
) -> Result:
    """Run wrk and read its req/s, p99, request count and errors (socket errors and
    non-2xx/3xx responses)."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    args += [f"--timeout={timeout}s"]
    if script is not None:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found = re.search(r"99%\s+([\d.]+(?:us|ms|s|m))\b", out)
    if found is None:  # no request answered: wrk prints no latency ("-nan")
        print(f"{url}: no latency in wrk's output:\n{out}", flush=True)
    p99 = _ms(found.group(1)) if found is not None else float("inf")
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
    return Result(rps, p99, requests, errors)


def distinct_queries(db: Path, limit: int = 3000) -> list[str]:
    """Distinct English words and Chinese names from the record's names, so that no two
    requests ask the same thing and no cache helps (issue #18 §5)."""
    store = Store(f"sqlite:///{db}")
    words: dict[str, None] = {}
    try:
        for entity in store.iter_entities(schema="Person"):
            for name in entity.values("name") + entity.values("alias"):
                if re.search(r"[\u4e00-\u9fff]", name):
                    words.setdefault(name.strip())
                    words.setdefault(name.strip()[-2:])  # a given name alone: 家超
                else:
                    for word in re.findall(r"[A-Za-z]{3,}", name):
                        words.setdefault(word.lower())
    finally:
        store.close()
    return [w for w in words if w][:limit]


def search_under_load(
    ours: str, theirs: str, queries: list[str], work: Path, *, duration: int, multi: str
) -> tuple[Result, Result, Result]:
    """50 clients, each request a random one of the distinct queries: our JSON search
    (cache off) against Datasette's full-text search of the statements, in turn; then ours
    again from one worker process per core (`multi`, `LIONROCK_WEB_WORKERS`)."""
    quoted = [urllib.parse.quote(q) for q in queries]
    mine = work / "search-ours.lua"
    mine.write_text(RANDOM_LUA % ", ".join(f'"/api/search?q={q}"' for q in quoted))
    anchor = work / "search-theirs.lua"
    anchor.write_text(
        RANDOM_LUA % ", ".join(f'"/lr/statements.json?_search={q}&_size=20"' for q in quoted)
    )
    # a 30 s timeout: a slow answer counts in the latency, not as an error
    a = wrk(ours + "/", duration=duration, connections=50, threads=4, script=mine, timeout=30)
    time.sleep(2)
    b = wrk(theirs + "/", duration=duration, connections=50, threads=4, script=anchor,
            timeout=30)  # fmt: skip
    time.sleep(2)
    c = wrk(multi + "/", duration=duration, connections=50, threads=4, script=mine, timeout=30)
    return a, b, c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per measure")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument("--soak", type=int, default=60, help="seconds of 50 clients")
    parser.add_argument("--search-load", type=int, default=30, help="seconds, 50 clients")
    parser.add_argument("--only-search-load", action="store_true",
                        help="run only the search-under-load row (issue #18)")  # fmt: skip
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    for tool in ("wrk", "datasette"):
        if shutil.which(tool) is None and not (Path(sys.executable).parent / tool).exists():
            raise SystemExit(f"{tool} is needed (see .ci/deps.d/webapp.sh)")
    work = Path(tempfile.mkdtemp(prefix="lr-web-bench-"))
    db = work / "lr.db"
    store = Store(f"sqlite:///{db}")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    facts = store.count_facts()
    store.close()
    env = {**os.environ, "LIONROCK_DATABASE_URL": f"sqlite:///{db}"}
    ours_port, theirs_port, plain_port = free_port(), free_port(), free_port()
    multi_port, workers = free_port(), os.cpu_count() or 1
    beside = Path(sys.executable).parent / "datasette"  # the venv's, else the PATH's
    datasette = beside if beside.exists() else Path(shutil.which("datasette") or "datasette")
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "lionrock.cli", "serve", "--port", str(ours_port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "lionrock.cli", "serve", "--port", str(plain_port)],
            env={**env, "LIONROCK_CACHE_SECONDS": "0"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(  # the cache off, one worker process per core (docs/settings.md)
            [sys.executable, "-m", "lionrock.cli", "serve", "--port", str(multi_port)],
            env={**env, "LIONROCK_CACHE_SECONDS": "0", "LIONROCK_WEB_WORKERS": str(workers)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                str(datasette),
                "serve",
                str(db),
                "--port",
                str(theirs_port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    ours, theirs = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
    plain, multi = f"http://127.0.0.1:{plain_port}", f"http://127.0.0.1:{multi_port}"
    pairs = [
        ("entity page", f"/entities/{ENTITY}", f"/lr/entities/{ENTITY}"),
        ("search", f"/search?q={QUERY}", f"/lr/statements?_search={QUERY}"),
        ("API entity", f"/api/entities/{ENTITY}", f"/lr/entities/{ENTITY}.json"),
    ]
    rows: list[Row] = []
    try:
        wait_for(ours + "/healthz")
        wait_for(plain + "/healthz")
        wait_for(multi + "/healthz")
        wait_for(theirs + "/lr.json")

        def measure(url: str) -> Result:
            time.sleep(1)  # let the previous server drain its backlog
            return wrk(url, duration=args.duration, connections=args.connections)

        def median(results: list[Result]) -> Result:
            return sorted(results, key=lambda r: r.rps)[len(results) // 2]

        queries = distinct_queries(db)
        a, b, c = search_under_load(
            plain, theirs, queries, work, duration=args.search_load, multi=multi
        )
        print("search under load", a, b, c, flush=True)
        for label, mine in (("", a), (f", LIONROCK_WEB_WORKERS={workers} (one per core)", c)):
            rows.append(
                Row(
                    f"search under load: 50 clients, {len(queries):,} distinct en/zh queries, "
                    f"cache off{label}: p99",
                    f"{mine.p99_ms:.0f} ms ({mine.rps:,.0f} req/s, {mine.errors} errors)",
                    f"{b.p99_ms:.0f} ms ({b.rps:,.0f} req/s, {b.errors} errors)",
                    f"{mine.p99_ms / b.p99_ms:.2f}×"
                    if b.p99_ms and b.p99_ms != float("inf")
                    else "–",
                    f"p99 < {SEARCH_TARGET_MS:.0f} ms",
                    mine.p99_ms < SEARCH_TARGET_MS and mine.errors == 0,
                )
            )
        for name, mine, anchor in [] if args.only_search_load else pairs:
            for url in (ours + mine, plain + mine, theirs + anchor):  # warm up all three
                wrk(url, duration=2, connections=args.connections)
            rounds: list[tuple[Result, Result, Result]] = []
            for _ in range(args.rounds):  # interleaved, so noise hits all three alike
                rounds.append(
                    (measure(ours + mine), measure(theirs + anchor), measure(plain + mine))
                )
            a, b, c = (median([r[i] for r in rounds]) for i in range(3))
            ratio = a.rps / b.rps
            rows.append(
                Row(
                    f"{name}: req/s",
                    f"{a.rps:,.0f}",
                    f"{b.rps:,.0f}",
                    f"{ratio:.2f}×",
                    f"≥ {TARGET:.1f}×",
                    ratio >= TARGET,
                )
            )
            rows.append(
                Row(
                    f"{name}: p99 latency",
                    f"{a.p99_ms:.1f} ms",
                    f"{b.p99_ms:.1f} ms",
                    f"{a.p99_ms / b.p99_ms:.2f}×",
                    "–",
                    None,
                )
            )
            rows.append(
                Row(
                    f"{name}, our cache off: req/s (p99)",
                    f"{c.rps:,.0f} ({c.p99_ms:.1f} ms)",
                    f"{b.rps:,.0f}",
                    f"{c.rps / b.rps:.2f}×",
                    f"≥ {TARGET:.1f}×",
                    c.rps / b.rps >= TARGET,
                )
            )
            print(name, a, b, c, f"{ratio:.2f}x", flush=True)
        if not args.only_search_load:  # the 50-client soak over our three pages
            script = work / "rotate.lua"
            script.write_text(ROTATE_LUA % ", ".join(f'"{m}"' for _, m, _ in pairs))
            soak = wrk(ours + "/", duration=args.soak, connections=50, threads=4, script=script)
            print("soak", soak, flush=True)
            rows.append(
                Row(
                    f"50 clients × {args.soak} s (our three pages): errors",
                    f"{soak.errors} of {soak.requests:,}",
                    "–",
                    "–",
                    "0 errors",
                    soak.errors == 0,
                )
            )
            rows.append(
                Row(
                    "50 clients: req/s and p99",
                    f"{soak.rps:,.0f} req/s, p99 {soak.p99_ms:.1f} ms",
                    "–",
                    "–",
                    "–",
                    None,
                )
            )
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)
    if not args.no_report:
        section = append_run(
            "web",
            sizes=[f"the bundled record: {facts:,} statements, one SQLite file"],
            rows=rows,
            notes=[
                f"search under load (issue #18): wrk -t4 -c50 -d{args.search_load}s, each "
                "request a random one of the distinct queries (English words and Chinese "
                "names of the record's persons), ours `/api/search` with its cache off "
                "against Datasette's `statements.json?_search=`, one after the other; then "
                f"ours again from {workers} worker processes (`LIONROCK_WEB_WORKERS`, one "
                "per core; Datasette serves from one process)",
                *(
                    []
                    if args.only_search_load
                    else [
                        f"wrk -t2 -c{args.connections} -d{args.duration}s per measure, median "
                        f"of {args.rounds} interleaved rounds, after a 2 s warm-up of each; one "
                        "server process each (uvicorn for both), taking turns on loopback",
                        "the 50-client run rotates over our three pages as served (cache on)",
                    ]
                ),
                "anchor: Datasette "
                + subprocess.run([str(datasette), "--version"], capture_output=True, text=True)
                .stdout.strip()
                .split()[-1],
            ],
        )
        print(section)


if __name__ == "__main__":
    main()
