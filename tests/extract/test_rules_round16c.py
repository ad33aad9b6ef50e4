"""Classes of bail, custody and release sentences missed on dev draw 19 and all of dev
(issue #16, sixteenth round, `extract23`), each counted over the unlabelled court-keyword
pool first; every sentence here is invented."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer(
    {name: f"lr-test-{i}" for i, name in enumerate(["陳大文", "李小明", "張志強", "黃美玲"])}
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-03-01")


def bailed(body: str) -> set[str]:
    return {person for person, kind, _ in facts(body) if kind == "bail_granted"}


def test_two_named_in_the_paragraph_are_the_two_granted_bail() -> None:
    body = (
        "陳大文被控一項暴動罪。同案另一名被告是李小明，被控一項襲警罪。"
        "案件押後到下月再訊，兩人獲准以原有條件保釋。"
    )
    assert bailed(body) == {"陳大文", "李小明"}


def test_a_count_inside_the_grant_is_the_paragraph_before_when_this_one_names_no_one() -> None:
    body = (
        "陳大文、李小明及張志強早前承認一項未經批准集結罪，三人在庭上求情。\n\n"
        "裁判官聽取求情後，將案押後至周五判刑，並批准三人以原有條件保釋。"
    )
    assert bailed(body) == {"陳大文", "李小明", "張志強"}


def test_a_judge_named_before_the_grant_is_not_one_of_the_group() -> None:
    body = (
        "陳大文及李小明被控參與未經批准集結，案件今日在東區裁判法院提堂。"
        "主任裁判官黃美玲批准二人以1000元現金保釋，但禁止陳大文離境。"
    )
    assert bailed(body) == {"陳大文", "李小明"}


def test_the_names_right_after_the_grant_are_its_group() -> None:
    body = "法庭黃昏批准三人保釋，陳大文、李小明及張志強，終可離開法院。"
    assert bailed(body) == {"陳大文", "李小明", "張志強"}


def test_a_count_that_is_not_the_names_gives_no_one() -> None:
    # three named, two granted: which two is not said, and no name is guessed
    body = (
        "陳大文、李小明及張志強被控暴動罪，案件今日在區域法院提堂。"
        "案件押後至下月再訊，兩人獲准以原有條件保釋。"
    )
    assert bailed(body) == set()
    # 47 charged, 11 granted bail: nobody named
    assert bailed("47人被控串謀顛覆國家政權，案件在西九龍裁判法院提堂，11人獲准保釋。") == set()


def test_the_rest_counted_is_not_read_as_a_group_of_the_paragraph() -> None:
    body = "陳大文及李小明被控暴動罪，案件今日在東區裁判法院提堂。陳大文須還柙，其餘2人獲准保釋。"
    assert "李小明" not in bailed(body)


def test_each_of_them_is_the_article_listing() -> None:
    body = (
        "3名警員被控傷人罪，今早在東區裁判法院提堂。案件押後至下月再訊，"
        "各人准以現金一千元保釋，期間不得接觸控方證人。\n\n"
        "3名被告依次為陳大文（30歲）、李小明（29歲）及張志強（44歲）。"
    )
    assert bailed(body) == {"陳大文", "李小明", "張志強"}


def test_each_of_them_with_no_listing_is_no_one() -> None:
    body = "陳大文及李小明今早在東區裁判法院提堂。案件押後至下月再訊，各人准以現金一千元保釋。"
    assert bailed(body) == set()


def test_granted_bail_on_terms_with_no_obtained_before_it() -> None:
    body = "陳大文被控暴動罪，案件今日在區域法院再訊，陳大文准以原有條件保釋。"
    assert bailed(body) == {"陳大文"}


def test_a_remand_of_he_opening_the_sentence_is_the_one_named_before() -> None:
    # 岑志豪: a name the record does not hold (a record name is surer, +0.05)
    body = "岑志豪被控暴動罪，區域法院法官昨日判處他入獄4年。他至今已還柙約九個月。"
    assert ("岑志豪", "custody", "remanded") in facts(body)


def test_a_release_of_he_alone_stays_under_the_threshold() -> None:
    # released on police bail after an arrest is no release the labels count
    body = "陳大文周三被警方拘捕，其後獲准以3萬元保釋。他周四凌晨獲釋，午後回辦公室。"
    assert ("陳大文", "released", "") not in facts(body)


def test_a_surname_before_the_preposition_yu_starts_no_name() -> None:
    # 岑於信中寫到: 岑 in the letter wrote, not a person named 岑於信
    found = facts("岑於信中寫到，自己在還柙的9個月已深切反省。")
    assert not any(person.startswith("岑於") for person, _, _ in found)


def test_a_remand_at_the_end_of_the_subjects_chain_of_clauses_is_its() -> None:
    body = (
        "岑志豪因去年9月在北角協助他人逃脫，被控管有攻擊性武器、襲警及拒捕，"
        "三項罪名成立，判囚十個月，自今年6月15日起還柙，扣除假期後可於年底離開。"
    )
    assert ("岑志豪", "custody", "remanded") in facts(body)


def test_a_chain_with_a_second_name_or_a_speaker_keeps_its_doubt() -> None:
    body = (
        "岑志豪因去年9月在北角協助李小明逃走，被控管有攻擊性武器、襲警及拒捕，"
        "三項罪名成立，判囚十個月，自今年6月15日起還柙，扣除假期後可於年底離開。"
    )
    assert ("岑志豪", "custody", "remanded") not in facts(body)


def refused(body: str) -> set[str]:
    return {person for person, kind, _ in facts(body) if kind == "bail_denied"}


def test_refused_bail_in_the_passive_is_the_name_before_it_not_a_list_after() -> None:
    body = (
        "高等法院今日完成最後一批覆核，其中陳大文被拒保釋，"
        "其餘2人包括李小明及張志強，可按原有條件保釋。"
    )
    assert refused(body) == {"陳大文"}


def test_refused_bail_inside_an_open_quotation_is_no_one_outside_it() -> None:
    body = "陳大文被判阻差辦公罪後，社聯表示「非常關注案件，而被拒保釋也令人難以接受。"
    assert refused(body) == set()


def test_an_application_for_bail_that_failed_is_a_refusal() -> None:
    body = "原獲保釋的陳大文再遭還柙，其後向高等法院申請保釋亦告失敗。"
    assert refused(body) == {"陳大文"}


def test_a_remand_clause_with_no_subject_is_the_next_clauses_subject() -> None:
    body = "今日法院安排了座位給家屬旁聽，被還柙第七日，剛為人父的岑志豪上庭後，不斷張望旁聽席。"
    assert ("岑志豪", "custody", "remanded") in facts(body)


def test_a_remand_that_is_a_risk_or_a_time_is_not_the_next_clauses_subject() -> None:
    risk = "由於認罪後或有即時還柙風險，岑志豪說已有準備。"
    after = "在公司高層遭羈押之後五個星期，岑志豪出席年會為政府辯護。"
    assert ("岑志豪", "custody", "remanded") not in facts(risk)
    assert ("岑志豪", "custody", "remanded") not in facts(after)
