"""CLI start-up (issue #13, item 5): `lionrock --help` and `lionrock search 李家超` as a
user runs them (a new process each time), against `python -c pass` in the same run;
target < 0.5 s each. The store is the bundled record, made before the clock starts.

Each command runs in two bytecode regimes, interleaved:
- "compiled each start": PYTHONDONTWRITEBYTECODE=1, as these machines set it, so Lion
  Rock's own modules (an editable install) are compiled from source on every start;
- "bytecode cached": bytecode allowed and written once (into a PYTHONPYCACHEPREFIX in the
  run's temporary folder, so the tree is not touched) before the clock starts, as a
  wheel install has it (pip compiles the .pyc files on install).

Also the web app's `/sanctions/gaps` on that store: the first request (the gap matrix
computed) and the next ones (kept per state of the store); target < 200 ms.

Example:
    .venv/bin/python bench/startup.py --rounds 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import Row, append_run

ROOT = Path(__file__).resolve().parent.parent
TARGET, GAPS_TARGET = 0.5, 0.2
CLI = "from lionrock.cli import main; main()"


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def gaps_times(database_url: str, home: Path, rounds: int) -> tuple[float, float]:
    """The first `/sanctions/gaps` request and the median of the next `rounds`."""
    from starlette.testclient import TestClient

    from lionrock import Settings
    from lionrock.web import create_app

    # the public page cache off: this measures the gap matrix's own cache
    settings = Settings(database_url=database_url, home=home, cache_seconds=0)
    client = TestClient(create_app(settings))
    started = time.perf_counter()
    client.get("/sanctions/gaps").raise_for_status()
    first = time.perf_counter() - started
    later = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get("/sanctions/gaps").raise_for_status()
        later.append(time.perf_counter() - started)
    return first, statistics.median(later)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--store",
        type=Path,
        default=None,
        help="a SQLite store to use (default: the bundled record, made here)",
    )
    args = parser.parse_args()  # fmt: skip
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="lionrock-bench-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "LIONROCK_HOME": str(home), "PYTHONPATH": str(ROOT)}
        env.pop("LIONROCK_DATABASE_URL", None)
        if args.store is not None:
            env["LIONROCK_DATABASE_URL"] = f"sqlite:///{args.store.resolve()}"
        else:
            subprocess.run([sys.executable, "-c", CLI, "init"], check=True, env=env,
                           capture_output=True)  # fmt: skip
        url = env.get("LIONROCK_DATABASE_URL", f"sqlite:///{home / 'lionrock.db'}")
        regimes = {
            "compiled each start": {**env, "PYTHONDONTWRITEBYTECODE": "1"},
            "bytecode cached": {**env, "PYTHONPYCACHEPREFIX": str(home / "pycache")},
        }
        regimes["bytecode cached"].pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import sqlalchemy'": [sys.executable, "-c", "import sqlalchemy"],
            "lionrock --help": [sys.executable, "-c", CLI, "--help"],
            "lionrock search 李家超": [sys.executable, "-c", CLI, "search", "李家超"],
        }
        runs = [(regime, name) for regime in regimes for name in commands]
        times: dict[tuple[str, str], list[float]] = {run_: [] for run_ in runs}
        for regime, name in runs:
            run(commands[name], regimes[regime])  # warm the page cache and the bytecode
        for _ in range(args.rounds):  # interleaved, so a busy spell hits all alike
            for regime, name in runs:
                times[regime, name].append(run(commands[name], regimes[regime]))
        first, later = gaps_times(url, home, args.rounds)
    median = {key: statistics.median(t) for key, t in times.items()}
    rows = []
    for regime in regimes:
        base = median[regime, "python -c pass"]
        for name in ("lionrock --help", "lionrock search 李家超"):
            ours = median[regime, name]
            rows.append(Row(f"`{name}` (s), {regime}", f"{ours:.3f}", f"{base:.3f}",
                            f"{ours / base:.1f}×", f"< {TARGET} s", ours < TARGET))  # fmt: skip
    base = median["bytecode cached", "python -c pass"]
    sqla = median["bytecode cached", "python -c 'import sqlalchemy'"]
    rows += [
        Row("for scale: `python -c 'import sqlalchemy'` (s), which search no longer needs",
            f"{sqla:.3f}", f"{base:.3f}", f"{sqla / base:.1f}×", "–", None),
        Row("`/sanctions/gaps`, first request (s)", f"{first:.3f}", "–", "–", "–", None),
        Row("`/sanctions/gaps`, later requests (s)", f"{later:.3f}", f"{first:.3f}",
            f"1/{first / later:.0f}", f"< {GAPS_TARGET} s", later < GAPS_TARGET),
    ]  # fmt: skip
    store = str(args.store.name) if args.store else "the bundled record"
    section = append_run(
        "startup",
        sizes=[f"store: {store}", f"{args.rounds} rounds, interleaved, medians; "
               "each command a new process"],
        rows=rows,
        notes=["Anchor: `python -c pass` with the same interpreter and environment. "
               "\"compiled each start\": PYTHONDONTWRITEBYTECODE=1 (these machines set it), "
               "so Lion Rock's own modules (an editable install) compile on every start; "
               "\"bytecode cached\": .pyc files written once before timing, as a wheel "
               "install has them",
               f"Load average at the start: {load}"],
    )  # fmt: skip
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
