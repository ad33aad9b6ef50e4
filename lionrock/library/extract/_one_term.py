"""A verdict or term stated with no name in an article about one defendant (issue #16,
eighteenth round, `extract44`): 被告早前承認…罪名，今早被判囚3年10個月; 他早前在區域法院承認…，
今日被判囚5年; 不涉暴力…，但被判即時監禁一年 (no subject at all: Chinese carries the topic).

`_focus.py` holds such a fact until the article is read and gives it to the article's one
defendant. A term was left out of it (他…判囚12個月。他…判監8個月。…共服刑14個月 may be parts
of a total); it is held here only when it is the article's one term (every term the article
writes has this value) or the total itself (總刑期為監禁5年). A clause with no subject word is
held only when it is passive (被判, 被裁定) and nothing earlier in the sentence names or
counts anyone; it is then read as a pronoun is: the names just before must be the
defendant's alone.

Example:
    one_term(fold("被告今早被判囚3年10個月。"), hit)  # True: the article's only term
    zero_subject(hit, fold("今日在區域法院被判入獄4年。"))  # True
"""

from __future__ import annotations

import re
from functools import lru_cache

from lionrock.library.extract._subjects import Hit, clause_start
from lionrock.library.extract._terms import sentence_hits
from lionrock.library.extract._text import sentences, zh

#: A clause whose verb is passive and has no subject before it: 今日在區域法院被判入獄4年,
#: 這次被判囚9年外, 今年9月被裁定非法集結罪成 (a time, a place, a conjunction before 被).
ZERO_LEAD = re.compile(
    zh(r"^\s*(?:但|並|及後|其後|最終|最後|結果|這次|今次)?[^,，「」]{0,14}?被(?:判|裁定)")
)
#: 總刑期為監禁5年: a total, of whoever the article's one defendant is.
TOTAL_LEAD = re.compile(zh(r"總刑期"))
#: Someone the sentence names or counts before the clause (一名22歲運輸工人, 二人, 其中一人,
#: 1人罪成被判囚4年; not 其中8個月), whom the finder missed or who is not the defendant; or a
#: speaker, a condition or another case.
OTHER_BEFORE = re.compile(
    zh(
        r"他們|她們|[\d一二兩三四五六七八九十百]+\s*[人名]|各人|其中(?!\d)|其餘|另一|有人|多名|\d+\s*歲"
        r"|家人|朋友"
        r"|同案|案件中|表示|指出|認為|[稱說問]|「|」|如果|若|假如|可能|最高"
    )
)


@lru_cache(maxsize=8)
def article_terms(text: str) -> frozenset[str]:
    """Every term (months) the article writes, wherever it is and whoever's."""
    return frozenset(h.value for s in sentences(text) for h in sentence_hits(s, []))


def one_term(text: str, hit: Hit) -> bool:
    """Whether a term may be held for the article's one defendant: the total, or the only
    term the article writes."""
    if hit.kind != "sentence":
        return True
    return hit.section == "total" or article_terms(text) == {hit.value}


def zero_subject(hit: Hit, f: str) -> bool:
    """Whether the hit's clause is a passive verdict or term with no subject, in a sentence
    that names or counts no one before it."""
    if hit.kind not in ("verdict", "sentence"):
        return False
    clause = clause_start(f, hit.start)
    if OTHER_BEFORE.search(f, 0, hit.start):
        return False
    lead = f[clause : hit.end]  # 被判 may be the trigger's own start (被判囚)
    return bool(ZERO_LEAD.match(lead) or (hit.kind == "sentence" and TOTAL_LEAD.search(lead)))
