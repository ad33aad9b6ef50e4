"""A counted group whose names the article lists in another sentence (issue #16, extract35).

A report states facts of a counted group (15名被告陸續到達, 其餘6名被告不認罪受審, 警方
拘捕了15名民主派人士) and names its members once, elsewhere, under a head that counts them
(15名被告包括（按年齡排序）：A（81歲）、B…; 6名受審被告為…; 8 名7.21被告分別為…). The
article's one listing (`_order.Orders`) resolves a group only when it is the article's only
listing; a report on several cases lists each (8月18日的案件有9名被告，包括…; 10月1日的案件
就有10名被告，分別是…) and then all of them. Here every listing of defendants whose count
agrees with its names is kept by count, and a group counting N stands for the listing of
exactly N names when the article has one such listing only (two different lists of N: no
one). A part (其中3人, 3人中, 當中) is not a listing's group, and a listing of a part
(其餘7名被告包括…) is no group's.

Example:
    counted = Counted()
    counted.learn(folded, found)          # 6名受審被告為王志榮、黃英傑…
    counted.mentions(folded, found)       # 其餘6名被告不認罪受審 → the six, at the group
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lionrock.library.extract._etc import etc_listed
from lionrock.library.extract._group_subject import listed_to_end
from lionrock.library.extract._order import ITEM_JOINER, LISTING_END, _listing, _outside_brackets
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import count_of, zh

_N = r"[一二三四五六七八九十\d]{1,3}|兩"
#: a head that counts a case's defendants before their names: 15名被告包括（按年齡排序）：,
#: 8 名7.21被告分別為, 6名受審被告為, 10名被告，分別是 (not 其餘7名被告包括…, some of them)
HEAD = re.compile(
    zh(
        rf"(?<![其餘他另外中之除])(?P<n>{_N})\s*名[^\s,，。；;：:、]{{0,6}}?被告(?:人)?"
        r"\s*[,，]?\s*(?:依次|依序|分別)?(?:為|是|包括)\s*(?:[(（][^)）]{0,10}[)）])?\s*[:：]?"
    )
)
#: a counted group: 15名被告, 15名民主派人士, 其餘6名被告, 其餘6人, 6人 (not 其中3人, 3人中,
#: 至少6人, 共15人 (a total of more cases), 6人士, 16人 from 116人)
GROUP = re.compile(
    zh(
        rf"(?<![\d一二兩三四五六七八九十百千至到約逾近共等超過中])(?P<n>{_N})\s*"
        r"(?:名[^\s,，。；;：:、「」]{0,6}?(?:被告(?:人)?|人士|男女|男子|女子|白衣人|黑衣人)"
        r"|人(?![士員數次手中之口物]))"
        r"(?![中之]|其中|當中|包括|依次|分別|[為是][:：]?)"
    )
)
#: a part of the group before it (其中3人, 當中兩名被告, 另3名被告: some, not all)
PART = re.compile(zh(r"(?:其中|當中|另|包括|內)\s*$"))
#: every defendant, uncounted: 全部被告, 全體被告, 所有被告, 全部人 (not 其餘各被告)
ALL = re.compile(
    zh(r"(?<![其餘他另外剩下])(?:全部|全體|所有)\s*(?:被告(?:人)?|人)(?![知中士員]|之[一中]|其中)")
)
REST_BEFORE = re.compile(zh(r"(?:其餘|餘下|剩餘|另外)$"))
#: a count of people charged or arrested, then their names in order, with no 被告 in the
#: head: 721暴動案中共有7人被控，依次為A（43歲）、B…; 則有4人被控，依次為…; or a count of a
#: kind of people (not a court's, the police's or the press's): 三名中學生分別為… (extract53)
PEOPLE_HEAD = re.compile(
    zh(
        rf"(?<![\d其餘他另外中之除])(?P<n>{_N})\s*(?:人\s*被(?:控|捕|起訴)\s*[,，]?\s*(?:依次|依序)"
        r"|名(?![^\s,，。；;：:、]{0,6}?(?:官|律師|檢控|警|記者))[^\s,，。；;：:、]{1,6}?\s*"
        r"[,，]?\s*(?:依次|依序|分別))[為是]\s*[:：]?"
    )
)
#: a counted group and its first few names: 拘捕15名民主派中堅，包括A、B、C等 (extract53)
PARTIAL = re.compile(
    zh(
        rf"(?<![\d一二兩三四五六七八九十百千其中當中另])(?P<n>{_N})\s*名"
        r"[^\s\d,，。；;：:、「」]{1,8}?\s*[,，]?\s*包括"
    )
)
LEAD = re.compile(r"[\s,，:：]*")
#: what ends a partial list: 等, or its clause
PARTIAL_END = re.compile(zh(r"等|[;。；]|[,，](?!\s*以及)"))


@dataclass
class Counted:
    """One article's listings of defendants, by how many names each has."""

    lists: dict[int, list[list[NameHit]]] = field(default_factory=dict)
    seq: list[list[str]] = field(default_factory=list)  # the listings' names, in order

    def learn(self, f: str, found: list[NameHit]) -> None:
        """The listings a sentence holds whose count agrees with their names."""
        heads = [*HEAD.finditer(f), *PEOPLE_HEAD.finditer(f)]
        for m in sorted(heads, key=lambda m: m.start()):
            count = count_of(m.group("n")) or 0
            # 11 名被告為，A、B…: a comma after the head opens the listing (extract53)
            at = m.end() + len(LEAD.match(f, m.end()).group())  # type: ignore[union-attr]
            listed = _listing(f, at, found)
            if not listed or count != len(listed):
                listed = _items(f, at, found, count)
            # items cut by semicolons or commas (7名被告依次為：A（27歲）；B…; groups21)
            listed = listed or listed_to_end(f, at, found, count)
            if not listed:
                continue
            kept = self.lists.setdefault(count, [])
            if not any([n.name for n in k] == [n.name for n in listed] for k in kept):
                kept.append(listed)
                self.seq.append([n.name for n in listed])

    def names(self) -> dict[str, NameHit]:
        """Every listed name, to be found again where the finder misses it (林啟明 after
        43歲「肥林」)."""
        return {n.name: n for lists in self.lists.values() for listed in lists for n in listed}

    def last_case(self, listed: list[NameHit]) -> list[NameHit]:
        """The names of `listed` the last charge sentence before it can be about: when the
        article lists a smaller group within it first (8月18日的案件有9名被告，包括…; 10月20日的
        案件涉及7名被告，包括… before 15名被告包括…), `listed` is several cases' defendants
        and the charge is the last case's, so only that case's names (not 單仲偕, of
        another case); else all of them."""
        names = [n.name for n in listed]
        before = self.seq[: next((i for i, k in enumerate(self.seq) if k == names), 0)]
        cases = [k for k in before if len(k) < len(names) and set(k) <= set(names)]
        return [n for n in listed if n.name in cases[-1]] if cases else listed

    def mentions(self, f: str, found: list[NameHit], earlier: list[NameHit]) -> list[NameHit]:
        """The listed names a sentence's counted groups stand for, placed where each group
        is written: a group that no name found covers, counting the names of the article's
        one listing of that many, in a sentence that is not itself a listing; or the rest
        (其餘六名不認罪被告) of the one listing that holds the names singled out before it,
        in the sentence or else in the paragraph's sentence before (`earlier`), and N more."""
        if not self.lists or HEAD.search(f) or PEOPLE_HEAD.search(f):
            return []
        extra = self._partial(f, found)
        for m in GROUP.finditer(f):
            count = count_of(m.group("n")) or 0
            if PART.search(f[max(0, m.start() - 3) : m.start()]):
                continue
            rest = REST_BEFORE.search(f[max(0, m.start() - 2) : m.start()]) is not None
            # 其餘6名被告: the rest may already stand there (`_groups.REST`)
            lo = m.start() - 2 if rest else m.start()
            if any(n.start < m.end() and lo < n.end for n in found):
                continue  # a group the orders or the rest already placed here
            lists = self.lists.get(count, [])
            singled = _written([n for n in found if n.end <= m.start()]) or _written(earlier)
            if rest:
                # the rest of N is a listing of N that holds none of those singled out (二人
                # 承認…，其餘6名被告 after 6名受審被告為…), not one that holds them
                picked = {n.name for n in singled}
                lists = [k for k in lists if not picked & {n.name for n in k}]
            if rest and not lists:
                lists = [
                    _rest(listed, singled)
                    for k, ls in self.lists.items()
                    if k > count
                    for listed in ls
                ]
                lists = [listed for listed in lists if len(listed) == count]
            if len(lists) == 1:
                # at the group's start, so that a trigger inside it (六名不認罪被告) is after
                extra += [replace(n, start=m.start(), end=m.start() + 2) for n in lists[0]]
        return extra + self._all(f, found)

    def _partial(self, f: str, found: list[NameHit]) -> list[NameHit]:
        """A counted group whose first few names follow it (警方拘捕15名民主派中堅，包括A、B、C
        等) or come before it (林卓廷等7人): the article's one listing of that many that holds
        every one of them, its other names placed on the last one written, so that they join
        its list (extract53)."""
        extra: list[NameHit] = []
        for count, lists in self.lists.items():
            # 林卓廷等7人被控暴動罪 (the article's one listing of 7)
            extra += etc_listed(f, found, lists[0], count) if len(lists) == 1 else []
        for m in PARTIAL.finditer(f):
            stop = PARTIAL_END.search(_outside_brackets(f), m.end())
            end = stop.start() if stop else len(f)
            written = [n for n in _written(found) if m.end() <= n.start and n.end <= end]
            names = {n.name for n in written}
            count = count_of(m.group("n")) or 0
            lists = [k for k in self.lists.get(count, []) if names <= {n.name for n in k}]
            if not written or len(lists) != 1 or len(lists[0]) <= len(written):
                continue
            last = written[-1]
            extra += [
                replace(n, start=last.start, end=last.end) for n in lists[0] if n.name not in names
            ]
        return extra

    def _all(self, f: str, found: list[NameHit]) -> list[NameHit]:
        """全部被告 of a report on several cases (listings of 9, 10 and 7, then all 15): the
        largest listing, when it holds every other, placed where the group is written
        (its names another listing placed there already are kept once)."""
        every = [listed for lists in self.lists.values() for listed in lists]
        if len(every) < 2:
            return []
        union = max(every, key=len)
        names = {n.name for n in union}
        # each other listing within it, but for one name it may spell otherwise (單仲楷)
        if any(len({n.name for n in listed} - names) > 1 for listed in every):
            return []
        extra: list[NameHit] = []
        for m in ALL.finditer(f):
            there = {n.name for n in found if n.start < m.end() and m.start() < n.end}
            extra += [
                replace(n, start=m.start(), end=m.start() + 2) for n in union if n.name not in there
            ]
        return extra


def _items(f: str, at: int, found: list[NameHit], count: int) -> list[NameHit]:
    """The names of a listing from `at` to its clause's end whose items are as many as its
    head counts, each holding one name at most, when the finder missed at most one item in
    five (客戶服務員庾家豪（35歲，男）: the other six of 7); none else (extract53). A name
    read is the one that ends its item (not 梁靜 of 梁靜一)."""
    plain = _outside_brackets(f[at:])
    end = LISTING_END.search(plain)
    plain = plain[: end.start()] if end else plain
    cuts = [0, *(x for j in ITEM_JOINER.finditer(plain) for x in j.span()), len(plain)]
    items = list(zip(cuts[::2], cuts[1::2], strict=True))
    if len(items) != count or any(not plain[a:b].strip() for a, b in items):
        return []
    names: list[NameHit] = []
    for a, b in items:
        inside = [n for n in found if at + a <= n.start and n.end <= at + b]
        if len(inside) > 1:
            return []
        # a name that does not end its item is cut short (梁靜 of 梁靜一（17歲）): unread
        names += [n for n in inside if n.end - at == a + len(plain[a:b].rstrip())]
    unread = count - len(names)
    return names if len(names) >= 2 and unread <= max(1, count // 5) else []


def _written(names: list[NameHit]) -> list[NameHit]:
    """The names written where they stand, not a group's placed at the group (several
    names at one place)."""
    starts = [n.start for n in names]
    return [n for n in names if starts.count(n.start) == 1]


def _rest(listed: list[NameHit], singled: list[NameHit]) -> list[NameHit]:
    """The listed names but those singled out, when every one singled out is listed."""
    names = {n.name for n in listed}
    if not singled or any(n.name not in names for n in singled):
        return []
    return [n for n in listed if n.name not in {s.name for s in singled}]
