"""A case in another country is out of scope, as the mainland's is (`_abroad.py`): a
sentence that names a foreign country's justice or a place whose cases are never Hong
Kong's, and nothing of Hong Kong, is not read; an article that names two such and nothing
of Hong Kong is not read at all. A Hong Kong case told with a foreign word stays.
extract38, issue #16, the unlabelled pool; excerpts of one or two sentences."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer
from lionrock.library.extract._abroad import abroad_only, abroad_sentence
from tests.extract._facts import triples

NAMES = Gazetteer(
    {
        "鄭南榕": "lr-test-0",
        "張浩然": "lr-test-1",
        "譚戴林": "lr-test-2",
        "黎智英": "lr-test-3",
        "陳同佳": "lr-test-4",
        "周庭": "lr-test-5",
        "潘納蓬": "lr-test-6",
        "Sergei Tikhanovsky": "lr-test-7",
        "Jim Deupree": "lr-test-8",
    }
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2020-10-20")


def test_a_case_before_taiwan_s_authorities_is_not_read() -> None:
    body = (
        "1989年4月7日，台灣政論雜誌《自由時代週刊》總編輯鄭南榕為爭取百分之百的言論自由，"
        "遭台灣當局控以叛亂罪，鄭南榕拒絕被捕，在雜誌社自囚71天後，選擇以最激烈的自焚表達抗議，"
        "不幸身亡。"
    )
    assert facts(body) == set()


def test_an_arrest_in_belarus_is_not_read() -> None:
    body = (
        "執政聯盟拘捕並取消了Youtube博客Sergei Tikhanovsky參選資格，戴雅門指出，"
        "反對陣營並無杯葛選舉，如今白俄羅斯陷入嚴重管治危機。"
    )
    assert facts(body) == set()


def test_an_arrest_abroad_with_an_extradition_is_not_read() -> None:
    body = (
        "同案兩名被告張浩然及譚戴林涉及透過電腦遊戲入侵他人電腦及詐騙控罪，"
        "該案中有兩名馬拉西亞商人在當地被捕，美國已申請將他們引渡到美國受審。"
    )
    assert facts(body) == set()


def test_a_united_states_federal_prison_s_inmate_is_not_read() -> None:
    body = (
        "美國佛羅里達州一所聯邦監獄裡也有過這樣的一個故事，Jim Deupree因酗酒步入人生低谷，"
        "因盜竊及搶劫銀行被捕，先後進出監獄7、8次。"
    )
    assert facts(body) == set()


def test_an_article_of_thailand_s_arrests_with_nothing_of_hong_kong_is_not_read() -> None:
    body = (
        "泰國當局宣布曼谷進入緊急狀態後，防暴警員驅散示威者。\n\n"
        "另外，有報道指藍康恒大學學生領袖潘納蓬（Phanuphong Jadnok）亦被捕。"
    )
    assert abroad_only(fold(body))
    assert facts(body) == set()


def test_a_foreign_leader_s_answer_about_a_hong_kong_arrest_stays() -> None:
    body = (
        "美國總統特朗普周四在白宮記者會回應壹傳媒集團創辦人黎智英被拘捕時表示，"
        "「這是一件可怕的事」。"
    )
    assert ("黎智英", "arrested", "") in facts(body)


def test_a_japanese_ranking_of_a_hong_kong_arrest_stays() -> None:
    body = "周庭被捕，不但迅速被日媒以突發報道，支持周庭的hashtag一度登上twitter的日本排行榜。"
    assert ("周庭", "arrested", "") in facts(body)


def test_a_release_in_hong_kong_beside_taiwan_s_authorities_stays() -> None:
    # 台灣當局 is a cue, and 台港 says Hong Kong: the release is from a Hong Kong prison
    body = (
        "涉嫌在台殺害女友的陳同佳出獄後一直未赴台投案，"
        "而台灣當局一直堅持陳不能自由行赴台，而必須台港政府接洽。"
    )
    assert not abroad_sentence(fold(body))
    assert ("陳同佳", "released", "") in facts(body)


def test_a_country_s_name_alone_is_no_cue() -> None:
    assert not abroad_sentence(fold("黃台仰和李東昇在2018年獲德國批出難民庇護申請。"))
    assert abroad_sentence(fold("遭台灣當局控以叛亂罪"))
