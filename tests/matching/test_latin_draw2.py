"""Classes of Latin-script variation from the second latin-latin development draw (issue
#14, branch match15): a personal name whose first consonant is replaced is another name,
the spellings of Muhammad mark a name as Arabic, and a Burmese word written apart on one
side is joined on the other. The names are invented; each positive has beside it the
negative that must stay apart.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lionrock.cli import main
from lionrock.sanctions import compare
from lionrock.sanctions.korean import korean_name, korean_readings
from lionrock.sanctions.name_parts import may_be_same_name, onset_replaced, same_name_part
from lionrock.sanctions.relatives import written_apart
from tests.matching.test_latin_classes import assert_different, assert_same


def test_another_first_consonant_is_another_name() -> None:
    assert onset_replaced("lais", "kais") and not onset_replaced("amir", "omar")
    assert not may_be_same_name("laith", "qais")
    assert not same_name_part("nasser", "yasser")
    # Two brothers listed under one family name: Laith and Qais are two names.
    assert_different("AL-HAMDANI, Laith", "AL-HAMDANI, Qais")
    assert_different("AL-HAMDANI, Nasser Karim", "AL-HAMDANI, Yasser Karim")
    result = compare("AL-HAMDANI, Laith", "AL-HAMDANI, Qais")
    assert result.rule == "another first consonant: another name", result.explanation
    assert "another first consonant" in result.explanation


def test_a_first_consonant_the_fold_joins_is_one_name() -> None:
    # Qasim / Kasim, Khodr / Hodr: one Arabic letter in two transliterations.
    assert same_name_part("qasim", "kasim") and same_name_part("khalid", "halid")
    for x, y in (("AL-HAMDANI, Qasim", "AL-HAMDANI, Kasim"), ("Khalid SAMIR", "Halid SAMIR")):
        assert compare(x, y).match and compare(y, x).match


def test_muhammad_marks_an_arabic_name() -> None:
    # Mu-sa, du-din and dou-din spell pinyin, but Muhammad is in no Chinese name.
    assert_same(
        "Musa Muhammad Karim Dudin", "Musa Muhammad Karim Doudin", "transliteration variants"
    )
    result = compare("Musa Muhammad Karim Dudin", "Musa Muhammad Karim Doudin")
    assert "Arabic names (marked by muhammad)" in result.explanation
    assert_different("Musa Muhammad Dudin", "Isa Muhammad Dudin")
    # A Chinese name with no such word stays Chinese: two syllables, two names.
    assert_different("CHAN Tai Man", "CHAN Tai Min")


def test_a_burmese_word_written_apart() -> None:
    assert written_apart(["tay", "za"], ["tayza"]) and not written_apart(["tay"], ["tayza"])
    assert_same("Kyaw Htet Tay Za", "Kyaw Htet Tayza", "Burmese names: a word written apart")
    assert_different("Kyaw Htet Tay Za", "Kyaw Htet Tayzar Min")
    assert_different("Kyaw Htet Tay Za", "Kyaw Htet Win")


@pytest.mark.parametrize(
    ("left", "right", "rule"),
    [
        ("AL-HAMDANI, Laith", "AL-HAMDANI, Qais", "another first consonant: another name"),
        ("Kyaw Htet Tay Za", "Kyaw Htet Tayza", "Burmese names: a word written apart"),
    ],
)
def test_match_explain_names_the_rule(left: str, right: str, rule: str) -> None:
    result = CliRunner().invoke(main, ["match", left, right, "--explain"])
    assert result.exit_code == 0, result.output
    assert f"rule: {rule}" in result.output


def test_persian_gh_writes_q() -> None:
    # Persian reads ق as gh: Sadeghi is Sadeqi, Ghasem Qasem.
    assert same_name_part("sadeghi", "sadeqi") and same_name_part("ghasem", "qasem")
    assert_same("Ghasem SADEGHI", "Qasem SADEQI", "transliteration variants")
    assert compare("Abdollah ARAGHI", "Abdullah ERAQI").match
    # Ghassan (غسان) is no longer folded into Hassan (حسن): another first consonant.
    assert not same_name_part("ghassan", "hassan")
    assert_different("ABBAS, Ghassan", "ABBAS, Hassan")


def test_a_belarusian_aleh_written_alieg() -> None:
    assert_same(
        "Alieg Piatrovich KAVALIOU", "Oleg Petrovich KOVALEV", "name forms across languages"
    )
    assert_different("Alieg Piatrovich KAVALIOU", "Igor Petrovich KOVALEV")


def test_a_hyphen_joins_a_korean_given_name_not_the_surname() -> None:
    # Chae is a surname too, but "Chae-Kyong" is one given name: the surname is Pak.
    assert korean_name("Chae-Kyong Pak").surname == "park"
    assert len(korean_readings("Chun Sop Kim")) == 2
    assert_same("Jae-Gyong PAK", "Chae-Kyong PAK", "Korean names")
    assert_same("Chun-Sop KIM", "Chun Sop KIM", "Korean names")
    assert_different("Jae-Gyong PAK", "Chae-Kyong KIM")
    assert_different("Jae-Gyong PAK", "Jae-Su PAK")
