"""Classes of missed suggestions found in the fifteenth round (issue #16, `extract13`:
`arrested`, `charged`, `custody`, `released`), each counted over the unlabelled
court-keyword pool before it was fixed; each on an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_group_subject_after_the_names_is_those_names() -> None:
    # 二人, 她們, 他們 at a clause's start: the last group the sentence named
    found = facts(
        "工會主席陳大文及副主席李小明被落案控告，法官拒絕二人的保釋申請，她們須即時還柙。"
    )
    assert {("陳大文", "custody", "remanded"), ("李小明", "custody", "remanded")} <= found
    found = facts("本案兩名被告分別為陳大文（40歲）及李小明（50歲），他們被控一項欺詐罪。")
    assert {("陳大文", "charged", "other"), ("李小明", "charged", "other")} <= found
    found = facts("陳大文及李小明上月被捕，兩人其後被控暴動罪，他們早前已獲釋。")
    assert {("陳大文", "released", ""), ("李小明", "released", "")} <= found


def test_a_group_subject_in_the_next_sentence_is_the_last_group() -> None:
    body = "陳大文及李小明承認暴動罪。案件押後至下月求情，二人需還柙候判。"
    assert {("陳大文", "custody", "remanded"), ("李小明", "custody", "remanded")} <= facts(body)


def test_a_count_before_the_names_is_every_name_after_it() -> None:
    found = facts("四人目前被控煽動罪，陳大文、李小明及何家輝正還柙，張志強早前保釋獲批。")
    assert ("張志強", "charged", "sedition") in found
    found = facts(
        "4人被控暴動，依次為陳大文（43歲）、李小明（38歲）、何家輝（28歲）、張志強（39歲）。"
    )
    assert {("陳大文", "charged", "riot"), ("張志強", "charged", "riot")} <= found
    # a count that is not the number of names after it stands for no one
    assert not facts("三人被控暴動，法官陳大文及李小明押後案件。")


def test_a_pronoun_after_the_one_name_is_that_person() -> None:
    found = facts("陳大文是工會成員，警方上月拘捕他，他獲釋後離港。")
    assert ("陳大文", "released", "") in found
    # the pronoun's own verb gives the trigger another subject: not her arrest
    found = facts("陳大文在記者會解釋，她見到多名年輕學生被捕感到心痛。")
    assert ("陳大文", "arrested", "") not in found
    # a group named after a speaker's verb is someone else
    assert ("陳大文", "charged", "riot") not in facts("陳大文表示，他們被控暴動罪。")


def test_a_listing_item_the_finder_missed_is_a_name() -> None:
    # 余德穎 and 簡家康 are names no record holds and jieba splits: each item of a listing
    # that is a plausible full name makes the listing whole, so the count agrees
    body = (
        "控罪指，4人被控去年8月31日在灣仔涉嫌參與暴動，被告依次為陳大文、余德穎、李小明、簡家康。"
    )
    found = facts(body)
    assert {("余德穎", "charged", "riot"), ("簡家康", "charged", "riot")} <= found
    assert ("陳大文", "charged", "riot") in found
    # a role before an unknown name is read since extract54 (網媒記者曾焌熙), but an item
    # that holds no name is no one
    found = facts("4人被控暴動，依次為陳大文、李小明、網媒記者曾焌熙、何家輝。")
    assert ("曾焌熙", "charged", "riot") in found
    found = facts("4人被控暴動，依次為陳大文、李小明、一名記者、何家輝。")
    assert {p for p, _, _ in found} <= {"陳大文", "李小明", "何家輝"}


def test_someone_among_a_group_is_not_the_group() -> None:
    body = "被告依次為陳大文、李小明。兩名被告當中，有社工、也有人因看見別人倒地而折返，最終被捕。"
    assert ("陳大文", "arrested", "") not in facts(body)


def test_an_added_charge_is_read() -> None:
    # 被加控 alone (no other trigger in the sentence) was never read
    assert ("陳大文", "charged", "riot") in facts("陳大文早前被加控一項暴動罪。")


def test_the_named_members_of_a_counted_group_share_its_fact() -> None:
    found = facts("政權上周四以國安法拘捕五名高層，其中社長陳大文、總編輯李小明已被落案控告。")
    assert {("陳大文", "arrested", ""), ("李小明", "arrested", "")} <= found
    found = facts("香港某工會五名成員昨日被捕，其中主席陳大文及副主席李小明今被落案起訴。")
    assert {("陳大文", "arrested", ""), ("李小明", "arrested", "")} <= found
    # a clause of its own after the members names someone else
    body = "警方拘捕11人，當中包括律師陳大文，而美國則宣布制裁6名官員，包括李小明。"
    found = facts(body)
    assert ("陳大文", "arrested", "") in found
    assert ("李小明", "arrested", "") not in found


def test_a_list_ending_with_etc_is_the_members_of_an_unnamed_group() -> None:
    body = (
        "初選案後，多名黨員被控顛覆重罪，除何家輝外全不獲准保釋，"
        "未經定罪便已面對長期囚禁，陳大文、李小明等人的遭遇，令支持者痛心。"
    )
    found = facts(body)
    assert {("陳大文", "charged", "subversion"), ("李小明", "charged", "subversion")} <= found
    assert ("何家輝", "charged", "subversion") not in found  # the exception is no member


def test_an_active_charge_with_the_name_after_the_verb() -> None:
    found = facts(
        "警方晚上指，正式起訴陳大文於今年六四「煽動他人明知而參與未經批准的集結」，周五應訊。"
    )
    assert ("陳大文", "charged", "unauthorised_assembly") in found
    assert ("陳大文", "charged", "nsl_unspecified") in facts("政府用國安法檢控陳大文，證據牽強。")
    # a denial, an intention or a private prosecution is no charge
    assert not facts("律政司決定不起訴陳大文暴動罪。")
    assert not facts("警方原來是想引用國安法起訴陳大文，後來改變主意。")
    assert ("李小明", "charged", "other") not in facts("陳大文私人檢控李小明普通襲擊。")


def test_an_object_pronoun_before_the_arrest_is_the_one_name() -> None:
    body = "召集人陳大文專頁的直播顯示，多名探員今早以「涉嫌煽惑他人參與未經批准集結」將他拘捕。"
    assert ("陳大文", "arrested", "") in facts(body)
    # a speaker's 他 is not read so
    assert ("陳大文", "arrested", "") not in facts("陳大文表示，警方將他拘捕。")


def test_more_offences_are_other() -> None:
    assert ("陳大文", "charged", "other") in facts(
        "陳大文因佔領運動被控煽惑公眾妨擾罪，其後保釋等候上訴。"
    )
    assert ("李小明", "charged", "other") in facts("被告李小明被控一項不小心駕駛罪。")
    assert ("何家輝", "charged", "other") in facts("何家輝被控拒捕罪，案件今日提堂。")
