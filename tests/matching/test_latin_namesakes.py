"""Latin-script namesakes the matcher took for one person (issue #14, branch match13):
a Latin name read as Chinese syllables whose other English words disagree, two
different short given names beside one family name, a part written twice matched twice,
and Burmese names, which have no family name. The names are the OFAC entries the
screen of the list matched with each other (bench/screen_negatives.py), or invented;
each negative has beside it the positive that must still match.
"""

from __future__ import annotations

from pathlib import Path

from lionrock.sanctions import compare
from lionrock.sanctions.chinese import RULES_FULL
from lionrock.sanctions.latin_forms import burmese_names
from lionrock.sanctions.matching import BURMESE_RULE
from lionrock.sanctions.name_parts import may_be_same_name
from tests.matching.test_latin_classes import assert_different, assert_same


def test_every_english_word_of_a_name_read_as_chinese_counts() -> None:
    # de/lun/a read as syllables; Fernandez agrees, Gerardo and Jesus do not.
    result = compare("FERNANDEZ DE LUNA, Gerardo", "FERNANDEZ DE LUNA, Jesus")
    assert not result.match and result.verdict == "possible", result.explanation
    assert result.rule == "English names differ"
    assert "fernandez/gerardo vs fernandez/jesus" in result.explanation
    # An English name on one side only is a name the other leaves out, not another.
    assert compare("FERNANDEZ DE LUNA, Gerardo", "FERNANDEZ DE LUNA").match
    assert compare("John Lee Ka-chiu", "LEE, John Ka-chiu").match
    assert not compare("Peter CHAN Tai Man", "John CHAN Tai Man").match


def test_two_short_given_names_two_edits_apart_are_two_names() -> None:
    # rigour's residue distance reads Ali in Salim; three letters and two edits are
    # another name, not a spelling.
    assert not may_be_same_name("ali", "salim")
    assert may_be_same_name("ali", "aly")
    result = compare("KONY, Ali", "KONY, Salim")
    assert result.score == 0.6 and result.rule == "name structure: relatives or namesakes"
    assert "the personal names differ (ali / salim)" in result.explanation
    assert_same("KONY, Ali", "Aly KONY", "transliteration variants")


def test_a_part_written_twice_is_two_parts() -> None:
    # Two OFAC entries each: a doubled name is not found twice in one part.
    assert_different("SA'ID, Sa'id", "FARMAND, Sa'id")
    assert_different("OO, Kyaw Min", "KYAW, Kyaw")
    assert_same(
        "RYAN, Damien", "RYAN, Damion Patrick John", "every part spelled closely in the other name"
    )


def test_burmese_names_have_no_family_name() -> None:
    assert burmese_names(("oo", "tun", "tun"), ("oo", "mya", "tun"))
    assert not burmese_names(("chan", "tai", "man"), ("chan", "tai", "man"))
    assert not burmese_names(("oo", "tun", "tun"), ("chan", "tai", "man"))
    # OFAC entries: read as Chinese, "OO, Tun Tun" was o-o-tun with Tun an English name.
    assert_different("OO, Tun Tun", "OO, Mya Tun")
    assert_different("AUNG, Shwe Ye Phu", "AUNG, Swe Swe")
    # A word fewer is another person: Min Aung is not Min Aung Hlaing.
    result = compare("HLAING, Min Aung", "AUNG, Min")
    assert result.score == 0.6 and result.rule == BURMESE_RULE, result.explanation
    assert "hlaing on one side only" in result.explanation
    # OFAC's own a.k.a.: the last word put first, the honorific U.
    assert compare("HLAING, Min Aung", "Min Aung Hlaing").match
    assert compare("KHINE, Oo Oo", "U OO OO KHINE").match
    assert compare("THET, Naing Win", "THET NAING WIN").match


def test_the_new_rules_are_in_the_docs_table() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "matching.md").read_text("utf-8")
    table = " ".join(line.split("|")[1] for line in text.splitlines() if line.startswith("| `"))
    rules = [BURMESE_RULE, *(rule for _, rule in RULES_FULL if rule == "English names differ")]
    assert len(rules) == 2
    assert not [rule for rule in rules if f"`{rule}`" not in table]
