"""Every labelled pair's score, rule and explanation, in both of our modes (names only and
record-aware), over the three pair files of bench/matching.py: a speed change must leave
them all as they were (issue #14).

Each mode scores every pair twice: once with the caches cleared (`clear_caches`, as a
timing round starts) and once more with them full; both passes must agree, so that a
cache never changes a result. `--write` keeps the dump; `--check` compares the dump with
one written before the change and lists the pairs that differ.

Example:
    .venv/bin/python bench/matching_scores.py --write /tmp/before.jsonl
    .venv/bin/python bench/matching_scores.py --check /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching import (
    DEV_PAIRS,
    HARD_PAIRS,
    PAIRS,
    THRESHOLD,
    clear_caches,
    load_pairs,
    record_scorer,
    warm_up,
)

from lionrock.sanctions import matching
from lionrock.sanctions.matching import compare


def dump() -> list[dict[str, Any]]:
    """One line per pair and mode: the file's pair number, the mode, the exact score (its
    repr), the rule and the explanation."""
    pairs = load_pairs(PAIRS, HARD_PAIRS, DEV_PAIRS)
    _, known, _ = record_scorer()
    warm_up()
    out = []
    for mode, record in (("names", None), ("record", known)):
        passes = []
        for _ in range(2):  # cold (caches cleared), then warm
            if not passes:
                clear_caches(known)
            with matching.scoring_batch():
                passes.append(
                    [
                        compare(p["left"], p["right"], threshold=THRESHOLD, record=record)
                        for p in pairs
                    ]
                )
        cold, warm = passes
        for i, (p, a, b) in enumerate(zip(pairs, cold, warm, strict=True)):
            if a.to_dict() != b.to_dict() or a.score != b.score:
                raise SystemExit(f"{mode} pair {i}: cached result differs from a fresh one")
            line = {"i": i, "mode": mode, "left": p["left"], "right": p["right"]}
            line |= {"score": repr(a.score), "rule": a.rule, "explanation": a.explanation}
            out.append(line)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", type=Path, help="Write the dump here.")
    parser.add_argument("--check", type=Path, help="Compare with a dump written before.")
    args = parser.parse_args()
    lines = dump()
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    print(f"{len(lines)} results ({len(lines) // 2} pairs, both modes), cold and warm alike")
    if args.check:
        with open(args.check, encoding="utf-8") as fh:
            before = [json.loads(line) for line in fh if line.strip()]
        differ = [(a, b) for a, b in zip(before, lines, strict=True) if a != b]
        for a, b in differ[:20]:
            print("DIFFERS", json.dumps(a, ensure_ascii=False), json.dumps(b, ensure_ascii=False))
        scores = sum(a["score"] != b["score"] for a, b in differ)
        print(f"{len(differ)} of {len(lines)} differ ({scores} in score)")
        if differ:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
