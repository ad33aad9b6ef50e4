"""A Hong Kong name in the government's Cantonese romanization against the same name in
pinyin (issue #14, the cantonese-pinyin slice): one class of misses per test, each with
the negatives it must not let through.

The examples are District Councillors' names (2019 list: English name as written there,
pinyin made from the Chinese name), taken from the development pairs
(`bench/data/name-pairs-dev-extra.jsonl`), never from the held-out test split.
"""

from __future__ import annotations

from click.testing import CliRunner

from lionrock.cli import main
from lionrock.sanctions import compare
from lionrock.sanctions.name_chars import name_characters
from lionrock.sanctions.systems import syllable_systems


def assert_same(left: str, right: str, rule: str) -> None:
    result = compare(left, right)
    assert result.match, result.explanation
    assert result.rule == rule
    assert compare(right, left).match


def assert_different(left: str, right: str) -> None:
    result = compare(left, right)
    assert not result.match, result.explanation
    assert not compare(right, left).match


def test_characters_common_in_names_link_cantonese_to_pinyin() -> None:
    # 尹 (wan5, yin) is a surname, 旭 (juk1, xu) a given-name character: both are in
    # too few dictionary words to count as common there, and were no link at all.
    assert {"尹", "旭"} <= name_characters()
    assert_same("WAN SIU KIN ANDREW", "YIN, Zhaojian", "one name in two romanization systems")
    assert_same("CHAN YUK MING", "CHEN, Xuming", "one name in two romanization systems")
    # Another given name is still another person.
    assert_different("WAN SIU KIN ANDREW", "YIN, Zhaoming")
    assert_different("CHAN YUK MING", "CHEN, Xuhong")


def test_ng_is_no_pinyin_name_syllable() -> None:
    # Pinyin's ng, m, n, hm, hng spell interjections only (嗯, 呣): a name with "NG" in
    # it is Cantonese (吳, 伍 Ng), and meets a pinyin Wu across the two languages.
    assert "py" not in syllable_systems("ng") and "wg" not in syllable_systems("ng")
    assert "hk" in syllable_systems("ng")
    assert_same("NG MEI CARMAN", "WU, Mei", "one name in two romanization systems")
    assert_same("NG SIU HONG", "WU, Zhaokang", "one name in two romanization systems")
    assert_different("NG MEI CARMAN", "WU, Lan")
    assert_different("NG SIU HONG", "WU, Zhaoming")


def test_a_given_name_written_apart_is_not_read_as_pinyin_against_a_joined_one() -> None:
    # 胡穗珊: Wu in Hong Kong style, Hu in pinyin. Every syllable of "WU SUI SHAN" also
    # spells pinyin, so it was read as pinyin against pinyin, and wu/hu, one letter
    # apart, as two surnames. Pinyin joins a given name ("Suishan"); Hong Kong style
    # writes its syllables apart.
    rule = "given name apart against pinyin's joined one"
    assert_same("WU SUI SHAN (SUZANNE)", "HU, Suishan", rule)
    assert_same("Wu Sui-shan", "HU, Suishan", "one name in two romanization systems")
    # Both written apart, or both joined: one system, and one letter is another name.
    assert_different("Yu Chun Hsi", "Yu Chun Hai")
    assert_different("WU SUI SHAN", "HU SUI SHAN")
    assert_different("WU, Suishan", "HU, Suishan")
    # Written apart is no licence for another given name.
    assert_different("WU SUI SHAN", "HU, Suiming")


def test_match_explain_names_the_deciding_rule() -> None:
    result = CliRunner().invoke(main, ["match", "WU SUI SHAN", "HU, Suishan", "--explain"])
    assert result.exit_code == 0, result.output
    assert "given name written apart, so not pinyin" in result.output
    assert "rule: given name apart against pinyin's joined one" in result.output
