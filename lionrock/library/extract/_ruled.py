"""A verdict a court gives of a pronoun or a counted group that stands for the names the
same sentence wrote before it (issue #16, seventeenth round, `extract30`): 20歲學生葉君誠
被控…參與暴動，區域法院今早裁定他罪名不成立; 王若詩與陳瑞文被控…，法庭今裁定二人罪名不成立;
Samuel Phillip Bickett…被控…，裁判官今裁定被告襲警罪名成立. The clause of the verdict has a
court for its subject, so the older rules find no one in it. The object is read back only
when who it is is plain: the people a charge or an arrest before the verdict's clause was
about (the older rules' reading, at a small penalty at most), one of them for 他, 她 or 被告,
exactly as many for a count (二人, 兩名被告), two or more for 他們; and only when the sentence
names no one else before the clause (立法會陳大文的前議員助理…投票予黃子健，…裁定兩人罪名成立
is neither of them). A name between the verdict's clause start and 裁定 is the clause's own subject,
and then the older rules decide.

Example:
    ruled_back(hit, folded, found, accused)  # …裁定他罪名不成立 → ([葉君誠], 0.1)
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit, distinct
from lionrock.library.extract._subjects import Hit, clause_start
from lionrock.library.extract._text import count_of, zh

#: The kinds whose people a later 裁定他 in the sentence may stand for.
ACCUSED_KINDS = frozenset({"charged", "arrested"})
#: 裁定他, 判她, 裁定二人, 裁定兩名被告, 裁定被告, 裁定他們: the object of a court's ruling,
#: then at most a few words of offences (襲警, 暴動及有意圖而傷人) and the verdict.
RULED_OBJECT = re.compile(
    zh(
        r"(?:裁定|判)\s*(?:(?P<one>他|她|被告)(?![們人])|(?P<many>他們|她們)"
        r"|(?P<n>[二兩三四五六七八九十\d]{1,2})\s*(?:人|名被告))"
        r"[^,;:，；：。「」]{0,16}$"
    )
)
#: Where the verdict itself is written (a hit on 裁定…成立 starts at 裁定).
VERDICT_WORD = re.compile(zh(r"罪名\s*不?\s*成立|罪不?成|無罪|成立"))


def ruled_back(
    hit: Hit, f: str, found: list[NameHit], accused: list[NameHit]
) -> tuple[list[NameHit], float] | None:
    """Whom the object of a court's verdict stands for, with a penalty: the people the
    sentence's charge (or arrest) before the verdict's clause was about; None when the
    verdict has no such object or the sentence does not make it plain."""
    if hit.kind != "verdict" or hit.people:
        return None
    clause = clause_start(f, hit.start)
    if clause == 0:
        return None
    word = VERDICT_WORD.search(f, hit.start)
    m = word and RULED_OBJECT.search(f, clause, word.start())
    if not m or any(clause <= n.start < hit.start for n in found):
        return None
    if any(n.end <= clause and n.name not in {a.name for a in accused} for n in found):
        return None  # another name before (李慧琼的前議員助理…投票予鄭泳舜): not plain
    before = distinct([n for n in accused if n.end <= clause])
    if m.group("one"):
        wanted = len(before) == 1
    elif m.group("many"):
        wanted = len(before) >= 2
    else:
        wanted = len(before) == count_of(m.group("n"))
    return (before, 0.1) if wanted else None


#: 裁定 or 判 with its object: a court's ruling on the names after it (not 裁定的, 判詞).
RULING = re.compile(zh(r"裁定|(?<![審宣])判(?![詞決刑處囚監斷案例])"))
#: What may stand between 裁定 and its first named object: a time word or a description
#: (資深民主派中堅分子), no punctuation, quotation or passive.
OBJECT_GAP = re.compile(zh(r"[^\s,;:，；：。、「」『』（）()被遭獲]{0,10}"))
#: What may stand between the named object and the verdict: the offences, at most one
#: comma (…及另4人就一場…遊行，參與未經批准集結罪名成立), no other subject or ruling.
OBJECT_TAIL = re.compile(zh(r"[^;:；：。「」被遭獲]{0,60}"))


def ruled_named(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """The names a court's verdict is given of as its object (法官今日裁定李柱銘罪名成立,
    區域法院裁定李柱銘、吳靄儀…及另4人…，參與未經批准集結罪名成立, 裁定何桂藍罪名不成立):
    the list of names right after the sentence's last 裁定 or 判 before the verdict word,
    when nothing but offences follows it up to the verdict (extract56). A verdict whose
    hit starts at 裁定 covers its object, so the older rules find no one."""
    if hit.kind != "verdict":
        return None
    word = VERDICT_WORD.search(f, hit.start)
    if word is None:
        return None
    rulings = [m for m in RULING.finditer(f, 0, word.start())]
    if not rulings:
        return None
    ruling = rulings[-1]
    after = sorted((n for n in found if ruling.end() <= n.start < word.start()), key=_start)
    if not after or not OBJECT_GAP.fullmatch(f[ruling.end() : after[0].start]):
        return None
    listed = [after[0]]
    for name in after[1:]:
        if not LIST_GAP.fullmatch(f[listed[-1].end : name.start]):
            break
        listed.append(name)
    tail = f[listed[-1].end : word.start()]
    if not OBJECT_TAIL.fullmatch(tail) or tail.count(zh("，")) + tail.count(",") > 1:
        return None
    if any(listed[-1].end <= n.start < word.start() for n in found if n not in listed):
        return None  # another name before the verdict: whose it is is not plain
    plain = ruling.end() == listed[0].start and not re.search(r"[,，]", tail)
    return distinct(listed), 0.0 if plain else 0.1


#: Between two names of the object's list: a joiner, an age or note in brackets.
LIST_GAP = re.compile(zh(r"\s*(?:[(（][^()（）]{0,12}[)）])?\s*(?:、|及|和|與|以及|，以及)?\s*"))


def _start(name: NameHit) -> int:
    return name.start
