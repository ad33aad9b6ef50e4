"""A judge's refusal of bail with no object, then the remand of those refused in the next
clause (extract40, issue #16; dev draw 33's round)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-07-05")


def test_the_named_remanded_after_the_judges_refusal_is_refused() -> None:
    found = facts("最終蘇官拒批保釋，黎智英遭還柙，旁聽公眾叫道：「Jimmy加油」。")
    assert ("黎智英", "bail_denied", "") in found
    assert ("黎智英", "custody", "remanded") in found


def test_a_count_in_the_remanded_clause_is_the_two_named_before() -> None:
    found = facts("楊逸意及黎雯齡被控暴動罪。蘇官拒絕批出保釋，二人須還柙至8月30日再訊。")
    assert {("楊逸意", "bail_denied", ""), ("黎雯齡", "bail_denied", "")} <= found


def test_a_remand_after_the_prosecutions_opposition_is_no_refusal() -> None:
    found = facts("控方反對保釋，陳大文須還柙。")
    assert ("陳大文", "custody", "remanded") in found
    assert not any(kind == "bail_denied" for _, kind, _ in found)
