"""Hostile JSON: one parse for every importer, with a nesting limit and errors that name
the file, the line and the offset (issue #18: JSON nested 100,000 deep gave a Python
`RecursionError` traceback)."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from lionrock.errors import LoadError, Location, Problem

#: Deeper than any real FtM entity or Arc article (nested FtM entities stop at 8 levels).
MAX_JSON_DEPTH = 100
#: a JSON string, written as the "unrolled loop" (`[^"\\]*` runs, one state per escape):
#: `"(?:[^"\\]|\\.)*"` kept a backtracking state per character, 570 MB for one 5 MB
#: string (found by the fuzzer, on an Apple Daily article)
_STRING_RE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET_RE = re.compile(rb"[\[\]{}]")
#: a surrogate escape, or the bytes of one (json.loads decodes bytes with "surrogatepass")
_SURROGATE_ESCAPE_RE = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def json_depth(raw: bytes) -> int:
    """How deep the arrays and objects of `raw` nest (strings ignored).

    Example: `json_depth(b'{"a": [[1]]}')` returns 3.
    """
    brackets = _BRACKET_RE.findall(_STRING_RE.sub(b"", raw))
    steps = (1 if b in (b"[", b"{") else -1 for b in brackets)
    return max(accumulate(steps), default=0)


def load_json(name: str, raw: bytes | str, *, line: int | None = None) -> Any:
    """The JSON document in `raw`, or a LoadError naming `name`, the line and the
    offset (byte or column): not UTF-8, invalid JSON, or nested deeper than MAX_JSON_DEPTH.

    Example: `load_json("a.json", b'{"id": "x"}')` returns `{"id": "x"}`.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    # a cheap count first: only a line with many brackets is scanned for its depth
    if data.count(b"[") + data.count(b"{") > MAX_JSON_DEPTH:
        depth = json_depth(data)
        if depth > MAX_JSON_DEPTH:
            message = f"JSON nested {depth} deep; the limit is {MAX_JSON_DEPTH}"
            raise LoadError([Problem(Location(name, line or 1), message)])
    try:
        document = json.loads(data)
    except UnicodeDecodeError as exc:
        where = Location(name, line or data.count(b"\n", 0, exc.start) + 1)
        message = f"not UTF-8 text at byte {exc.start}: {exc.reason}"
        raise LoadError([Problem(where, message)]) from exc
    except json.JSONDecodeError as exc:
        where = Location(name, line or exc.lineno)
        message = f"invalid JSON (truncated?) at column {exc.colno}: {exc.msg}"
        raise LoadError([Problem(where, message)]) from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise LoadError([Problem(Location(name, line), "JSON nested too deep")]) from exc
    # `"\ud800"` (or its bytes, ED A0 80) parses to a lone UTF-16 surrogate, which is no
    # text: it cannot be stored or written out (found by the fuzzer: a UnicodeEncodeError
    # at the database). A pair, `"\ud83d\ude00"`, parses to one character and passes.
    if _SURROGATE_ESCAPE_RE.search(data):
        found = _lone_surrogate(document)
        if found is not None:
            where = Location(name, line or 1)
            message = f"a lone UTF-16 surrogate (\\u{ord(found):04x}) in a string: not text"
            raise LoadError([Problem(where, message)])
    return document


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in the strings (keys too) of a parsed document, if any."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if (match := _SURROGATE_RE.search(item)) is not None:
                return match.group(0)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
