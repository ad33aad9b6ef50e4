"""Classes of missed and wrong suggestions found in the ninth round (issue #16), on the
ninth dev draw and counted over the unlabelled court-keyword pool; each on an invented
sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer({name: f"lr-test-{i}" for i, name in enumerate(["陳大文", "李小明"])})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-07-06", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_a_name_jieba_cuts_short_is_the_full_name_the_article_writes() -> None:
    # 均 ("all") ends no name elsewhere; before an age, and written so twice, it does
    body = (
        "本案3名被告，分別為陳大文（24歲）、李小明（26歲）及郭志均（25歲）。\n\n"
        "其中郭志均另被控一項刑事損壞罪。"
    )
    found = facts(body)
    assert ("郭志均", "charged", "other") in found
    assert not any(person == "郭志" for person, _, _ in found)


def test_a_short_name_the_article_also_writes_alone_stays_short() -> None:
    # 郭志 is written alone once: the article gives no longer name for it
    found = facts("郭志均被控暴動。郭志被捕。")
    assert not any(person == "郭志均" for person, _, _ in found)


def test_the_legislative_council_chamber_and_other_offences() -> None:
    assert ("陳大文", "charged", "other") in facts(
        "陳大文被控進入或逗留在會議廳範圍，案件押後再訊。"
    )
    assert ("李小明", "charged", "other") in facts("李小明被控危險駕駛導致他人身體受嚴重傷害。")
    assert ("陳大文", "charged", "other") in facts(
        "陳大文被控在公眾地方作出擾亂秩序行為，今日提堂。"
    )
