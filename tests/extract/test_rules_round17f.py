"""Facts lost because a person is not found or not resolved (extract34, issue #16): a
name joined to a found one that jieba splits, and a lone surname; excerpts of pool and
dev articles."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-02-27")


def test_the_second_name_of_a_pair_is_read() -> None:
    body = "另外同被控暴動的本土民主前線黃台仰和李東昇，在2018年獲德國批出難民庇護申請。"
    found = facts(body)
    assert ("黃台仰", "charged", "riot") in found
    assert ("李東昇", "charged", "riot") in found


def test_every_name_of_a_listing_is_read_past_a_split_one() -> None:
    body = (
        "王志榮、黃英傑、林觀良、林啟明、鄧英斌及蔡立基被控本案首兩項控罪，"
        "即暴動罪及有意圖而傷人罪。"
    )
    found = facts(body)
    for name in ("林觀良", "林啟明", "鄧英斌", "蔡立基"):
        assert (name, "charged", "riot") in found


def test_a_name_of_rare_characters_in_a_listing() -> None:
    body = (
        "32名保釋被拒的被告中，有7人放棄8天內就保釋決定上訴的權利，包括：趙家賢、鍾錦麟、"
        "劉澤鋒、李嘉達、譚凱邦、劉頴匡、范國威。"
    )
    found = facts(body)
    assert ("劉頴匡", "bail_denied", "") in found
    assert ("范國威", "bail_denied", "") in found


def test_a_relative_or_a_word_after_the_joiner_is_no_name() -> None:
    body = "同案獲保釋的楊雪盈、郭家麒太太、張超雄等，以及數十名旁聽人士一早來到法院入庭旁聽。"
    assert not any(person.startswith("郭家") for person, _, _ in facts(body))
    body = (
        "8人暫未被起訴，包括美籍律師關尚義、民主黨前議員鄺俊宇及涂謹申、"
        "嚴重弱智人士家長協會前主席李芝融。"
    )
    assert not any(person.startswith("嚴重") for person, _, _ in facts(body))


def test_a_lone_surname_before_yu_is_the_one_so_named() -> None:
    body = (
        "案件共有3名被告，依次為報稱酒保的譚百熙（22歲）、報稱游泳教練的陳舜堯（31歲），"
        "以及報稱學生的王國斌（23歲）。控方又稱，王於2016年11日3日在油麻地被捕。"
    )
    assert ("王國斌", "arrested", "") in facts(body)


def test_an_unresolved_surname_keeps_its_clause_from_the_name_before() -> None:
    # two 陳 are named: 陳 is neither, and its verdict and term are not 王國斌's
    body = (
        "三名被告譚百熙、陳舜堯及王國斌，於2019年被捕。被告為28歲陳俊樂，被控於2016年2月9日"
        "在九龍豉油街，連同其他人參與暴動。\n\n其中譚在答辯時承認暴動罪，最終判囚3年；"
        "王在開審時承認兩項刑事損壞罪，被判囚3年；陳被控一項縱火罪，審訊裁定罪成，"
        "判囚2年5個月。"
    )
    found = facts(body)
    assert ("王國斌", "arrested", "") in found
    assert ("王國斌", "sentence", "36") in found
    assert ("王國斌", "sentence", "29") not in found
    assert ("王國斌", "verdict", "convicted") not in found
