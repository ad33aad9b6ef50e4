"""Group subjects resolved to the members the article names (issue #16, groups21): the
shapes of the archive's sentences, on invented people."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

PEOPLE = ("陳大文", "李小明", "何家輝", "張美玲", "黃志強", "林國華")
NAMES = Gazetteer({name: f"p-{i}" for i, name in enumerate(PEOPLE)})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-07-06", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_a_listing_no_trigger_cues_resolves_a_count_before_it() -> None:
    # 11人全不認罪。… 11 名被告為，韋梓灝、何國禧… (a space before 名, a comma after 為)
    body = (
        "5人分別各被控一項參與非法集結。\n\n"
        "5人全不認罪。\n\n"
        "辯方律師稱本案爭議點在於被告的身分。\n\n"
        "5 名被告為，陳大文、李小明、何家輝、張美玲及黃志強。"
    )
    found = facts(body)
    assert {(n, "plea", "not_guilty") for n in PEOPLE[:5]} <= found
    assert ("林國華", "plea", "not_guilty") not in found


def test_except_one_the_rest_of_a_list_split_by_roles() -> None:
    # 除了黎智英，12人各另被控…, the thirteen listed before under roles and semicolons
    body = (
        "第一批案件涉及其中4名被告，包括多名常委：主席陳大文、副主席李小明；"
        "副召集人何家輝，以及創辦人張美玲。"
        "除了張美玲，3人各另被控一項「明知而參與未經批准集結」。"
    )
    found = facts(body)
    assert {(n, "charged", "unauthorised_assembly") for n in PEOPLE[:3]} <= found
    assert ("張美玲", "charged", "unauthorised_assembly") not in found


def test_except_one_needs_the_count_to_agree() -> None:
    body = (
        "第一批案件涉及其中4名被告，包括多名常委：主席陳大文、副主席李小明；"
        "副召集人何家輝，以及創辦人張美玲。"
        "除了張美玲，5人各另被控一項「明知而參與未經批准集結」。"
    )
    found = facts(body)
    assert not any(value == "unauthorised_assembly" for _, _, value in found)


def test_a_counted_group_then_all_its_members_after_the_trigger() -> None:
    # 涉及其中13名被告，各被票控一項「…」，包括多名支聯會常委：主席李卓人…；…以及…黎智英
    body = (
        "第一批案件涉及其中4名被告，各被票控一項「煽惑他人明知而參與非法集結」，"
        "包括多名常委：主席陳大文、副主席李小明；副召集人何家輝，以及創辦人張美玲。"
    )
    found = facts(body)
    assert {(n, "charged", "unlawful_assembly") for n in PEOPLE[:4]} <= found


def test_a_counted_group_and_a_list_of_another_size_is_no_one() -> None:
    # four names for a group of six: some of them, not the group
    body = (
        "第一批案件涉及其中6名被告，各被票控一項「煽惑他人明知而參與非法集結」，"
        "包括多名常委：主席陳大文、副主席李小明；副召集人何家輝，以及創辦人張美玲。"
    )
    found = facts(body)
    assert not any(kind == "charged" for _, kind, _ in found)


def test_a_listing_cut_by_semicolons_resolves_a_count_elsewhere() -> None:
    # 7名被告依次為：葉嘉祺（27歲、司機）；何志豪（28歲、裝修工人）；… then 7名被告全部獲准保釋
    body = (
        "4人被控「作出一項或一連串傾向並意圖妨礙司法公正的作為」。\n\n"
        "4名被告依次為：陳大文（27歲、司機）；李小明（28歲、裝修工人）；"
        "何家輝（32歲、議員助理）；張美玲（33歲、行政主任）。\n\n"
        "4名被告全部獲准保釋，案件押後至4月27日在區域法院再訊。"
    )
    found = facts(body)
    assert {(n, "bail_granted", "") for n in PEOPLE[:4]} <= found
    assert {(n, "charged", "other") for n in PEOPLE[:4]} <= found


def test_a_listing_then_other_people_is_no_listing() -> None:
    # 四名被告依次為：A、B、C及D；分別由大律師E、F…代表: six names for a count of four
    body = (
        "4名被告全部獲准保釋。\n\n"
        "4名被告依次為：陳大文（27歲）；李小明（28歲）；何家輝（32歲）；"
        "分別由大律師張美玲、黃志強及林國華代表。"
    )
    found = facts(body)
    assert not any(kind == "bail_granted" for _, kind, _ in found)


def test_a_pronoun_after_a_listing_split_by_a_comma_is_all_of_it() -> None:
    # 五名被告依次為案發時21歲的劉晉旭、符凱晴、高梓斌，案發時分別18和20歲的陳歷釋和許貽顓，
    # 他們被指…參與暴動，另各被控一項在「非法集結中使用蒙面物品」
    body = (
        "四名被告依次為案發時21歲的陳大文、李小明，案發時分別18和20歲的何家輝和張美玲，"
        "他們被指於前年11月11日在中文大學一帶參與暴動，另各被控一項在「非法集結中使用蒙面物品」。"
    )
    found = facts(body)
    assert {(n, "charged", "other") for n in PEOPLE[:4]} <= found


def test_a_pronoun_after_a_listing_of_another_size_is_not_all_of_it() -> None:
    body = (
        "五名被告依次為案發時21歲的陳大文、李小明，案發時分別18和20歲的何家輝和張美玲，"
        "他們被指於前年11月11日在中文大學一帶參與暴動，另各被控一項在「非法集結中使用蒙面物品」。"
    )
    found = facts(body)
    assert ("陳大文", "charged", "other") not in found
