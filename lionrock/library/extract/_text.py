"""Sentences, dates and terms of imprisonment, as newsroom Chinese and English write them.

- `sentences` cuts an article's text into paragraphs and sentences, keeping each
  sentence's exact text (a suggestion quotes it as written) and its paragraph.
- `resolve_date` turns 今日, 昨晚, 周三（31日）, 3月5日 and 2021年1月6日 into ISO dates against
  the article's own date (issue #16 §1).
- `parse_term` reads 三年九個月, 13.5 個月, 年半 and "three years and nine months" as months.

Rules run on folded text (`lionrock.fold.fold`: simplified, half-width, lower case, the
same length), so one pattern serves both scripts and offsets stay those of the original.

Example: `parse_term("三年九個月")` is 45.0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from lionrock.fold import HAN_RE, fold

#: The longest quote a suggestion keeps: a short excerpt, never the article (issue #16).
MAX_QUOTE = 200
SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.])\s+(?=[A-Z\"“‘(])")
SKIPPED_LINE = re.compile(r"^\s*(?:<|!\[|\||#|\*\*相關|相關報道|延伸閱讀)")


def words(text: str) -> list[str]:
    """The words of a list written as text, one per space (word lists stay readable).

    Example: `words("a b ")` is `["a", "b"]`.
    """
    return text.split()


@cache
def zh(pattern: str) -> str:
    """A pattern written in traditional characters, with its Han characters folded the way
    `fold` folds text (ASCII, and so regex escapes, left as they are). Cached: some rules
    fold a word per sentence (zh("歲") in `ages_named`), 130,000 calls in 3,000 articles.

    Example: `zh(r"還柙\\d")` is `"还柙\\d"`.
    """
    return "".join(fold(c) if HAN_RE.match(c) else c for c in pattern)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text as written, the same text folded, and where it is."""

    text: str
    folded: str
    paragraph: int
    start: int  # offset of the sentence in the article body


def sentences(body: str) -> Iterator[Sentence]:
    """Every sentence of every paragraph (figure captions, tables and headings left out).

    Example: `[s.text for s in sentences("甲被捕。乙獲釋。")]` is `["甲被捕。", "乙獲釋。"]`.
    """
    folded = fold(body)  # once: folding keeps offsets, so each sentence is a slice of it
    offset = 0
    for number, line in enumerate(body.split("\n")):
        if line.strip() and not SKIPPED_LINE.match(line):
            position = 0
            for piece in SENTENCE_END.split(line):
                if piece is None:
                    continue
                at = line.find(piece, position)
                position = at + len(piece)
                text = piece.strip()
                if text:
                    start = offset + at + (len(piece) - len(piece.lstrip()))
                    yield Sentence(text, folded[start : start + len(text)], number, start)
        offset += len(line) + 1


def paragraph_of(body: str, number: int) -> str:
    """The text of paragraph `number` (a line of the body), for showing a quote in place."""
    lines = body.split("\n")
    return lines[number] if 0 <= number < len(lines) else ""


#: A character of a Latin word (a short quote's cut moves off one), and how far it may move.
WORD_CHAR = re.compile(r"[A-Za-z0-9'’-]")
WORD_CUT = 30


def short_quote(text: str, at: int, limit: int = MAX_QUOTE) -> str:
    """The sentence, or the `limit` characters of it around offset `at` when it is longer:
    an exact excerpt, never more.

    Example: `short_quote("a" * 500, 250)` has 200 characters.
    """
    if len(text) <= limit:
        return text
    start = max(0, min(at - limit // 2, len(text) - limit))
    end = start + limit
    # never a Latin word cut in two ("igh-profile arrests"): the cut moves to the space
    # nearest inside, when one is within WORD_CUT characters
    if start and WORD_CHAR.match(text, start - 1) and WORD_CHAR.match(text, start):
        space = text.find(" ", start, start + WORD_CUT)
        start = space + 1 if space >= 0 else start
    if end < len(text) and WORD_CHAR.match(text, end - 1) and WORD_CHAR.match(text, end):
        space = text.rfind(" ", end - WORD_CUT, end)
        end = space if space > start else end
    return text[start:end]


# -- numbers ---------------------------------------------------------------------------

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "thirty": 30, "a": 1, "an": 1,
}  # fmt: skip
CN_NUM = "[零〇一二两三四五六七八九十百]+"
NUM = rf"(?:\d+(?:\.\d+)?|{CN_NUM})"


def chinese_number(text: str) -> float | None:
    """十三 → 13, 二十一 → 21, 一百 → 100, 13.5 → 13.5, 兩 → 2 (folded text).

    Example: `chinese_number("二十一")` is 21.0.
    """
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return float(total + current)


def count_of(text: str | None) -> int | None:
    """The whole number a count is written with (兩 → 2, 十三 → 13, folded text), or None.

    Example: `count_of("兩")` is 2; `count_of("")` is None.
    """
    if not text:
        return None
    value = 2 if text == zh("兩") else chinese_number(text)
    return int(value) if value else None


#: A term in folded Chinese: 三年九个月, 3年零6个月, 年半, 半年, 13.5 个月, 3个月6日, 21日, 两星期.
TERM_ZH = re.compile(
    rf"(?P<years>{NUM})\s*年(?:零|又)?(?:\s*(?P<ymonths>{NUM})\s*个?月|(?P<yhalf>半))?"
    # 3个月6日: months and days (extract56)
    rf"|(?P<months>{NUM})\s*个(?P<mhalf>半)?\s*月(?:零?(?P<mdays>{NUM})(?:日|天))?|(?P<bare>\d+(?:\.\d+)?)\s*月(?!\s*\d)"
    rf"|(?P<halfyear>半年)|(?P<yearhalf>年半)"
    rf"|(?P<days>{NUM})\s*(?:日|天)|(?P<weeks>{NUM})\s*(?:星期|周)"
)
TERM_EN = re.compile(
    r"(?P<n1>\d+(?:\.\d+)?|[a-z]+)[\s-]+(?P<u1>years?|months?|weeks?|days?)"
    # "three years and nine months" is one term; "10 months and seven months" two
    r"(?:(?:(?<=year)|(?<=years))"
    r",?\s+and\s+(?:a\s+half|(?P<n2>\d+|[a-z]+)[\s-]+(?P<u2>months?|weeks?|days?)))?",
    re.IGNORECASE,
)
UNIT_MONTHS = {"year": 12.0, "month": 1.0, "week": 7 / 30, "day": 1 / 30}


def _round(months: float) -> float:
    return round(months, 1)


def term_months(found: re.Match[str]) -> float | None:
    """Months of a `TERM_ZH` match."""
    g = found.groupdict()
    if g["halfyear"]:
        return 6.0
    if g["yearhalf"]:
        return 18.0
    if g["years"]:
        years = chinese_number(g["years"])
        if years is None or years > 99:
            return None  # 2018年 is a date, not a term
        months = chinese_number(g["ymonths"]) if g["ymonths"] else 0.0
        return _round(years * 12 + (months or 0.0) + (6 if g["yhalf"] else 0))
    if g["months"] or g["bare"]:
        months = chinese_number(g["months"] or g["bare"])
        days = chinese_number(g["mdays"]) if g["mdays"] else 0.0
        if months is None or days is None:
            return None
        return _round(months + (0.5 if g["mhalf"] else 0) + days / 30)
    if g["days"]:
        days = chinese_number(g["days"])
        return None if days is None else _round(days / 30)
    if g["weeks"]:
        weeks = chinese_number(g["weeks"])
        return None if weeks is None else _round(weeks * 7 / 30)
    return None


def english_months(found: re.Match[str]) -> float | None:
    """Months of a `TERM_EN` match ("three years and nine months", "10-month")."""
    total = 0.0
    for n, u in (("n1", "u1"), ("n2", "u2")):
        word, unit = found.group(n), found.group(u)
        if not word or not unit:
            continue
        value = WORDS.get(word.lower()) if not word[0].isdigit() else float(word)
        if value is None:
            return None
        total += float(value) * UNIT_MONTHS[unit.lower().rstrip("s")]
    if "half" in found.group(0).lower():
        total += 6.0 if found.group("u1").lower().startswith("year") else 0.5
    return _round(total)


def parse_term(text: str) -> float | None:
    """The first term of imprisonment in `text`, in months.

    Example: `parse_term("判囚 13.5 個月")` is 13.5; `parse_term("jailed for 10 months")` is 10.
    """
    found = TERM_ZH.search(fold(text))
    if found:
        return term_months(found)
    english = TERM_EN.search(text)
    return english_months(english) if english else None


def format_months(months: float) -> str:
    """`10.0` → `"10"`, `13.5` → `"13.5"`: the value a sentence suggestion carries."""
    return str(int(months)) if months == int(months) else str(months)


# -- dates -----------------------------------------------------------------------------

FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
MONTH_DAY = re.compile(r"(?<!\d)(?<!\d年)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
DAY_ONLY = re.compile(r"[(（]\s*(?P<d>\d{1,2})\s*日\s*[)）]")
RELATIVE = re.compile(zh(r"今日|今天|今早|今晨|今午|今晚|今夜|昨日|昨天|昨晚|昨夜|前日|前天|翌日"))
SHIFT = {zh("昨"): -1, zh("前"): -2, zh("今"): 0, zh("翌"): 1}
EN_MONTHS = words(
    "january february march april may june july august september october november december "
)
EN_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+(?P<mon1>[A-Z][a-z]+)|(?P<mon2>[A-Z][a-z]+)\s+(?P<d2>\d{1,2}))"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)
EN_RELATIVE = re.compile(r"\b(today|yesterday)\b", re.IGNORECASE)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_date(folded: str, published: date | None, text: str | None = None) -> str | None:
    """The first date the (folded) clause states, resolved against the article's date:
    a month and day without a year take the latest such date not after the article; a day
    alone (周三（31日）) the latest such day of this or last month.

    Example: `resolve_date("昨日被捕", date(2021, 1, 7))` is `"2021-01-06"`.
    """
    found = FULL_DATE.search(folded)
    if found:
        day = _safe(int(found["y"]), int(found["m"]), int(found["d"]))
        return day.isoformat() if day else None
    if published is None:
        return None
    found = MONTH_DAY.search(folded)
    if found:
        m, d = int(found["m"]), int(found["d"])
        day = _safe(published.year, m, d)
        if day is not None and day > published:
            day = _safe(published.year - 1, m, d)
        return day.isoformat() if day else None
    found = DAY_ONLY.search(folded)
    if found:
        d = int(found["d"])
        day = _safe(published.year, published.month, d)
        if day is None or day > published:
            last = published.replace(day=1) - timedelta(days=1)
            day = _safe(last.year, last.month, d)
        return day.isoformat() if day else None
    found = RELATIVE.search(folded)
    if found:
        return (published + timedelta(days=SHIFT[found.group(0)[0]])).isoformat()
    if text is not None:
        return _english_date(text, published)
    return None


def _english_date(text: str, published: date) -> str | None:
    for found in EN_DATE.finditer(text):
        name = (found["mon1"] or found["mon2"] or "").lower()
        if name not in EN_MONTHS:
            continue
        m, d = EN_MONTHS.index(name) + 1, int(found["d1"] or found["d2"])
        year = int(found["y"]) if found["y"] else published.year
        day = _safe(year, m, d)
        if day is not None and not found["y"] and day > published:
            day = _safe(year - 1, m, d)
        if day is not None:
            return day.isoformat()
    relative = EN_RELATIVE.search(text)
    if relative:
        shift = -1 if relative.group(1).lower() == "yesterday" else 0
        return (published + timedelta(days=shift)).isoformat()
    return None
