"""Search latency: `Store.search(q, limit=20)` on a synthetic store of 1,000,000 statements,
against a raw FTS5 query on the same index, same file, same run, interleaved.

The store is built once with `load_records` and cached under bench/out/ (git-ignored); a
change to bench/synth.py makes a new one. The queries are a fixed, seeded mix drawn from the
same synthetic record: Chinese full names, two-character given names and one-character
surnames, English surnames, full romanized names, mixed case and several words. The anchor
is the phrase query ranked by bm25 on the trigram index, or, for queries under three
characters (which a trigram index cannot look up), the same query on the short-term
index (`statements_grams`: whole CJK tokens, Latin word prefixes), ranked by bm25.
Targets: our p50 ≤ 2× the anchor's, our p99 under 50 ms, over all queries and over the
short ones alone.

Example:
    .venv/bin/python bench/search.py --statements 1000000
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import synth
from _report import Row, append_run

from lionrock import Store
from lionrock.fold import fold
from lionrock.sources import load_records
from lionrock.store._grams import register as register_grams
from lionrock.store._grams import short_term_query

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHORT = 3  # a trigram index cannot look up fewer characters than this
TARGET_P50_RATIO = 2.0
TARGET_P99_MS = 50.0
# How many queries of each kind (240 in all).
MIX = {
    "zh-full": 40,
    "zh-given": 40,
    "zh-surname": 10,
    "en-surname": 25,
    "en-full": 40,
    "mixed-case": 30,
    "multi-word": 55,
}
RANKED = (
    "SELECT rowid, bm25(statements_fts) FROM statements_fts WHERE statements_fts MATCH ? "
    "ORDER BY 2 LIMIT 20"
)
SHORT_RANKED = (
    "SELECT rowid, bm25(statements_grams) FROM statements_grams WHERE statements_grams "
    "MATCH ? ORDER BY 2 LIMIT 20"
)


@dataclass(frozen=True, slots=True)
class Query:
    """One benchmark query and the kind it was drawn as."""

    kind: str
    text: str

    @property
    def short(self) -> bool:
        """Too short for a trigram look-up."""
        return len(self.text) < SHORT


@dataclass(slots=True)
class Timing:
    """Milliseconds per call of ours and of the anchor, and how many calls found nothing."""

    ours: list[float]
    anchor: list[float]
    ours_empty: int = 0
    anchor_empty: int = 0

    def add(self, ours: tuple[float, bool], anchor: tuple[float, bool], *, count_empty: bool
            ) -> None:  # fmt: skip
        """Record one (milliseconds, found anything) pair of each side."""
        self.ours.append(ours[0])
        self.anchor.append(anchor[0])
        if count_empty:
            self.ours_empty += not ours[1]
            self.anchor_empty += not anchor[1]


def store_path(statements: int, seed: int) -> Path:
    """The cached store for these sizes and this version of the generator and schema."""
    sha = hashlib.sha256(Path(synth.__file__).read_bytes())
    for migration in sorted((ROOT / "lionrock" / "store" / "migrations").rglob("*.py")):
        sha.update(migration.read_bytes())
    version = sha.hexdigest()[:10]
    return OUT / f"search-{statements}-seed{seed}-{version}.db"


def ensure_store(statements: int, seed: int, *, rebuild: bool) -> tuple[Path, str]:
    """The path of a complete cached store (building it if needed) and how it was got."""
    path = store_path(statements, seed)
    done = path.with_suffix(".done")
    if done.exists() and path.exists() and not rebuild:
        return path, f"reused {path.name} ({done.read_text().strip()})"
    for stale in (path, done, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    print(f"building {path} ...", flush=True)
    store = Store(f"sqlite:///{path}")
    try:
        start = time.perf_counter()
        report = load_records(store, synth.synthetic_records(statements, seed=seed))
        elapsed = time.perf_counter() - start
        if store.count_facts() != statements:
            raise SystemExit(f"the store holds {store.count_facts()} facts, not {statements}")
    finally:
        store.close()
    note = f"built by load_records in {elapsed:.0f} s, {report.facts / elapsed:,.0f} statements/s"
    done.write_text(note + "\n")
    return path, f"{note} (now cached as {path.name})"


def mixed_case(rng: random.Random, text: str) -> str:
    """`text` in lower, upper or swapped case: "chan tai-man", "cHAN tAI-MAN", ..."""
    style = rng.randrange(4)
    if style == 0:
        return text.lower()
    if style == 1:
        return text.upper()
    return text.swapcase() if style == 2 else text.title().swapcase()


def query_pools(statements: int, seed: int) -> dict[str, list[str]]:
    """Candidate query texts of each kind, from the same records the store holds."""
    pools: dict[str, list[str]] = {kind: [] for kind in MIX}
    multi: list[str] = []
    roman: dict[str, str] = {}  # entity ID -> English name, to pair with the Chinese one
    for rec in synth.synthetic_records(statements, seed=seed):
        if rec.prop not in ("name", "alias"):
            continue
        value = str(rec.value)
        if rec.schema != "Person":
            if rec.lang == "eng" and rec.prop == "name":
                multi.append(value)
        elif rec.prop == "alias":
            if rec.lang == "eng" and not value.split()[0].isupper():
                multi.append(value)  # "Chan Tai man", "Peter Chan"
        elif rec.lang == "eng":
            pools["en-full"].append(value)
            roman[rec.entity_id] = value
        else:
            pools["zh-full"].append(value)
            pools["zh-given"].append(value[-2:])
            multi.append(f"{roman[rec.entity_id]} ({value})")  # as in the summaries
    pools["zh-surname"] = [zh for zh, _ in synth.SURNAMES]
    pools["en-surname"] = sorted({en for _, en in synth.SURNAMES})
    pools["mixed-case"] = pools["en-full"]
    pools["multi-word"] = multi
    return pools


def bench_queries(statements: int, seed: int) -> list[Query]:
    """The fixed, seeded query set: MIX[kind] distinct queries of each kind."""
    rng = random.Random(seed)
    pools = query_pools(statements, seed)
    queries = []
    for kind, count in MIX.items():
        texts = rng.sample(sorted(set(pools[kind])), count)
        if kind == "mixed-case":
            texts = [mixed_case(rng, t) for t in texts]
        queries += [Query(kind, t) for t in texts]
    return queries


def anchor(conn: sqlite3.Connection, text: str) -> list[tuple[object, ...]]:
    """The raw FTS5 query for `text`: a bm25-ranked phrase on the trigram index, or on the
    short-term index when too short for trigrams. The indexes hold folded text (migration
    0006), so the anchor folds its query too, as ours does."""
    text = fold(text)
    if len(text) < SHORT:
        return conn.execute(SHORT_RANKED, (short_term_query(text),)).fetchall()
    return conn.execute(RANKED, ('"' + text.replace('"', '""') + '"',)).fetchall()


def timed(call: Callable[[], Sized]) -> tuple[float, bool]:
    """Milliseconds one call takes, and whether it found anything."""
    start = time.perf_counter()
    found = call()
    return (time.perf_counter() - start) * 1000, len(found) > 0


def run_queries(path: Path, queries: Sequence[Query], rounds: int, seed: int
                ) -> dict[Query, Timing]:  # fmt: skip
    """Time each query, ours and the anchor's, interleaved in a seeded random order, after
    one untimed warm-up pass."""
    rng = random.Random(seed)
    store = Store(f"sqlite:///{path}", migrate=False)
    conn = sqlite3.connect(path)
    register_grams(conn)
    timings = {q: Timing([], []) for q in queries}
    try:
        for q in queries:
            store.search(q.text, limit=20)
            anchor(conn, q.text)
        for n in range(rounds):
            for q in rng.sample(list(queries), len(queries)):
                ours_call = partial(store.search, q.text, limit=20)
                anchor_call = partial(anchor, conn, q.text)
                if rng.random() < 0.5:
                    ours = timed(ours_call)
                    raw = timed(anchor_call)
                else:
                    raw = timed(anchor_call)
                    ours = timed(ours_call)
                timings[q].add(ours, raw, count_empty=n == 0)
            print(f"round {n + 1} of {rounds} done", flush=True)
    finally:
        conn.close()
        store.close()
    return timings


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value with q% of values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def pooled(timings: Iterable[Timing]) -> Timing:
    """All the samples of several queries as one."""
    total = Timing([], [])
    for t in timings:
        total.ours += t.ours
        total.anchor += t.anchor
        total.ours_empty += t.ours_empty
        total.anchor_empty += t.anchor_empty
    return total


def group_rows(label: str, timing: Timing) -> list[Row]:
    """p50 and p99 of one group of queries, with ratios and verdicts."""
    p50, a50 = percentile(timing.ours, 50), percentile(timing.anchor, 50)
    p99, a99 = percentile(timing.ours, 99), percentile(timing.anchor, 99)
    return [
        Row(f"p50 ms, {label}", f"{p50:.2f}", f"{a50:.2f}", f"{p50 / a50:.1f}×",
            f"≤ {TARGET_P50_RATIO:g}× anchor", p50 / a50 <= TARGET_P50_RATIO),
        Row(f"p99 ms, {label}", f"{p99:.2f}", f"{a99:.2f}", f"{p99 / a99:.1f}×",
            f"< {TARGET_P99_MS:g} ms", p99 < TARGET_P99_MS),
    ]  # fmt: skip


def report_rows(timings: dict[Query, Timing]) -> list[Row]:
    """Rows for all queries, the short ones and the rest."""
    groups = {
        "all": list(timings),
        f"short (< {SHORT} chars)": [q for q in timings if q.short],
        f"long (≥ {SHORT} chars)": [q for q in timings if not q.short],
    }
    rows = []
    for label, queries in groups.items():
        rows += group_rows(f"{label}, {len(queries)} queries", pooled(timings[q] for q in queries))
    return rows


def print_kinds(timings: dict[Query, Timing]) -> None:
    """p50 and p99 by kind of query, ours against the anchor, on stdout."""
    print(f"{'kind':<12} {'n':>4} {'ours p50':>9} {'raw p50':>8} {'ours p99':>9} {'raw p99':>8}")
    for kind in MIX:
        t = pooled(v for q, v in timings.items() if q.kind == kind)
        print(f"{kind:<12} {len(t.ours):>4} {percentile(t.ours, 50):>9.2f} "
              f"{percentile(t.anchor, 50):>8.2f} {percentile(t.ours, 99):>9.2f} "
              f"{percentile(t.anchor, 99):>8.2f}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Build or reuse the store, time the queries and append the run to the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    args = parser.parse_args(argv)
    path, how = ensure_store(args.statements, args.seed, rebuild=args.rebuild)
    queries = bench_queries(args.statements, args.seed)
    timings = run_queries(path, queries, max(1, args.rounds), args.seed)
    print_kinds(timings)
    total = pooled(timings.values())
    section = append_run(
        "search",
        sizes=[f"{args.statements:,} synthetic statements (seed {args.seed}); {how}"],
        rows=report_rows(timings),
        notes=[
            f"Queries: {len(queries)} ({sum(q.short for q in queries)} under {SHORT} chars), "
            f"{args.rounds} timed rounds, {len(total.ours)} samples a side; with no hit: "
            f"ours {total.ours_empty}, anchor {total.anchor_empty}",
        ],
    )
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
