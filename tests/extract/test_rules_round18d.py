"""Bail refused and revoked (issue #16, eighteenth round, `extract45`): short excerpts of
dev and the unlabelled pool, and the cases the rules must leave alone."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer(
    {"鍾翰林": "lr-test-0", "何忻諾": "lr-test-1", "蘇惠德": "lr-test-2", "劉家棟": "lr-test-3"}
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2020-10-29")


CHARGED = "19歲前召集人鍾翰林今被正式落案起訴分裂國家罪，今早在西九龍裁判法院提堂。"
ARRESTED = "與鍾同日被捕但獲保釋的前成員何忻諾等人，今早到庭旁聽。"


def test_a_named_judge_refusing_bail_refuses_the_one_charged() -> None:
    # 聽畢控辯陳詞後，總裁判官蘇惠德拒絕批准保釋 (hkcnews-37725, pool copy 35176): the
    # judge's name is the court, and of two people arrested the one charged is the defendant
    body = CHARGED + "\n\n" + ARRESTED + "\n\n聽畢控辯陳詞後，總裁判官蘇惠德拒絕批准保釋。"
    found = facts(body)
    assert ("鍾翰林", "bail_denied", "") in found
    assert ("何忻諾", "bail_denied", "") not in found
    assert ("蘇惠德", "bail_denied", "") not in found


def test_a_refusal_after_the_courts_own_clauses_refuses_the_defendant() -> None:
    # …主任裁判官蘇文隆認為…，決定判即時監禁一年，拒絕保釋 (hkcnews-31833)
    body = (
        "社工劉家棟被控阻差辦公罪。\n\n"
        "主任裁判官認為警方驅散行動合情合理，決定判即時監禁一年，拒絕保釋。"
    )
    assert ("劉家棟", "bail_denied", "") in facts(body)


def test_a_refusal_of_no_court_is_not_the_defendants() -> None:
    # the clause before is the prosecution's, not the court's: no refusal is said
    body = CHARGED + "\n\n控方認為被告有潛逃風險，反對保釋。"
    assert ("鍾翰林", "bail_denied", "") not in facts(body)


def test_two_defendants_charged_leave_the_refusal_to_no_one() -> None:
    body = CHARGED + "\n\n何忻諾亦被控串謀煽動罪。\n\n聽畢控辯陳詞後，總裁判官蘇惠德拒絕批准保釋。"
    found = facts(body)
    assert ("鍾翰林", "bail_denied", "") not in found
    assert ("何忻諾", "bail_denied", "") not in found


REVOKED_NAMES = Gazetteer({"陳皓桓": "lr-test-4", "何俊仁": "lr-test-5", "黎智英": "lr-test-6"})


def revoked(body: str) -> set[tuple[str, str, str]]:
    return triples(body, REVOKED_NAMES, "2021-05-28")


def test_bail_revoked_by_the_court_is_refused() -> None:
    # hkcnews-41488 (dev draw 18)
    found = revoked("2名被告陳皓桓和何俊仁被法庭撤銷原有保釋，即時還押。")
    assert ("陳皓桓", "bail_denied", "") in found
    assert ("何俊仁", "bail_denied", "") in found


def test_bail_withdrawn_by_the_top_court_is_refused() -> None:
    # hkcnews-36994 (dev draw 25)
    found = revoked("壹傳媒集團創辦人黎智英先生的保釋被終審法院撤回，需要即時還押。")
    assert ("黎智英", "bail_denied", "") in found


def test_bail_revoked_by_the_police_or_an_application_withdrawn_is_no_refusal() -> None:
    assert ("黎智英", "bail_denied", "") not in revoked("黎智英下午亦被警方撤銷保釋，再度被捕。")
    assert ("陳皓桓", "bail_denied", "") not in revoked("陳皓桓在庭上撤銷保釋申請。")


TAI = Gazetteer({"戴耀廷": "lr-test-7"})


def test_on_bail_pending_appeal_is_a_courts_bail() -> None:
    # 戴耀廷…被判罪成入獄16個月，其後保釋等候上訴 (4 pool articles); 其後獲保釋等候上訴
    for body in (
        "戴耀廷因佔領運動被控煽惑公眾妨擾罪，被判罪成入獄16個月，其後保釋等候上訴。",
        "戴耀廷在去年4月定罪，入獄16個月，其後獲保釋等候上訴。",
        "其時正保釋等候上訴的戴耀廷，為此拋出協調機制的概念。",
    ):
        assert ("戴耀廷", "bail_granted", "") in triples(body, TAI, "2020-07-10"), body


def test_bail_pending_trial_asked_for_or_impossible_is_no_grant() -> None:
    for body in (
        "戴耀廷今日向高等法院申請保釋等候上訴。",
        "戴耀廷一般不能保釋候審。",
        "戴耀廷被捕後獲准保釋。",  # no court word: the police's, as before
    ):
        assert ("戴耀廷", "bail_granted", "") not in triples(body, TAI, "2020-07-10"), body
