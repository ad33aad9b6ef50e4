"""Charges stated as faced (面對…控罪) and a quoted nickname written alone (issue #16,
`face21`). Each sentence is quoted from the Citizen News archive (dev draws or the pool)."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._face_charges import facing_charges

PEOPLE = "許智峯 尹兆堅 黃碧雲 張超雄 胡志偉 陳志全 朱凱廸 杜啟華 黎智英 伍健偉 梁國雄 黃浩銘"
NAMES = Gazetteer({name: f"lr-person-{i}" for i, name in enumerate(PEOPLE.split())})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-06-01", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def charges(body: str) -> set[tuple[str, str]]:
    return {(person, value) for person, kind, value in facts(body) if kind == "charged"}


def test_a_group_facing_a_named_offence_is_its_listing_charged() -> None:
    said = charges(
        "多名民主派議員因立法會內抗議面對包括藐視罪在內的控罪，包括已流亡澳洲的許智峯、"
        "民主黨尹兆堅、黃碧雲、張超雄、胡志偉，陳志全和朱凱廸（2020年5月內務委員會抗議）。"
    )
    # the 包括 listing ends at the comma (胡志偉，陳志全和朱凱廸): the last two are the
    # listing machinery's limit, not this rule's; the article charges them elsewhere
    names = ["許智峯", "尹兆堅", "黃碧雲", "張超雄", "胡志偉"]
    assert said == {(name, "other") for name in names}


def test_counted_charges_faced_are_charges() -> None:
    said = charges("杜啟華面對4項控罪，分別為公眾地方內擾亂秩序行為、襲警、有意圖而傷人。")
    assert said == {("杜啟華", "other")}
    said = charges("黎智英則面對勾結外國勢力干預、8.18流水式集會及串謀詐騙等至少8宗控罪。")
    assert ("黎智英", "collusion") in said


def test_what_may_be_faced_is_no_charge() -> None:
    # a penalty in the words: dev draw 9 labels nothing here
    assert not charges("自己本身是一個暴動罪被告，戰友伍健偉又面對唔知坐幾多年的國安法控罪。")
    assert not list(facing_charges(fold("黎智英一旦定罪將面對判處入獄")))
    assert not list(facing_charges(fold("「自衛」無論面對暴動罪或串謀傷人罪都適用")))
    # the counted charges faced are read; the penalty one may face (可面對…監禁) is not
    hits = list(facing_charges(fold("三人面對九項控罪，同期執行的話可面對最高20年監禁")))
    assert [h.value for h in hits] == ["other"]


def test_charges_with_neither_count_nor_offence_are_not_read() -> None:
    assert not list(facing_charges(fold("由早到晚馬不停蹄面對不同控罪")))
    assert not list(facing_charges(fold("早前總統溫敏面對同樣控罪，指他違反防疫措施")))
    assert not list(facing_charges(fold("尤其是面對更嚴重控罪、承受更大精神和家庭壓力的手足")))


def test_a_quoted_nickname_tied_to_a_name_is_that_person() -> None:
    body = (
        "社民連「長毛」梁國雄2016年在立法會搶去官員文件被控藐視立法會。\n\n"
        "因爲初選案而還柙多日的「長毛」頭髮稍白，眼神稍微顯得疲累，"
        "梁國雄妻子陳寶瑩與黨友黃浩銘隔著玻璃問細節。"
    )
    said = facts(body)
    assert ("梁國雄", "custody", "remanded") in said
    assert not any(person == "黃浩銘" for person, _, _ in said)


def test_a_nickname_the_article_never_ties_stays_unread() -> None:
    assert not facts("因爲初選案而還柙多日的「長毛」頭髮稍白。")


def test_a_nickname_glued_after_a_name_adds_no_second_mention() -> None:
    body = (
        "6名受審被告為黃浩銘（48歲）及「長毛」梁國雄（57歲）。\n\n"
        "黃浩銘及梁國雄「長毛」被控於元朗西鐵站J出口參與暴動及串謀有意圖傷人。"
    )
    said = charges(body)
    assert ("黃浩銘", "riot") in said
    assert ("梁國雄", "riot") in said


def test_a_question_quoted_inside_a_sentence_is_not_its_own() -> None:
    # the sentence splitter cuts at the quoted ？; what comes before it is still read
    body = (
        "社民連「長毛」梁國雄2016年在立法會搶去官員文件被控藐視立法會。\n\n"
        "因爲初選案而還柙多日的「長毛」頭髮稍白，陳關心問：「夠唔夠衫？收音機有未？」"
    )
    assert ("梁國雄", "custody", "remanded") in facts(body)
    assert not facts("黃浩銘問：「梁國雄還柙了嗎？")
    # a rhetorical question quoted as the speaker's comment keeps the sentence a question
    said = facts("法官質疑，被控違反國安法的被告黃浩銘卻因此被拒絕保釋，「這不是幾奇怪嗎？")
    assert not said
