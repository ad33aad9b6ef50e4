"""Defendants named by their order (issue #16): a court report lists the defendants once
(案件4名被告依次為：賴雲龍、畢慧芬、何家樂及黃逸豪; 第三被告林易昇) and then states facts of
them by their order alone (首被告、第二被告、第二至第四被告、第一、二被告). The article's
map from order to name is learnt from those listings, and a mention of an order stands
for the name it maps to, only when the map is unambiguous: a list whose items are not
each one name found, a count that disagrees, or two names for one order (an article
about two cases) teach nothing, and an order the article has not mapped names no one.

Example:
    orders = Orders()
    orders.learn(folded, found)       # 2名被告依次為曾健成和李卓人
    orders.mentions(folded, found)    # 第二被告被判囚… → [NameHit("李卓人", …)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import chinese_number, zh

_N = r"[一二三四五六七八九十\d]{1,3}"
#: 首被告, 次被告 (not 多次被告知), 第二被告, 第二至第五被告, 第一、二及三被告.
MENTION = re.compile(
    zh(
        rf"(?:(?P<first>首)|(?<![多再屢一兩二三四五六七八九十幾每數首])(?P<second>次)"
        rf"|第(?P<n>{_N})(?:[至到]第?(?P<to>{_N})|(?P<more>(?:\s*(?:[、及和]|以及)\s*第?{_N})+))?)"
        r"被告(?![知人士])"
    )
)
#: The defendants as a group: 三名被告 (when the listing had three), 各被告, 所有被告; and
#: the first few, 首兩名被告. Not 其餘三名被告, 其中兩名被告, 三名被告中: some of them.
GROUP = re.compile(
    zh(
        rf"(?:首(?P<head>{_N}|兩)名|(?<![其餘他另外中首])(?P<count>{_N}|兩)名|各|眾|所有|全部|全體)"
        r"(?:男|女)?被告(?:人)?(?![知中]|之[一中]|其中)"
    )
)
#: …(N名)被告(，)依次為：A、B及C — the names in order, up to the clause's end; also 依序為,
#: and 本案14名被告，分別為A、B…及C (eighth round), whose count must then agree.
LISTING = re.compile(
    zh(
        rf"(?:(?P<count>{_N})名)?\S{{0,2}}被告(?:人)?\s*[,，]?\s*(?:依次|依序)[為是]\s*[:：]?"
        rf"|(?P<counted>{_N})名\S{{0,2}}被告(?:人)?\s*[,，]?\s*分別[為是]\s*[:：]?"
    )
)
#: 6名受審被告為A、B…, 7名被告，包括A、B…: the defendants listed once in no order (not
#: 其餘7名被告包括…, some of them): a group only, whose count must agree.
_GROUP_LISTED = rf"(?P<count>{_N}|兩)名\S{{0,4}}?被告(?:人)?\s*[,，]?\s*(?:為|是|包括)"
GROUP_LISTING = re.compile(
    zh(rf"(?<![其餘他另外中之]){_GROUP_LISTED}\s*(?:[(（][^)）]{{0,10}}[)）])?\s*[:：]?")
)
#: A, B and C (依次為第一至第三被告): the names just before, in order.
LISTED_BEFORE = re.compile(zh(rf"\s*[(（]\s*依次[為是]第一至第(?P<to>{_N})被告\s*[)）]"))
#: What may stand between an order and its name: 第五被告社工陳虹秀, 首被告為劉婉玲.
EXPLICIT_GAP = re.compile(zh(r"^(?:[為是]|[:：])?[^\s,;:，；：、。()（）「」]{0,4}$"))
#: Where a listing ends: its clause's end, but not a comma before its last item
#: (依次為：A（21歲）、B（24歲），以及C（29歲）).
LISTING_END = re.compile(zh(r"[;。；]|[,，](?!\s*以及)"))
#: What joins the items of a listing (一名 per item).
ITEM_JOINER = re.compile(zh(r"以及|[、及和與]"))
#: Cheap test for a sentence that may hold a listing (so it is read without a trigger).
CUE = re.compile(zh(rf"依次|依序|被告\s*[,，]?\s*分別[為是]|{_GROUP_LISTED}"))


def _number(text: str) -> int | None:
    value = chinese_number(text)
    return int(value) if value and value == int(value) else None


@dataclass
class Orders:
    """One article's map from a defendant's order to the name it stands for."""

    names: dict[int, NameHit] = field(default_factory=dict)
    void: set[int] = field(default_factory=set)  # orders given two different names
    total: int | None = None  # how many the listing had (0: two listings disagree)
    members: list[NameHit] = field(default_factory=list)  # a listing in no order
    members_void: bool = False  # two such listings disagree

    def _set(self, order: int, name: NameHit) -> None:
        if order in self.void:
            return
        kept = self.names.get(order)
        if kept is None:
            self.names[order] = name
        elif kept.name != name.name:
            del self.names[order]
            self.void.add(order)

    def learn(self, f: str, found: list[NameHit]) -> None:
        """What a sentence's listings and explicit orders (第三被告林易昇) teach."""
        explicit: dict[int, int] = {}  # order: where this sentence names it
        for m in MENTION.finditer(f):
            if m.group("to") or m.group("more"):
                continue
            name = _named_after(f, m.end(), found)
            order = _orders(m)
            if name and order:
                self._set(order[0], name)
                explicit.setdefault(order[0], m.start())
        for m in LISTING.finditer(f):
            listed = _listing(f, m.end(), found)
            count = _number(m.group("count") or m.group("counted") or "")
            if listed and (not count or count == len(listed)):
                for i, name in enumerate(listed, 1):
                    self._set(i, name)
                self.total = len(listed) if self.total in (None, len(listed)) else 0
            elif count and all(explicit.get(i, -1) >= m.end() for i in range(1, count + 1)):
                # 5名被告依次為第一被告A（26歲），第二被告B…: the commas break the list,
                # but its explicit orders 1 to N after the count make it whole (eighth round)
                whole = all(i in self.names for i in range(1, count + 1))
                if whole and not any(o > count for o in explicit):
                    self.total = count if self.total in (None, count) else 0
        for m in GROUP_LISTING.finditer(f):
            listed = _listing(f, m.end(), found)
            if listed and _count(m.group("count")) == len(listed):
                self._set_members(listed)
        for name in found:
            tail = LISTED_BEFORE.match(f, name.end)  # (依次為第一至第三被告)
            if tail:
                before = _run_before(f, name, found)
                if len(before) == _number(tail.group("to")):
                    for i, hit in enumerate(before, 1):
                        self._set(i, hit)
                    self.total = len(before) if self.total in (None, len(before)) else 0

    def learn_headed(self, listed: list[NameHit], ordered: bool) -> None:
        """What a paragraph of names under a heading (47名被告次序：; extract28) teaches: the
        orders when the heading gives them, else the members of a listing in no order."""
        if not ordered:
            self._set_members(listed)
            return
        for i, name in enumerate(listed, 1):
            self._set(i, name)
        self.total = len(listed) if self.total in (None, len(listed)) else 0

    def _set_members(self, listed: list[NameHit]) -> None:
        if self.members_void:
            return
        if self.members and [n.name for n in self.members] != [n.name for n in listed]:
            self.members, self.members_void = [], True
        else:
            self.members = listed

    def listed(self) -> list[NameHit]:
        """The listing's names: in order when the map is whole, else the names of a
        listing in no order (6名受審被告為…), else none."""
        total = self.total or 0
        names = [self.names.get(i) for i in range(1, total + 1)]
        if total and all(names):
            return [n for n in names if n is not None]
        return [] if self.total == 0 else list(self.members)

    def mentions(self, f: str, found: list[NameHit]) -> list[NameHit]:
        """The people a sentence's orders stand for, placed where the order is written
        (one group for 第二至第四被告); an order followed by its name is left to the name."""
        extra: list[NameHit] = []
        for m in MENTION.finditer(f):
            if _named_after(f, m.end(), found):
                continue
            order = _orders(m)
            if not order or any(o not in self.names for o in order):
                # 首被告被判囚2個月、第三被告被判囚6個月: an order the map lacks would leave
                # its term to the one before it, so the sentence resolves none
                return []
            for o in order:
                extra.append(replace(self.names[o], start=m.start(), end=m.end()))
        listings = [(m.start(), m.end()) for m in LISTING.finditer(f)]
        for m in GROUP.finditer(f):
            if any(a < m.end() and m.start() < b for a, b in listings):
                continue  # 9名被告依次為…: the listing itself
            if _named_after(f, m.end(), found):
                continue  # 三名被告梁柏添、…: the names follow
            order = self._group(m)
            if order and all(o in self.names for o in order):
                for o in order:
                    extra.append(replace(self.names[o], start=m.start(), end=m.end()))
            elif self._whole_group(m):
                # 6名被告否認控罪 after 6名受審被告為A、B…: the group, not any order
                extra += [replace(n, start=m.start(), end=m.end()) for n in self.members]
        return extra

    def _whole_group(self, m: re.Match[str]) -> bool:
        """A group (6名被告, 各被告) that is all of a listing in no order."""
        if self.total is not None or not self.members or m.group("head"):
            return False
        return _count(m.group("count")) in (None, len(self.members))

    def _group(self, m: re.Match[str]) -> list[int]:
        if m.group("head"):
            head = 2 if m.group("head") == zh("兩") else _number(m.group("head"))
            return list(range(1, head + 1)) if head and self.total and head < self.total else []
        if not self.total:
            return []
        count = m.group("count")
        if count and (2 if count == zh("兩") else _number(count)) != self.total:
            return []
        return list(range(1, self.total + 1))


def _count(text: str | None) -> int | None:
    return 2 if text == zh("兩") else _number(text) if text else None


def _orders(m: re.Match[str]) -> list[int]:
    if m.group("first"):
        return [1]
    if m.group("second"):
        return [2]
    first = _number(m.group("n"))
    if not first:
        return []
    if m.group("to"):
        last = _number(m.group("to"))
        return list(range(first, last + 1)) if last and first < last <= first + 20 else []
    more = [_number(n) for n in re.findall(zh(_N), m.group("more") or "")]
    if any(n is None for n in more):
        return []
    return [first, *(n for n in more if n is not None)]


def _named_after(f: str, at: int, found: list[NameHit]) -> NameHit | None:
    """The name an order is written with (第三被告林易昇), if any."""
    for name in found:
        if at <= name.start <= at + 5:
            gap = f[at : name.start]
            return name if EXPLICIT_GAP.match(gap) and not TRIGGER.search(gap) else None
    return None


def _outside_brackets(text: str) -> str:
    """The text with what brackets hold blanked (…曾健成（社民連成員、65歲）和…)."""
    out, depth = [], 0
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
            out.append(" ")
            continue
        out.append(" " if depth else char)
    return "".join(out)


def _listing(f: str, at: int, found: list[NameHit]) -> list[NameHit]:
    """The names of a listing from `at` to its clause's end, when each item is one name."""
    plain = _outside_brackets(f[at:])
    end = LISTING_END.search(plain)
    plain = plain[: end.start()] if end else plain
    names = [n for n in found if at <= n.start and n.end <= at + len(plain)]
    if len(names) < 2:
        return []
    edges = [(0, names[0].start - at)]
    edges += [(a.end - at, b.start - at) for a, b in pairwise(names)]
    edges.append((names[-1].end - at, len(plain)))
    # before the first name no joiner; between two names exactly one; after the last none
    # (else a name was missed, and the orders would shift)
    joins = [len(ITEM_JOINER.findall(plain[a:b])) for a, b in edges]
    if joins[0] or joins[-1] or any(j != 1 for j in joins[1:-1]):
        return []
    return names


def _run_before(f: str, last: NameHit, found: list[NameHit]) -> list[NameHit]:
    """The names joined by 、/及/和 that end with `last` (A、B及C（依次為…）)."""
    run = [last]
    for name in reversed([n for n in found if n.end <= last.start]):
        gap = f[name.end : run[0].start]
        if not re.fullmatch(zh(r"\s*(?:[、及和與]|以及)\s*"), gap):
            break
        run.insert(0, name)
    return run
