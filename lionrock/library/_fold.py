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
from operator import add

from lionrock.fold import HAN, HAN_RE, fold, variants_pattern

TOKEN_RE = re.compile(f"[{HAN}]+|[0-9a-z\u00c0-\u024f]+")
__all__ = ["HAN_RE", "fold", "han_share", "index_tokens", "is_han", "variants_pattern"]


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
