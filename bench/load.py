"""Load rate: `load_records` into a fresh SQLite store, against raw `sqlite3` `executemany`
of the same rows into a fresh database with the identical schema.

Both databases are made by `Store(url)`, so the migrations, indexes and FTS5 triggers are
the same. The anchor's rows (computed IDs, property types and `searchable` included) are
built before its clock starts; ours are validated and built inside `load_records`, as in
`lionrock load`. After each round the two databases must hold the same statements, or the
ratio means nothing and the run stops. Target: ours ≥ 0.5× the anchor's rate.

Example:
    .venv/bin/python bench/load.py --statements 200000
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _report import Row, append_run
from synth import synthetic_records

from lionrock import Store
from lionrock.model import fact_id, get_model
from lionrock.sources import Record, load_records
from lionrock.store import utcnow
from lionrock.store._grams import register as register_grams

TARGET_RATIO = 0.5
COLUMNS = (
    "id", "entity_id", "schema", "prop", "prop_type", "value", "lang", "original_value",
    "source_id", "status", "review", "recorded_by", "recorded_at", "searchable",
)  # fmt: skip


def statement_rows(records: Sequence[Record]) -> list[tuple[Any, ...]]:
    """The `statements` rows the records become, in COLUMNS order.

    The synthetic values are already clean and carry no language on non-text properties,
    so they are stored as given; `same_statements` checks that after the fact.
    """
    model = get_model()
    rows = []
    for rec in records:
        spec = model.get(rec.schema)
        assert spec is not None
        prop = spec.properties[rec.prop]
        value = str(rec.value)
        source_id = rec.source_id or ""
        rows.append((
            fact_id(rec.entity_id, rec.prop, value, source_id, rec.lang),
            rec.entity_id, rec.schema, rec.prop, prop.type, value, rec.lang,
            rec.original_value, source_id, rec.status, rec.review, rec.recorded_by,
            rec.recorded_at, int(prop.searchable),
        ))  # fmt: skip
    return rows


def entity_rows(records: Sequence[Record], now: str) -> list[tuple[str, str, str, str]]:
    """The `entities` rows: one per entity, with its schema and timestamps."""
    schemata = {rec.entity_id: rec.schema for rec in records}
    return [(eid, schema, now, now) for eid, schema in schemata.items()]


def fresh_store(path: Path) -> None:
    """Create an empty, migrated store at `path`."""
    Store(f"sqlite:///{path}").close()


def load_ours(path: Path, records: Sequence[Record]) -> float:
    """Seconds `load_records` takes to validate and write the records to a fresh store."""
    fresh_store(path)
    store = Store(f"sqlite:///{path}", migrate=False)
    try:
        start = time.perf_counter()
        report = load_records(store, records)
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    if report.facts != len(records):
        raise SystemExit(f"load_records wrote {report.facts} facts, not {len(records)}")
    return elapsed


def load_raw(path: Path, rows: Sequence[tuple[Any, ...]],
             entities: Sequence[tuple[str, ...]]) -> float:  # fmt: skip
    """Seconds stdlib `executemany` takes to write the same rows, in one transaction."""
    fresh_store(path)
    insert = (
        f"INSERT INTO statements ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    )
    conn = sqlite3.connect(path, isolation_level=None)
    register_grams(conn)  # the index triggers call it, as on the Store's connections
    try:
        # The Store's own pragmas, so both sides pay for the same durability.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(insert, rows)
        conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?)", entities)
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    return elapsed


def digest(path: Path) -> str:
    """A digest of every statement, every entity's schema and the size of the FTS index."""
    sha = hashlib.sha256()
    conn = sqlite3.connect(path)
    register_grams(conn)
    try:
        queries = (
            f"SELECT {', '.join(COLUMNS)} FROM statements ORDER BY id",
            "SELECT id, schema FROM entities ORDER BY id",
            "SELECT count(*) FROM statements_fts_docsize",
        )
        for query in queries:
            for row in conn.execute(query):
                sha.update(repr(row).encode())
    finally:
        conn.close()
    return sha.hexdigest()


def measure(statements: int, seed: int, rounds: int) -> tuple[float, float]:
    """The best rate (statements/s) of ours and of the anchor over `rounds` rounds,
    alternating which goes first."""
    records = list(synthetic_records(statements, seed=seed))
    rows = statement_rows(records)
    entities = entity_rows(records, utcnow())
    ours: list[float] = []
    raw: list[float] = []
    with tempfile.TemporaryDirectory(prefix="lionrock-bench-") as tmp:
        for n in range(rounds):
            ours_path, raw_path = Path(tmp, f"ours-{n}.db"), Path(tmp, f"raw-{n}.db")
            if n % 2 == 0:
                ours.append(load_ours(ours_path, records))
                raw.append(load_raw(raw_path, rows, entities))
            else:
                raw.append(load_raw(raw_path, rows, entities))
                ours.append(load_ours(ours_path, records))
            if digest(ours_path) != digest(raw_path):
                raise SystemExit("the two databases differ: the anchor does not do our job")
            print(f"round {n + 1}: ours {ours[-1]:.2f} s, anchor {raw[-1]:.2f} s", flush=True)
            ours_path.unlink()
            raw_path.unlink()
    return statements / min(ours), statements / min(raw)


def report_rows(ours_rate: float, raw_rate: float) -> list[Row]:
    """The report's one row: both rates, the ratio and the verdict."""
    ratio = ours_rate / raw_rate
    return [
        Row(
            measure="load rate (statements/s)",
            ours=f"{ours_rate:,.0f}",
            anchor=f"{raw_rate:,.0f}",
            ratio=f"{ratio:.2f}×",
            target=f"≥ {TARGET_RATIO}×",
            passed=ratio >= TARGET_RATIO,
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both loads and append the run to the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="best of this many (default 2)")
    args = parser.parse_args(argv)
    ours_rate, raw_rate = measure(args.statements, args.seed, max(1, args.rounds))
    section = append_run(
        "load",
        sizes=[f"{args.statements:,} synthetic statements (seed {args.seed}), best of "
               f"{args.rounds} rounds"],
        rows=report_rows(ours_rate, raw_rate),
    )  # fmt: skip
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
