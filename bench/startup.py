"""CLI start-up (issue #13, item 5): `lionrock --help` and `lionrock search 李家超` as a
user runs them (a new process each time), against `python -c pass` in the same run;
target < 0.5 s each. The store is the bundled record, made before the clock starts.

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
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import sqlalchemy'": [sys.executable, "-c", "import sqlalchemy"],
            "lionrock --help": [sys.executable, "-c", CLI, "--help"],
            "lionrock search 李家超": [sys.executable, "-c", CLI, "search", "李家超"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            run(command, env)  # warm the page cache and the bytecode
        for _ in range(args.rounds):  # interleaved, so a busy spell hits all alike
            for name, command in commands.items():
                times[name].append(run(command, env))
        first, later = gaps_times(url, home, args.rounds)
    median = {name: statistics.median(t) for name, t in times.items()}
    base = median["python -c pass"]
    rows = [
        Row(f"`{name}` (s)", f"{median[name]:.3f}", f"{base:.3f}",
            f"{median[name] / base:.1f}×", f"< {TARGET} s", median[name] < TARGET)
        for name in ("lionrock --help", "lionrock search 李家超")
    ]  # fmt: skip
    sqla = median["python -c 'import sqlalchemy'"]
    rows += [
        Row("for scale: `python -c 'import sqlalchemy'` (s), which the Store needs",
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
        notes=["Anchor: `python -c pass` with the same interpreter. Bytecode as the "
               "environment leaves it (these machines set PYTHONDONTWRITEBYTECODE=1, so "
               "Lion Rock's own modules compile on every start)"],
    )  # fmt: skip
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
