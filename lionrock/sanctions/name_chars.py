"""Characters used in personal names, from jieba's dictionary (issue #14).

A Cantonese spelling meets a pinyin one through a character read both ways (Wan/Yin
through 尹), and only common characters link the two (`romanize._cross_tables`): a
rare one would link almost any two syllables. "Common" is counted in dictionary
words, which misses characters common in names and rare in words: the surname 尹 (3
words in PyCantonese's dictionary), the given-name characters 旭 and 炯. jieba's
dictionary tags each entry with a part of speech; a single character tagged `nr`
(person name) is a surname or a character used on its own as a name (444 of them:
吴, 尹, 胡, 旭...). Those count as common in names too.

jieba is already a dependency (the court-case fact suggestions use it); its dictionary
file is read directly, without loading jieba's segmenter.

Example:
    >>> "尹" in name_characters()
    True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_NAME_ENTRY = re.compile(r"^(\S) \d+ nr$", re.MULTILINE)


@lru_cache(maxsize=1)
def name_characters() -> frozenset[str]:
    """The single characters jieba's dictionary tags as a person name (simplified)."""
    import jieba

    text = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")
    return frozenset(_NAME_ENTRY.findall(text))
