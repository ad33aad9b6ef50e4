"""Facts stated of 被告 in an article that names its one defendant only beside the word
被告 (`_titled.py`, extract50, issue #16): short excerpts shaped like hkcnews-43283 and the
cases the rule must leave alone."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"孫寶德": "lr-test-0", "陳俊輝": "lr-test-1"})

#: The paragraph that names the defendant, with no trigger of its own (hkcnews-43283).
TITLE = "\n\n被告40歲男子孫寶德，案發時為足球會時任主席，聯賽賽制訂明每隊需付會費。"


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-07-12")


def test_a_fact_of_the_defendant_before_the_paragraph_that_names_him() -> None:
    lede = "「CJ足球會」40歲時任主席偽造多張身份證開設帳戶。被告今日在區域法院承認全部24項控罪。"
    assert ("孫寶德", "plea", "guilty") in facts(lede + TITLE)


def test_a_fact_of_the_defendant_after_his_name() -> None:
    later = "\n\n控方指被告成功抽中場地後轉售。被告今日在區域法院承認全部24項控罪。"
    assert ("孫寶德", "plea", "guilty") in facts(TITLE + later)


def test_the_word_defendant_in_brackets_after_the_name() -> None:
    body = "孫寶德（被告）案發時為足球會主席。\n\n被告今日在區域法院承認全部控罪。"
    assert ("孫寶德", "plea", "guilty") in facts(body)


def test_not_when_the_article_reports_two_cases() -> None:
    # 同一天審理的兩宗案件，一位被告…，一位被告… (hkcnews-34752): 被告 may be the other
    body = (
        "同一天審理的兩宗案件，一位被告被控發表煽動文字罪名。被告今日在裁判法院承認控罪。" + TITLE
    )
    assert ("孫寶德", "plea", "guilty") not in facts(body)


def test_not_when_two_people_are_titled_defendant() -> None:
    body = TITLE + "\n\n被告陳俊輝案發時為學生。\n\n被告今日在區域法院承認全部控罪。"
    found = facts(body)
    assert ("孫寶德", "plea", "guilty") not in found
    assert ("陳俊輝", "plea", "guilty") not in found


def test_not_a_name_after_a_relative_of_the_defendant() -> None:
    # 被告的妻子陳俊輝: the gap holds 的, so 陳俊輝 is not titled, and 孫寶德 stays the one
    body = (
        TITLE
        + "\n\n被告的妻子陳俊輝到庭旁聽。\n\n控方指被告成功抽中場地後轉售。"
        + "被告今日在區域法院承認全部控罪。"
    )
    found = facts(body)
    assert ("孫寶德", "plea", "guilty") in found
    assert ("陳俊輝", "plea", "guilty") not in found


def test_the_article_s_one_term_of_the_defendant() -> None:
    # A term of 被告 is the titled defendant's when it is the article's one term or its
    # total (as `_focus.py` holds it). It was left out until terms in months and days were
    # read (判囚3個月6日, hkcnews-34752, read as 3 months before extract56).
    later = "\n\n控方指被告成功抽中場地後轉售。被告今日在區域法院被判囚16個月。"
    assert ("孫寶德", "sentence", "16") in facts(TITLE + later)


def test_not_a_term_of_the_defendant_among_others() -> None:
    # two terms and no total: which is the sentencing's is not said
    later = "\n\n被告今日在區域法院被判囚16個月。另一項控罪判囚8個月。"
    assert not {f for f in facts(TITLE + later) if f[1] == "sentence"}
