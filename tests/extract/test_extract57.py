"""Classes of missed custody, releases and refusals of bail found in the `extract57` round
(issue #16) on the dev draws 1-37 and counted over the unlabelled pool; each on an
invented sentence."""

from __future__ import annotations

# the same four invented people as the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_span_of_time_is_no_unnamed_group() -> None:
    found = facts("陳大文由於另一案件纏身，故兩個月前開始已遭還柙。")
    assert ("陳大文", "custody", "remanded") in found
    # a count of people still is one: not 陳大文's remand
    found = facts("陳大文表示，兩名被告早前已遭還柙。")
    assert ("陳大文", "custody", "remanded") not in found


def test_a_day_after_a_term_word_is_no_term() -> None:
    found = facts("陳大文今日迎來監禁的一天。")
    assert not any(kind == "sentence" for _, kind, _ in found)


def test_a_pronouns_release_after_the_paragraphs_arrest() -> None:
    found = facts("李小明今早遭廉署人員上門拘捕。他被帶返廉署總部後獲釋，下午提堂。")
    assert ("李小明", "released", "") in found
    found = facts("陳大文不明白為何警方拘捕他，他獲釋後隨即繼續工作。")
    assert ("陳大文", "released", "") in found


def test_no_release_of_a_pronoun_after_police_bail() -> None:
    # the police's bail after the arrest: the later 獲釋 is that bail, not a release
    found = facts("李小明昨日被捕，周四凌晨獲准以3萬現金保釋。他周四凌晨獲釋，午後回辦公室。")
    assert ("李小明", "released", "") not in found
    # nor of a pronoun that is an object (令他憤怒的是…): the one released is someone else
    found = facts("何家輝昨日被捕。令他憤怒的是一名車長被帶入警署，獲釋後身體多處受傷。")
    assert ("何家輝", "released", "") not in found


def test_bail_pending_appeal_refused() -> None:
    assert ("陳大文", "bail_denied", "") in facts("陳大文申請保釋上訴遭拒。")
    assert ("李小明", "bail_denied", "") in facts("李小明申請保釋等候上訴被拒，須即時還柙。")


def test_a_remand_the_court_requires() -> None:
    found = facts("陳大文及李小明被控串謀勾結外國勢力，需要還柙。")
    assert {("陳大文", "custody", "remanded"), ("李小明", "custody", "remanded")} <= found
    # a possibility is not
    found = facts("陳大文被控暴動罪，可能需要還柙。")
    assert ("陳大文", "custody", "remanded") not in found
