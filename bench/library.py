"""The research library: import rate, search latency and index size (issue #7 §7).

1. Import: `import_archive` of the 12,318-article Citizen News tar.xz into a fresh SQLite
   store (facts validated, bodies indexed, one transaction), in a child process so its
   peak memory (max RSS) is its own. Anchor: the same child only streaming the tar.xz and
   parsing each file's front matter (the floor any importer pays).
2. Search: the corpus duplicated ×10 (about 123,000 articles; the copies go through the
   same indexing code under new IDs), 50 fixed queries (25 Chinese, 25 English or mixed),
   `search_library(q, limit=20)` (query parsing, folding, ranking, row fetch, snippets)
   against the raw FTS5 query it ranks with on the same index (the same MATCH, bm25 over
   at most the 5,000 newest matches, LIMIT 20, rowids only; a plain uncapped bm25 query
   is timed too and reported), interleaved in a seeded order after a warm-up pass.
   Targets: API p50 ≤ 2× raw p50, API p99 < 100 ms.
3. Index size: the FTS5 index's pages against the raw UTF-8 text (titles and bodies).

Example:
    .venv/bin/python bench/library.py
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import Row, append_run

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "news" / "hkcnews-2020-06-to-2021-08.tar.xz"
CHINESE = [
    "鄒幸彤", "邹幸彤", "黎智英", "蘋果日報", "国安法", "初選", "47人案", "支聯會", "戴耀廷",
    "黃之鋒", "林鄭月娥", "李家超", "保釋", "顛覆國家政權", "立法會", "區議員", "警方拘捕",
    "煽惑", "六四", "民主派", "新聞自由", "港區國安法", "还柙", "国家安全", "香港",
]  # fmt: skip
ENGLISH = [
    "national security law", "arrested", "Jimmy Lai", "Apple Daily", "pro-democracy",
    "Hong Kong", "police", "court", "sedition", "bail", "Joshua Wong", "democracy",
    "election", "journalists", "protest", "primaries", "黎智英 Apple", "國安法 NSL",
    "47 democrats", '"press freedom"', "Carrie Lam", "subversion", "legislative council",
    "Benny Tai", "民主派 election",
]  # fmt: skip
IMPORT_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
mode, archive, db = sys.argv[1:4]
start = time.perf_counter()
if mode == "ours":
    from lionrock import Store
    from lionrock.library import import_archive
    store = Store(f"sqlite:///{{db}}")
    start = time.perf_counter()
    report = import_archive(store, path=archive, format="hkcnews")
    count = report.articles + report.skipped
else:
    from lionrock.sources.markdown_archive import front_matter, iter_files
    count = sum(1 for name, raw in iter_files(archive) if front_matter(name, raw))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "count": count, "peak_mb": peak}}))
"""


def run_import(mode: str, db: Path) -> dict[str, float]:
    """One import in a child process: seconds, items read and peak RSS (MB)."""
    code = IMPORT_CHILD.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, mode, str(ARCHIVE), str(db)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def duplicate(db: Path, copies: int) -> int:
    """Add `copies` copies of every article through the library's own indexing code."""
    sys.path.insert(0, str(ROOT))
    from lionrock import Store
    from lionrock.errors import Location
    from lionrock.library._index import put_texts
    from lionrock.sources._article import ArticleDoc

    store = Store(f"sqlite:///{db}")
    with store.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, publisher, published_at, lang, title, body FROM library_texts"
        ).all()
    for copy in range(1, copies + 1):
        docs = [
            ArticleDoc(id=f"{r[0]}-copy{copy}", location=Location("bench"), title=r[4],
                       body=r[5], publisher=r[1], published_at=r[2], language=r[3])
            for r in rows
        ]  # fmt: skip
        with store.write() as writer:
            for start in range(0, len(docs), 1000):
                put_texts(writer.conn, docs[start : start + 1000])
        print(f"copy {copy}: {len(rows) * (copy + 1):,} articles", flush=True)
    store.close()
    return len(rows) * (copies + 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure_search(db: Path, rounds: int, seed: int) -> dict[str, list[float]]:
    """Milliseconds per query, interleaved in a seeded order: the API, the raw FTS5
    ranking query it runs (same SQL, rowids only), and a plain uncapped bm25 query."""
    from lionrock import Store
    from lionrock.library import parse_query, search_library
    from lionrock.library._search import MAX_RANKED, _fts5, ranked_sql

    store = Store(f"sqlite:///{db}", migrate=False)
    raw = sqlite3.connect(db)
    queries = CHINESE + ENGLISH
    matches = {q: _fts5(parse_query(q)) for q in queries}
    capped = ranked_sql("sqlite", "")
    plain = (
        "SELECT rowid, bm25(library_fts, 4.0, 1.0) AS score FROM library_fts "
        "WHERE library_fts MATCH :q ORDER BY score LIMIT 20"
    )
    sides = {
        "ours": lambda q: search_library(store, query=q),
        "raw": lambda q: raw.execute(
            capped, {"q": matches[q], "cap": MAX_RANKED, "n": 20, "o": 0}
        ).fetchall(),
        "uncapped": lambda q: raw.execute(plain, {"q": matches[q]}).fetchall(),
    }
    for q in queries:  # warm-up
        for run in sides.values():
            run(q)
    times: dict[str, list[float]] = {side: [] for side in sides}
    order = [(q, side) for q in queries for side in sides] * rounds
    random.Random(seed).shuffle(order)
    for q, side in order:
        start = time.perf_counter()
        sides[side](q)
        times[side].append((time.perf_counter() - start) * 1000)
    raw.close()
    store.close()
    return times


def index_sizes(db: Path) -> tuple[int, int]:
    """Bytes of the FTS5 index and of the raw text (UTF-8 titles and bodies)."""
    conn = sqlite3.connect(db)
    try:
        index = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'library_fts%'"
        ).fetchone()[0]
        text = conn.execute(
            "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) "
            "FROM library_texts"
        ).fetchone()[0]
    finally:
        conn.close()
    return int(index), int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=9, help="extra copies (×10 = 9)")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the 50 queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lionrock-bench-") as tmp:
        db = Path(tmp, "library.db")
        floor = run_import("anchor", db)
        ours = run_import("ours", db)
        print(f"import: ours {ours}, anchor {floor}", flush=True)
        index_1x, text_1x = index_sizes(db)
        total = duplicate(db, args.copies)
        index, text = index_sizes(db)
        times = measure_search(db, args.rounds, args.seed)
    api, raw, uncapped = times["ours"], times["raw"], times["uncapped"]
    rate, floor_rate = ours["count"] / ours["seconds"], floor["count"] / floor["seconds"]
    p50, p99 = percentile(api, 0.5), percentile(api, 0.99)
    r50, r99 = percentile(raw, 0.5), percentile(raw, 0.99)
    rows = [
        Row("import (articles/s)", f"{rate:,.0f}", f"{floor_rate:,.0f}",
            f"{rate / floor_rate:.2f}×", "–", None),
        Row("import peak memory (MB)", f"{ours['peak_mb']:,.0f}", f"{floor['peak_mb']:,.0f}",
            f"{ours['peak_mb'] / floor['peak_mb']:.2f}×", "–", None),
        Row("search p50 (ms)", f"{p50:.2f}", f"{r50:.2f}", f"{p50 / r50:.2f}×", "≤ 2×",
            p50 <= 2 * r50),
        Row("search p99 (ms)", f"{p99:.2f}", f"{r99:.2f}", f"{p99 / r99:.2f}×", "< 100 ms",
            p99 < 100),
        Row("index size / raw text", f"{index / 2**20:,.0f} MB", f"{text / 2**20:,.0f} MB",
            f"{index / text:.2f}×", "–", None),
    ]  # fmt: skip
    sizes = [
        f"{int(ours['count']):,} archive files imported (Citizen News tar.xz, 11.8 MB)",
        f"search over {total:,} articles (the corpus ×{args.copies + 1}), "
        f"50 queries × {args.rounds} rounds",
    ]
    notes = [
        "Import anchor: streaming the tar.xz and parsing front matter only (no store).",
        "Search anchor: the ranking SQL the API runs (the same FTS5 MATCH, bm25 over at most "
        "the 5,000 newest matches, best 20), run raw with sqlite3, rowids only.",
        f"A plain uncapped bm25 query (every match scored): p50 "
        f"{percentile(uncapped, 0.5):.2f} ms, p99 {percentile(uncapped, 0.99):.2f} ms.",
        f"Index at ×1: {index_1x / 2**20:,.0f} MB for {text_1x / 2**20:,.0f} MB of text.",
        f"Mean ms: API {statistics.mean(api):.2f}, raw {statistics.mean(raw):.2f}; "
        f"max API {max(api):.1f}, max raw {max(raw):.1f}.",
    ]
    for row in rows:
        print(row)
    if not args.no_report:
        print(append_run("library", sizes=sizes, rows=rows, notes=notes))


if __name__ == "__main__":
    main()
