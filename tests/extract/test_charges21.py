"""Charges in forms the older rules did not read (issue #16, `charges21`): the offence as
the reason of a bare 被控, 被告 as a verb, a charge sheet's headings, and offences the lexicon
lacked. Each sentence is quoted from the Citizen News archive (dev draws or the pool)."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._charge_forms import charge_forms

PEOPLE = "譚得志 何啟明 柯耀林 陳秉臻 岑曉麟 唐英傑 何詩敏 劉彥德 楊美雲"
NAMES = Gazetteer({name: f"lr-person-{i}" for i, name in enumerate(PEOPLE.split())})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-06-01", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def charges(body: str) -> set[tuple[str, str]]:
    return {(person, value) for person, kind, value in facts(body) if kind == "charged"}


def test_the_offence_as_the_reason_of_a_bare_charge() -> None:
    said = charges("秘書處本身有約6人，但副召集人何啟明、司庫柯耀林因國安法被控後斷絕政治聯繫。")
    assert said == {("何啟明", "nsl_unspecified"), ("柯耀林", "nsl_unspecified")}
    # the offence after 被控 is the older rules': no second offence from the reason
    values = [h.value for h in charge_forms(fold("何啟明因國安法被控暴動罪"))]
    assert values == []


def test_accused_as_a_verb_before_the_offence() -> None:
    said = charges("「快必」譚得志被告發表煽動文字罪，法官不准保釋候審。")
    assert said == {("譚得志", "sedition")}
    said = charges(
        "陳秉臻於2019年10月20日反送中九龍大遊行期間被告襲警及在公眾地方作出擾亂秩序行為罪，"
        "本月中承認三項控罪。"
    )
    assert ("陳秉臻", "other") in said


def test_the_defendant_as_a_noun_is_no_charge() -> None:
    assert not list(charge_forms(fold("區域法院法官裁定被告岑曉麟暴動罪成。")))
    assert not list(charge_forms(fold("法庭最後未能裁定被告暴動罪成，應考慮改控非法集結罪。")))
    assert not list(charge_forms(fold("被告岑曉麟今日否認一項暴動罪和一項襲擊致造成身體傷害罪。")))
    assert not list(charge_forms(fold("判詞指，被告暴動罪的定罪基礎，就是他曾否參與襲擊。")))


def test_charge_sheet_headings_are_the_one_defendants() -> None:
    body = (
        "人民力量副主席譚得志去年9月被國安處拘捕還柙至今，案件今在區域法院開審。\n\n"
        "1月17日—大埔海濱公園集會\n\n"
        "控罪1：煽惑他人參與未經批准集結\n控罪2：發表煽動文字\n\n"
        "控罪3：公眾地方作出擾亂秩序"
    )
    assert charges(body) == {
        ("譚得志", "unauthorised_assembly"),
        ("譚得志", "sedition"),
        ("譚得志", "other"),
    }
    # two defendants: whose heading it is is not said
    two = body.replace("案件今在區域法院開審", "兩名被告案件今在區域法院開審")
    assert not charges(two)


def test_offences_the_lexicon_lacked() -> None:
    said = charges("最後是社工何詩敏和劉彥德被票控「限聚令」，將會透過法庭告訴政府。")
    assert said == {("何詩敏", "other"), ("劉彥德", "other")}
    said = charges("其中例子包括代表被控在中聯辦靜坐阻街的法輪功學員楊美雲等人。")
    assert said == {("楊美雲", "other")}


def test_a_plea_to_named_offences_is_not_read_as_a_charge() -> None:
    # dev labels read such a plea as a charge 4 times of 112 (see `_charge_forms.py`)
    said = facts("唐英傑庭上否認煽動分裂國家罪、恐怖活動罪及危險駕駛三罪。")
    assert ("唐英傑", "plea", "not_guilty") in said
    assert not {f for f in said if f[1] == "charged"}
