"""Folding and tokens for Chinese and English search (issue #7).

- `fold` maps traditional characters to simplified (OpenCC `t2s`, character by
  character), full-width Latin to ASCII, and letters to lower case. It never changes the
  length of a text, so an offset found in the folded text is the same offset in the
  original: snippets are cut from the original and highlighted where the folded text hit.
- `index_tokens` turns folded text into the tokens both backends index: every run of Han
  characters becomes its overlapping bigrams (CJKAnalyzer-style), so any Chinese
  substring of two or more characters is a phrase of consecutive bigrams; Latin words are
  kept for the backend's stemmer (SQLite FTS5 `porter`, PostgreSQL `english`).

Example: `index_tokens(fold("鄒幸彤 Arrested"))` is `"邹幸 幸彤 arrested"`.
"""

from __future__ import annotations

import re
from functools import cache
from operator import add

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
HAN_RE = re.compile(f"[{HAN}]")
TOKEN_RE = re.compile(f"[{HAN}]+|[0-9a-z\u00c0-\u024f]+")
HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def _table() -> dict[int, str]:
    """One-to-one character mappings: OpenCC t2s for each Han character on its own (so
    phrases never change length), and full-width ASCII to ASCII."""
    import opencc

    chars = [chr(c) for lo, hi in HAN_RANGES for c in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    table.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
    table[0x3000] = " "  # the ideographic space
    return table


def fold(text: str) -> str:
    """Simplified, half-width, lower-case; the same length as `text`.

    Example: `fold("鄒幸彤 ＮＳＬ")` returns `"邹幸彤 nsl"`.
    """
    folded = text.translate(_table())
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


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(map(add, run, run[1:]))


def index_tokens(folded: str) -> str:
    """The space-separated tokens of folded text: Han bigrams and Latin words.

    Example: `index_tokens("香港国安法 nsl")` returns `"香港 港国 国安 安法 nsl"`.
    """
    return " ".join(_bigrams(m) if HAN_RE.match(m) else m for m in TOKEN_RE.findall(folded))


def is_han(text: str) -> bool:
    """Whether `text` contains a Han character. Example: `is_han("NSL 國安")` is True."""
    return HAN_RE.search(text) is not None


def han_share(text: str, *, sample: int = 2000) -> float:
    """The share of Han characters among the letters of the first `sample` characters.

    Example: `han_share("國安法 NSL")` is 0.5.
    """
    head = text[:sample]
    han = len(HAN_RE.findall(head))
    letters = sum(1 for c in head if c.isalpha())
    return han / letters if letters else 0.0
