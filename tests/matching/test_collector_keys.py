"""Caches keyed by one string, not a tuple the garbage collector walks (issue #14,
speed): each packed key gives back what the unpacked call gives, two different calls
never share a key, and the shortcuts around the caches give what the caches give."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from lionrock.sanctions import korean, matching, names, romanize, systems
from lionrock.sanctions.matching import Subject, compare_names
from lionrock.sanctions.names import HAN_RE, _han_one, _han_syllable
from lionrock.sanctions.systems import ALL, _latin_grade, latin_grade
from lionrock.sanctions.tables import load_tables

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"


def _names() -> list[str]:
    out: list[str] = []
    with open(BENCH / "name-pairs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                pair = json.loads(line)
                for side in ("left", "right"):
                    out += Subject.of(pair[side]).names
    return out


def test_latin_grade_by_string_key_is_the_grade() -> None:
    load_tables()
    syllables = ["chan", "chen", "tsang", "zeng", "lei5", "li", "hsieh", "xie", "wong", "huang"]
    systems._grade_of.cache_clear()
    for x in syllables:
        for y in syllables:
            for sx in sorted(ALL):
                for sy in sorted(ALL):
                    assert latin_grade(x, y, sx, sy) == _latin_grade(x, y, sx, sy)


def test_latin_grade_keys_keep_the_syllables_apart() -> None:
    # "ho" + "ng" and "hon" + "g" join alike; their keys do not.
    systems._grade_of.cache_clear()
    assert latin_grade("ho", "ng", "hk", "hk") == _latin_grade("ho", "ng", "hk", "hk")
    assert latin_grade("hon", "g", "hk", "hk") == _latin_grade("hon", "g", "hk", "hk")
    assert systems._grade_of.cache_info().currsize == 2


def test_compare_names_key_keeps_names_with_colons_and_digits_apart() -> None:
    matching._names_score.cache_clear()
    first = compare_names("12:Chan Tai Man", "Chan Tai-man")
    second = compare_names("12:Chan Tai ", "ManChan Tai-man")
    assert (first.left, first.right) == ("12:Chan Tai Man", "Chan Tai-man")
    assert (second.left, second.right) == ("12:Chan Tai ", "ManChan Tai-man")
    assert matching._names_score.cache_info().currsize == 2


def test_compare_names_cached_is_compare_names_worked_out() -> None:
    load_tables()
    found = _names()[::5]
    pairs = list(pairwise(found))
    matching._names_score.cache_clear()
    cached = [compare_names(a, b) for a, b in pairs]
    again = [compare_names(a, b) for a, b in pairs]  # from the cache
    assert matching._names_score.cache_info().hits >= len(pairs)
    assert again == cached
    assert cached == [matching._names_score.__wrapped__(f"{len(a)}:{a}{b}") for a, b in pairs]


def test_han_syllables_from_the_table_are_the_cached_ones() -> None:
    load_tables()
    chars = {c for name in _names() for c in HAN_RE.findall(name)}
    assert len(chars) > 100
    for c in sorted(chars):
        simplified = names.to_simplified(c)
        if len(simplified) == 1:
            assert _han_one(c, simplified) == _han_syllable(c, simplified)
            assert _han_one(c, c) == _han_syllable(c, c)


def test_defaults_without_keywords_read_alike() -> None:
    load_tables()
    for name in ("KIM, Chol", "RI, Song Chol", "Chun Sop Kim", "Chan Tai Man"):
        assert korean.korean_readings(name) == korean.korean_readings(name, strict=True)
    for token in ("jiachao", "ka-chiu", "lei5", "mingguo", "smith"):
        assert names._token_syllables(token) == names._token_syllables(token, joined=True)


def test_keyword_variants_cached_apart_read_alike() -> None:
    # The non-default variants have caches of their own, keyed by the string alone.
    load_tables()
    for name in ("KIM, Chol", "RI, Song Chol", "Chun Sop Kim", "Chan Tai Man", "Kim Mun-chol"):
        assert korean.loose_readings(name) == korean.korean_readings(name, strict=False)
    for token in ("jiachao", "ka-chiu", "lei5", "mingguo", "smith", "lv", "hsieh"):
        assert names._single_syllables(token) == names._token_syllables(token, joined=False)
        assert romanize.one_syllable(token) == romanize.split_syllables(token, limit=1)
