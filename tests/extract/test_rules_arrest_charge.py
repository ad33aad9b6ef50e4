"""Precision of `arrested` and `charged` (issue #16, second round of the precision work):
one class per test, each sentence from the fresh or fifth dev draw of the Citizen News
archive (see docs/extract.md), with the fact the rules must keep beside the one they drop."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer({"黎智英": "lr-person-jimmy-lai"})


def facts(body: str, published: str | None = "2021-01-22") -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published=published, names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_arrested_people_named_as_a_kind_are_not_the_name_before() -> None:
    said = facts(
        "我找不到社聯主席陳智思對被捕社工有作聲。在林卓廷被捕後，張超雄聽完被捕兩人後覺得要留下。"
    )
    assert ("陳智思", "arrested", "") not in said
    assert ("張超雄", "arrested", "") not in said
    assert ("林卓廷", "arrested", "") in said


def test_a_demand_to_arrest_is_no_arrest() -> None:
    said = facts("如果鄧炳強希望取回公義，麻煩立即拘捕梁振英。警方昨日拘捕黎智英。")
    assert ("梁振英", "arrested", "") not in said
    assert ("黎智英", "arrested", "") in said


def test_accused_at_an_arrest_is_not_charged() -> None:
    said = facts("早前因參與初選被控違反國安法被捕的余慧明指，當時亦有擔心。")
    assert ("余慧明", "arrested", "") in said
    assert not {f for f in said if f[1] == "charged"}
    assert ("黎智英", "charged", "collusion") in facts("黎智英被控勾結外國勢力，今日提堂。")


def test_a_court_named_after_the_security_law_is_no_offence() -> None:
    text = (
        "Chairman Lai Man-ling and external vice chairman Yeung Yat-yi were subsequently "
        "charged with the offence, and their application for bail was refused by the "
        "National Security Law-appointed judge."
    )
    assert not {f for f in facts(text) if f[1] == "charged"}
    said = facts("Jimmy Lai was charged under the National Security Law on Friday.")
    assert ("Jimmy Lai", "charged", "nsl_unspecified") in said


def test_the_name_compared_with_is_not_the_one_arrested() -> None:
    said = facts("相比許智峯，林卓廷因721事件被捕更為關注。")
    assert ("林卓廷", "arrested", "") in said
    assert ("許智峯", "arrested", "") not in said


def test_a_clause_about_a_kind_of_person_is_not_about_the_name_before() -> None:
    said = facts("立法會主席讓陳健波主持選主席；在前線的議員也先後被捕。")
    assert ("陳健波", "arrested", "") not in said
    assert ("陳健波", "arrested", "") in facts("立法會主席陳健波主持選主席；其後陳健波也被捕。")
