"""Two precision fixes of the twenty-first round (issue #16), each found over the pool:
a name is never read as a word of its sentence (周庭 holds 庭, which is no court), and a
count in hundreds or thousands (過百名中小學教師) is an unnamed group before the trigger.
The sentences are quoted from the Citizen News archive."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer({name: f"lr-person-{i}" for i, name in enumerate(["周庭", "黎智英", "梁振英"])})


def facts(body: str) -> set[tuple[str, str]]:
    found = extract_text(article_id="a", body=body, published="2020-08-12", names=NAMES)
    return {(p.person, p.kind) for p in found}


def test_a_name_holding_a_court_word_makes_no_court_bail() -> None:
    # the police's bail after the August 2020 arrests: 周庭 is a name, not a court
    assert ("黎智英", "bail_granted") not in facts(
        "黎智英獲准保釋　支持者高舉《蘋果》聲援　周庭：4次被捕　最驚的一次"
    )
    assert ("周庭", "bail_granted") not in facts("周庭獲警方批准保釋。")
    # a court word beside the name still counts
    assert ("周庭", "bail_granted") in facts("周庭今日在法院獲准保釋。")


def test_a_count_in_hundreds_is_an_unnamed_group() -> None:
    said = facts(
        "梁振英周日出席電台節目後提到，過去一年多有過百名中小學教師被捕、"
        "過千名十八歲以下青少年被捕，青少年被激進化到襲擊警員。"
    )
    assert ("梁振英", "arrested") not in said
    assert ("黎智英", "arrested") in facts("黎智英今晨被捕。")
