"""The record-aware mode's faster paths (issue #14, speed) give what the slower ones give:
which side of a pair `record.link` looks up first, the English names compared only with
those of the entities in question (`reach.ReachIndex.entities_among`), and the Hong Kong
surname spellings found by sound (`reach._surnames`)."""

from __future__ import annotations

import functools

import pytest

from lionrock.sanctions import KnownNames, Subject, chinese, compare
from lionrock.sanctions import reach as reach_module
from lionrock.sanctions.chinese import english_agree
from lionrock.sanctions.hk_surnames import HK_SURNAMES, surnames_spelled
from lionrock.sanctions.names import (
    LATIN_SYLLABLES,
    _han_syllable,
    latin_syllable,
    parse_name,
)
from lionrock.sanctions.tables import load_tables


@pytest.mark.parametrize("right_first", [False, True])
def test_either_side_first_links_alike(
    bundled: KnownNames,
    monkeypatch: pytest.MonkeyPatch,
    right_first: bool,
    labelled_pairs: list[tuple[str, str]],
) -> None:
    pairs = labelled_pairs[::7]
    bundled.clear_resolved()
    got = [compare(a, b, record=bundled).to_dict() for a, b in pairs]
    assert sum(r["rule"].startswith("both are names of") for r in got) > 20
    bundled.clear_resolved()
    monkeypatch.setattr(bundled, "_first_is_right", lambda left, right: right_first)
    assert [compare(a, b, record=bundled).to_dict() for a, b in pairs] == got


def test_english_names_among_a_few_entities(bundled: KnownNames) -> None:
    reach = bundled.reach
    among = set(sorted(bundled.entities)[::3])
    names = {n for names in reach._english_of.values() for n in names}
    for english in sorted(names | {"jon", "crhis", "johnny", "ka"}):
        reach.clear()
        assert reach._agreeing_among(english, among) == reach._agreeing(english) & among
        # `_agreeing` is `english_agree` with one name on each side.
        agree = [ids for own, ids in reach._english.items() if english_agree((english,), (own,))]
        expected = set().union(*agree)
        assert reach._agreeing(english) == expected


def _surnames_by_trying_each(text: str) -> set[tuple[str, str]]:
    """`reach._surnames` of a romanized syllable, as it was: every surname tried."""
    syllable = latin_syllable(text)
    found = {("z", char) for char in surnames_spelled(syllable.text)}
    for char in HK_SURNAMES:
        han = _han_syllable(char, char)
        if syllable.canto & han.canto or syllable.pinyin & han.pinyin:
            found.add(("z", char))
    return found


def test_surnames_by_sound_are_those_tried_one_by_one() -> None:
    load_tables()
    texts = sorted(LATIN_SYLLABLES)
    assert len(texts) > 500
    found = 0
    for text in texts:
        expected = _surnames_by_trying_each(text)
        assert reach_module._surnames(latin_syllable(text)) == expected, text
        found += bool(expected)
    assert found > 20


def test_query_keys_are_those_the_record_has(bundled: KnownNames) -> None:
    """`_query_at` keeps a syllable's keys that some reading of the record has, as the
    record's own objects: the keys it leaves out are posted under no reading."""
    reach = bundled.reach
    posted = {key for (_, _, key) in reach._postings}
    reach.clear()
    dropped = 0
    for text in ("chan", "wong", "lee", "ka", "chiu", "zhang", "hsieh", "au", "kwun"):
        syllable = latin_syllable(text)
        for place in (0, 1):
            keys = reach_module._query_keys(syllable, surname=place == 0)
            kept = reach._query_at(syllable, place)
            assert kept == keys & posted
            assert all(any(k is v for v in reach._vocabulary) for k in kept)
            dropped += len(keys - kept)
    assert dropped > 0


def test_readings_at_a_place_worked_out_with_the_index(bundled: KnownNames) -> None:
    """`_at` of a syllable of the tables, read from what the index worked out when it was
    built (`_table_at`), is the union of its keys' postings, as worked out per round."""
    reach = bundled.reach
    assert reach._table_at
    reach.clear()
    checked = 0
    for text in ("chan", "wong", "lee", "ka", "chiu", "zhang", "hsieh", "au", "yan", "xyz"):
        syllable = latin_syllable(text)
        for length in reach._by_length:
            for place in range(length):
                keys = reach._query_at(syllable, place)
                union = reach._union_at(keys, length, place)
                assert reach._at(syllable, length, place) == union
                checked += bool(union)
    for char in "陳黃李家超":
        syllable = _han_syllable(char, char)
        keys = reach._query_at(syllable, 0)
        assert reach._at(syllable, 3, 0) == reach._union_at(keys, 3, 0)
    assert checked > 50


def test_pruned_readings_score_as_every_reading(
    monkeypatch: pytest.MonkeyPatch, labelled_pairs: list[tuple[str, str]]
) -> None:
    """`_best_reading` skips the readings that cannot beat the best (and grades those
    only for a full reading once no partial one can): the same score, rule and
    explanation as grading every reading, on every Chinese pair of the benchmark."""
    pairs = [
        (parse_name(a), parse_name(b))
        for a, b in labelled_pairs
        if parse_name(a).chinese and parse_name(b).chinese
    ]
    assert len(pairs) > 2000
    fast = [chinese.compare_chinese(a, b) for a, b in pairs]
    assert sum(0 < r.score < 0.7 and r.rule != "surname only" for r in fast) > 500
    every_reading = functools.partial(chinese._best_reading, prune=False)
    monkeypatch.setattr(chinese, "_best_reading", every_reading)
    assert [chinese.compare_chinese(a, b) for a, b in pairs] == fast


def test_names_one_entity_carries_are_within_both_sides_lookups(
    bundled: KnownNames, labelled_pairs: list[tuple[str, str]]
) -> None:
    """`link` tries two names one entity carries before it looks either side up
    (`_may_carry`): such an entity is in both sides' lookups, so the lookups would have
    let the same names be tried, and the link is the one they gave."""
    bundled.clear_resolved()
    carried = 0
    for left, right in labelled_pairs:
        both = bundled.carriers(left) & bundled.carriers(right)
        if both:
            carried += 1
            a, b = Subject((left,)), Subject((right,))
            assert both <= bundled._may_carry(a) & bundled._may_carry(b), (left, right)
            assert both <= bundled._may_carry(b, among=bundled._may_carry(a))
            assert both <= bundled._may_carry(a, among=bundled._may_carry(b))
    assert carried > 50
