"""Classes of wrong suggestions found in extract33 (issue #16) on the fresh draws and dev
draw 26, counted over the unlabelled court-keyword pool; each on an invented article."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer(
    {
        "譚得志": "lr-test-tam",
        "快必": "lr-test-tam",
        "楊清奇": "lr-test-yeung",
        "李平": "lr-test-yeung",
        "馬俊文": "lr-test-ma",
        "第二代美國隊長": "lr-test-ma",
        "梁國雄": "lr-test-leung",
    }
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-06-28")


def test_a_nickname_beside_the_full_name_is_the_full_names() -> None:
    body = "「快必」譚得志去年9月被捕。快必其後被拒絕保釋，須還柙。"
    assert facts(body) == {
        ("譚得志", "arrested", ""),
        ("譚得志", "bail_denied", ""),
        ("譚得志", "custody", "remanded"),
    }


def test_a_pen_name_beside_the_full_name_is_the_full_names() -> None:
    body = "主筆李平今晨被捕。\n\n主筆楊清奇（筆名李平）其後被拒絕保釋。"
    assert facts(body) == {("楊清奇", "arrested", ""), ("楊清奇", "bail_denied", "")}


def test_a_pen_name_alone_stays_as_written() -> None:
    assert facts("《蘋果日報》主筆李平今晨被捕。") == {("李平", "arrested", "")}


def test_a_full_name_is_preferred_to_a_longer_nickname() -> None:
    body = "「第二代美國隊長」馬俊文被還柙。第二代美國隊長去年被捕。"
    assert {person for person, _, _ in facts(body)} == {"馬俊文"}


def test_variant_characters_are_one_person_under_the_first_spelling() -> None:
    body = "岑子杰被控串謀顛覆國家政權罪。岑子傑其後被拒絕保釋。"
    assert facts(body) == {("岑子杰", "charged", "subversion"), ("岑子杰", "bail_denied", "")}


def test_an_unnamed_nsl_charge_under_the_other_spelling_is_dropped() -> None:
    body = "岑子杰被控串謀顛覆國家政權罪。\n\n岑子傑被控違反國安法。"
    assert facts(body) == {("岑子杰", "charged", "subversion")}


def test_a_lawyer_helping_the_arrested_is_not_arrested() -> None:
    body = "有份協助被捕人士的義務律師陳志明表示，警方向多名被捕人士檢取唾液樣本。"
    assert facts(body) == set()
    # a lawyer who is a defendant still is one
    assert facts("律師陳志明今早被捕。") == {("陳志明", "arrested", "")}


def test_an_assistant_is_arrested_not_the_one_they_assist() -> None:
    body = "警方以協助罪犯拘捕9人，包括立法會前議員梁國雄前助理唐婉清、本土民主前線成員鍾雪瑩等。"
    assert facts(body) == {("唐婉清", "arrested", ""), ("鍾雪瑩", "arrested", "")}


def test_an_assistant_in_a_listing_stays_in_its_group() -> None:
    body = "5名被告分別為連桷璋、文念志、姚鈞豪、議員助理蘇揚浚及攝影師蔡健瑜，他們同被控非法集結。"
    charged = {person for person, kind, _ in facts(body) if kind == "charged"}
    assert charged == {"連桷璋", "文念志", "姚鈞豪", "蘇揚浚", "蔡健瑜"}


def test_someones_unnamed_students_are_not_them() -> None:
    assert facts("袁偉傑說自己也有學生被捕，被控暴動，認為官民都要反思。") == set()
    assert facts("黃之鋒等學生今早被捕。") == {("黃之鋒", "arrested", "")}
