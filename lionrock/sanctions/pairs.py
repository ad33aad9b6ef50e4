"""Labelled name pairs in JSON lines: read them, score them, and measure the matcher.

Each line is an object with `left` and `right` (a name, or an object with `name` and
`birth_date`), and optionally `judgement` (`positive` or `negative`). Other keys are
ignored. A bad line is refused with an error naming the file and the line.

Example:
    >>> lines = ['{"left": "李家超", "right": "Lee Ka-chiu", "judgement": "positive"}']
    >>> score_pairs(read_pairs(lines, path="x.jsonl")).metrics()["f1"]
    1.0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lionrock.errors import LoadError, Location, Problem
from lionrock.sanctions.matching import (
    THRESHOLD,
    MatchResult,
    RecordNames,
    Subject,
    compare,
    scoring_batch,
)

MAX_LINE = 100_000  # characters; a name pair is far shorter
JUDGEMENTS = {"positive": True, "negative": False}


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """One pair to compare, where it came from, and its judgement if given."""

    left: Subject
    right: Subject
    judgement: bool | None
    line: int
    raw: dict[str, Any]


def read_pairs(lines: Iterable[str], *, path: str = "<input>") -> Iterator[LabelledPair]:
    """Parse pairs from JSON lines; blank lines are skipped.

    Raises LoadError naming the file and line of the first bad line.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = Location(path, number)
        if len(line) > MAX_LINE:
            raise LoadError([Problem(where, f"line longer than {MAX_LINE} characters")])
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoadError([Problem(where, f"not valid JSON: {exc.msg}")]) from exc
        if not isinstance(raw, dict):
            raise LoadError([Problem(where, "expected an object with 'left' and 'right'")])
        yield _labelled(raw, path, number)


def _labelled(raw: dict[str, Any], path: str, number: int) -> LabelledPair:
    sides = []
    for key in ("left", "right"):
        if key not in raw:
            raise LoadError([Problem(Location(path, number, key), "missing")])
        try:
            sides.append(Subject.of(raw[key]))
        except Exception as exc:  # LionRockError, or a malformed value
            raise LoadError([Problem(Location(path, number, key), str(exc))]) from exc
    judgement = raw.get("judgement")
    if judgement is not None and judgement not in JUDGEMENTS:
        message = f"judgement must be 'positive' or 'negative', not {judgement!r}"
        raise LoadError([Problem(Location(path, number, "judgement"), message)])
    label = None if judgement is None else JUDGEMENTS[judgement]
    return LabelledPair(sides[0], sides[1], label, number, raw)


@dataclass
class Tally:
    """Counts of true and false positives and negatives, and the metrics from them."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def metrics(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "pairs": self.tp + self.fp + self.tn + self.fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }


@dataclass
class PairScores:
    """The result of each pair, and a tally over those with a judgement."""

    results: list[tuple[LabelledPair, MatchResult]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    judged: int = 0

    def metrics(self) -> dict[str, float | int]:
        return self.tally.metrics()


def score_pairs(
    pairs: Iterable[LabelledPair],
    *,
    threshold: float = THRESHOLD,
    on_result: Callable[[LabelledPair, MatchResult], None] | None = None,
    record: RecordNames | None = None,
) -> PairScores:
    """Compare every pair; `on_result` sees each as it is scored (for streaming output).
    With `record` (`record.KnownNames`), in the record-aware mode."""
    out = PairScores()
    with scoring_batch():
        for item in pairs:
            result = compare(item.left, item.right, threshold=threshold, record=record)
            if on_result is not None:
                on_result(item, result)
            else:
                out.results.append((item, result))
            if item.judgement is not None:
                out.judged += 1
                out.tally.add(result.match, item.judgement)
    return out


def pair_line(item: LabelledPair, result: MatchResult) -> dict[str, Any]:
    """The output line of one pair: the input names, the score and the judgement."""
    return {
        "left": item.raw["left"],
        "right": item.raw["right"],
        "score": round(result.score, 4),
        "match": result.match,
        "verdict": result.verdict,
        "rule": result.rule,
        "explanation": result.explanation,
    }
