"""Suggested court-case facts (issue #16 §5): quality on the labelled test split, and speed
on the whole Citizen News archive, each against its anchor in the same run.

1. Quality: `extract_text` on the labelled articles of a split
   (`bench/data/extract-labels.jsonl`, see docs/extract.md), scored per kind and overall;
   on `test`, for the original test split (draw 1), the second held-out draw (`test2`,
   labelled blind in the sixth round) and both together:
   a suggestion is right when the labels have the same (article, person, kind, value).
   Anchor: keyword-window extraction, the nearest name (found by the same name finder)
   within N characters of a keyword (判囚, 還押, 保釋, 認罪, 罪成, 被捕, 被控 and their English
   twins), the kind the keyword names, and for a sentence the first term after it, for a
   charge the first offence after it. Targets: P ≥ 0.9 and R ≥ 0.75 overall, P ≥ 0.95
   for sentence terms.
2. Speed: `extract_articles` over the 12,318 imported articles (one core: this process),
   against `library import` of the same archive in the same run. Target: under 60 s of CPU
   (`time.process_time`, since the machine is shared); wall time is reported too.

The gazetteer is the bundled record's people (`data/`), as `lionrock library extract`
uses the store's.

Example:
    .venv/bin/python bench/extract.py              # test split, speed, appends to docs
    .venv/bin/python bench/extract.py --split dev --no-speed --no-report
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _report import Row, append_run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lionrock import Defaults, Store, load_paths  # noqa: E402
from lionrock.bundled import bundled_files  # noqa: E402
from lionrock.fold import fold  # noqa: E402
from lionrock.library import import_archive  # noqa: E402
from lionrock.library.extract import (  # noqa: E402
    KINDS,
    MIN_CONFIDENCE,
    Gazetteer,
    extract_text,
    offences_in,
)
from lionrock.library.extract._rules import Proposal  # noqa: E402
from lionrock.library.extract._run import extract_articles, record_names  # noqa: E402
from lionrock.library.extract._text import (  # noqa: E402  # noqa: E402
    TERM_EN,
    TERM_ZH,
    english_months,
    format_months,
    term_months,
    zh,
)
from lionrock.sources import hkcnews  # noqa: E402

ARCHIVE = ROOT.parent / "shared" / "data" / "news" / "hkcnews-2020-06-to-2021-08.tar.xz"
LABELS = ROOT / "bench" / "data" / "extract-labels.jsonl"
WINDOW = 20
ANCHOR_KEYWORDS = {
    "sentence": r"判囚|監禁|即囚|被囚|sentenced|jailed",
    "custody": r"還押|還柙|remanded",
    "bail_granted": r"獲准保釋|獲保釋|granted bail",
    "bail_denied": r"拒絕保釋|不獲保釋|denied bail",
    "plea": r"認罪|pleaded",
    "verdict": r"罪成|convicted",
    "arrested": r"被捕|拘捕|arrested",
    "charged": r"被控|起訴|charged",
    "released": r"獲釋|出獄|released",
}
Fact = tuple[str, str, str, str]


# The test split's sets, each scored and reported: (draw, the name a report gives it).
TEST_SETS: tuple[tuple[str | None, str], ...] = (
    ("1", "test split (draw 1)"),
    ("test2", "second test draw (test2)"),
    (None, "both test draws"),
)


def labels(split: str, draw: str | None = None) -> tuple[set[str], set[Fact]]:
    """The articles of a split (of one draw of it, when `draw` is given: "1" to "5" or
    "test2") and their facts."""
    articles: set[str] = set()
    facts: set[Fact] = set()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["split"] != split or (draw is not None and str(row.get("draw", 1)) != draw):
            continue
        articles.add(row["article"])
        if row["kind"]:
            facts.add((row["article"], row["person"], row["kind"], row["value"] or ""))
    return articles, facts


def read_articles(wanted: set[str]) -> dict[str, tuple[str | None, str, str]]:
    """(date, body, title) of the wanted articles, as the importer reads them (and as
    `lionrock library extract` reads them from the library: the title too)."""
    found: dict[str, tuple[str | None, str, str]] = {}
    for doc in hkcnews.articles(str(ARCHIVE)):
        if getattr(doc, "id", None) in wanted:
            found[doc.id] = (doc.published_at, doc.body, doc.title)  # type: ignore[union-attr]
    return found


def record_gazetteer() -> tuple[Gazetteer, Store]:
    store = Store("sqlite://")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    return Gazetteer(record_names(store)), store


def anchor(article: str, published: str | None, body: str, names: Gazetteer) -> list[Proposal]:
    """Keyword-window extraction: the nearest name within WINDOW characters of a keyword."""
    out: list[Proposal] = []
    for kind, words in ANCHOR_KEYWORDS.items():
        pattern = re.compile(zh(words), re.IGNORECASE)
        folded = fold(body)
        for m in pattern.finditer(folded):
            lo, hi = max(0, m.start() - WINDOW), min(len(body), m.end() + WINDOW)
            hits = names.find(body[lo:hi], folded[lo:hi])
            if not hits:
                continue
            center = m.start() - lo
            near = min(hits, key=lambda h: min(abs(h.end - center), abs(h.start - center)))
            value = ""
            after = folded[m.end() : m.end() + WINDOW]
            if kind == "sentence":
                term = TERM_ZH.search(after)
                months = term_months(term) if term else None
                if months is None:
                    en = TERM_EN.search(body[m.end() : m.end() + 40])
                    months = english_months(en) if en else None
                if months is None:
                    continue
                value = format_months(months)
            elif kind == "charged":
                found = offences_in(folded[m.end() : m.end() + 60])
                if not found:
                    continue
                value = found[0].key
            elif kind == "plea":
                value = (
                    "not_guilty"
                    if re.search(zh("不認罪|否認|not guilty"), folded[lo:hi])
                    else "guilty"
                )
            elif kind == "verdict":
                value = "convicted"
            elif kind == "custody":
                value = "remanded"
            out.append(Proposal(article, near.name, None, kind, value, None, "", 0.5))
    return out


def score(predicted: set[Fact], gold: set[Fact]) -> dict[str, dict[str, float]]:
    """Precision, recall and counts per kind and overall."""
    table: dict[str, dict[str, float]] = {}
    for kind in (*KINDS, "overall"):
        p = {f for f in predicted if kind == "overall" or f[2] == kind}
        g = {f for f in gold if kind == "overall" or f[2] == kind}
        tp = len(p & g)
        table[kind] = {
            "tp": tp,
            "predicted": len(p),
            "gold": len(g),
            "precision": tp / len(p) if p else float("nan"),
            "recall": tp / len(g) if g else float("nan"),
        }
    return table


def quality(
    split: str, names: Gazetteer, verbose: bool, draw: str | None = None
) -> tuple[set[Fact], set[Fact]]:
    """The facts the rules and the anchor suggest on the articles of a split (or draw)."""
    wanted, gold = labels(split, draw)
    texts = read_articles(wanted)
    ours: set[Fact] = set()
    theirs: set[Fact] = set()
    for article, (published, body, title) in sorted(texts.items()):
        found = extract_text(
            article_id=article, body=body, published=published, names=names, title=title
        )
        for p in found:
            ours.add((p.article, p.person, p.kind, p.value))
            if verbose and (p.article, p.person, p.kind, p.value) not in gold:
                print("  FP", p.article, p.person, p.kind, p.value, p.confidence, p.quote[:80])
        for p in anchor(article, published, body, names):
            theirs.add((p.article, p.person, p.kind, p.value))
    if verbose:
        for f in sorted(gold - ours):
            print("  FN", *f)
    return ours, theirs


Scores = tuple[str, dict[str, Any], dict[str, Any]]


def scored(split: str, draw: str | None, ours: set[Fact], theirs: set[Fact]) -> list[Scores]:
    """(name, our scores, the anchor's) of each set reported: the split (or the one draw
    asked for), or on `test` each of TEST_SETS, so a run reads the articles once."""
    sets = TEST_SETS if split == "test" and draw is None else ((draw, split),)
    out = []
    for one, name in sets:
        articles, gold = labels(split, one)
        mine = {f for f in ours if f[0] in articles}
        anchor_facts = {f for f in theirs if f[0] in articles}
        out.append((name, score(mine, gold), score(anchor_facts, gold)))
    return out


Timing = tuple[float, float, float, float, int]


def speed(names: Gazetteer, store: Store) -> Timing:
    """CPU and wall seconds of `library import` of the archive, then of `extract_articles`
    over it (stored suggestions included): (import CPU, extract CPU, import wall, extract
    wall, articles)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Store(f"sqlite:///{tmp}/bench.db")
        cpu, wall = time.process_time(), time.perf_counter()
        import_archive(target, path=str(ARCHIVE), format="hkcnews")
        imported = time.process_time() - cpu, time.perf_counter() - wall
        cpu, wall = time.process_time(), time.perf_counter()
        report = extract_articles(target, names=names, save=True)
        extracted = time.process_time() - cpu, time.perf_counter() - wall
        target.close()
    return imported[0], extracted[0], imported[1], extracted[1], report.articles


def fmt(x: float) -> str:
    return "–" if x != x else f"{x:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--draw", help="Score one dev draw only (1 to 40).")
    parser.add_argument("--note", action="append", default=[], help="A note for the report.")
    args = parser.parse_args()
    names, store = record_gazetteer()
    if args.draw is not None and (args.split != "dev" or not args.no_report):
        parser.error("--draw is for dev only, with --no-report")
    if args.verbose and args.split == "test":
        parser.error("--verbose is for dev only: the test split's misses are never read")
    ours, theirs = quality(args.split, names, args.verbose, args.draw)
    results = scored(args.split, args.draw, ours, theirs)
    for name, mine, anchor_scores in results:
        print(f"{name}:\n{'kind':14} {'gold':>4} {'P':>5} {'R':>5}   anchor P    R")
        for kind in (*KINDS, "overall"):
            o, a = mine[kind], anchor_scores[kind]
            print(
                f"{kind:14} {o['gold']:4.0f} {fmt(o['precision']):>5} {fmt(o['recall']):>5}"
                f"   {fmt(a['precision']):>5} {fmt(a['recall']):>5}"
                f"  ({o['tp']:.0f}/{o['predicted']:.0f})"
            )
    timing = None if args.no_speed else speed(names, store)
    if timing:
        print(
            f"CPU: import {timing[0]:.1f} s, extract {timing[1]:.1f} s; wall: import "
            f"{timing[2]:.1f} s, extract {timing[3]:.1f} s; over {timing[4]} articles"
        )
    if not args.no_report:
        report(args.split, results, timing, args.note)


def report(
    split: str,
    results: list[Scores],
    timing: Timing | None,
    notes: list[str] | None = None,
) -> None:
    rows: list[Row] = []
    for number, (name, ours, theirs) in enumerate(results):
        # the first set's rows keep the names of earlier runs' rows, to compare with them
        rows += score_rows(ours, theirs, "" if number == 0 else f"{name}: ")
    if timing:
        rows += timing_rows(timing)
    append_run(
        "extract",
        sizes=[
            *sizes_of(split),
            f"anchor: keyword window of {WINDOW} characters",
            f"suggestions at the default threshold, confidence ≥ {MIN_CONFIDENCE}",
        ],
        rows=rows,
        notes=notes or [],
    )


def score_rows(ours: dict[str, Any], theirs: dict[str, Any], prefix: str) -> list[Row]:
    """One row per kind with labels or suggestions, and the overall row."""
    rows: list[Row] = []
    for kind in (*KINDS, "overall"):
        o, a = ours[kind], theirs[kind]
        if not o["gold"] and not o["predicted"]:
            continue
        target_p = 0.95 if kind == "sentence" else 0.9 if kind == "overall" else None
        passed = None
        if target_p is not None:
            passed = o["precision"] >= target_p and (kind != "overall" or o["recall"] >= 0.75)
        ratio = (
            o["precision"] / a["precision"]
            if a["precision"] and a["precision"] == a["precision"]
            else float("nan")
        )
        rows.append(
            Row(
                f"{prefix}{kind} ({o['gold']:.0f} labelled): precision / recall",
                f"{fmt(o['precision'])} / {fmt(o['recall'])}",
                f"{fmt(a['precision'])} / {fmt(a['recall'])}",
                f"P ×{fmt(ratio)}",
                "P ≥ 0.95"
                if kind == "sentence"
                else "P ≥ 0.9, R ≥ 0.75"
                if kind == "overall"
                else "",
                passed,
            )
        )
    return rows


def sizes_of(split: str) -> list[str]:
    """One line per set reported: its articles and labelled facts."""
    sets = TEST_SETS if split == "test" else ((None, f"{split} split"),)
    lines = []
    for draw, name in sets:
        articles, facts = labels(split, draw)
        lines.append(f"{name}: {len(articles)} articles, {len(facts)} labelled facts")
    return lines


def timing_rows(timing: Timing) -> list[Row]:
    imported, extracted, imported_wall, extracted_wall, articles = timing
    return [
        Row(
            f"extract {articles:,} articles, CPU (s), against library import of them",
            f"{extracted:.1f}",
            f"{imported:.1f}",
            f"×{extracted / imported:.2f}",
            "< 60 s",
            extracted < 60,
        ),
        Row(
            "the same, wall clock (s), on a shared machine",
            f"{extracted_wall:.1f}",
            f"{imported_wall:.1f}",
            f"×{extracted_wall / imported_wall:.2f}",
            "",
            None,
        ),
    ]


if __name__ == "__main__":
    main()
