"""Classes of wrong suggestions found in extract20 (issue #16), on fresh unlabelled draws
(seeds 3101 and 3102) and counted over the unlabelled court-keyword pool; each on an
invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._lexicon import mainland_leaning

NAMES = Gazetteer({name: f"lr-test-{i}" for i, name in enumerate(["陳大文", "李小明"])})

# an account of a mainland detention: lawyers turned away at the detention centre
MAINLAND_ACCOUNT = (
    "四名內地律師周一到深圳鹽田看守所要求會見當事人，看守所拒絕安排。\n\n"
    "律師其後到公安局投訴，公安局派人登記。內地司法局翌日約談律師，要求退出。\n\n"
    "有律師指看守所及公安均未有回覆，深圳當局亦未交代案情。\n\n"
    "香港的家屬仍在等候消息，港人關注組亦表關注。\n\n"
)


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2020-09-23", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_an_article_leaning_to_the_mainland_reads_a_placeless_arrest_as_its_own() -> None:
    body = MAINLAND_ACCOUNT + "被捕的兩人名單，包括陳大文及李小明。"
    assert mainland_leaning(body)
    assert not any(kind == "arrested" for _, kind, _ in facts(body))


def test_a_hong_kong_arrest_in_such_an_article_stays() -> None:
    body = MAINLAND_ACCOUNT + "陳大文早前在香港被捕，案件在西九龍裁判法院提堂。"
    assert mainland_leaning(body)
    assert ("陳大文", "arrested", "") in facts(body)


def test_an_article_that_names_hong_kong_as_often_is_not_leaning() -> None:
    body = (
        "陳大文在香港被捕，案件在西九龍裁判法院提堂，律政司反對保釋。\n\n"
        "香港法院押後案件，本港律師指荔枝角收押所已安排探訪。\n\n"
        "其家人早年在深圳及廣州工作，曾在廣東居住，亦曾到湖南、四川及雲南旅行。"
    )
    assert not mainland_leaning(body)
    assert ("陳大文", "arrested", "") in facts(body)


def test_a_judge_named_so_once_is_not_the_defendant_where_the_title_is_left_out() -> None:
    body = (
        "國安法指定法官陳大文今日處理李小明的保釋申請。\n\n"
        "陳大文最後決定拒絕被告的保釋申請，李小明須即時還柙。"
    )
    found = facts(body)
    assert not any(person == "陳大文" for person, _, _ in found)
    assert ("李小明", "custody", "remanded") in found


def test_a_senior_police_officer_is_not_the_arrested_one() -> None:
    body = "警方總督察陳大文今日見記者。\n\n陳大文提到，被捕男子名下共有兩個住宅物業。"
    assert ("陳大文", "arrested", "") not in facts(body)


def test_a_police_sergeant_on_trial_is_still_a_defendant() -> None:
    # 警長 and 督察 are ranks that stand trial: they make no one an official
    body = "男警長陳大文（44歲）今日在區域法院應訊。\n\n陳大文被控兩項妨礙司法公正罪。"
    assert ("陳大文", "charged", "other") in facts(body)


def test_a_pronoun_after_a_companion_clause_is_the_sentence_subject() -> None:
    # 與…的李小明 is 陳大文's companion: 他 in the next sentence is 陳大文
    body = (
        "陳大文四年前當選議員，但因宣誓風波，與同屬一黨的李小明，被取消議員資格。"
        "他及後被指衝擊會議室，今年9月被裁定非法集結罪成。"
    )
    found = facts(body)
    assert ("陳大文", "verdict", "convicted") in found
    assert ("李小明", "verdict", "convicted") not in found
