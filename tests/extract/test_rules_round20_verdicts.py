"""Verdicts and terms missed on dev draws 1-37 (issue #16, twentieth round, `extract56`):
a court's ruling with named objects, a lone surname after a time word, a term in months
and days. Every sentence here is invented."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._text import parse_term
from tests.extract._facts import triples

NAMES = Gazetteer(
    {name: f"lr-test-{i}" for i, name in enumerate(["陳大文", "李小明", "張志強", "黃美玲"])}
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-03-01")


def verdicts(body: str) -> set[tuple[str, str]]:
    return {(person, value) for person, kind, value in facts(body) if kind == "verdict"}


def test_the_names_a_court_rules_on_right_after_its_ruling_are_convicted() -> None:
    assert verdicts("區域法院法官今日裁定陳大文罪名成立。") == {("陳大文", "convicted")}


def test_a_listed_object_described_before_and_followed_by_its_offence_across_a_comma() -> None:
    body = (
        "今年4月，區域法院裁定資深社運人士陳大文、李小明、及另4人就一場2019年8月的遊行，"
        "參與未經批准集結罪名成立。"
    )
    assert verdicts(body) == {("陳大文", "convicted"), ("李小明", "convicted")}


def test_the_object_of_the_ruling_not_the_subject_of_an_earlier_charge() -> None:
    body = "陳大文被控暴動罪，法官今日裁定李小明罪名成立。"
    assert ("李小明", "convicted") in verdicts(body)
    assert ("陳大文", "convicted") not in verdicts(body)


def test_a_name_between_the_object_and_the_verdict_makes_the_object_unplain() -> None:
    # whose verdict it is is not plain: neither the object nor the one it names
    assert verdicts("法官裁定陳大文襲擊李小明的罪名成立。") == set()


def test_a_lone_surname_before_a_time_word_and_a_passive_is_the_one_named() -> None:
    body = (
        "2014年，外傭被揭發被僱主黃美玲毆打。"
        "黃最終被裁定嚴重傷害他人身體等共19罪成，判囚6年、罰款15,000元。"
    )
    assert {("黃美玲", "verdict", "convicted"), ("黃美玲", "sentence", "72")} <= facts(body)


def test_a_term_of_months_and_days() -> None:
    assert parse_term("判囚3個月6日") == 3.2
    assert parse_term("判囚三個月零六日") == 3.2
    assert parse_term("判囚3個月，6日後再訊") == 3.0


def test_the_titled_defendant_takes_a_total_stated_of_the_defendant() -> None:
    """被告…共被判監禁16個月 is a total (共被判), and the one person titled 被告 takes it
    (hkcnews-43283: 被告40歲男子孫寶德)."""
    body = (
        "被告40歲男子孫寶德，案發時為足球會時任主席。\n\n"
        "被告今（12日） 在區域法院承認全部24項控罪，包括20項偽造虛假文書等，共被判監禁16個月。\n\n"
        "法官指，各以監禁2年為量刑起點，認罪扣減刑期後判囚16個月；另判囚8個月。"
    )
    found = extract_text(article_id="x", body=body, published=None, names=Gazetteer())
    assert ("孫寶德", "16") in {(p.person, p.value) for p in found if p.kind == "sentence"}
    assert {p.value for p in found if p.kind == "sentence"} == {"16"}


def test_a_precedent_s_defendant_is_not_refused_bail() -> None:
    """引述…唐英傑的案例，總裁判官蘇惠德最終拒絕保釋申請: the refusal is of this case's
    defendant, not of the precedent's (hkcnews-35883, a pool article and two copies)."""
    body = (
        "被稱「第二代美國隊長」的馬俊文，遭警方以「煽動他人分裂國家罪」起訴，今日提堂。\n\n"
        "控方反對辯方保釋申請，並引述首宗港區國安法案件、「光時旗」電單車手唐英傑的案例，"
        "總裁判官蘇惠德最終拒絕保釋申請，案件押後再訊。"
    )
    names = Gazetteer({"唐英傑": "lr-test-0", "馬俊文": "lr-test-1"})
    found = extract_text(article_id="x", body=body, published=None, names=names)
    assert not [p for p in found if p.person == "唐英傑"]
