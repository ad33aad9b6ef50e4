"""Issue #14: no false match on a different Chinese name, and record-aware aliases.

Homophone characters, valid syllables replaced by others, English given names anywhere
in a name, one-word names, Korean names, and the record-aware mode (on SQLite and
PostgreSQL). Fictitious people only (陳大文, CHAN Tai Man), or the bundled record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock import Store, load_paths
from lionrock.cli import main
from lionrock.sanctions import KnownNames, ScreeningIndex, Subject, compare, import_list
from lionrock.sanctions.gaps import link_reason
from tests.conftest import SOURCE_YAML, write


@pytest.mark.parametrize(
    ("left", "right"),
    [("陳大文", "陳大聞"), ("陳大文", "陳達文"), ("黃之鋒", "黃志鋒"), ("李卓人", "李卓仁")],
)
def test_han_names_one_homophone_apart_are_at_most_possible(left: str, right: str) -> None:
    result = compare(left, right)
    assert not result.match and result.verdict == "possible", result.explanation
    assert result.rule == "homophone characters: at most a possible"
    assert "sound alike" in result.explanation


@pytest.mark.parametrize(("left", "right"), [("曾國衞", "曾國衛"), ("陳大峯", "陳大峰")])
def test_variant_forms_of_a_character_are_one_name(left: str, right: str) -> None:
    result = compare(left, right)
    assert result.match and result.score == 1.0, result.explanation


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("CHAN Tai Hong", "CHAN Tai Hang"),  # Hong Kong style
        ("Chan Tai Lun", "Chan Tai Lin"),
        ("WANG, Jing", "WANG, Qing"),  # pinyin
        ("can4 daai6 man4", "can4 taai3 man4"),  # Jyutping: daai and taai are two sounds
        ("Chen Ta-wen", "Chen Ta-wan"),  # Wade-Giles
        ("Chang Ch'ing-kuo", "Chang Ling-kuo"),  # the apostrophe dropped, ching is still a syllable
    ],
)
def test_a_valid_syllable_replaced_by_another_is_another_name(left: str, right: str) -> None:
    result = compare(left, right)
    assert not result.match, result.explanation
    assert result.rule == "a valid syllable replaced by another", result.explanation


def test_a_typo_into_no_syllable_costs_far_less_than_a_valid_substitution() -> None:
    typo = compare("CHAN Tai Man", "CHAN Tai Mna")
    swap = compare("CHAN Tai Man", "CHAN Tai Min")
    assert typo.match and not swap.match
    assert typo.score - swap.score > 0.4
    assert typo.rule.startswith("typo")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Chan Tai-man", "can4 daai6 man4"),  # Hong Kong style and Jyutping
        ("CHEN, Dawen", "Chen Ta-wen"),  # pinyin and Wade-Giles
        ("Chan Tai Man", "CHEN, Dawen"),  # Cantonese and Mandarin
        # Wade-Giles with and without its aspiration apostrophe (Ch'ing is one syllable)
        ("Chang Ch'ing-kuo", "Chang Ching-kuo"),
        ("T'ang Ying-nien", "Tang Yingnian"),
    ],
)
def test_one_name_in_two_systems_still_matches(left: str, right: str) -> None:
    result = compare(left, right)
    assert result.match, result.explanation


@pytest.mark.parametrize(
    "name",
    [
        "Peter Chan Tai-man",
        "CHAN TAI MAN PETER",
        "CHAN, Peter Tai Man",
        "Tai-man Peter CHAN",
        "Peter Tai Man CHAN",
        "CHAN Tai-man, Peter",
        "CHAN Peter Tai-man",
        "Sam Chan Tai-man",  # an English name that spells a Chinese syllable
    ],
)
def test_an_english_given_name_anywhere_in_a_romanized_name(name: str) -> None:
    result = compare(name, "陳大文")
    assert result.match, result.explanation
    assert not compare(name, "陳大偉").match


def test_an_english_syllable_is_not_dropped_from_a_two_character_name() -> None:
    # "Man" is never set apart to match a two-character name: at least three syllables
    # must be left.
    assert not compare("CHAN Tai Man", "陳大").match


def test_one_word_names_never_carry_a_match() -> None:
    alone = compare("John Smith", {"name": ["KHALED, Ahmad", "John"]})
    assert not alone.match and "one word" in alone.explanation
    assert alone.rule == "one word"
    dated = compare(
        {"name": "John", "birth_date": "1970-01-01"},
        {"name": "John", "birth_date": "1970-01-01"},
    )
    assert dated.match  # a birth date to the day may confirm it


def test_korean_names_by_korean_rules() -> None:
    assert not compare("KIM, Chol", "KIM, Mun Chol").match
    assert compare("KIM, Mun Chol", "KIM, Mun-chol").match
    assert compare("RI, Yong Ho", "YI, Yong Ho").match  # one surname
    assert compare("PAK, Chol Ryong", "PARK, Cheol Ryong").match
    korean = compare("KIM, Chol", "KIM, Mun Chol")
    assert korean.details["method"] == "korean"
    # A Hong Kong name is not read as Korean.
    assert compare("CHAN, Tai Man", "Chan Tai-man").details["method"] == "latin-latin"


def test_explain_names_the_rule(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["match", "黃之鋒", "黃志鋒", "--explain"])
    assert result.exit_code == 0, result.output
    assert "possible" in result.output
    assert "rule: homophone characters" in result.output
    as_json = CliRunner().invoke(main, ["match", "CHAN Tai Hong", "CHAN Tai Hang", "--json"])
    data = json.loads(as_json.output)
    assert data["verdict"] == "no match" and data["rule"] == "a valid syllable replaced by another"


# --- the record-aware mode -----------------------------------------------------------

RECORD = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-chan-tai-man
    schema: Person
    source: src-test
    properties:
      name: 陳大文
      alias: [Peter Chan, Chan Tai-man]
      birthDate: 1970-01-01
  - id: lr-person-chan-tai-wai
    schema: Person
    source: src-test
    properties:
      name: 陳大偉
      alias: [Paul Chan]
"""
)
NULLS = ",-0- " * 7
SDN = f'9000101,"CHAN, Tai Man","individual","HK-EO13936"{NULLS},"DOB 01 Jan 1970."\n'


@pytest.fixture
def record_store(store: Store, tmp_path: Path) -> Store:
    load_paths(store, [write(tmp_path / "record.yaml", RECORD)])
    import_list(
        store, path=write(tmp_path / "us-ofac-sdn-2024-05-03.csv", SDN), list_name="us-ofac-sdn"
    )
    return store


def test_two_names_of_one_entity_match_in_the_record_aware_mode(record_store: Store) -> None:
    known = KnownNames.from_store(record_store)
    alone = compare("Peter Chan", "陳大文")
    assert not alone.match and alone.verdict == "possible"  # names only: many Peter Chans
    aware = compare("Peter Chan", "陳大文", record=known)
    assert aware.match and "both are names of" in aware.explanation
    assert aware.rule.startswith("both are names of") and "lr-person-chan-tai-man" in aware.rule
    # Resolved to one entity, which carries a name the other matches.
    carried = compare("Peter CHAN", "CHEN, Dawen", record=known)
    assert carried.match and "carries" in carried.explanation
    # Another person's name, a homophone, or a conflicting birth date: no link.
    assert not compare("Peter Chan", "陳大偉", record=known).match
    assert not compare("Peter Chan", "陳大聞", record=known).match
    conflict = compare(
        Subject(("Peter Chan",)), Subject(("陳大文",), ("1990-05-05",)), record=known
    )
    assert not conflict.match
    # A one-word name never resolves.
    assert known.resolve("Peter") == set()


def test_screening_is_record_aware(record_store: Store) -> None:
    aware = ScreeningIndex.from_store(record_store)
    hits = aware.screen("Peter Chan")
    assert [h.entity_id for h in hits] == ["ofac-9000101"]
    assert "both are names of" in hits[0].explanation
    names_only = ScreeningIndex.from_store(record_store, record_aware=False)
    assert names_only.screen("Peter Chan") == []
    assert aware.screen("Paul Chan") == []


def test_the_gap_matrix_links_through_a_third_entity(record_store: Store, tmp_path: Path) -> None:
    extra = SOURCE_YAML + (
        "entities:\n  - id: lr-person-listed-peter\n    schema: Person\n"
        "    source: src-test\n    properties:\n      name: Peter CHAN\n"
    )
    load_paths(record_store, [write(tmp_path / "extra.yaml", extra)])
    peter, listed = (
        record_store.entity("lr-person-listed-peter"),
        record_store.entity("ofac-9000101"),
    )
    assert peter is not None and listed is not None
    assert link_reason(peter, listed) is None  # by name alone: only the surname agrees
    known = KnownNames.from_store(record_store)
    reason = link_reason(peter, listed, known)
    assert reason is not None and "lr-person-chan-tai-man" in reason


def test_match_record_flag(sqlite_env: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    alone = runner.invoke(main, ["match", "Chris Tang", "鄧炳強"])
    assert alone.exit_code == 0 and "possible" in alone.output
    aware = runner.invoke(main, ["match", "Chris Tang", "鄧炳強", "--record", "--explain"])
    assert aware.exit_code == 0, aware.output
    assert "MATCH" in aware.output and "rule: both are names of TANG, Chris" in aware.output
