"""Relative clauses whose head is a pronoun or, after a copula, a kind of person (issue #16,
reach21): the shapes of the archive's sentences, on invented people."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

PEOPLE = ("陳大文", "李小明", "何家輝")
NAMES = Gazetteer({name: f"p-{i}" for i, name in enumerate(PEOPLE)})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-05-01", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_a_term_qualifying_he_is_the_one_named_before() -> None:
    # …的李卓人總會上街…，但因8.18及8.31兩案被判囚14個月的他，今年要缺席了。
    body = "投身工運逾40年的陳大文總會上街，但因兩案被判囚14個月的他，今年要缺席了。"
    assert ("陳大文", "sentence", "14") in facts(body)


def test_a_verdict_qualifying_he_is_the_one_named_before() -> None:
    # 黎智英則因另涉國安法案件須繼續還柙，但已罪成的他，明天將是首度面對判刑。
    body = "陳大文則因另涉國安法案件須繼續還柙，但已罪成的他，明天將是首度面對判刑。"
    assert ("陳大文", "verdict", "convicted") in facts(body)


def test_he_after_two_people_is_neither() -> None:
    body = "陳大文與李小明上街，但因兩案被判囚14個月的他，今年要缺席了。"
    found = facts(body)
    assert ("陳大文", "sentence", "14") not in found
    assert ("李小明", "sentence", "14") not in found


def test_a_copula_makes_the_name_the_convicted_kind_of_person() -> None:
    # 劉家棟是反送中運動首位阻差辦公罪成的社工。
    body = "個子不高，身型單薄，陳大文是反送中運動首位阻差辦公罪成的社工。"
    assert ("陳大文", "verdict", "convicted") in facts(body)


def test_no_copula_keeps_a_kind_of_person_no_one() -> None:
    # 陳大文探望…罪成的社工: the social workers are others
    body = "陳大文今日探望多名阻差辦公罪成的社工。"
    assert ("陳大文", "verdict", "convicted") not in facts(body)


def test_a_copula_does_not_make_an_arrest() -> None:
    # 吾爾開希是當年…未被捕的學生領袖之一: not arrest or charge shapes
    body = "陳大文是當年首位被捕的學生領袖。"
    assert ("陳大文", "arrested", "") not in facts(body)


def test_found_guilty_in_words_the_lexicon_lacked() -> None:
    # 諷刺黎智英等人被判罪; 他被判有罪，判處…
    assert ("陳大文", "verdict", "convicted") in facts("法院外，有人諷刺陳大文被判罪。")
    assert ("陳大文", "verdict", "convicted") in facts("陳大文被判有罪，須即時還柙。")


def test_found_guilty_as_a_condition_is_no_verdict() -> None:
    assert ("陳大文", "verdict", "convicted") not in facts("如果陳大文被判有罪，將會上訴。")
