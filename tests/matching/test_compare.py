"""The name matcher: Chinese scripts and romanizations, hard negatives, birth dates."""

from __future__ import annotations

import pytest

from lionrock import LionRockError
from lionrock.sanctions import Subject, compare

SAME = [
    ("李家超", "Lee Ka-chiu"),  # HK government romanization
    ("李家超", "lei5 gaa1 ciu1"),  # Jyutping
    ("李家超", "Li Jiachao"),  # pinyin
    ("李家超", "LI, Jiachao"),
    ("鄧炳強", "邓炳强"),  # traditional / simplified
    ("曾國衞", "Tsang Kwok-wai"),  # a surname reading (zang1) only words in the dictionary carry
    ("LEE, John Ka-chiu", "John Lee Ka-chiu"),  # comma, order, English given name
    ("LEE, John Ka-chiu", "LI, Jiachao"),  # Cantonese vs pinyin, Latin on both sides
    ("Carrie Lam Cheng Yuet-ngor", "林鄭月娥"),
    ("CHEN, Mingguo", "MINGGUO CHEN"),  # the UK list's given-name-first order
    ("lee ka chiu", "LEE KA-CHIU"),  # case, hyphen and space
    ("Cheung Ho-sum", "張可森"),
    ("Wong Chi-fung", "HUANG, Zhifeng"),  # Wong/Huang
    ("IVANOV, Sergei", "Sergey IVANOV"),  # not Chinese: nomenklatura logic-v2
]
DIFFERENT = [
    ("CHAN, Tai Man", "CHAN, Tai Wai"),  # one syllable apart
    ("陳大文", "陳大偉"),  # one character apart
    ("陳大文", "CHAN Tai Wai"),
    ("LAM, Carrie", "林卓廷"),  # only the surname agrees
    ("Li Jiachao", "Li Jiahao"),
    ("IVANOV, Maxim Anatolyevich", "IVANOV, Vladimir Aleksandrovich"),
]


@pytest.mark.parametrize(("left", "right"), SAME)
def test_forms_of_one_name_match(left: str, right: str) -> None:
    result = compare(left, right)
    assert result.match, result.explanation
    assert compare(right, left).score == pytest.approx(result.score)


@pytest.mark.parametrize(("left", "right"), DIFFERENT)
def test_hard_negatives_do_not_match(left: str, right: str) -> None:
    result = compare(left, right)
    assert not result.match, result.explanation


def test_the_issues_failures_of_the_field_are_fixed() -> None:
    """Issue #3: nomenklatura scores 李家超/Lee Ka-chiu 0, logic-v2 鄧炳強/邓炳强 0, and
    ofac CHAN, Tai Man/CHAN, Tai Wai 0.93."""
    assert compare("李家超", "Lee Ka-chiu").score >= 0.95
    assert compare("鄧炳強", "邓炳强").score >= 0.95
    assert compare("CHAN, Tai Man", "CHAN, Tai Wai").score < 0.5


def test_the_explanation_says_which_forms_matched_and_why() -> None:
    result = compare("李家超", "LEE, John Ka-chiu")
    assert "李=lee" in result.explanation
    assert "Cantonese" in result.explanation and "lei" in result.explanation
    assert "john" in result.explanation  # the English name on one side only
    assert result.details["method"] == "han-latin"
    simp = compare("鄧炳強", "邓炳强").explanation
    assert "traditional/simplified" in simp
    miss = compare("CHAN, Tai Man", "CHAN, Tai Wai").explanation
    assert "man≠wai" in miss


def test_birth_dates_move_the_score() -> None:
    bare = compare("LAM, Carrie", "林鄭月娥")
    assert not bare.match  # only the surname can be compared
    agree = compare(
        {"name": "LAM, Carrie", "birth_date": "1957-05-13"},
        {"name": "林鄭月娥", "birth_date": "1957-05-13"},
    )
    assert agree.match and agree.score > bare.score
    assert "birth dates agree" in agree.explanation
    conflict = compare(
        {"name": "Lee Ka-chiu", "birth_date": "1957-12-07"},
        {"name": "李家超", "birth_date": "1961-01-01"},
    )
    assert conflict.score < compare("Lee Ka-chiu", "李家超").score
    assert "conflict" in conflict.explanation
    year = compare(
        {"name": "Lee Ka-chiu", "birth_date": "1957"},
        {"name": "李家超", "birth_date": "1957-12-07"},
    )
    assert "the year" in year.explanation


def test_bad_name_objects_are_refused() -> None:
    with pytest.raises(LionRockError):
        Subject.of({"birth_date": "1957"})
    with pytest.raises(LionRockError):
        Subject.of({"name": 12})
    assert Subject.of({"name": "x", "birth_date": "1957"}).birth_dates == ("1957",)


def test_hostile_input_is_bounded() -> None:
    long = "陳" * 100_000
    assert not compare(long, "Chan").match
    assert compare("", "Chan").score == 0.0
    assert compare("!!!", "???").score == 0.0
