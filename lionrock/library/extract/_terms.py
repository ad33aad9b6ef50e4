"""Terms of imprisonment in a sentence (issue #16 §2): the months after 判囚 or before 監禁,
the total over concurrent parts, one term per person for 分別 (or "respectively"), and
never a range, a starting point (量刑起點), a suspended term or a remand (羈押入獄).

Example: `[h.value for h in sentence_hits(sentence, [])]` is `["10"]` for 黃之鋒被判囚10個月。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._english import TERM_NOUN
from lionrock.library.extract._patterns import (
    NOT_TERM_AFTER,
    RANGE,
    RANGE_BEFORE,
    REMAND_BEFORE,
    SENTENCE,
    SUSPENDED,
    TERM_FIRST,
    TERM_THEN,
    TOTAL,
)
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, clause_end, clause_start
from lionrock.library.extract._text import (
    TERM_EN,
    TERM_ZH,
    Sentence,
    english_months,
    format_months,
    term_months,
    zh,
)

CLAUSE_END = re.compile(r"[,;，；。]")
SUSPENDED_NEXT = re.compile(zh(r"\s*[,，]\s*(?:緩刑|緩期)"))


def _terms(f: str, text: str, start: int) -> list[tuple[int, int, float]]:
    """The terms right after a sentence trigger (within a few characters, and in a row
    when several follow: 分別判囚 7 個月、10個月及13.5 個月)."""
    found: list[tuple[int, int, float]] = []
    position = start
    for _ in range(6):
        window = f[position : position + 14]
        m = TERM_ZH.search(window)
        months: float | None = None
        if m and CLAUSE_END.search(window, 0, m.start()):
            break  # 總刑期為13.5個月監禁，周庭的總刑期為10個月: a term is in its trigger's clause
        if m and ((not found and m.start() <= 8) or (found and m.start() <= 3)):
            if (m.group("days") or m.group("weeks")) and m.start() > 3:
                break
            months = term_months(m)
            a, b = position + m.start(), position + m.end()
        else:
            e = TERM_EN.search(text[position : position + 40])
            if not e or e.start() > 12:
                break
            months = english_months(e)
            a, b = position + e.start(), position + e.end()
        if months is None or RANGE.search(f[b : b + 6]) or NOT_TERM_AFTER.search(f[b : b + 16]):
            break
        if RANGE_BEFORE.search(f[max(0, a - 4) : a]) or f[a - 1 : a] == zh("第"):
            break  # 8至18個月; 入獄第二日 (a day of the term, not its length; extract44)
        found.append((a, b, months))
        position = b
    return found


#: 就禁蒙面法，首被告被判囚2個月: a clause headed by one charge, so the terms after it are
#: that count's, parts of a sentencing whose total the article may give elsewhere.
PER_COUNT = re.compile(zh(r"就[^，,。；;]{1,20}?(?:罪|法|控罪)\s*[，,]"))


def sentence_hits(s: Sentence, found: list[NameHit]) -> Iterator[Hit]:
    f = s.folded
    total = TOTAL.search(f)
    totals = [(t.start(), t.end()) for t in TOTAL.finditer(f)]
    for m in SENTENCE.finditer(f):
        if total and m.start() < total.start() and "总刑期" not in f[m.start() : m.end()]:
            continue
        if REMAND_BEFORE.search(f[max(0, m.start() - 3) : m.start()]):
            continue  # 已羈押入獄共三個月: remand, not a term
        start = m.end()
        terms = _terms(f, s.text, start)
        if not terms:
            continue
        end = terms[-1][1]
        if SUSPENDED.search(
            f[clause_start(f, m.start()) : clause_end(f, end)]
        ) or SUSPENDED_NEXT.match(f, end):
            continue  # 判囚12個月，緩刑2年: suspended (not 判監8個月，不獲緩刑)
        obj = m.groupdict().get("obj")
        people = None
        if obj:
            at = m.start("obj")
            people = [n for n in found if at <= n.start < at + len(obj)] or None
        respectively = (
            re.search(zh(r"分別\S{0,4}$"), f[max(0, m.start() - 6) : m.start()])
            or re.match(r"\W*(?:in\s+(?:jail|prison)\W*)?respectively", f[terms[-1][1] :])
            or _far_respectively(f, m.start(), found, len(terms))
        )
        if respectively and len(terms) > 1:
            for i, (_a, _b, months) in enumerate(terms):
                yield Hit("sentence", m.start(), m.end(), format_months(months), False,
                          statute=str(i), confidence=0.8)  # fmt: skip
            continue
        hit = Hit("sentence", m.start(), terms[0][1], format_months(terms[0][2]), people=people)
        if any(a <= m.start() < b for a, b in totals):
            hit.section = "total"  # 總刑期為13.5個月, 合共判囚14個月
        elif PER_COUNT.search(f[: m.start()]):
            hit.section = "part"  # 就禁蒙面法，第三被告被判囚6個月: one count's term
        after = f[terms[0][1] : terms[0][1] + 3]
        if after.startswith(zh("的")):
            hit.active = True
        yield hit
    yield from _terms_before(f, total.start() if total else 0)
    yield from _terms_as_noun(f)


def _terms_as_noun(f: str) -> Iterator[Hit]:
    """Tai was convicted … with a 16-month jail term; was handed a two-year prison
    sentence: the term before the noun (not a suspended one; extract49)."""
    for m in TERM_NOUN.finditer(f):
        term = TERM_EN.fullmatch(m.group("term"))
        months = english_months(term) if term else None
        if months is None or SUSPENDED.search(f[m.end() : clause_end(f, m.end()) + 20]):
            continue
        yield Hit("sentence", m.start(), m.end(), format_months(months))


def _far_respectively(f: str, at: int, found: list[NameHit], count: int) -> bool:
    """黃之鋒、周庭及林朗彥，分別因煽惑…罪，被判囚13.5個月、10個月及7個月: a 分別 further
    back in the sentence pairs the terms with the names before it, when there are as many
    names as terms (else which term is whose is not said)."""
    lo = max(0, at - 40)
    stop = max(f.rfind(zh("。"), lo, at), f.rfind(zh("；"), lo, at), f.rfind(";", lo, at))
    lo = max(lo, stop + 1)
    far = re.search(zh("分別"), f[lo:at])
    if not far:
        return False
    names = [n for n in found if n.end <= lo + far.start() and n.start >= stop + 1]
    return len(names) == count


def _terms_before(f: str, total: int) -> Iterator[Hit]:
    """被判處13個月監禁, 被判12個月監禁: the term between 判 and 監禁 (not a range, a
    starting point, a suspended term, or a part of the total that follows)."""
    for m in TERM_FIRST.finditer(f, total):
        term = TERM_ZH.match(f, m.end())
        months = term_months(term) if term else None
        if term is None or months is None or not TERM_THEN.match(f, term.end()):
            continue
        tail = f[term.end() : clause_end(f, term.end())]
        if SUSPENDED.search(f[term.end() : term.end() + 10]) or NOT_TERM_AFTER.search(tail):
            continue
        if RANGE.match(tail):
            continue
        yield Hit("sentence", m.start(), term.end(), format_months(months))
