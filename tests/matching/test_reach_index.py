"""The record's names by exact keys (`reach.ReachIndex`, issue #14, speed): the
record-aware mode looks for candidates, and compares, only the entities with a name
within reach of the name it resolves, and resolves a name only when an entity within
reach of the other name may carry it.

The index must never leave out a name `record._may_reach` would compare: checked on
the benchmark's names against every name of the bundled record they are compared with.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from lionrock.sanctions import KnownNames, Subject
from lionrock.sanctions import record as record_module
from lionrock.sanctions.matching import THRESHOLD, compare_names
from lionrock.sanctions.names import parse_name
from lionrock.sanctions.reach import ReachIndex
from lionrock.sanctions.tables import load_tables

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"


def _names() -> list[str]:
    found: dict[str, None] = {}
    for name in ("name-pairs.jsonl", "name-pairs-hard.jsonl"):
        with open(BENCH / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    pair = json.loads(line)
                    for side in ("left", "right"):
                        found.update(dict.fromkeys(Subject.of(pair[side]).names))
    return [n for n in found if parse_name(n).chinese]


def test_no_name_within_reach_is_left_out(bundled: KnownNames) -> None:
    names = _names()[::10]
    assert len(names) > 300
    pruned = 0
    for name in names:
        reachable = bundled.reach.entities(name)
        for entity_id in bundled.entities:
            if entity_id in reachable:
                continue
            pruned += 1
            # The names a name is compared with (in characters, with names in characters).
            for own in bundled._same_script(name, entity_id):
                # Both orders: `_resolve` asks (name, own), `_carried` (own, name).
                assert not record_module._may_reach(name, own), (name, own)
                assert not record_module._may_reach(own, name), (own, name)
    assert pruned > 100 * len(names)  # most of the record is out of reach of most names


@pytest.mark.parametrize(
    ("name", "record", "expected"),
    [
        ("Lee Ka-chiu", "李家超", True),  # Cantonese readings
        ("Li Jiachao", "李家超", True),  # pinyin, joined
        ("李家超", "李家超", True),
        ("Au Kwok-kuen", "區國權", True),  # a Hong Kong surname spelling
        ("Chan Tai Man", "CHAN, Tai Man", True),
        ("Chan Tai Man", "陳大文", True),
        ("Chan Tai Wai", "陳大文", False),  # a syllable apart
        ("陳大民", "陳大文", False),  # a character apart
        ("Wong Siu Ming", "陳大文", False),
        # Korean names by Korean rules: one surname and one given name, or out of reach.
        ("Kim Song-nam", "KIM, Song Nam", True),
        ("KIM, Song Man", "KIM, Song Nam", False),
        ("PAK, Song Nam", "KIM, Song Nam", False),
        # English names on both sides: they must agree.
        ("Jon Chan Tai-man", "John CHAN Tai Man", True),
        ("Alvin Chan Tai-man", "Chris CHAN Tai Man", False),
        ("Alvin Chan", "Chris CHAN Tai Man", False),
    ],
)
def test_reach(name: str, record: str, expected: bool) -> None:
    load_tables()
    index = ReachIndex({"e": (record,)})
    assert (index.entities(name) == {"e"}) is expected
    if not expected:
        assert not record_module._may_reach(name, record)
        assert not record_module._may_reach(record, name)
        assert compare_names(name, record).score < THRESHOLD


def test_forgetting_changes_nothing(bundled: KnownNames) -> None:
    names = _names()[::200]
    before = [bundled.reach.entities(n) for n in names]
    bundled.clear_resolved()
    assert [bundled.reach.entities(n) for n in names] == before


def test_among_a_few_entities_is_the_same(bundled: KnownNames) -> None:
    """`entities_among` (one side of a pair, `record.link`) tests only the readings of
    the entities it is given: it must find what `entities` finds among them."""
    reach = bundled.reach
    ids = sorted(bundled.entities)
    rng = random.Random(14)
    names = _names()[::20]
    for name in names:
        within = sorted(reach.entities(name))
        among = set(rng.sample(ids, 20)) | set(within[:3])
        expected = reach.entities(name) & among
        reach.clear()
        assert set(reach.entities_among(name, among)) == expected, name
    assert sum(bool(reach.entities(n)) for n in names) > len(names) // 4
