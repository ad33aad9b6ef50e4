"""Name matching: Lion Rock's matcher against nomenklatura's logic-v1, logic-v2 and ofac
algorithms, on the same labelled pairs (bench/data/name-pairs.jsonl), in the same run.

Every algorithm judges a pair a match at a score of 0.7 or more (yente's default
threshold). Precision, recall and F1 are reported per slice and overall, on the held-out
`test` split, the `dev` split and all pairs. Throughput is pairs/s over all pairs, each
algorithm reading its inputs inside the clock: our name parsing (with its caches cleared
first) against nomenklatura's entity building. Dictionaries that load once per process
(readings, pinyin tables) are loaded before the clock starts, and reported apart.

Targets (issue #3): F1 ≥ 0.95 overall and ≥ 0.9 on every slice (test split), and pairs/s
≥ logic-v1's.

Example:
    .venv/bin/python bench/matching.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import Row, append_run  # noqa: E402
from followthemoney import model  # noqa: E402
from nomenklatura.matching import LogicV1, LogicV2, OFACMatcher  # noqa: E402

from lionrock.sanctions import (  # noqa: E402
    korean,
    matching,
    name_parts,
    names,
    romanize,
    systems,
    western,
)
from lionrock.sanctions.matching import Subject, compare  # noqa: E402
from lionrock.sanctions.pairs import Tally  # noqa: E402

PAIRS = ROOT / "bench" / "data" / "name-pairs.jsonl"
THRESHOLD = 0.7
SLICES = ("latin-latin", "han-latin", "trad-simp", "cantonese-pinyin")
ALGORITHMS = {"logic-v1": LogicV1, "logic-v2": LogicV2, "ofac": OFACMatcher}

Scorer = Callable[[Any, Any], float]


def load_pairs() -> list[dict[str, Any]]:
    with open(PAIRS, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ours(left: Any, right: Any) -> float:
    return compare(left, right, threshold=THRESHOLD).score


def clear_caches() -> None:
    for fn in (
        matching.compare_names,
        names.parse_name,
        names.latin_syllable,
        names.mistyped,
        names.typo_orders,
        systems.syllable_systems,
        systems.latin_grade,
        romanize.variant_forms,
        romanize.canto_keys,
        romanize.split_syllables,
        romanize.is_syllable,
        romanize.jyutping,
        romanize.pinyin,
        name_parts.translit_fold,
        name_parts.western_name,
        name_parts.same_name_part,
        name_parts.may_be_same_name,
        name_parts._symbols,
        western._person,
    ):
        fn.cache_clear()


def warm_up() -> float:
    """Load the once-per-process tables; return the seconds it took."""
    start = time.perf_counter()
    romanize.cantonese_keys()
    romanize.pinyin_syllables()
    compare("李家超", "Lee Ka-chiu")
    compare("IVANOV, Sergei", "Sergey IVANOV")
    return time.perf_counter() - start


def nomenklatura_scorer(algorithm: Any) -> Scorer:
    config = algorithm.default_config()

    def entity(value: Any) -> Any:
        subject = Subject.of(value)
        proxy = model.make_entity("Person")
        # nomenklatura caches name analysis by entity ID: one ID per distinct input.
        proxy.id = "e-" + hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()
        proxy.add("name", list(subject.names))
        proxy.add("birthDate", list(subject.birth_dates))
        return proxy

    def score(left: Any, right: Any) -> float:
        return float(algorithm.compare(entity(left), entity(right), config).score)

    return score


def run(name: str, scorer: Scorer, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    if name == "lionrock":
        clear_caches()
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    misses = []
    start = time.perf_counter()
    scores = [scorer(p["left"], p["right"]) for p in pairs]
    elapsed = time.perf_counter() - start
    for p, score in zip(pairs, scores, strict=True):
        actual = p["judgement"] == "positive"
        predicted = score >= THRESHOLD
        for split in (p["split"], "all"):
            for slice_ in (p["slice"], "overall"):
                tallies[(split, slice_)].add(predicted, actual)
        if predicted != actual and p["split"] == "dev":
            misses.append((p["slice"], p["left"], p["right"], round(score, 3)))
    metrics = {key: tally.metrics() for key, tally in tallies.items()}
    return {"metrics": metrics, "rate": len(pairs) / elapsed, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-report", action="store_true", help="Do not append to the docs.")
    parser.add_argument("--show-dev-misses", action="store_true")
    args = parser.parse_args()
    pairs = load_pairs()
    startup = warm_up()
    results = {"lionrock": run("lionrock", ours, pairs)}
    for name, algorithm in ALGORITHMS.items():
        results[name] = run(name, nomenklatura_scorer(algorithm), pairs)
    if args.show_dev_misses:
        for miss in results["lionrock"]["misses"]:
            print("MISS", miss)
    rows = report_rows(results)
    for row in rows:
        print(
            f"{row.measure:38} {row.ours:>8} {row.anchor:>40} {row.target:>12} "
            f"{'' if row.passed is None else 'PASS' if row.passed else 'FAIL'}"
        )
    if not args.no_report:
        counts = defaultdict(int)
        for p in pairs:
            counts[(p["slice"], p["split"])] += 1
        sizes = [
            f"{len(pairs)} labelled pairs ({sum(p['split'] == 'test' for p in pairs)} "
            "held-out test, the rest dev)"
        ] + [f"{s}: {counts[(s, 'test')]} test + {counts[(s, 'dev')]} dev" for s in SLICES]
        notes = [
            "Anchor column: nomenklatura logic-v1 / logic-v2 / ofac, same pairs, same run, "
            f"threshold {THRESHOLD} for all; ratio is ours ÷ logic-v1.",
            f"Our one-off table load (readings, pinyin): {startup:.1f} s, outside the clock.",
        ]
        append_run("matching", sizes=sizes, rows=rows, notes=notes)


def report_rows(results: dict[str, Any]) -> list[Row]:
    rows = []
    for split in ("test", "dev", "all"):
        for slice_ in ("overall", *SLICES):
            mine = results["lionrock"]["metrics"].get((split, slice_))
            if mine is None:
                continue
            others = " / ".join(
                f"{results[n]['metrics'][(split, slice_)]['f1']:.3f}" for n in ALGORITHMS
            )
            v1 = results["logic-v1"]["metrics"][(split, slice_)]["f1"]
            target = 0.95 if slice_ == "overall" else 0.9
            rows.append(
                Row(
                    measure=f"F1 {split} {slice_} "
                    f"(P {mine['precision']:.3f}, R {mine['recall']:.3f})",
                    ours=f"{mine['f1']:.3f}",
                    anchor=others,
                    ratio=f"{mine['f1'] / v1:.2f}" if v1 else "–",
                    target=f"≥ {target}" if split == "test" else "–",
                    passed=mine["f1"] >= target if split == "test" else None,
                )
            )
    rates = {n: r["rate"] for n, r in results.items()}
    rows.append(
        Row(
            measure="pairs/s (all pairs)",
            ours=f"{rates['lionrock']:,.0f}",
            anchor=" / ".join(f"{rates[n]:,.0f}" for n in ALGORITHMS),
            ratio=f"{rates['lionrock'] / rates['logic-v1']:.2f}",
            target="≥ logic-v1",
            passed=rates["lionrock"] >= rates["logic-v1"],
        )
    )
    return rows


if __name__ == "__main__":
    main()
