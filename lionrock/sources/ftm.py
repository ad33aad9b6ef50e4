"""FollowTheMoney JSON lines, as `lionrock export --format ftm` writes and others publish.

A line written by Lion Rock carries its facts with full provenance under the `lionrock`
key, so a round trip is exact. A plain FtM line has no provenance: its values cite the
source given with `--source`, or are refused.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from lionrock.errors import LoadError, Location, Problem, cut
from lionrock.model import PROVENANCE
from lionrock.sources._json import load_json
from lionrock.sources._records import MAX_LINE_BYTES, Defaults, Record, check_size

log = logging.getLogger(__name__)

KNOWN_KEYS = {
    "id",
    "schema",
    "properties",
    "lionrock",
    "datasets",
    "referents",
    "caption",
    "first_seen",
    "last_seen",
    "last_change",
    "target",
}


def _fail(path: str, line: int, field: str | None, message: str) -> LoadError:
    return LoadError([Problem(Location(path, line, field), message)])


def rows(path: str, defaults: Defaults) -> Iterator[Record]:
    """Every value of every entity line. Example: `list(rows("export.ftm.json", d))`."""
    check_size(path)
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise _fail(path, number, None, f"line longer than {MAX_LINE_BYTES} bytes")
            if not raw.strip():
                continue
            data = load_json(path, raw, line=number)
            if not isinstance(data, dict):
                raise _fail(path, number, None, "expected a JSON object per line")
            yield from _entity(path, number, data, defaults)


def _entity(path: str, number: int, data: dict[str, Any], defaults: Defaults) -> Iterator[Record]:
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        keys = ", ".join(cut(key, 80) for key in sorted(unknown)[:20])  # hostile keys: cut
        log.warning("%s:%d: keys not read: %s", path, number, keys)
    extra = data.get("lionrock") or {}
    if not isinstance(extra, dict):
        raise _fail(path, number, "lionrock", "expected an object")
    if extra.get("derived"):
        return  # e.g. Documentation links the export adds for other FtM tools
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id:
        raise _fail(path, number, "id", "missing or not a string")
    schema = extra.get("schema") or data.get("schema")
    if not isinstance(schema, str):
        raise _fail(path, number, "schema", "missing or not a string")
    statements = extra.get("statements")
    if statements is not None:
        if not isinstance(statements, list):
            raise _fail(path, number, "lionrock.statements", "expected a list")
        for stmt in statements:
            if not isinstance(stmt, dict) or not isinstance(stmt.get("prop"), str):
                raise _fail(path, number, "lionrock.statements", "expected {prop, value, ...}")
            given = {k: stmt.get(k) for k in PROVENANCE}
            yield Record.make(
                defaults,
                entity_id=entity_id,
                schema=schema,
                prop=stmt["prop"],
                value=stmt.get("value"),
                location=Location(path, number, stmt["prop"]),
                **given,
            )
        return
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise _fail(path, number, "properties", "expected an object")
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            yield Record.make(
                defaults,
                entity_id=entity_id,
                schema=schema,
                prop=prop,
                value=value,
                location=Location(path, number, prop),
            )
