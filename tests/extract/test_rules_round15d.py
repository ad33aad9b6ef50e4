"""Classes of missed suggestions found by the `extract18` round (issue #16: `arrested`,
`charged`, `released`; draw 15), each counted over the unlabelled court-keyword pool before
it was fixed; each on an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_listing_of_defendants_takes_the_last_charge_before_it() -> None:
    body = (
        "10名工會成員因去年一次遊行被控煽惑他人參與未經批准集結。案件今日在區域法院開審。"
        "10名被告依次為陳大文、李小明、何家輝。"
    )
    found = facts(body)
    assert {
        ("陳大文", "charged", "unauthorised_assembly"),
        ("何家輝", "charged", "unauthorised_assembly"),
    } <= found
    body = (
        "陳大文與李小明共同被控一項暴動罪。控方今日盤問完畢。"
        "6名受審被告為何家輝（54歲，運輸公司東主）、張志強（48歲，工程公司東主）。"
    )
    assert {("何家輝", "charged", "riot"), ("張志強", "charged", "riot")} <= facts(body)


def test_a_listing_whose_next_sentence_states_the_charges_takes_nothing_before() -> None:
    body = (
        "何家輝另被控管有攻擊性武器。"
        "3名被告依次為陳大文（47歲）、李小明（44歲）、張志強（28歲）。"
        "陳大文、李小明被控暴動罪。"
    )
    found = facts(body)
    assert ("李小明", "charged", "riot") in found
    assert ("李小明", "charged", "other") not in found
    assert ("張志強", "charged", "other") not in found


def test_a_listing_ends_at_its_clause_and_not_a_part_of_the_case() -> None:
    body = (
        "四人被控暴動罪。案件今日開審。"
        "四名被告依次為陳大文、李小明；分別由大律師何家輝及張志強代表。"
    )
    found = facts(body)
    assert ("李小明", "charged", "riot") in found
    assert ("何家輝", "charged", "riot") not in found
    body = "四人被控暴動罪。案件今日開審。其餘3名被告包括何家輝、張志強。"
    assert ("何家輝", "charged", "riot") not in facts(body)


def test_an_arrest_by_the_agents_officers_is_an_arrest() -> None:
    assert ("陳大文", "arrested", "") in facts("陳大文今早遭廉署人員上門拘捕。")
    assert ("李小明", "arrested", "") in facts("李小明其後被防暴警員拘捕，帶往警署。")


def test_a_release_after_the_same_sentences_arrest_is_the_pronouns() -> None:
    body = "前會長陳大文當晚在車站內。他被警員壓在地上，被拘捕後獲無條件釋放。"
    assert ("陳大文", "released", "") in facts(body)
    # a release alone after a quotation (on police bail) is not read through 他
    body = "「我會繼續工作。」陳大文回覆查詢時說。他周四凌晨獲釋，說有點疲倦。"
    assert ("陳大文", "released", "") not in facts(body)


def test_a_listing_after_a_smaller_counted_charge_takes_nothing() -> None:
    # 控方關注二人: the charge sentence is about two of the listing's defendants
    body = (
        "陳大文與李小明共同被控暴動罪，控方關注二人的關係。"
        "4名被告依次為陳大文、李小明、何家輝、張志強。"
    )
    assert ("何家輝", "charged", "riot") not in facts(body)
