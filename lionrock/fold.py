"""Folding text for search in Chinese and English, shared by the record's search
(`lionrock.store`, issue #13: 黄之锋 finds 黃之鋒) and the research library's.

`fold` maps traditional characters to simplified (OpenCC `t2s`, character by character),
full-width Latin to ASCII, and letters to lower case. It never changes the length of a
text, so an offset found in the folded text is the same offset in the original.

Example: `fold("鄒幸彤 ＮＳＬ")` returns `"邹幸彤 nsl"`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))

if TYPE_CHECKING:
    #: One Han character.
    HAN_RE: re.Pattern[str]


def __getattr__(name: str) -> Any:
    # HAN_RE is compiled on first use (PEP 562): its wide ranges take milliseconds to
    # compile, which `lionrock search` need not pay (issue #13, item 5)
    if name != "HAN_RE":
        raise AttributeError(f"module 'lionrock.fold' has no attribute {name!r}")
    pattern = globals()["HAN_RE"] = re.compile(f"[{HAN}]")
    return pattern


#: Full-width ASCII to ASCII, and the ideographic space to a space.
_WIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}
#: Up to this many characters, a text is folded with a table of only the Han characters
#: seen so far (a search query: `lionrock search` need not convert 28,000 characters to
#: start, issue #13 item 5); past it, with the whole table.
FEW = 256
_partial: dict[int, str] = dict(_WIDTH)
_partial_seen: set[str] = set()


@cache
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _han_table(chars: list[str]) -> dict[int, str]:
    """OpenCC t2s for each of `chars` on its own line (so phrases never change length),
    where it gives one other character."""
    converted = _opencc().convert("\n".join(chars)).split("\n")
    return {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


@cache
def _table() -> dict[int, str]:
    """One-to-one character mappings: OpenCC t2s for each Han character on its own, and
    full-width ASCII to ASCII."""
    return _han_table([chr(c) for lo, hi in HAN_RANGES for c in range(lo, hi)]) | _WIDTH


def _is_han(char: str) -> bool:
    code = ord(char)
    return any(lo <= code < hi for lo, hi in HAN_RANGES)


def _table_for(text: str) -> dict[int, str]:
    """The whole table once it is built or the text is long; else the table of the Han
    characters seen so far, with this text's added."""
    if _table.cache_info().currsize or len(text) > FEW:
        return _table()
    new = {c for c in text if c not in _partial_seen and _is_han(c)}
    if new:
        if len(_partial_seen) + len(new) > FEW:
            return _table()
        _partial.update(_han_table(sorted(new)))
        _partial_seen.update(new)
    return _partial


def fold(text: str) -> str:
    """Simplified, half-width, lower-case; the same length as `text`.

    Example: `fold("鄒幸彤 ＮＳＬ")` returns `"邹幸彤 nsl"`.
    """
    folded = text.translate(_table_for(text))
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few letters grow when lowered (İ): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


@cache
def _variants() -> dict[str, str]:
    """For each folded character, every character that folds to it (itself included)."""
    found: dict[str, str] = {}
    for source, target in _table().items():
        if target.isalpha() and not target.isascii():
            found[target] = found.get(target, target) + chr(source)
    return found


def variants_pattern(folded: str) -> str:
    """A regular expression matching, in unfolded text, any text that folds to `folded`
    (case is left to the `re.IGNORECASE` flag), so text need not be folded to be searched.

    Example: `re.search(variants_pattern("邹幸彤"), "鄒幸彤")` matches.
    """
    table = _variants()
    parts = []
    for char in folded:
        chars = table.get(char, char)
        parts.append(f"[{re.escape(chars)}]" if len(chars) > 1 else re.escape(char))
    return "".join(parts)
