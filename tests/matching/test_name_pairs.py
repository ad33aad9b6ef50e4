"""bench/data/name-pairs.jsonl: enough labelled pairs in every slice, and the matcher
meets the issue's targets on them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from lionrock.sanctions import read_pairs, score_pairs
from lionrock.sanctions.pairs import Tally

PAIRS = Path(__file__).resolve().parents[2] / "bench" / "data" / "name-pairs.jsonl"
SLICES = {"latin-latin", "han-latin", "trad-simp", "cantonese-pinyin"}


def test_the_pairs_cover_every_slice_with_hard_negatives() -> None:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300
    counts = Counter((r["slice"], r["judgement"]) for r in rows)
    for slice_ in SLICES:
        assert counts[(slice_, "positive")] >= 20 and counts[(slice_, "negative")] >= 20
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert all(r["source"] for r in rows)


@pytest.mark.slow
def test_matcher_meets_the_targets_overall() -> None:
    with open(PAIRS, encoding="utf-8") as fh:
        scores = score_pairs(read_pairs(fh, path=str(PAIRS)))
    assert scores.judged >= 300
    assert scores.metrics()["f1"] >= 0.95
    by_slice: dict[str, Tally] = {}
    for item, result in scores.results:
        assert item.judgement is not None
        by_slice.setdefault(item.raw["slice"], Tally()).add(result.match, item.judgement)
    for slice_, tally in by_slice.items():
        # The per-slice figures of the held-out split are in docs/benchmarks.md; here,
        # a floor that catches a regression on any slice.
        assert tally.metrics()["f1"] >= 0.85, (slice_, tally.metrics())


HARD_PAIRS = PAIRS.parent / "name-pairs-hard.jsonl"
HARD_SLICES = {"han-han-homophone", "syllable-substitution", "western-given-name", "known-aliases"}


def test_the_hard_pairs_cover_issue_14s_classes_in_both_splits() -> None:
    rows = [json.loads(line) for line in HARD_PAIRS.read_text(encoding="utf-8").splitlines()]
    counts = Counter((r["slice"], r["judgement"], r["split"]) for r in rows)
    for slice_ in HARD_SLICES:
        for judgement in ("positive", "negative"):
            assert counts[(slice_, judgement, "dev")] >= 20, (slice_, judgement)
            assert counts[(slice_, judgement, "test")] >= 20, (slice_, judgement)
    assert all(r["source"] for r in rows)


LATIN_AUDIT = PAIRS.parent / "name-pairs-latin-audit.jsonl"
NAME_JUDGEMENTS = {"same-name": "positive", "namesake": "positive"}


def test_the_latin_audit_judges_exactly_the_latin_pairs_by_name() -> None:
    """bench/matching.py scores the latin-latin pairs names only by these name-level
    labels too (docs/matching.md, "Latin pairs judged by name"): the audit must hold every
    latin-latin pair of the benchmark file once, and no other, with its first label."""
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    latin = {(p["left"], p["right"]): p for p in pairs if p["slice"] == "latin-latin"}
    audit = [json.loads(line) for line in LATIN_AUDIT.read_text(encoding="utf-8").splitlines()]
    assert len(audit) == len(latin) == 151
    assert {(a["left"], a["right"]) for a in audit} == set(latin)
    for a in audit:
        pair = latin[(a["left"], a["right"])]
        assert (a["split"], a["first_judgement"]) == (pair["split"], pair["judgement"])
        assert a["name_judgement"] in {"same-name", "other-name", "namesake", "different"}
        by_name = NAME_JUDGEMENTS.get(a["name_judgement"], "negative")
        # A pair judged otherwise by name than by person says why.
        assert by_name == a["first_judgement"] or a.get("reason"), a
        # A person's two names are never two people's, and the reverse.
        person = {"same-name": "positive", "other-name": "positive"}
        assert person.get(a["name_judgement"], "negative") == a["first_judgement"], a
