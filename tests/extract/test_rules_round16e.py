"""Classes that extract25 (issue #16) took from extract24's leftovers: a 包括 list whose
items carry roles and run on past semicolons (dev draw 20, the pool), and four wrong
readings of the fresh draws 3201 and 3202; each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

RECORD = Gazetteer({"陳大文": "lr-test-0", "李小明": "lr-test-1", "黃志強": "lr-test-2"})


def facts(body: str, names: Gazetteer | None = None) -> set[tuple[str, str, str]]:
    return triples(body, names or RECORD, "2021-02-05")


def test_an_including_list_runs_on_past_its_semicolons_and_roles() -> None:
    body = (
        "本案共有9名被告，當中6人被控「明知而參與未經批准集結」，包括多名協會成員："
        "主席陳大文、副主席李小明及趙恩來；時任常委黃志強、梁國華；前區議會記者何桂藍。"
    )
    found = facts(body)
    charged = {p for p, k, v in found if k == "charged" and v == "unauthorised_assembly"}
    # 趙恩來 and 梁國華 whole items, 何桂藍 after its role: names jieba does not know
    assert charged == {"陳大文", "李小明", "趙恩來", "黃志強", "梁國華", "何桂藍"}


def test_an_including_list_stops_at_a_run_that_names_no_one() -> None:
    body = "警方昨日拘捕多人，包括主席陳大文、副主席李小明；多名區議員及其助理亦到警署了解。"
    arrested = {p for p, k, _ in facts(body) if k == "arrested"}
    assert arrested == {"陳大文", "李小明"}


def test_a_kin_noun_after_an_arrested_profession_is_not_arrested() -> None:
    body = "其中以陳美玲、李文慧及黃淑儀三位被捕律師妻子的行動最為觸目。"
    assert not {p for p, k, _ in facts(body) if k == "arrested"}


def test_a_name_after_yu_as_a_preposition_is_an_object() -> None:
    body = (
        "兩名義工涉以禮品誘使選民投票予陳大文，早前被控在選舉中向他人提供利益，經審訊後裁定"
        "兩人罪名成立。"
    )
    assert ("陳大文", "verdict", "convicted") not in facts(body)


def test_a_question_whether_he_pleads_is_no_plea() -> None:
    body = "法庭書記向陳大文問認不認罪時，陳大文回答：「明白。」"
    assert not {k for _, k, _ in facts(body) if k == "plea"}
    assert ("陳大文", "plea", "not_guilty") in facts("陳大文今日在法庭上不認罪。")


def test_a_count_after_a_list_with_an_unnamed_item_names_no_one() -> None:
    # 長毛 is a nickname: 二人 are 陳大文 and him, or him and 李小明, not the two names
    body = "陳大文和長毛與李小明關係密切，現時二人都還柙中。"
    assert not {p for p, k, _ in facts(body) if k == "custody"}
    assert ("李小明", "custody", "remanded") in facts("陳大文和李小明關係密切，現時二人都還柙中。")


def test_a_friend_of_a_name_is_not_that_name() -> None:
    body = "還有黃志強、梁國華等人，都是陳大文的好友，現在都在還柙中。"
    remanded = {p for p, k, _ in facts(body) if k == "custody"}
    assert "陳大文" not in remanded
