"""Classes of missed and wrong suggestions found in the eighth round (issue #16), on the
eighth dev draw and the unlabelled court-keyword pool; each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer({"黃之鋒": "lr-person-joshua-wong"})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-07-06", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_criminal_damage_robbery_assault_and_corrupt_conduct_are_offences() -> None:
    found = facts("陳大文及李小明，各被控一項暴動罪和刑事損壞。")
    assert {("陳大文", "charged", "riot"), ("陳大文", "charged", "other")} <= found
    assert ("李小明", "charged", "other") in found
    assert ("張志強", "charged", "other") in facts(
        "廉署今日落案起訴歌手張志強，涉嫌在立法會補選作出舞弊行為。"
    )
    assert ("何家輝", "charged", "other") in facts("何家輝另被控一項搶劫罪。")


def test_bail_granted_with_its_amount_between() -> None:
    assert ("陳大文", "bail_granted", "") in facts(
        "陳大文今日在東區裁判法院提堂，獲准以5000元現金保釋。"
    )
    assert not facts("陳大文今日在東區裁判法院提堂，不獲准以5000元現金保釋。")
    # police bail: the station follows the bail
    assert not facts("陳大文晚上獲准以1000元保釋離開大埔警署，下周在粉嶺裁判法院提堂。")


def test_the_rest_after_listed_defendants_singled_out_beside_their_counsel() -> None:
    # the counsel named in the sentence before is not listed: the rest is the listing
    # less the listed names singled out there, when its count agrees
    body = (
        "3名被告依次為：學生陳大文（20歲）、李小明（21歲）和何家輝（22歲）。"
        "當中由大律師張志強代表的陳大文今日無出庭應訊，法庭發出拘捕令。"
        "其餘2名到庭被告今日獲准以3000元擔保金保釋。"
    )
    bail = {f for f in facts(body) if f[1] == "bail_granted"}
    assert bail == {("李小明", "bail_granted", ""), ("何家輝", "bail_granted", "")}
    # a count that disagrees resolves no one
    assert not {f for f in facts(body.replace("其餘2名", "其餘3名")) if f[1] == "bail_granted"}
