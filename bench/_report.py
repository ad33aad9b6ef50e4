"""Append a benchmark run to docs/benchmarks.md: the date, the machine, the sizes, and a
table of our figure against the anchor's, their ratio and PASS/FAIL against the target.

Earlier runs are never rewritten: each run adds one section at the end of the file.

Example:
    append_run("load", sizes=["200,000 statements"], rows=[Row(...)])
"""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = """\
# Benchmarks

Each script in `bench/` runs Lion Rock and an *anchor* (the plainest way to do the same job
with the standard library) on the same input, in the same run, and appends a section here.
The machines are shared and noisy, so read the ratios, not the absolute figures.

- `bench/load.py`: statements/s of `load_records` (validation included) into a fresh SQLite
  store, against raw `sqlite3` `executemany` of the same rows (same columns and values,
  computed IDs included) into a fresh database with the identical schema, made by the same
  migrations, so the FTS5 triggers do the same work. Both use WAL and `synchronous=NORMAL`
  and write in one transaction. The anchor's rows are built before its clock starts.
- `bench/search.py`: per-query latency of `Store.search(q, limit=20)` on a synthetic store
  of 1,000,000 statements, against a raw FTS5 query on the same index and file (the query
  as a phrase, ranked by `bm25`, `LIMIT 20`; for queries under three characters, which a
  trigram index cannot serve, `value LIKE '%q%' LIMIT 20` over the searchable rows of the
  index's content table, because SQLite 3.40's trigram table answers a LIKE of one or two
  Chinese characters with no rows). The two run interleaved, in a seeded random order,
  after one untimed warm-up pass.

The synthetic record (`bench/synth.py`) is bilingual: Hong Kong-style romanized and Chinese
names, aliases, positions and summaries of persons, plus events and organisations.
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One measure: our figure, the anchor's, their ratio and the verdict on the target."""

    measure: str
    ours: str
    anchor: str
    ratio: str
    target: str
    passed: bool | None  # None: no target for this row


def machine() -> str:
    """The platform, CPU count and Python and SQLite versions, on one line."""
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def verdict(passed: bool | None) -> str:
    """PASS, FAIL, or a dash for a row without a target."""
    return "–" if passed is None else ("PASS" if passed else "FAIL")


def render_section(name: str, *, sizes: Iterable[str], rows: Iterable[Row],
                   notes: Iterable[str] = ()) -> str:  # fmt: skip
    """The Markdown section for one run."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    lines = [f"## {name}: {now}", "", f"- Machine: {machine()}"]
    lines += [f"- Size: {size}" for size in sizes]
    lines += [f"- {note}" for note in notes]
    lines += [
        "",
        "| measure | lionrock | anchor | ratio | target | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    lines += [
        f"| {r.measure} | {r.ours} | {r.anchor} | {r.ratio} | {r.target} | {verdict(r.passed)} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def append_run(name: str, *, sizes: Iterable[str], rows: Iterable[Row],
               notes: Iterable[str] = (), path: Path = REPORT) -> str:  # fmt: skip
    """Append one run's section to the report (creating it with its header); return it."""
    section = render_section(name, sizes=sizes, rows=rows, notes=notes)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(HEADER if new else "")
        fh.write("\n" + section)
    return section
