"""Classes fixed in extract32 (issue #16) on dev draw 25 and the unlabelled court-keyword
pool: who arrests between 被 and 拘捕, an English surname alone, English bail, custody and
NSL charges, 再加控, and a name jieba glues to 指. Each on a short excerpt of an article."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

#: names the record holds, as in `bench/extract.py` (the rules, not the name finder, are tested)
NAMES = Gazetteer({"陳大文": "lr-test-0", "傑斯": "lr-test-1", "蔡立基": "lr-test-2"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-01-05")


def test_the_police_or_a_unit_between_bei_and_the_arrest() -> None:
    body = "何鑑江指，梁貴剛自從當日被警察拘捕後，未曾見過面。"
    assert ("梁貴剛", "arrested", "") in facts(body)
    body = "社民連表示，成員梁國雄、曾健成、鄧世禮今早被重案組上門拘捕。"
    assert {("曾健成", "arrested", ""), ("鄧世禮", "arrested", "")} <= facts(body)
    body = "D100網台主持傑斯昨日再度被警方國家安全處拘捕。"
    assert ("傑斯", "arrested", "") in facts(body)


def test_what_came_before_the_arrest() -> None:
    body = "吳浩榮於零時13分搬動鐵馬衝向警方防線，隨即被警方制服拘捕。"
    assert ("吳浩榮", "arrested", "") in facts(body)
    body = "蔡立基於2020年8月19日被警方通緝，翌日在元朗谷享街被截停及拘捕。"
    assert ("蔡立基", "arrested", "") in facts(body)


def test_a_mainland_agent_is_still_no_arrest() -> None:
    assert not facts("9月23日，12名港人涉潛逃被內地海警拘捕，其後關押在深圳鹽田區看守所。")


def test_a_student_the_police_arrested_is_not_the_names_before() -> None:
    body = (
        "由流亡港人黃台仰、林榮基、鄭文傑和梁繼平牽頭的組織公布，"
        "一名被香港警方以暴動罪拘捕的22歲中大女學生，上周三收到通知。"
    )
    assert not facts(body)


def test_a_name_jieba_glues_to_zhi() -> None:
    body = "何鑑江又指梁貴剛自從當日被警察拘捕過後，他也未曾與梁貴剛見過一面。"
    assert facts(body) == {("梁貴剛", "arrested", "")}


def test_an_english_surname_alone_is_the_one_named_before() -> None:
    body = (
        "Yesterday police revived the old colonial era sedition law to charge activist "
        "“Fast Beat” Tam Tak-chi with the crime of “uttering seditious words”. "
        "Tam has been denied bail and is now sitting in jail awaiting his next hearing."
    )
    assert ("Tam Tak-chi", "bail_denied", "") in facts(body)
    body = (
        "Wu Chi-wai, who was still in remand, was refused to attend his father's funeral.\n"
        "To refuse even such a small favour is to send a political message. "
        "[HKCT note: Wu was granted bail with certain conditions.]"
    )
    assert ("Wu Chi-wai", "bail_granted", "") in facts(body)


def test_a_given_name_alone_or_a_surname_no_one_bore_is_no_one() -> None:
    body = (
        "Supporters were saddened by what happened to Wu Chi-wai, Lam Cheuk-ting, "
        "Andrew Wan Siu-kin and Andrew Chiu Ka-yin.\n"
        "[HKCT note: Andrew was granted bail with certain conditions.]"
    )
    assert not any(kind == "bail_granted" for _, kind, _ in facts(body))
    assert not facts("Lai was arrested for suspected collusion with foreign forces.")


def test_english_bail_an_amount_custody_and_the_nsl() -> None:
    body = "Jimmy Lai was released on a $10-million bail on Dec. 23, granted by the High Court."
    assert ("Jimmy Lai", "bail_granted", "") in facts(body)
    assert ("Jimmy Lai", "custody", "serving_sentence") in facts(
        "Jimmy Lai is serving a jail sentence."
    )
    body = "Next Digital founder Jimmy Lai was charged with the offences under the NSL last year."
    assert ("Jimmy Lai", "charged", "nsl_unspecified") in facts(body)


def test_english_police_bail_is_not_a_courts() -> None:
    assert not facts("Wu Chi-wai was granted police bail.")


def test_a_second_charge_after_zai() -> None:
    body = "《蘋果日報》老闆黎智英被控欺詐，再加控違反國安罪，未審先被拘押。"
    found = facts(body)
    assert {("黎智英", "charged", "other"), ("黎智英", "charged", "nsl_unspecified")} <= found


def test_an_intention_to_plead_is_no_plea() -> None:
    assert not facts("今年5月尾，陳大文於庭上表示擬認罪並要求取消保釋。")
    assert not facts("據悉，蔡耀昌及部分被告傾向認罪。")


def test_a_term_under_the_prcs_own_security_law_is_out_of_scope() -> None:
    body = (
        "生於1949年的程翔，曾經被中共以涉嫌洩露國家機密、違反中國國安法為由，"
        "於2006年被判監5年，2008年獲假釋外出。"
    )
    assert not facts(body)


def test_an_english_false_statement_is_an_offence() -> None:
    body = (
        "Bao Choy, one of the producer, was even charged by the government for making "
        "“false representation” when checking the vehicular license plate."
    )
    assert ("Bao Choy", "charged", "other") in facts(body)


def test_a_pronoun_object_before_the_active_arrest() -> None:
    body = (
        "他憶述上年8月，浸大學生會長方仲賢在深水埗鴨寮街購買觀星筆，被便衣警員截查搜身後，"
        "以「藏有攻擊性武器」之名將其拘捕達近48小時，事後未有被落案起訴。"
    )
    assert ("方仲賢", "arrested", "") in facts(body)
    body = "速龍林上嵐在當日，第二次看見陳虹秀時，決定將她拘捕。"
    assert facts(body) == {("陳虹秀", "arrested", "")}
