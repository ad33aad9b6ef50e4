"""Classes of missed and wrong suggestions found in the eighth round (issue #16), on the
eighth dev draw and the unlabelled court-keyword pool; each on an invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

# invented people, shared by the later rounds' tests (`facts`)
NAMES = Gazetteer(
    {
        name: f"lr-test-{i}"
        for i, name in enumerate(["陳大文", "李小明", "何家輝", "張志強", "張美玲"])
    }
)


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


def test_a_listing_by_respectively_or_in_sequence_is_a_listing() -> None:
    # 本案N名被告，分別為…: the listing's names, and so 他們 and the groups after it
    body = (
        "本案3名被告，分別為陳大文（24歲）、李小明（26歲）及何家輝（20歲）。\n\n"
        "案件今日在區域法院再訊，3名被告承認暴動罪。"
    )
    pleas = {f for f in facts(body) if f[1] == "plea"}
    assert pleas == {(n, "plea", "guilty") for n in ("陳大文", "李小明", "何家輝")}
    # the count must agree
    assert not {f for f in facts(body.replace("本案3名", "本案4名")) if f[1] == "plea"}
    assert ("李小明", "verdict", "convicted") in facts(
        "2名被告依序為陳大文及李小明。第二被告今日被裁定暴動罪成。"
    )


def test_a_listing_broken_by_commas_counts_by_its_explicit_orders() -> None:
    body = (
        "3名被告依次為第一被告陳大文（26歲），第二被告李小明（22歲），第三被告何家輝（30歲）。\n\n"
        "案件今日在區域法院再訊，三名被告承認暴動罪。"
    )
    pleas = {f for f in facts(body) if f[1] == "plea"}
    assert pleas == {(n, "plea", "guilty") for n in ("陳大文", "李小明", "何家輝")}
    # an order missing from the list leaves the count unknown
    broken = body.replace("，第三被告何家輝（30歲）", "")
    assert not {f for f in facts(broken) if f[1] == "plea"}


def test_a_plea_written_with_admitting_the_offence_is_read() -> None:
    # 承認…罪 with no other trigger in the sentence was never read
    assert ("陳大文", "plea", "guilty") in facts("陳大文今日在區域法院承認一項暴動罪。")
    # acknowledging a charge or a law is no plea
    assert not facts("李小明承認被加控兩罪。")
    assert not facts("何家輝回應時承認《國安法》下的煽動控罪有兩大類前提。")


def test_an_arrested_elder_is_not_the_defendants_charged_in_the_sentence() -> None:
    found = facts("陳大文及李小明涉嫌在病房內虐打一名被捕長者，被控一項公職人員行為失當罪。")
    assert ("陳大文", "charged", "other") in found
    assert not {f for f in found if f[1] == "arrested"}


def test_a_district_that_starts_with_a_surname_is_no_name() -> None:
    found = facts("學生張志強被控於去年10月1日在黃大仙紀律部隊宿舍外參與暴動。")
    assert found == {("張志強", "charged", "riot")}
    assert not facts("警方在何文田及馬鞍山拘捕多人，被控暴動罪。")


def test_a_court_granting_bail_to_the_names_it_holds() -> None:
    found = facts("裁判官今日批准陳大文及同案的李小明保釋，何家輝則須還柙。")
    assert {f for f in found if f[1] == "bail_granted"} == {
        ("陳大文", "bail_granted", ""),
        ("李小明", "bail_granted", ""),
    }
    # the rest is not the two held back
    assert not {
        f
        for f in facts("除了陳大文和李小明須繼續還柙，裁判官批准其餘9人以原有條件保釋。")
        if f[1] == "bail_granted"
    }


def test_per_count_terms_beside_a_total_are_its_parts() -> None:
    body = (
        "就陳大文承認一項組織未經批准集結罪，法庭判處監禁11.5個月；"
        "李小明承認一項參與未經批准集結罪，判監8個月。"
        "故陳大文的總刑期為13.5個月監禁，李小明的總刑期為10個月監禁。"
    )
    assert {f for f in facts(body) if f[1] == "sentence"} == {
        ("陳大文", "sentence", "13.5"),
        ("李小明", "sentence", "10"),
    }
    # without a total, each term stands
    assert ("陳大文", "sentence", "11.5") in facts(body.split("故")[0])
    # a suspended term just after the comma is still suspended
    assert not facts("第三被告陳大文被判囚12個月，緩刑2年。")
    assert ("陳大文", "sentence", "8") in facts("陳大文被判監8個月，不獲緩刑。")


def test_the_arrest_of_a_named_person_in_english() -> None:
    found = facts("Her fears grew after the raid and the arrest of founder Jimmy Lai in August.")
    assert ("Jimmy Lai", "arrested", "") in found
