"""Defendants named as a group or by a lone surname, through the article's listing (issue
#16, seventh round). A trial report often states a fact of a group before or after it
lists the defendants (事後拘捕6名男女 … 6名被告依次為A、B…; 6人原被控…), of the rest once
some were singled out (林觀良及林啟明認罪，其餘六名被告不認罪), or of a surname alone
(歐、鄧兩被告認罪，林則否認). Each stands for listed names only when the article's listing
(`_order.Orders`, learnt from the whole article first) is unambiguous and the count, when
one is written, is the listing's; else it stands for no one.

Example:
    group_mentions(folded, found, orders, earlier)  # 6人被控… → the six listed names
    surname_mentions(sentence, seen, found, orders)  # 林則否認 → the one listed 林
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._etc import etc_listed
from lionrock.library.extract._occupied import occupied, opens_sentences
from lionrock.library.extract._order import LISTING, Orders
from lionrock.library.extract._patterns import LONE_LIST, LONE_SURNAME
from lionrock.library.extract._persons import (
    HAN_CHAR,
    KIN_AFTER,
    STRONG_SURNAMES,
    SURNAMES_1,
    NameHit,
    _plausible,
    _tokenizer,
)
from lionrock.library.extract._text import Sentence, count_of, zh

_N = r"[一二三四五六七八九十\d]{1,3}|兩"
#: A count of people: 6名男女, 三名警員, 6 人 (not 16人, 至少6人, 共15人, 6人中, 6人士).
COUNTED_GROUP = re.compile(
    zh(
        rf"(?<![\d一二兩三四五六七八九十百千至到約逾近共等超過])(?P<n>{_N})\s*"
        r"(?:[名個]\s*(?:男女|男子|女子|青年|少年|學生|警員|示威者)|人(?![士員數次手中之口物]))"
    )
)
#: Every defendant, uncounted: 全部被告, 全體被告, 所有被告 (not 其餘各被告, the rest; extract17).
ALL_DEFENDANTS = re.compile(
    zh(r"(?<![其餘他另外剩下])(?:全部|全體|所有)\s*被告(?![知中]|之[一中]|其中)")
)
#: The rest of the defendants: 其餘被告, 其餘六名不認罪被告, 另外五名否認控罪被告, 餘下被告;
#: and, counted, 其餘6人 (除A和B外，其餘6人被控…).
REST = re.compile(
    zh(
        rf"(?:其餘|其他|餘下|剩餘|另外)\s*(?:(?P<n>{_N})\s*名)?[^,;:，；：。、]{{0,6}}?被告(?:人)?"
        r"(?![知中]|之[一中]|其中)"
        rf"|(?:其餘|餘下|剩餘|另外)\s*(?P<people>{_N})\s*人(?![士員數次手中之口物])"
    )
)

#: What may stand before the rest in its clause: nothing, or a conjunction.
REST_LEAD = re.compile(zh(r"(?:^|[,;:，；：。])\s*(?:以及|而|但|惟|及|和|、)?\s*$"))


def group_mentions(
    f: str,
    found: list[NameHit],
    orders: Orders,
    earlier: list[NameHit],
    before: Sequence[NameHit] = (),
) -> list[NameHit]:
    """The sentence's names with the listed names its groups stand for, placed where the
    group is written: a count equal to the listing's (6名男女, 6人), and the rest of the
    listing (其餘被告) after the names this sentence, or else the one before (`earlier`,
    its last group; `before`, all its names), singled out. 其餘各被告 is the rest, not
    各被告 (all of them)."""
    listed = orders.listed()
    if not listed:
        return found
    taken = [(m.start(), m.end()) for m in LISTING.finditer(f)]
    extra: list[NameHit] = []
    for m in REST.finditer(f):
        taken.append((m.start(), m.end()))
        found = [n for n in found if not (m.start() < n.end and n.start < m.end())]
        rest = _rest(f, m, found, listed, earlier) or _rest_after(f, m, found, listed, before)
        # the names sit where the group starts, so a trigger inside it (其餘六名不認罪被告)
        # or after it has them before it
        extra += [replace(n, start=m.start(), end=m.start() + 2) for n in rest]
    extra += _all_listed(f, found, listed, taken)
    extra += etc_listed(f, found, listed)  # 李柱銘、吳靄儀等7名被告 (extract22)
    for m in COUNTED_GROUP.finditer(f):
        if count_of(m.group("n")) != len(listed):
            continue
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if any(n.start < m.end() and m.start() < n.end for n in found):
            continue  # already a name (a group the orders placed here)
        extra += [replace(n, start=m.start(), end=m.end()) for n in listed]
    return sorted(found + extra, key=lambda h: h.start)


def _all_listed(
    f: str, found: list[NameHit], listed: list[NameHit], taken: list[tuple[int, int]]
) -> list[NameHit]:
    """全部被告 is the article's listing, wherever the listing is written (灣仔暴動案全部被告
    罪名不成立 … 8名被告依次為A、B…; extract17), placed where the group is written."""
    extra: list[NameHit] = []
    for m in ALL_DEFENDANTS.finditer(f):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if any(n.start < m.end() and m.start() < n.end for n in found):
            continue
        taken.append((m.start(), m.end()))
        extra += [replace(n, start=m.start(), end=m.end()) for n in listed]
    return extra


def _rest(
    f: str, m: re.Match[str], found: list[NameHit], listed: list[NameHit], earlier: list[NameHit]
) -> list[NameHit]:
    # the subject of its clause (其餘被告不認罪; 以及其餘4名被告另被控), not an object or a
    # clause of time (待同案其他被告審訊完結…，期間獲准保釋: the two, not the rest)
    if not REST_LEAD.search(f[: m.start()]):
        return []
    names = {n.name for n in listed}
    singled = [n for n in found if n.end <= m.start()] or earlier
    later = [n for n in found if n.start >= m.end()]
    # 其餘7名被告包括林卓廷: others than the listed; or who was singled out is not listed
    if not singled or any(n.name not in names for n in singled + later):
        return []
    rest = [n for n in listed if n.name not in {s.name for s in singled}]
    count = count_of(m.group("n") or m.group("people"))
    return rest if rest and count in (None, len(rest)) else []


def _rest_after(
    f: str, m: re.Match[str], found: list[NameHit], listed: list[NameHit], before: Sequence[NameHit]
) -> list[NameHit]:
    """The rest after a sentence that singled out listed defendants among other names
    (當中兩名被告，包括王茂俊，以及由大律師郭憬憲代表的龍欣樺，今日無出庭…。其餘4名到庭被告
    獲准保釋: the counsel is not listed; eighth round): the listing less the listed names
    of the sentence before, only when this sentence names no one before the rest and
    the rest's count is written and agrees."""
    count = count_of(m.group("n") or m.group("people"))
    names = {n.name for n in listed}
    picked = {n.name for n in before if n.name in names}
    if not count or not picked or not REST_LEAD.search(f[: m.start()]):
        return []
    if any(n.end <= m.start() or n.name not in names for n in found):
        return []
    rest = [n for n in listed if n.name not in picked]
    return rest if len(rest) == count else []


def surname_mentions(
    s: Sentence, seen: dict[str, NameHit], found: list[NameHit], orders: Orders
) -> list[NameHit]:
    """余被控…, 李因須…: a lone surname stands for the one person of that surname the
    article has named so far; when it has named several, for the one of them the listing
    of defendants holds (歐、鄧兩被告認罪，林則否認: 林易昇, not 林卓廷 who spoke), else
    for no one."""
    by_surname: dict[str, list[NameHit]] = {}
    for hit in seen.values():
        if HAN_RE.match(hit.name[:1]):
            by_surname.setdefault(fold(hit.name[0]), []).append(hit)
    listed = {n.name for n in (*orders.names.values(), *orders.members)}
    extra: list[NameHit] = []
    spots = [(m.start(), m.group(1)) for m in LONE_SURNAME.finditer(s.folded)]
    for m in LONE_LIST.finditer(s.folded):
        spots += [(m.start() + i, m.group(0)[i]) for i in range(0, len(m.group(0)), 2)]
    for at, surname in sorted(set(spots)):
        people = by_surname.get(surname, [])
        if len(people) > 1:
            people = [p for p in people if p.name in listed]
        if len(people) == 1 and not any(h.start <= at < h.end for h in (*found, *extra)):
            person = people[0]
            extra.append(NameHit(person.name, at, at + 1, person.entity_id, person.known))
    return extra


def names_again(
    s: Sentence, defendants: dict[str, NameHit], orders: Orders, found: list[NameHit]
) -> list[NameHit]:
    """A full Chinese name of a defendant the article has already found (listed, or
    written after 被告), written again where the segmenter splits it differently (…及林
    啟明認罪): each place it stands that no name found covers, unless a relative follows
    (郭家麒太太). Other names are not looked for again: the finder may have refused them
    there (法官周家明及李運騰)."""
    extra: list[NameHit] = []
    listed = (*orders.names.values(), *orders.members)
    for hit in {**{n.name: n for n in listed}, **defendants}.values():
        if len(hit.name) < 3 or not all(HAN_CHAR.match(c) for c in hit.name):
            continue
        for m in re.finditer(re.escape(fold(hit.name)), s.folded):
            if KIN_AFTER.match(s.folded, m.end()):
                continue
            if not any(h.start < m.end() and m.start() < h.end for h in (*found, *extra)):
                extra.append(NameHit(hit.name, m.start(), m.end(), hit.entity_id, hit.known))
    return extra


#: What may follow a full name as the article writes it: punctuation, a bracket (an age,
#: an alias), a space, or a list's joiner (林錦均（25歲）, 孫君和及連潤發, 莫卓煇 |).
NAME_BOUNDARY = re.compile(zh(r"[\s,;:，；：。、（(）)|「」]|及|與|和"))
DEFENDANT = zh("被告")


def names_lengthened(s: Sentence, found: list[NameHit], article: str) -> list[NameHit]:
    """A guessed name of two characters that the article (folded) writes, every time, with
    one more character after it, at least twice and once before punctuation, a bracket or
    a joiner or right after 被告, is that longer name: the article's own full name, whose
    last character jieba cut off as a word (林錦 for 林錦均 before 另被控, 王維 for 王維霞,
    王志 for 王志榮)."""
    out: list[NameHit] = []
    for hit in found:
        short = s.folded[hit.start : hit.end]
        after = s.folded[hit.end : hit.end + 1]
        if hit.known or len(short) != 2 or not after or not HAN_CHAR.match(after):
            out.append(hit)
            continue
        full = short + after
        count = article.count(full)
        if count >= 2 and count == article.count(short) and _whole_once(full, article):
            hit = NameHit(s.text[hit.start : hit.end + 1], hit.start, hit.end + 1, None, False)
        out.append(hit)
    return out


def names_uncut(s: Sentence, found: list[NameHit], article: str) -> list[NameHit]:
    """A name of three characters that jieba cuts into a common word and a character
    (劉家|棟, 鄒家|成, 王國|豪), so that no name is guessed at all, is the article's name
    when the article writes it three times or more, the word never without the character,
    and once before punctuation, a bracket or a joiner (as `names_lengthened` reads a
    guessed name cut short; extract17: 7 right pool suggestions at 0.6 or more, 1 wrong)."""
    f = s.folded
    taken = [(n.start, n.end) for n in found]
    out = list(found)
    for i, c in enumerate(f[:-2]):
        # an occupation before also vouches for a weak surname (消防員方志雄; extract26)
        cued = c in SURNAMES_1 and occupied(f, i, i + 3)
        if not (c in STRONG_SURNAMES or cued) or any(a <= i < b for a, b in taken):
            continue
        full, word = f[i : i + 3], f[i : i + 2]
        if any(i < b and a < i + 3 for a, b in taken) or not all(HAN_CHAR.match(x) for x in full):
            continue
        if not _tokenizer().FREQ.get(word) or not _plausible(full):
            continue
        count = article.count(full)
        if count != article.count(word):
            continue
        whole = _whole_once(full, article) or opens_sentences(full, article)
        if not (count >= 3 and whole) and not cued:
            continue  # 消防員方志雄早前承認: an occupation says so (extract26)
        if re.search(f'[「『“"]{full}[」』”"]', article):
            continue  # 「莫須有」的指控: a quoted word, not a name
        out.append(NameHit(s.text[i : i + 3], i, i + 3, None, False))
        taken.append((i, i + 3))
    return sorted(out, key=lambda h: h.start)


def _whole_once(name: str, article: str) -> bool:
    """Written once before a boundary, or once right after 被告 (首被告王志榮已獲…: jieba
    cuts 王志|榮獲 elsewhere, issue #16, extract10)."""
    return any(
        NAME_BOUNDARY.match(article, m.end()) or article.endswith(DEFENDANT, 0, m.start())
        for m in re.finditer(re.escape(name), article)
    )
