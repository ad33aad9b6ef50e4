"""Classes of missed bail found in extract31 (issue #16) on dev draw 24 and counted over the
unlabelled court-keyword pool: bail a court's order lets the named keep (可繼續保釋,
可按原有條件保釋) and a refusal whose object is a count (拒絕二人保釋, 拒絕兩人的保釋申請);
each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-01-14")


def test_a_named_defendant_who_may_continue_on_bail_was_granted_it() -> None:
    body = "裁判官將案件押後至3月25日開審，陳大文可繼續保釋。"
    assert ("陳大文", "bail_granted", "") in facts(body)


def test_names_that_may_keep_their_bail_on_its_old_terms_with_no_court_word() -> None:
    body = "最終張志強被拒保釋，陳大文及黃子健可按原有條件保釋。"
    found = facts(body)
    assert {("陳大文", "bail_granted", ""), ("黃子健", "bail_granted", "")} <= found
    assert ("張志強", "bail_granted", "") not in found
    assert ("張志強", "bail_denied", "") in found


def test_a_general_may_be_granted_bail_is_no_fact() -> None:
    assert not facts("法官指，被告一般可獲保釋，陳大文的案件亦不例外。")
    assert ("陳大文", "bail_granted", "") not in facts("陳大文希望可獲保釋。")


def test_a_refusal_whose_object_counts_the_two_its_sentence_named() -> None:
    body = "法官押後陳大文及黃子健的求情和判刑至11月23日，拒絕二人保釋。"
    found = facts(body)
    assert {("陳大文", "bail_denied", ""), ("黃子健", "bail_denied", "")} <= found
    body = "法官聽取陳大文及黃子健的陳辭後，拒絕兩人的保釋申請，兩人須即時還柙。"
    assert {("陳大文", "bail_denied", ""), ("黃子健", "bail_denied", "")} <= facts(body)


def test_a_counted_refusal_of_more_than_the_paragraph_named_is_nobody() -> None:
    body = "法官聽取陳大文及黃子健的陳辭後，拒絕三人的保釋申請。"
    found = facts(body)
    assert ("陳大文", "bail_denied", "") not in found
    assert ("黃子健", "bail_denied", "") not in found


def test_a_counted_refusal_opening_its_paragraph_is_not_the_lawyers_before_it() -> None:
    body = (
        "陳大文及黃子健否認控罪。\n\n代表黃子健的大律師張志強指，被告願意交出旅遊證件。\n\n"
        "法官拒絕兩人的保釋申請，兩人須即時還柙。"
    )
    assert ("張志強", "bail_denied", "") not in facts(body)
