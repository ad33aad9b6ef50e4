"""Classes of Latin-script variation found among the development pairs of the
latin-latin slice (issue #14, `bench/data/name-pairs-dev-extra.jsonl`): Arabic vowels
written differently, one name with another part written first, an apostrophe that no
Chinese romanization writes, and Korean ŏ written u. The names are invented; each
positive has beside it the negative that must stay apart.
"""

from __future__ import annotations

from lionrock.sanctions import compare
from lionrock.sanctions.korean import fold_korean
from lionrock.sanctions.latin_forms import arabic_name
from lionrock.sanctions.name_parts import vowel_variant, western_name
from lionrock.sanctions.relatives import reordered_chain
from tests._names import assert_different, assert_same


def test_arabic_vowels_written_differently_are_one_name() -> None:
    # Short vowels are not written in Arabic script: Baddor, Buddour, one family name.
    assert vowel_variant("baddor", "buddour")
    assert_same("Tariq Ibrahim Baddor", "Tareq Buddour", "Arabic vowels written differently")
    assert_same("Qaddor SALEH", "Quddour Kamal SALEH", "Arabic vowels written differently")
    result = compare("Tariq Ibrahim Baddor", "Tareq Buddour")
    assert result.score <= 0.9 and "vowels written differently" in result.explanation


def test_names_that_differ_only_in_vowels_but_are_known_apart_stay_apart() -> None:
    # Hasan and Husain, Hamid and Hamad: the same consonants, two names rigour knows.
    assert not vowel_variant("hasan", "husain")
    assert not vowel_variant("hamid", "hamad")
    assert_different("Hasan Baddor", "Husain Buddour")
    # Too short to read loosely (Amir, Omar), or another number of syllables.
    assert not vowel_variant("amir", "omar")
    assert not vowel_variant("baddor", "badoran")


def test_a_part_read_with_other_vowels_never_carries_a_match_alone() -> None:
    # The other name is one family name and a particle: nothing else agrees.
    assert_different("QARRADI, Tariq Ben Yusuf", "QURRODI, Ben")
    assert_different("Baddor Nasim", "Buddour Karim")


def test_one_name_with_another_part_written_first() -> None:
    assert reordered_chain(
        western_name("TEMBO, Kasula Mwange"), western_name("MWANGA, Tembo Kasula")
    )
    assert_same(
        "TEMBO, Kasula Mwange", "MWANGA, Tembo Kasula", "the same parts, another written first"
    )


def test_a_son_named_after_his_grandfather_is_not_a_reordering() -> None:
    # The son's chain holds every part of his father's, and one more (his own name).
    son, father = "AL-NAJJAR, Karim Tariq Karim Yusuf", "AL-NAJJAR, Tariq Karim Yusef"
    assert not reordered_chain(western_name(son), western_name(father))
    assert_different(son, father)


def test_an_apostrophe_before_a_consonant_is_no_chinese_romanization() -> None:
    # Tou'ma spells tou + ma, but pinyin writes an apostrophe only before a, o or e.
    assert arabic_name(("bassem", "tou", "ma"), ("bassem",), "Bassem Tou'ma")
    assert not arabic_name(("bassem", "xi", "an"), ("bassem",), "Bassem Xi'an")
    result = compare("Bassem Tou'ma", "Bassem Tu'ma")
    assert result.match and result.details["method"] == "latin-latin", result.explanation
    assert_different("Karim Tou'ma", "Bassem Tu'ma")


def test_korean_eo_written_u() -> None:
    # 철 and 혁 as the South writes them (Chul, Hyuk) and as McCune–Reischauer (Chol, Hyok).
    assert fold_korean("chul") == fold_korean("chol") == fold_korean("cheol")
    assert fold_korean("hyuk") == fold_korean("hyok") == fold_korean("hyeok")
    assert_same("Yong Chul PAK", "Yong Chol PAK", "Korean names")
    assert_same("Dae Hyuk KIM", "KIM, Dae Hyok", "Korean names")
    assert_different("PAK, Chul Su", "PAK, Chol Ho")
