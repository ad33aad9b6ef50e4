"""Shared fixtures of the matching tests: the benchmark's labelled name pairs and the
bundled record's names, as `bench/matching.py` has them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.sanctions import KnownNames, Subject
from lionrock.sanctions.tables import load_tables

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.fixture(scope="session")
def labelled_pairs() -> list[tuple[str, str]]:
    """Every (left, right) name of the benchmark's labelled pairs (both files)."""
    out = []
    for name in ("name-pairs.jsonl", "name-pairs-hard.jsonl"):
        with open(BENCH / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    pair = json.loads(line)
                    for left in Subject.of(pair["left"]).names:
                        for right in Subject.of(pair["right"]).names:
                            out.append((left, right))
    return out


@pytest.fixture(scope="module")
def bundled() -> KnownNames:
    """The bundled record's names, as the benchmark's record-aware mode has them (one per
    test module: tests patch it)."""
    load_tables()  # as `screen` and the benchmark have them: lookups, not readings
    store = Store("sqlite://")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    known = KnownNames.from_store(store)
    store.close()
    return known
