"""Short-term search on SQLite: the text a second FTS5 index (unicode61) holds.

A trigram index cannot look up terms of one or two characters, yet 家超 (two characters)
is how people search a Chinese given name. So each searchable value is also indexed as
words, with every run of CJK characters split into its single characters and adjacent
pairs: 李家超 → "李 家 超 李家 家超". A one- or two-character query then matches a whole
token (CJK) or a word prefix (Latin: `ng` finds "Ng", not "Wong").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

FUNCTION = "lr_grams"


@cache
def cjk() -> re.Pattern[str]:
    """A run of CJK characters. Compiled on first use: its wide ranges take milliseconds
    to compile, which a search for three or more characters need not pay (issue #13)."""
    return re.compile(
        "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+"
    )


def grams(value: str | None) -> str:
    """The text indexed for short terms.

    Example: `grams("John Lee 李家超")` returns `"John Lee  李 家 超 李家 家超 "`.
    """
    if not value:
        return ""

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        pairs = [run[i : i + 2] for i in range(len(run) - 1)]
        return " " + " ".join([*run, *pairs]) + " "

    return cjk().sub(split, value)


def short_term_query(term: str) -> str:
    """An FTS5 query for a one- or two-character term on the grams index.

    Example: `short_term_query("家超")` is `'"家超"'`; `short_term_query("ng")` is `'"ng"*'`.
    """
    return f'"{term}"' if cjk().fullmatch(term) else f'"{term}"*'


def register(dbapi_conn: Any) -> None:
    """Make `lr_grams()` available to the triggers that keep the index in step."""
    dbapi_conn.create_function(FUNCTION, 1, grams, deterministic=True)
