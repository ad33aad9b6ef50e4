"""The project's own YAML format (docs/data-format.md): sources and entities.

Scalars are read as strings (YAML 1.1 would turn `no` into False and `2020-06-30` into a
date); every mapping and list keeps the line of each item, for errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lionrock.errors import LoadError, Location, Problem
from lionrock.safe_yaml import LineDict, LineList, load_yaml_file
from lionrock.sources._records import MAX_YAML_BYTES, Defaults, Record

SOURCE_FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "date": "publishedAt",
    "accessed": "retrievedAt",
    "url": "sourceUrl",
    "author": "author",
    "file_name": "fileName",
    "summary": "summary",
}
VALUE_KEYS = {"value", "lang", "source", "status", "original_value", "review"}


def parse(path: str) -> Any:
    """The file's document, with lines kept; a syntax error names its line."""
    return load_yaml_file(path, max_bytes=MAX_YAML_BYTES, lines=True)


def _fail(path: str, line: int | None, field: str | None, message: str) -> LoadError:
    return LoadError([Problem(Location(path, line, field), message)])


def _items(value: Any, line: int) -> Iterator[tuple[Any, int]]:
    if isinstance(value, LineList):
        yield from zip(value, value.lines, strict=True)
    else:
        yield value, line


def rows(path: str, defaults: Defaults) -> Iterator[Record]:
    """Every value in the file, as records. Example: `list(rows("data/events.yaml", d))`."""
    doc = parse(path)
    if doc is None:
        return
    if not isinstance(doc, LineDict):
        raise _fail(path, 1, None, "expected a mapping with 'sources' and/or 'entities'")
    unknown = set(doc) - {"defaults", "sources", "entities"}
    if unknown:
        key = sorted(unknown)[0]
        raise _fail(path, doc.lines[key], key, "unknown top-level key")
    file_defaults = doc.get("defaults") or LineDict()
    if not isinstance(file_defaults, LineDict):
        raise _fail(path, doc.lines.get("defaults"), "defaults", "expected a mapping")
    for key in file_defaults:
        if key not in ("review", "status", "recorded_by", "recorded_at", "lang", "source"):
            raise _fail(path, file_defaults.lines[key], f"defaults.{key}", "unknown default")
    if "source" in file_defaults:
        file_defaults = LineDict({**file_defaults, "source_id": file_defaults["source"]})
    defaults = defaults.merged(dict(file_defaults))
    for kind in ("sources", "entities"):
        block = doc.get(kind)
        if block is None or block == "":
            continue
        if not isinstance(block, LineList):
            raise _fail(path, doc.lines.get(kind), kind, "expected a list")
        for item, line in zip(block, block.lines, strict=True):
            if not isinstance(item, LineDict):
                raise _fail(path, line, kind, "expected a mapping")
            if kind == "sources":
                yield from _source(path, item, defaults)
            else:
                yield from _entity(path, item, defaults)


def _ident(path: str, item: LineDict, field: str = "id") -> str:
    value = item.get(field)
    if not isinstance(value, str) or not value:
        raise _fail(path, item.lines.get(field, item.line), field, "missing or not a string")
    return value


def _source(path: str, item: LineDict, defaults: Defaults) -> Iterator[Record]:
    source_id = _ident(path, item)
    schema = item.get("schema", "Article")
    for key in item:
        if key not in (*SOURCE_FIELDS, "id", "schema", "lang"):
            raise _fail(path, item.lines[key], key, f"unknown source field (source {source_id})")
    lang = item.get("lang") or defaults.lang
    defined_at = {"source_line": item.line}
    for key, prop in SOURCE_FIELDS.items():
        if key in item:
            loc = Location(path, item.lines[key], key)
            yield Record.make(
                defaults,
                entity_id=source_id,
                schema=schema,
                prop=prop,
                value=item[key],
                location=loc,
                source_id=source_id,
                lang=lang if key in ("title", "summary") else None,
                extra=defined_at,
            )


def _entity(path: str, item: LineDict, defaults: Defaults) -> Iterator[Record]:
    entity_id = _ident(path, item)
    schema = _ident(path, item, "schema")
    for key in item:
        if key not in ("id", "schema", "source", "status", "properties"):
            raise _fail(path, item.lines[key], key, f"unknown entity field (entity {entity_id})")
    overrides = {new: item.get(old) for old, new in (("source", "source_id"), ("status", "status"))}
    entity_defaults = defaults.merged({k: v for k, v in overrides.items() if v is not None})
    schema_line = {"schema_line": item.lines["schema"]}
    props = item.get("properties")
    if not isinstance(props, LineDict) or not props:
        raise _fail(path, item.lines.get("properties", item.line), "properties", "missing")
    for prop, raw in props.items():
        for value, line in _items(raw, props.lines[prop]):
            loc = Location(path, line, prop)
            if isinstance(value, LineDict):
                unknown = set(value) - VALUE_KEYS
                if unknown:
                    raise _fail(path, line, prop, f"unknown value key {sorted(unknown)[0]!r}")
                yield Record.make(
                    entity_defaults,
                    entity_id=entity_id,
                    schema=schema,
                    prop=prop,
                    value=value.get("value"),
                    location=loc,
                    source_id=value.get("source"),
                    status=value.get("status"),
                    review=value.get("review"),
                    lang=value.get("lang"),
                    original_value=value.get("original_value"),
                    extra=schema_line,
                )
            else:
                yield Record.make(
                    entity_defaults,
                    entity_id=entity_id,
                    schema=schema,
                    prop=prop,
                    value=value,
                    location=loc,
                    extra=schema_line,
                )
