"""Defendants named by their order (issue #16): a court report lists the defendants once,
then states facts of 首被告, 第二被告, 第一、二被告 or 三名被告. Sentences from Citizen News
court reports of the dev split and unlabelled articles (none of the test split)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer(
    {
        name: f"lr-test-{i}"
        for i, name in enumerate(
            [
                "梁柏添",
                "龔志遠",
                "李文謙",
                "歐國偉",
                "鄧文謙",
                "林易昇",
                "陳起行",
                "李俊皓",
                "張俊浩",
                "鄧希雯",
                "陳皓桓",
                "曾健成",
                "徐子見",
                "胡志偉",
                "陳榮泰",
                "朱凱廸",
                "梁國雄",
                "鄧世禮",
            ]
        )
    }
)
LISTING = "三名被告依次為梁柏添（24歲）、保安員龔志遠（50歲）及李文謙（17歲），共同被控一項暴動罪。"


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2020-09-24", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_orders_after_a_listing_are_the_names_listed() -> None:
    found = facts(
        LISTING + "\n\n第一、二被告的兩項暴動罪同期執行，須即時監禁4年；第三被告只涉及首項暴動"
        "罪，判即時監禁3年4個月。\n\n首被告今日認罪。"
    )
    assert {f for f in found if f[1] in ("sentence", "plea")} == {
        ("梁柏添", "sentence", "48"),
        ("龔志遠", "sentence", "48"),
        ("李文謙", "sentence", "40"),
        ("梁柏添", "plea", "guilty"),
    }


def test_the_group_of_as_many_as_were_listed_is_all_of_them() -> None:
    found = facts(LISTING + "\n\n法庭最終裁定，量刑起點為監禁5年，三名被告認罪獲扣減刑期。")
    assert {f for f in found if f[1] == "plea"} == {
        ("梁柏添", "plea", "guilty"),
        ("龔志遠", "plea", "guilty"),
        ("李文謙", "plea", "guilty"),
    }
    # 其餘兩名被告: some of them, not which
    assert not {f for f in facts(LISTING + "\n\n其餘兩名被告認罪。") if f[1] == "plea"}


def test_the_first_few_of_a_listing() -> None:
    found = facts(
        "8名被告依次為陳皓桓（24歲）、曾健成（64歲）、徐子見（53歲）、胡志偉（58歲）、"
        "陳榮泰（56歲）、朱凱廸（43歲）、梁國雄（64歲）和鄧世禮（58歲）。\n\n"
        "首5名被告被控一項煽惑他人明知而參與未經批准集結罪。"
    )
    assert {p for p, kind, _ in found if kind == "charged"} == {
        "陳皓桓",
        "曾健成",
        "徐子見",
        "胡志偉",
        "陳榮泰",
    }


def test_names_followed_by_their_orders() -> None:
    found = facts("梁柏添、龔志遠及李文謙（依次為第一至第三被告）今日提堂。\n\n第二被告認罪。")
    assert {f for f in found if f[1] == "plea"} == {("龔志遠", "plea", "guilty")}


def test_orders_written_with_their_names_map_the_rest() -> None:
    found = facts(
        "三名被告依次為第一被告歐國偉（26歲），第二被告鄧文謙（25歲），第三被告林易昇（31歲）。"
        "\n\n第一、第二被告認罪，陳官以判監48個月為量刑起點。"
    )
    assert {f for f in found if f[1] == "plea"} == {
        ("歐國偉", "plea", "guilty"),
        ("鄧文謙", "plea", "guilty"),
    }


def test_an_order_the_article_has_not_mapped_names_no_one() -> None:
    # only 首被告 is known: 第三 and 第四's terms are not his
    found = facts(
        "首被告陳起行違反禁蒙面法罪成，被判處監禁2個月。\n\n"
        "因此就禁蒙面法，首被告被判囚2個月、第三被告被判囚6個月、第四被告被判囚3個月。"
    )
    assert {f for f in found if f[1] == "sentence"} == {("陳起行", "sentence", "2")}


def test_an_ambiguous_listing_teaches_nothing() -> None:
    # a name the finder misses (王某) would shift every order after it
    missed = facts(
        "三名被告依次為梁柏添（24歲）、王某某（31歲）及李文謙（17歲）。\n\n第二被告認罪。"
    )
    assert not {f for f in missed if f[1] == "plea"}
    # two cases in one article give 第二被告 two names: neither
    two = facts(LISTING + "\n\n另案三名被告依次為歐國偉、林易昇及鄧文謙。\n\n第二被告今日認罪。")
    assert not {f for f in two if f[1] == "plea"}
    # a count that disagrees with the names found
    wrong = facts("四名被告依次為梁柏添、龔志遠及李文謙。\n\n首被告認罪。")
    assert not {f for f in wrong if f[1] == "plea"}


def test_he_after_two_names_is_not_the_two() -> None:
    found = facts(
        "法官指林易昇雖然沒有直接參與襲擊，但案發時未有阻止歐國偉、鄧文謙施襲，他因為沒有"
        "案底獲扣減一個月刑期，被判監17個月。"
    )
    assert ("歐國偉", "sentence", "17") not in found
    assert ("鄧文謙", "sentence", "17") not in found
