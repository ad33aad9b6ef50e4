"""Assertions the name-matching tests share: a pair matches (by a given rule) or does not,
whichever side is given first."""

from __future__ import annotations

from lionrock.sanctions import compare


def assert_same(left: str, right: str, rule: str | None = None) -> None:
    """Both orders match, and by `rule` when it is given."""
    for x, y in ((left, right), (right, left)):
        result = compare(x, y)
        assert result.match, result.explanation
        if rule is not None:
            assert result.rule == rule, result.explanation


def assert_different(left: str, right: str) -> None:
    """Neither order matches."""
    for x, y in ((left, right), (right, left)):
        result = compare(x, y)
        assert not result.match, result.explanation
