"""Issue #14 follow-up: the classes of misses fixed for the matching targets, and the
speed paths that must not change a decision. Fictitious people only (陳大文, Chan Tai
Man), or characters and spellings, not anyone's name."""

from __future__ import annotations

import gc

import pytest

from lionrock.sanctions import compare, read_pairs, score_pairs, scoring_batch
from lionrock.sanctions.matching import BATCH_YOUNG, warm_up
from lionrock.sanctions.name_parts import western_name
from lionrock.sanctions.western import _logic_v2_and_folded, compare_western


@pytest.mark.parametrize(("left", "right"), [("吳大文", "呉大文"), ("陳大聰", "陳大聡")])
def test_a_japanese_form_of_a_character_is_one_name(left: str, right: str) -> None:
    result = compare(left, right)
    assert result.match and result.score == 1.0, result.explanation
    assert result.rule == "variant characters"
    assert "Japanese shinjitai" in result.explanation


def test_a_japanese_form_that_is_another_chinese_character_is_not_one_name() -> None:
    # Shinjitai wrote 藝 as 芸, which in Chinese is another character (wan4, yun2).
    result = compare("陳大藝", "陳大芸")
    assert not result.match, result.explanation


@pytest.mark.parametrize(
    ("left", "right"),
    [("IVANOV, Sergei Petrovich", "Petrovich IVANOV Sergei"), ("KOVAL, Dmitry", "Dmitri KOVAL")],
)
def test_latin_names_of_the_same_parts_match_without_logic_v2(left: str, right: str) -> None:
    score, reasons = compare_western(left, right)
    assert score == 1.0
    assert "the same name parts" in reasons[0]


@pytest.mark.parametrize(
    ("left", "right"),
    [("IVANOV, Sergei Petrovich", "Petrovich IVANOV Sergei"), ("KOVAL, Dmitry", "Dmitri KOVAL")],
)
def test_the_same_parts_shortcut_agrees_with_logic_v2(left: str, right: str) -> None:
    a, b = western_name(left), western_name(right)
    assert _logic_v2_and_folded(a, b)[0] == 1.0


def test_warm_up_takes_the_tables_out_of_the_collector() -> None:
    warm_up()
    assert gc.get_freeze_count() > 0
    assert compare("陳大文", "Chan Tai-man").match


def test_a_batch_is_scored_with_fewer_collections_and_the_collector_set_back() -> None:
    before = gc.get_threshold()
    seen: list[int] = []
    lines = ['{"left": "陳大文", "right": "Chan Tai-man", "judgement": "positive"}']
    scores = score_pairs(
        read_pairs(lines, path="x.jsonl"),
        on_result=lambda item, result: seen.append(gc.get_threshold()[0]),
    )
    assert seen == [BATCH_YOUNG]
    assert scores.metrics()["f1"] == 1.0
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), scoring_batch():
        with scoring_batch():  # a nested batch keeps the outer one's setting
            assert gc.get_threshold()[0] == BATCH_YOUNG
        raise RuntimeError("a comparison failed")
    assert gc.get_threshold() == before


def test_a_batch_leaves_automatic_collection_off_when_it_is_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with scoring_batch():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize(
    ("left", "right"),
    [("李大文", "Lee Taiman"), ("李大文", "LEE TAIMAN"), ("Lee Tai-man", "Lee Taiman")],
)
def test_given_name_syllables_written_joined(left: str, right: str) -> None:
    result = compare(left, right)
    assert result.match, result.explanation


def test_joined_syllables_must_each_agree() -> None:
    result = compare("李大文", "Lee Taiwai")
    assert not result.match, result.explanation


def test_macau_i_before_a_vowel_is_jyutping_j() -> None:
    result = compare("楊大文", "Ieong Tai Man")
    assert result.match and result.rule == "character readings", result.explanation
    assert not compare("楊大文", "Iu Tai Man").match


def test_a_surname_that_spells_an_honorific_is_kept() -> None:
    assert compare("韓大文", "Hon Tai Man").match
    assert compare("陳大文", "Hon. Chan Tai-man").match  # "Hon." is the honorific
