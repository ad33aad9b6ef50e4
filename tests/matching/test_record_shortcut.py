"""The record-aware mode's shortcut (issue #14, speed): a name is compared with a
candidate entity's names only when a match is within reach (`chinese.full_reading`).

The shortcut must never skip a pair the matcher would score at the threshold or more:
checked on every labelled pair of the benchmark that `record._may_reach` rules out, and
on the record-aware mode's results over those pairs, with and without the shortcut.
"""

from __future__ import annotations

import pytest

from lionrock.sanctions import KnownNames, compare
from lionrock.sanctions import record as record_module
from lionrock.sanctions.chinese import full_reading
from lionrock.sanctions.matching import THRESHOLD, compare_names
from lionrock.sanctions.names import parse_name


def test_names_ruled_out_score_below_the_threshold(
    labelled_pairs: list[tuple[str, str]],
) -> None:
    pairs = labelled_pairs
    ruled_out = [(a, b) for a, b in pairs if not record_module._may_reach(a, b)]
    assert len(ruled_out) > 1000  # the shortcut is used: most labelled pairs differ
    for left, right in ruled_out:
        assert compare_names(left, right).score < THRESHOLD, (left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [("李家超", "Lee Ka-chiu"), ("陳大文", "陳大文"), ("CHAN, Tai Man", "Chan Tai-man")],
)
def test_a_match_is_within_reach(left: str, right: str) -> None:
    assert full_reading(parse_name(left), parse_name(right))
    assert record_module._may_reach(left, right)


@pytest.mark.parametrize(("left", "right"), [("陳大文", "陳大民"), ("李家超", "Lee Ka-wai")])
def test_a_syllable_apart_is_out_of_reach(left: str, right: str) -> None:
    assert not full_reading(parse_name(left), parse_name(right))
    assert compare_names(left, right).score < THRESHOLD


def test_record_aware_results_are_the_same_without_the_shortcut(
    bundled: KnownNames, monkeypatch: pytest.MonkeyPatch, labelled_pairs: list[tuple[str, str]]
) -> None:
    pairs = labelled_pairs[::60]
    with_shortcut = bundled
    got = [compare(a, b, record=with_shortcut).to_dict() for a, b in pairs]
    monkeypatch.setattr(record_module, "_may_reach", lambda left, right: True)
    without = KnownNames(with_shortcut.entities.values())
    # Nor the exact-key index of names within reach (`reach.py`): every entity may carry
    # a name, and every candidate of the screening index is compared.
    everyone = set(without.entities)
    monkeypatch.setattr(
        without, "_may_carry", lambda subject, among=None: set(everyone if among is None else among)
    )
    monkeypatch.setattr(without, "_reachable", lambda name, skip: everyone - set(skip))
    assert [compare(a, b, record=without).to_dict() for a, b in pairs] == got
    # Forgetting the resolved names changes nothing but the time.
    with_shortcut.clear_resolved()
    assert [compare(a, b, record=with_shortcut).to_dict() for a, b in pairs] == got
