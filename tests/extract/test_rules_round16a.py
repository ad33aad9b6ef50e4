"""Classes of missed charges found in extract21 (issue #16) on dev draw 17 and counted over
the unlabelled court-keyword pool; each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2020-08-03")


def test_a_counted_groups_members_after_including_with_long_descriptions() -> None:
    body = (
        "其中9人早前被加控暴動罪，"
        "包括城市大學學生會前會長陳大文、民間團體發言人黃子健、歌手林美琪等。"
    )
    found = facts(body)
    assert {("陳大文", "charged", "riot"), ("黃子健", "charged", "riot")} <= found
    assert ("林美琪", "charged", "riot") in found


def test_a_spokesman_in_such_a_list_and_a_count_written_with_duo() -> None:
    body = "事後20多人被控暴動，包括本土組織前發言人梁子軒。"
    assert ("梁子軒", "charged", "riot") in facts(body)


def test_a_list_whose_items_are_not_each_a_name_names_no_one() -> None:
    assert not facts("事後12人被捕，包括兩名記者。")
    assert not facts("其中12人被控暴動罪，包括兩名大學學生會前會長及一名區議會議員。")


def test_a_list_after_a_clause_of_its_own_is_not_the_groups() -> None:
    # 其中三人棄保潛逃 comes between: the list is of those who fled (the older rules read
    # the first name, through 其中; this class adds none)
    body = "當中33人被控暴動罪，其中三人棄保潛逃，包括前召集人黃子健、成員李家俊。"
    assert ("李家俊", "charged", "riot") not in facts(body)


def test_a_reporter_given_a_defendants_age_is_a_defendant() -> None:
    body = (
        "第二宗案件涉及兩名被告，包括網媒記者馬家輝（30歲）和歌手王志堅（41歲），"
        "他們同被控一項暴動罪。"
    )
    found = facts(body)
    assert ("馬家輝", "charged", "riot") in found
    assert ("王志堅", "charged", "riot") in found


def test_a_spokesman_given_an_age_is_charged_himself() -> None:
    body = "第四宗案件，民間團體發言人黃子健（26歲），被控一項暴動罪。"
    assert ("黃子健", "charged", "riot") in facts(body)


def test_a_reporter_or_spokesman_with_no_age_is_still_a_role() -> None:
    assert not facts("警方發言人黃子健表示，陳先生已被控暴動罪。")
    assert ("黃子健", "charged", "riot") not in facts("記者黃子健報道，示威者已被控暴動罪。")


def test_possessing_a_dangerous_drug_is_an_offence() -> None:
    body = "陳大文另涉一案，本年1月在灣仔港鐵站外管有大麻，被控一項管有危險藥物罪。"
    assert ("陳大文", "charged", "other") in facts(body)
