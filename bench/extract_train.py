"""Train the learned second pass (issue #16, extract52): a logistic regression with L2 over
the candidates of `extract_learned.py` that the rules did not propose, labelled by the dev
split's facts (draws 1 to 35; never 36 and 37, labelled blind). Not shipped: see
docs/extract.md (the `extract52` round) for the held-out figures.

1. Honest evaluation: train on draws 1-30 and report, at several thresholds, the added
   right and wrong suggestions on draws 31-35 (held out from training).
2. `--cv`: choose C by 5-fold cross-validation on draws 1-30 (folds by draw; a sentence
   copied into a training fold is left out of the tested one).
3. `--ship THRESHOLD`: train on draws 1-35 and write the weights (small ones pruned) with
   that threshold to `--out` (a file to ship, had the held-out figures allowed it).

Example: PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/extract_train.py
         PYTHONPATH=$PWD:$PWD/bench .venv/bin/python bench/extract_train.py --ship 0.8
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
from collections import Counter
from pathlib import Path

from extract import LABELS, read_articles, record_gazetteer
from extract_learned import article_candidates

from lionrock.library.extract._rules import read_rules

DRAWS = range(1, 36)  # never 36 and 37 (being labelled blind)
HELD_OUT = range(31, 36)
CACHE = Path("/tmp/extract_train_rows.pickle")
C = 3.0  # the log loss's weight against the L2 penalty (chosen by 5-fold CV on draws 1-30)
STEPS = 600
RATE = 0.5
PRUNE = 0.05
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)

Row = tuple[int, tuple[str, str, str, str], tuple[str, ...], bool, str]


def rows() -> list[Row]:
    """(draw, fact, features, in the gold, sentence) of every candidate, cached."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())  # our own file
    gold: set[tuple[str, str, str, str]] = set()
    draw_of: dict[str, int] = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["split"] != "dev" or int(row.get("draw", 1)) not in DRAWS:
            continue
        draw_of[row["article"]] = int(row.get("draw", 1))
        if row["kind"]:
            gold.add((row["article"], row["person"], row["kind"], row["value"] or ""))
    names, _store = record_gazetteer()
    out: list[Row] = []
    for article, (published, body, title) in sorted(read_articles(set(draw_of)).items()):
        found, every, context = read_rules(
            article_id=article, body=body, published=published, names=names, title=title
        )
        for s, one in article_candidates(every, names, context, found, (0.0, {})):
            c = one.candidate
            fact = (article, c.person.name, c.kind, c.value)
            out.append((draw_of[article], fact, one.features, fact in gold, s.text[:160]))
    CACHE.write_bytes(pickle.dumps(out))
    return out


def train(data: list[tuple[tuple[str, ...], bool]]) -> tuple[float, dict[str, float]]:
    """Logistic regression with L2: minimise C x (summed log loss) + |w|^2 / 2 (the bias not
    penalised), by full-batch gradient descent with AdaGrad steps (pure Python)."""
    index: dict[str, int] = {}
    examples = [
        ([index.setdefault(f, len(index)) for f in set(feats)], label) for feats, label in data
    ]
    weights = [0.0] * len(index)
    squares = [1e-8] * len(index)
    bias, bias_sq = 0.0, 1e-8
    for _step in range(STEPS):
        grad = [w / C for w in weights]  # the penalty's gradient, over C
        bias_grad = 0.0
        for feats, label in examples:
            z = bias + sum(weights[i] for i in feats)
            g = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - (1.0 if label else 0.0)
            bias_grad += g
            for i in feats:
                grad[i] += g
        for i, g in enumerate(grad):
            squares[i] += g * g
            weights[i] -= RATE * g / math.sqrt(squares[i])
        bias_sq += bias_grad * bias_grad
        bias -= RATE * bias_grad / math.sqrt(bias_sq)
    names = {i: f for f, i in index.items()}
    return bias, {names[i]: w for i, w in enumerate(weights) if abs(w) >= PRUNE}


def prob(bias: float, weights: dict[str, float], feats: tuple[str, ...]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def best_per_fact(
    scored: list[tuple[float, Row]],
) -> dict[tuple[str, str, str, str], tuple[float, Row]]:
    best: dict[tuple[str, str, str, str], tuple[float, Row]] = {}
    for p, row in scored:
        if row[1] not in best or best[row[1]][0] < p:
            best[row[1]] = (p, row)
    return best


def cross_validate(all_rows: list[Row]) -> None:
    """5-fold cross-validation on the training draws (1-30, folds by draw) for each C: the
    held-out draws 31-35 choose nothing."""
    global C
    train_rows = [r for r in all_rows if r[0] not in HELD_OUT]
    for c in (1.0, 3.0, 10.0):
        C = c
        found: list[tuple[float, Row]] = []
        for k in range(5):
            bias, weights = train([(r[2], r[3]) for r in train_rows if r[0] % 5 != k])
            seen = {r[4] for r in train_rows if r[0] % 5 != k}
            # a story copied into another draw is not held out: its sentences are left out
            tested = [r for r in train_rows if r[0] % 5 == k and r[4] not in seen]
            found += best_per_fact([(prob(bias, weights, r[2]), r) for r in tested]).values()
        cells = []
        for t in THRESHOLDS:
            kept = [r for p, r in found if p >= t]
            cells.append(f"{t}: {sum(r[3] for r in kept)}/{len(kept)}")
        print(f"C {c}: right/added", ", ".join(cells))


def evaluate(all_rows: list[Row], show: float | None) -> None:
    train_rows = [r for r in all_rows if r[0] not in HELD_OUT]
    held = [r for r in all_rows if r[0] in HELD_OUT]
    bias, weights = train([(r[2], r[3]) for r in train_rows])
    print(f"train draws 1-30: {len(train_rows)} candidates, {sum(r[3] for r in train_rows)} right")
    print(f"held-out draws 31-35: {len(held)} candidates, {sum(r[3] for r in held)} right")
    best = best_per_fact([(prob(bias, weights, r[2]), r) for r in held])
    for t in THRESHOLDS:
        kept = [(p, r) for p, r in best.values() if p >= t]
        right = sum(r[3] for _p, r in kept)
        by_kind = Counter(f"{r[1][2]}{'+' if r[3] else '-'}" for _p, r in kept)
        print(
            f"  threshold {t}: added {len(kept)}, right {right}, wrong {len(kept) - right}",
            dict(sorted(by_kind.items())),
        )
    if show is not None:
        for p, r in sorted(best.values(), key=lambda x: -x[0]):
            if p >= show:
                print(f"    {'RIGHT' if r[3] else 'WRONG'} {p:.2f}", *r[1], r[4][:90])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ship", type=float, help="Train on draws 1-35, write the weights.")
    parser.add_argument("--show", type=float, help="Print the held-out additions above this.")
    parser.add_argument("--out", type=Path, default=Path("/tmp/extract52-learned.json"))
    parser.add_argument("--cv", action="store_true", help="Choose C on draws 1-30 only.")
    args = parser.parse_args()
    all_rows = rows()
    if args.cv:
        cross_validate(all_rows)
        return
    if args.ship is None:
        evaluate(all_rows, args.show)
        return
    bias, weights = train([(r[2], r[3]) for r in all_rows])
    data = {
        "about": "extract52 learned pass: logistic regression (L2) over bench/extract_train.py's "
        "candidates, trained on dev draws 1-35",
        "threshold": args.ship,
        "bias": round(bias, 4),
        "weights": {f: round(w, 4) for f, w in sorted(weights.items())},
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
