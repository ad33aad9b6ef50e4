"""The rules on the hard cases of issue #16 §2, one sentence each, as newsrooms write them
(the Chinese sentences are from Citizen News reports in the shared archive)."""

from __future__ import annotations

import pytest

from lionrock.library.extract import Gazetteer, extract_text, parse_term, resolve_date
from lionrock.library.extract._text import MAX_QUOTE

NAMES = Gazetteer({"黃之鋒": "lr-person-joshua-wong", "Jimmy Lai": "lr-person-jimmy-lai"})


def facts(body: str, published: str | None = "2021-05-06") -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published=published, names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("三年九個月", 45.0),
        ("判囚 13.5 個月", 13.5),
        ("囚半年", 6.0),
        ("監禁年半", 18.0),
        ("一年零三個月", 15.0),
        ("二十一個月", 21.0),
        ("jailed for three years and nine months", 45.0),
        ("sentenced to 10 months", 10.0),
    ],
)
def test_terms_in_months(text: str, months: float) -> None:
    assert parse_term(text) == months


def test_today_and_yesterday_resolve_against_the_article_date() -> None:
    from datetime import date

    day = date(2021, 1, 7)
    assert resolve_date("今日提堂", day) == "2021-01-07"
    assert resolve_date("昨晚被捕", day) == "2021-01-06"
    assert resolve_date("周三(31日)提堂", day) == "2020-12-31"
    assert resolve_date("12月3日被捕", day) == "2020-12-03"
    assert resolve_date("2021年1月6日", None) == "2021-01-06"


def test_several_defendants_in_one_sentence_each_get_the_fact() -> None:
    body = (
        "壹傳媒行政總裁張劍虹及《蘋果日報》總編輯羅偉光，被控串謀勾結外國或者境外勢力"
        "危害國家安全罪，今早提堂。"
    )
    assert facts(body) == {("張劍虹", "charged", "collusion"), ("羅偉光", "charged", "collusion")}


def test_a_sentence_for_several_charges_gives_one_charge_each_and_the_total_term() -> None:
    body = (
        "他事後被控侮辱國旗罪及非法集結兩項罪名均罪成，裁判官黃雅茵今日在西九龍裁判法院"
        "判處鍾翰林監禁共 4 個月。"
    )
    found = facts(body)
    assert ("鍾翰林", "sentence", "4") in found
    assert ("鍾翰林", "charged", "flag_desecration") in found
    assert ("鍾翰林", "charged", "unlawful_assembly") in found
    assert not any(person == "黃雅茵" for person, _, _ in found)  # the magistrate


def test_concurrent_terms_give_the_total_not_the_parts() -> None:
    body = "裁判官判處鍾翰林兩項罪名各監禁三個月，其中2個月同期執行，總刑期為4個月。"
    terms = {v for p, k, v in facts(body) if k == "sentence"}
    assert terms == {"4"}


def test_a_starting_point_is_not_the_sentence() -> None:
    body = "黃之鋒有多次同類案底，故以監禁15個月為量刑起點，認罪扣減三分一，即囚10個月。"
    assert {v for _, k, v in facts(body) if k == "sentence"} == {"10"}


def test_respectively_pairs_names_and_terms_and_a_range_pairs_none() -> None:
    body = "岑敖暉、袁嘉蔚及梁凱晴三人早前認罪，今日分別被判囚6個月、4個月及4個月。"
    found = facts(body)
    assert {(p, v) for p, k, v in found if k == "sentence"} == {
        ("岑敖暉", "6"),
        ("袁嘉蔚", "4"),
        ("梁凱晴", "4"),
    }
    assert ("梁凱晴", "plea", "guilty") in found
    ranged = "黃之鋒、岑敖暉、袁嘉蔚及梁凱晴四人承認參與集結，今早分別被囚4至10個月。"
    assert not {k for _, k, _ in facts(ranged)} & {"sentence"}


def test_remand_is_custody_not_a_sentence() -> None:
    found = facts("法庭宣布即時還柙的決定後，張劍虹與羅偉光被帶走。張劍虹須還柙至8月。")
    assert ("張劍虹", "custody", "remanded") in found
    assert not any(k == "sentence" for _, k, _ in found)


def test_reported_speech_and_conditions_are_not_facts() -> None:
    assert not facts("控方要求將案件押後，期間反對黎智英保釋。")
    assert not facts("保安局強調，參與未經批准集結最高可判處監禁五年。")
    assert not facts("律師告訴她，如果罪成，黃之鋒最壞要入獄六年。")
    assert not facts("林進表示，早已有被捕的心理準備。")


def test_bail_refused_names_the_person_inside_the_phrase() -> None:
    body = "法官張慧玲聽取雙方陳詞後，拒絕周庭保釋，周庭須繼續還柙。"
    found = facts(body)
    assert ("周庭", "bail_denied", "") in found
    assert not any(p == "張慧玲" for p, _, _ in found)


def test_appeals_verdicts_and_pleas() -> None:
    found = facts("黎智英否認控罪，經審訊後被裁定罪名成立。")
    assert ("黎智英", "plea", "not_guilty") in found
    assert ("黎智英", "verdict", "convicted") in found
    acquitted = facts("上訴庭裁定黃之鋒上訴得直，暴動罪名不成立。")
    assert ("黃之鋒", "verdict", "acquitted") in acquitted
    assert ("黃之鋒", "verdict", "convicted") not in acquitted


def test_a_lone_surname_stands_for_the_one_person_named_before() -> None:
    body = (
        "醫管局員工陣線主席余慧明今年1月6日被捕。\n"
        "然而，就在2月28日報到後，余被控以「串謀顛覆國家政權」還柙至今。"
    )
    found = facts(body)
    assert ("余慧明", "charged", "subversion") in found
    assert ("余慧明", "custody", "remanded") in found


def test_english_reporting() -> None:
    body = (
        "Apple Daily founder Jimmy Lai was sentenced to 14 months in prison on Friday. "
        "Former lawmaker Claudia Mo was remanded in custody after being charged with "
        "conspiracy to commit subversion."
    )
    found = facts(body)
    assert ("Jimmy Lai", "sentence", "14") in found
    assert ("Claudia Mo", "custody", "remanded") in found
    assert ("Claudia Mo", "charged", "subversion") in found


def test_matched_people_carry_their_record_id_and_quotes_are_short_excerpts() -> None:
    body = "前香港眾志秘書長黃之鋒今日被判囚10個月。" + "甲" * 500 + "。"
    found = extract_text(article_id="a", body=body, published="2021-05-06", names=NAMES)
    wong = next(p for p in found if p.person == "黃之鋒")
    assert wong.person_id == "lr-person-joshua-wong"
    assert wong.date == "2021-05-06"
    assert wong.quote in body and len(wong.quote) <= MAX_QUOTE
    long = extract_text(
        article_id="a", body="乙" * 400 + "黃之鋒被判囚10個月。", published=None, names=NAMES
    )
    assert all(
        len(p.quote) <= MAX_QUOTE and p.quote in "乙" * 400 + "黃之鋒被判囚10個月。" for p in long
    )


# Classes of error found on fresh, unlabelled draws of the archive (never the test split):
# each is a kind of sentence, not one article (issue #16 §2, "fewer, surer suggestions").


def test_mainland_proceedings_are_out_of_scope_but_a_hong_kong_clause_beside_them_is_not() -> None:
    assert not facts(
        "最終法院判吳繼白故意殺人罪罪成，判處無期徒刑；而陳猛就被判尋釁滋事罪罪成，判監兩年半。"
    )
    found = facts(
        "12港人之一的17歲越南籍學生黃臨福，去年底未被深圳法院起訴，移交香港後還押至今，"
        "今（6日）在區域法院承認兩罪。"
    )
    assert ("黃臨福", "custody", "remanded") in found
    assert not any(k == "charged" for _, k, _ in found)


def test_who_arrests_is_not_who_is_arrested_and_a_generic_noun_is_nobody() -> None:
    assert not facts("特首林鄭月娥今早見記者時，回應警方連續兩日拘捕多名民主派人士。")
    assert not facts("鍾詠敏稱，根據被捕人的職業和年齡，令人懷疑資金來源。")
    assert not facts("任全牛接觸到一些因維權被捕的愛滋病人，漸漸進入維權律師的圈子。")
    listed = facts(
        "警方期間拘捕5人，包括大埔區議員姚鈞豪、前區議員連桷璋、文念志，與議員助理蘇揚浚"
        "及攝影師蔡健瑜，他們同被控非法集結。"
    )
    assert ("蔡健瑜", "arrested", "") in listed
    assert ("蔡健瑜", "charged", "unlawful_assembly") in listed


def test_reported_speech_predictions_denials_and_intentions_are_not_facts() -> None:
    assert not facts("陳嘉琳認為，案件涉及很多政治人物，又不準保釋、又轉交高院。")
    assert not facts("當年持悲觀論者相信，李柱銘等民主派人士97後將被打壓、甚至被捕。")
    assert not facts("法官最後仍拒絕批出保釋，惟於判辭指，傑斯並非被控國安法罪行。")
    assert not facts("吳宗鑾另表示，涉事網媒記者現未正式被捕。")
    assert not facts("據悉至少9人於周一開審時傾向認罪，當中包括黎智英、李卓人。")
    assert not facts("蓬佩奥認為應立即撤銷控罪並釋放黎智英。")
    assert not facts("控方申請將李宇軒收押，由懲教署看管。")


def test_the_clause_subject_not_its_object_and_not_a_name_inside_a_quotation() -> None:
    found = facts(
        "「王婆婆」王鳳瑤於今年1月於將軍澳唐明街高舉標語悼念陳彥霖，被警方以涉嫌"
        "「阻礙警務人員執行職務」拘捕，其後獲釋。"
    )
    assert ("王鳳瑤", "arrested", "") in found
    assert not any(p == "陳彥霖" for p, _, _ in found)
    assert not facts("被告原本否認控罪，後改為認罪，並指「黃之鋒、許智峯兩個遲早都要死。」")


def test_former_and_latter_each_get_their_own_charge() -> None:
    body = (
        "因「光時」而被控的亦不只唐英傑，還包括「快必」譚得志、「美國隊長2.0」馬俊文，二人均被指"
        "曾叫喊「光時」口號，前者被控發表煽動文字，後者被控煽動他人分裂國家。"
    )
    record = Gazetteer({"譚得志": "lr-person-a", "馬俊文": "lr-person-b"})
    found = extract_text(article_id="a", body=body, published=None, names=record)
    charges = {(p.person, p.value) for p in found if p.kind == "charged"}
    assert charges == {("譚得志", "sedition"), ("馬俊文", "secession")}


def test_a_term_suspended_elsewhere_in_the_article_is_not_a_custodial_sentence() -> None:
    found = facts(
        "法官胡雅文判處各被告14至18個月監禁，其中單仲偕和蔡耀昌獲緩刑兩年。\n"
        "其餘被告均被判囚14個月，包括楊森、何秀蘭、吳文遠、黎智英、單仲偕、蔡耀昌。"
    )
    terms = {p for p, k, v in found if k == "sentence" and v == "14"}
    assert "何秀蘭" in terms
    assert not terms & {"單仲偕", "蔡耀昌"}


def test_remand_words_and_nouns_are_not_terms_or_custody() -> None:
    found = facts("已羈押入獄共三個月的冼名才把外套全穿上，帶著笑容出現在探訪室。")
    assert ("冼名才", "custody", "remanded") in found
    assert not any(k == "sentence" for _, k, _ in found)
    assert not facts("區諾軒被判社會服務令，律政司不服刑期過輕提出覆核。")
    assert not facts("易會滿指，證券違法犯罪成本低，有公司被罰甚至被強制退市。")


def test_words_that_look_like_names_are_not_people() -> None:
    assert not facts("就在被告把這張文宣，貼在男人身上的一刻，他從後被人㩒低，鎖上手扣被捕。")
    assert not facts("認罪，是由於確曾公開呼籲市民參加遊行，不想為此多費唇舌，寧願在此陳情。")
    found = facts("早前被裁定罪成的蔡玉玲獲哈佛大學尼曼獎學金（Nieman Fellowship）。")
    assert not any(p == "Nieman Fellowship" for p, _, _ in found)


# Fourth round: classes found on a third labelled dev draw (seed 19) and a fresh unlabelled
# draw (bench/extract_fresh.py, seed 1901), never on the test split.


def test_others_in_an_offence_name_is_not_a_pronoun_for_someone_else() -> None:
    found = facts(
        "國安法首案判刑，還柙逾一年的被告唐英傑，早前被裁定煽動他人分裂國家、恐怖活動罪成，"
        "今天被判囚9年。"
    )
    assert ("唐英傑", "sentence", "108") in found
    assert ("唐英傑", "verdict", "convicted") in found


def test_a_term_before_the_word_for_prison_and_a_year_is_no_term() -> None:
    found = facts(
        "2017年，黃浩銘因新界東北案非法集結被判處13個月監禁；2018年，佔旺刑事藐視法庭被判囚4.5個月。"
    )
    assert {v for p, k, v in found if k == "sentence"} == {"13", "4.5"}
    parts = facts(
        "黎智英得悉被判12個月刑期；稍稍休庭後，結果被判8個月，最後部分刑期同期執行，合共判監14個月。"
    )
    assert {v for p, k, v in parts if k == "sentence"} == {"14"}
    assert not facts("黃之鋒被判處12個月監禁，緩刑2年。")


def test_a_list_closed_by_its_count_is_the_list() -> None:
    body = (
        "支聯會主席李卓人、副主席何俊仁和鄒幸彤、工黨主席郭永健，及民陣召集人陳皓桓、趙恩來共6人，"
        "被控一項「煽惑他人明知而參與未經批准集結」罪。"
    )
    record = Gazetteer({n: None for n in ("李卓人", "何俊仁", "鄒幸彤", "郭永健", "陳皓桓")})
    found = extract_text(article_id="a", body=body, published=None, names=record)
    charged = {p.person for p in found if (p.kind, p.value) == ("charged", "unauthorised_assembly")}
    assert charged == {"李卓人", "何俊仁", "鄒幸彤", "郭永健", "陳皓桓"}  # 趙恩來 not found


def test_someone_else_a_relative_a_speaker_a_precedent_and_a_topic_with_its_own_subject() -> None:
    assert not facts("其女友黃于喬邀請網絡唱作人晴天林唱出男友還柙的心聲。")
    assert not facts("鄒幸彤身負去年六四非法集結案，同案已認罪的其餘被告早前被判囚4至10個月。")
    assert not facts("黃學禮說。他指劉當時已經被控告7.1立會暴動罪等罪名，但仍然選擇參選。")
    precedent = facts("被告江浩倫被判入更生中心。例如有案例的被告認罪，而本案則是經審訊後定罪。")
    assert not any(k == "plea" for _, k, _ in precedent)
    found = facts("旁邊黃碧雲被控違反國安法保釋，涂謹申（左二）則被捕而截止4月未被落案控告。")
    assert ("涂謹申", "arrested", "") in found
    assert ("黃碧雲", "arrested", "") not in found


def test_what_the_defence_hopes_and_what_the_law_would_call_for_are_not_facts() -> None:
    assert not facts("辯方希望法庭考慮黃臨福的年齡、角色、還柙時間，判處他進入教導所。")
    assert not facts("辯方期望法庭判監75天，而被告江浩倫至今已被還柙50天，讓他可即時獲釋。")
    assert not any(
        k == "sentence"
        for _, k, _ in facts("姚官續指，即使黃臨福犯案時年僅16歲，認罪後獲扣減刑期亦需判囚4年。")
    )
    found = facts("陳皓桓、黎智英、何俊仁等10名被告上星期認罪，需即時還柙。")
    assert ("黎智英", "custody", "remanded") in found


def test_names_titles_kin_and_one_offence_in_two_words() -> None:
    assert not facts("兩人本來相約看《Toys Story 4》，但因為阿均在上環被捕而錯過電影。")
    assert not facts("梁及龔另被控一項蓄意傷人罪。")
    assert not facts("直至2011年，朱妻控告該襲警青年（服刑完畢但已破產）、警隊及政府索償。")
    found = facts("人民力量副主席譚得志「快必」被控發表煽動文字等14罪。")
    assert {p for p, _, _ in found} == {"譚得志"}
    weapon = facts("第二被告符凱晴另被控一項「管有攻擊性武器或其他適合作非法用途的工具」罪。")
    assert {v for _, k, v in weapon if k == "charged"} == {"instrument_unlawful"}
    assert not facts("直至上月7日，王紅被還押看守所，在還押前她哭著跟檢察官說後悔。")


def test_a_list_of_events_an_object_and_a_companion_are_not_the_subject() -> None:
    found = facts(
        "47人因初選被控顛覆國家政權、黎智英被控違反國安法、舉辦了30年的六四燭光集會被視為非法集結。"
    )
    assert not any(v in {"subversion", "unlawful_assembly"} for _, _, v in found)
    assert not facts(
        "民建聯主席李慧琼一位前助理，以福袋選舉舞弊，誘使選民投票給黨友鄭泳舜，罪名成立。"
    )
    assert not facts("許智峯陪同未成年示威者登記被捕離開校園。")
    assert not facts("許智峯和陳渭新形影相隨，理大一役，兩人未能隨未成年人士出外自願被捕。")
    assert not facts("曾朗軒覺得在社會現時政治氛圍下，自己某天也會因政見被捕。")


def test_which_of_two_custody_states_and_bail_while_held_by_the_police_are_not_told() -> None:
    assert not facts("其中黃之鋒和譚得志，正在獄中服刑及被拘押。")
    assert not facts("獲准保釋的陳沛敏接受訪問，憶及在羈留期間得悉二人將被落案起訴。")
    court = facts("法官批准黃之鋒以原有條件繼續保釋，期間不得離港，每周到警署報到一次。")
    assert ("黃之鋒", "bail_granted", "") in court


def test_a_willingness_a_mainland_procedure_and_a_verb_after_a_surname() -> None:
    assert not facts("【庭前會議】孫大午願認罪換取家人員工獲釋。")
    assert not facts(
        "因去年查找載有施襲竹枝的車輛車主身份，而進行車牌查冊的記者，被控作出虛假陳述罪成。"
    )


def test_english_lists_respectively_aliases_and_places() -> None:
    found = facts(
        "Ivan Lam, Agnes Chow and Joshua Wong were heavily sentenced to 7 months, 10 months "
        "and 13.5 months respectively."
    )
    terms = {(p, v) for p, k, v in found if k == "sentence"}
    assert terms == {("Ivan Lam", "7"), ("Agnes Chow", "10"), ("Joshua Wong", "13.5")}
    assert not facts("On June 17, five top executives of Next Digital were arrested.")
    assert not facts("With the exception of Helena Wong, others were denied bail in court.")
    alias = facts(
        "Editorial writer Fung Wai-kong (who wrote under the pen-name Lo Fung) was arrested "
        "at the airport."
    )
    assert {p for p, _, _ in alias} == {"Fung Wai-kong"}


def test_a_sentence_that_starts_with_their_number_is_about_the_group_just_named() -> None:
    record = Gazetteer({n: None for n in ("李卓人", "梁國雄", "何俊仁")})
    body = "李卓人及梁國雄今日再被判刑。他們被控組織未經批准集結罪成。"
    found = extract_text(article_id="a", body=body, published=None, names=record)
    assert {(p.person, p.kind) for p in found if p.kind == "verdict"} == {
        ("李卓人", "verdict"),
        ("梁國雄", "verdict"),
    }
    counted = "李卓人、梁國雄及何俊仁今日提堂。兩人承認控罪。"
    assert not extract_text(article_id="a", body=counted, published=None, names=record)


def test_a_relative_named_through_a_person_and_the_next_item_of_a_list_are_not_them() -> None:
    record = Gazetteer({n: None for n in ("楊雪盈", "郭家麒", "張超雄")})
    body = "同案獲保釋的楊雪盈、郭家麒太太、張超雄等，以及數十名旁聽人士一早來到法院。"
    found = extract_text(article_id="a", body=body, published=None, names=record)
    assert {p.person for p in found} == {"楊雪盈"}
    assert not facts("大拘捕、大檢控民主派人士、壹傳媒創辦人黎智英正服刑。") - {
        ("黎智英", "custody", "serving_sentence")
    }


def test_refused_bail_no_case_to_answer_possibility_and_a_relative_clause_up_to_a_comma() -> None:
    refused = facts("裁判官香淑嫻拒絕批出保釋予黃之鋒，黃之鋒須還柙至月底候審。")
    assert ("黃之鋒", "bail_denied", "") in refused
    assert ("黃之鋒", "bail_granted", "") not in refused
    assert not any(
        k == "verdict" for _, k, _ in facts("陳虹秀卻被控暴動罪，主審法官裁定表證不成立當庭釋放。")
    )
    assert not facts("葉建源慨嘆目前再溫和者一樣可以被捕。")
    assert not facts("律師通知指律政司放棄覆核，呂智恆即將獲得保釋。")
    record = Gazetteer({"林卓廷": None, "莊榮輝": None})
    body = "現因7.21事件被控暴動的前立法會議員林卓廷，以及其助理莊榮輝今早亦有到庭。"
    found = extract_text(article_id="a", body=body, published=None, names=record)
    assert {(p.person, p.value) for p in found} == {("林卓廷", "riot")}


def test_pronouns_lone_surname_lists_and_another_defendant() -> None:
    record = Gazetteer({n: None for n in ("林卓廷", "吳靄儀", "姚鈞豪", "文念志", "蘇揚浚")})

    def run(body: str) -> set[tuple[str, str, str]]:
        found = extract_text(article_id="a", body=body, published=None, names=record)
        return {(p.person, p.kind, p.value) for p in found}

    assert ("林卓廷", "arrested", "") in run("林卓廷被白衣人打傷。警方以暴動罪拘捕他。")
    assert ("吳靄儀", "verdict", "convicted") in run(
        "吳靄儀是資深大律師。正因如此，她在2019年8月18日走出來，事後被裁定罪名成立。"
    )
    listed = run(
        "姚鈞豪、文念志及蘇揚浚今日提堂。同案中的姚、文、蘇三人被控無牌管有無線通訊器具；"
        "文、蘇二人亦被控襲警。"
    )
    assert {p for p, k, v in listed if (k, v) == ("charged", "other")} == {
        "姚鈞豪",
        "文念志",
        "蘇揚浚",
    }
    assert not any(
        k == "plea"
        for _, k, _ in facts("黃之鋒今日提堂。同案另一名被告早前在區域法院承認企圖縱火罪。")
    )


def test_long_lists_after_a_verdict_verb_terms_suspended_in_another_case_and_new_offences() -> None:
    record = Gazetteer({n: None for n in ("陳皓桓", "李卓人", "梁國雄", "何俊仁", "楊森")})
    body = (
        "法官胡雅文判處陳皓桓、李卓人、梁國雄、何俊仁監禁18個月，其餘被告均被判囚14個月，"
        "包括楊森。\n何俊仁和楊森分別在818和831案獲胡官判處緩刑。"
    )
    found = extract_text(article_id="a", body=body, published=None, names=record)
    terms = {(p.person, p.value) for p in found if p.kind == "sentence"}
    assert {("何俊仁", "18"), ("楊森", "14"), ("陳皓桓", "18")} <= terms
    mask = facts("黃之鋒被控參與未經批准集結及違反《禁蒙面法》。")
    assert ("黃之鋒", "charged", "other") in mask
    assert ("黃之鋒", "bail_denied", "") in facts("其後黃之鋒上庭，法官延期審訊，但不准他保釋。")


def test_bail_as_a_topic_companies_streets_and_unnamed_crowds_are_not_facts() -> None:
    assert not facts(
        "李志喜引述終審法院在黎智英保釋案的裁決，指「不會繼續危害國家安全」是法院批准保釋的先決條件。"
    )
    assert not facts("Apple Daily Internet Limited was charged with collusion with foreign forces.")
    assert not facts("控方以螢光筆顯示軒尼詩道及盧押道一帶，馬師道被捕。")
    assert not facts("魯比奧在Twitter表示，越來越多人被以國安法拘捕。")


def test_risks_words_that_look_like_names_and_a_share_of_a_crowd() -> None:
    assert not any(
        k == "verdict"
        for _, k, _ in facts("黎智英被控，民主派面對政治檢控、罪成坐牢的風險越來越大。")
    )
    assert not facts("打開了國安法可變相具追溯力的潘朵拉盒子，法官拒絕保釋。")
    assert not facts("●3人被控於德輔道西近西邊街參與暴動。")
    assert not facts("鄧炳強說，去年共有45位警員被捕，當中超過8成是由警方調查後被捕。")


def test_a_name_before_an_age_in_brackets_is_a_name_even_when_jieba_splits_it() -> None:
    found = facts(
        "同案還有4名被告：學生鄭錦輝（21歲）、丘建威（24歲）、學生莫禮滔（21歲）和"
        "地盤工黃建棋（19歲），4人否認控罪。"
    )
    assert {p for p, k, v in found if (k, v) == ("plea", "not_guilty")} == {
        "鄭錦輝",
        "丘建威",
        "莫禮滔",
        "黃建棋",
    }
    assert not facts("一名司機（40歲）被捕。")
