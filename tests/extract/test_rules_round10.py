"""Classes of missed and wrong suggestions found in the tenth round (issue #16), on the
tenth dev draw (shaped like the test draws) and counted over the unlabelled court-keyword
pool; each on an invented sentence."""

from __future__ import annotations

# the same four invented people as the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_an_arrest_with_how_it_was_made_between() -> None:
    assert ("陳大文", "arrested", "") in facts("電視台編導陳大文上月被警方高調拘捕，其後獲准保釋。")
    assert ("李小明", "arrested", "") in facts("李小明今早遭國安處上門拘捕。")


def test_bail_applied_for_and_refused() -> None:
    assert ("陳大文", "bail_denied", "") in facts(
        "陳大文被控暴動罪，早前兩度申請保釋均被拒，案件押後至下月再訊。"
    )
    assert ("李小明", "bail_denied", "") in facts(
        "李小明今日在西九龍裁判法院提堂，保釋申請迅速被拒。"
    )
    # the application alone is no refusal
    assert not any(kind == "bail_denied" for _, kind, _ in facts("陳大文今日在法庭申請保釋。"))


def test_another_count_is_no_other_person() -> None:
    found = facts("陳大文及李小明被控第三項控罪，即另一暴動罪及另一有意圖而傷人罪。")
    assert {("陳大文", "charged", "riot"), ("李小明", "charged", "other")} <= found
    # another defendant's charge is still theirs alone
    found = facts("陳大文被控暴動，另外何家輝涉嫌干犯襲警罪。")
    assert ("陳大文", "charged", "other") not in found


def test_a_relative_clause_before_a_colon_list_qualifies_every_name() -> None:
    found = facts("當中包括三名因同一案件還柙的被告：陳大文、李小明、何家輝。")
    assert {(n, "custody", "remanded") for n in ("陳大文", "李小明", "何家輝")} <= found


def test_a_comma_inside_brackets_does_not_end_the_list() -> None:
    found = facts("除了早前認罪的陳大文（48歲，商人）及李小明（43歲，司機），其餘被告均否認控罪。")
    assert {("陳大文", "plea", "guilty"), ("李小明", "plea", "guilty")} <= found
    # a comma outside brackets still ends a relative clause (被控暴動的林卓廷，以及其助理…)
    found = facts("認罪的陳大文（48歲），以及何家輝出席聆訊。")
    assert ("何家輝", "plea", "guilty") not in found


def test_a_surname_and_an_honorific_name_no_one() -> None:
    found = facts("張先生、羅先生被還柙，公司即時失去兩位掌舵人。")
    assert not any(person.endswith("先生") for person, _, _ in found)
