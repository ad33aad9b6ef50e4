"""Issue #14: the per-syllable and per-character tables built at warm-up change nothing
but speed; Hong Kong surname spellings; name keys that keep 藝 and 芸 apart.

Fictitious people only (陳大文, CHAN Tai Man).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lionrock.sanctions import compare, names, romanize, systems, tables
from lionrock.sanctions.hk_surnames import HK_SURNAMES
from lionrock.sanctions.record import name_key

NAMES = [
    ("李家超", "Lee Ka-chiu"),
    ("陳大文", "can4 daai6 man4"),
    ("CHAN Tai Hong", "CHAN Tai Hang"),
    ("WANG, Jing", "Wang Ching"),
    ("Cheung Ho-sum", "張可森"),
    ("Chiang Ching-kuo", "蔣經國"),
    ("Ieong Tai Man", "楊大文"),
    ("Lee Taiman", "李大文"),
    ("CHAN Tai Mna", "CHAN Tai Man"),
    ("黃之鋒", "黃志鋒"),
    ("吳大文", "呉大文"),
    ("AU Tai Man", "區大文"),
    ("IVANOV, Sergei", "Sergey IVANOV"),
]
TABLES = (
    romanize.SYLLABLES,
    romanize.CANTO_KEYS,
    romanize.FORMS,
    systems.STRICT_KEYS,
    systems.MANDARIN,
    systems.MANDARIN_CANTO,
    names.LATIN_SYLLABLES,
    names.TOKEN_SYLLABLES,
    names.HYPHENED,
    names.HAN_SYLLABLES,
)
CACHED = (
    romanize.canto_keys,
    romanize.is_syllable,
    romanize.chinese_forms,
    romanize.variant_forms,
    romanize.japanese_form,
    romanize.split_syllables,
    romanize.one_syllable,
    romanize.jyutping,
    romanize.pinyin,
    systems.syllable_systems,
    systems._grade_of,
    names.latin_syllable,
    names._token_syllables,
    names._single_syllables,
    names._han_syllable,
    names._within,
    names.parse_name,
)


@pytest.fixture
def without_tables() -> Iterator[None]:
    """The matcher as it is before warm-up: empty tables, empty caches."""
    tables.load_tables()
    saved = [dict(table) for table in TABLES]
    for table in TABLES:
        table.clear()
    _clear_caches()
    yield
    for table, content in zip(TABLES, saved, strict=True):
        table.update(content)  # type: ignore[attr-defined]
    _clear_caches()


def _clear_caches() -> None:
    from lionrock.sanctions import matching

    for fn in CACHED:
        fn.cache_clear()
    matching._names_score.cache_clear()
    matching.clear_grades()


def _results() -> list[tuple[float, bool, str, str]]:
    out = []
    for left, right in NAMES:
        result = compare(left, right)
        out.append((result.score, result.match, result.rule, result.explanation))
    return out


def test_tables_change_no_score_rule_or_explanation(without_tables: None) -> None:
    computed = _results()
    tables.load_tables()
    _clear_caches()
    assert romanize.SYLLABLES and names.HAN_SYLLABLES  # the tables are in use
    assert _results() == computed


def test_table_entries_are_what_the_functions_compute(without_tables: None) -> None:
    inventory = sorted(tables.latin_inventory())
    assert {"cheung", "tsz", "lee", "zoeng", "hsieh", "jiang", "ieong"} <= set(inventory)
    fresh = {s: (romanize.canto_keys(s), names.latin_syllable(s)) for s in inventory[::7]}
    chars = "李家超鄧炳強曾國衞吳呉藝芸區"
    fresh_han = {c: names._han_syllable(c, romanize.to_simplified(c)) for c in chars}
    tables.load_tables()
    for s, (keys, syllable) in fresh.items():
        assert romanize.CANTO_KEYS[s] == keys
        table = names.LATIN_SYLLABLES[s]
        assert (table.canto, table.pinyin, table.systems) == (
            syllable.canto,
            syllable.pinyin,
            syllable.systems,
        )
    for c, syllable in fresh_han.items():
        table = names.HAN_SYLLABLES[c]
        assert (table.simplified, table.canto, table.pinyin, table.jyutping) == (
            syllable.simplified,
            syllable.canto,
            syllable.pinyin,
            syllable.jyutping,
        )


def test_the_web_apps_warm_up_builds_the_tables() -> None:
    from lionrock.web._duplicates import warm_up_matcher

    warm_up_matcher()
    assert names.HAN_SYLLABLES.get("陳") is not None
    assert romanize.SYLLABLES.get("cheung") is True


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("區大文", "AU Tai Man"),
        ("單大文", "Sin Tai-man"),
        ("翟大文", "CHAK, Tai Man"),
        ("管大文", "Kwun Tai Man"),
        ("晏大文", "Ngan Tai Man"),
    ],
)
def test_hong_kong_surname_spellings_the_dictionaries_miss(han: str, latin: str) -> None:
    result = compare(han, latin)
    assert result.match and result.score == 1.0, result.explanation
    assert result.rule == "Hong Kong surname spellings"


def test_a_surname_spelling_is_read_only_as_the_surname() -> None:
    # 單 is daan1 in a given name: "Sin" there is another character.
    assert not compare("陳單文", "Chan Sin Man").match
    assert not compare("陳大區", "Chan Tai Au").match


def test_a_hong_kong_surname_spelling_meets_the_characters_jyutping() -> None:
    result = compare("AU Kwok Kuen", "keoi1 gwok3 kyun4")  # 區國權
    assert result.match, result.explanation
    assert "Hong Kong surname spelling of 区" in result.explanation
    # In one system two spellings of a surname are still two names.
    assert not compare("AU Tai Man", "KEUI Tai Man").match


def test_the_surname_table_keys_are_simplified_characters() -> None:
    assert all(romanize.to_simplified(c) == c for c in HK_SURNAMES)
    assert all(s.isalpha() and s.islower() for spellings in HK_SURNAMES.values() for s in spellings)


def test_name_keys_keep_a_shinjitai_form_that_reads_otherwise_apart() -> None:
    assert name_key("陳藝") != name_key("陳芸")  # 芸 (wan4) is not a form of 藝 (ngai6)
    assert name_key("陳頼") == name_key("陳賴")  # 頼 is 賴's shinjitai, and reads alike
    assert name_key("曾國衞") == name_key("曾國衛")
    assert name_key("鄧炳強") == name_key("邓炳强")
