"""The one YAML loader of the project (issue #18): every YAML parse goes through it.

Hostile YAML is refused before it can cost memory or time:
- no aliases or anchors (a 394-byte "billion laughs" in an article's front matter took
  22.8 GB before the kernel killed it);
- nesting at most MAX_DEPTH deep (YAML nested 3,000 deep gave a `RecursionError`);
- at most `max_bytes` of text and MAX_NODES values.

The document is built from the parser's event stream with an explicit stack, so no input
can recurse. Scalars stay strings (YAML 1.1 would turn `no` into False and `2020-06-30`
into a date) unless `typed=True` (the model's own files); with `lines=True` every mapping
and list remembers the line of each item, for error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

from lionrock.errors import LoadError, Location, Problem

MAX_DEPTH = 64
MAX_NODES = 5_000_000
MAX_BYTES = 32 * 1024 * 1024
#: libyaml's parser when PyYAML has it (its wheels do), else the pure-Python one
_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_TYPED = yaml.SafeLoader


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of each key's value."""

    line = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A list that remembers the line of each item."""

    lines: list[int]


class _Builder:
    """Builds the document from events, refusing what the module docstring lists."""

    def __init__(self, name: str, first_line: int, lines: bool, typed: bool) -> None:
        self.name = name
        self.first_line = first_line
        self.lines = lines
        self.resolver = yaml.resolver.Resolver() if typed else None
        self.constructor = yaml.SafeLoader("") if typed else None
        self.nodes = 0

    def fail(self, mark: Any, message: str) -> LoadError:
        line = mark.line + self.first_line if mark is not None else None
        return LoadError([Problem(Location(self.name, line), message)])

    def line_of(self, event: Any) -> int:
        return int(event.start_mark.line) + self.first_line

    def scalar(self, event: Any) -> Any:
        if self.resolver is None or self.constructor is None:
            return event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        # the safe constructor of the tag, or its refusal of an unknown one (!!python/...)
        construct = self.constructor.yaml_constructors.get(tag, _TYPED.construct_undefined)
        try:
            return construct(self.constructor, node)
        except yaml.YAMLError as exc:
            raise self.fail(event.start_mark, f"invalid value: {str(exc)[:200]}") from exc

    def build(self, events: Any) -> Any:
        # each frame: [container, line of the container, pending key, key's line]
        stack: list[list[Any]] = []
        result: Any = None
        for parsed in events:
            event: Any = parsed
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise self.fail(event.start_mark, "YAML anchors and aliases are not allowed")
            if isinstance(
                event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent
            ):
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise self.fail(event.start_mark, f"more than {MAX_NODES} values")
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
                line = self.line_of(event)
                if isinstance(event, yaml.MappingStartEvent):
                    container: Any = LineDict() if self.lines else {}
                    if self.lines:
                        container.line, container.lines = line, {}
                else:
                    container = LineList() if self.lines else []
                    if self.lines:
                        container.lines = []
                stack.append([container, line, _NO_KEY, 0])
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                value, line = stack.pop()[:2]
            elif isinstance(event, yaml.ScalarEvent):
                value, line = self.scalar(event), self.line_of(event)
            else:
                if isinstance(event, yaml.DocumentStartEvent) and result is not None:
                    raise self.fail(event.start_mark, "expected one YAML document, found more")
                continue  # stream and document start and end
            if not stack:
                result = value
                continue
            self._add(stack[-1], value, line, event)
        return result

    def _add(self, frame: list[Any], value: Any, line: int, event: Any) -> None:
        container: Any = frame[0]
        if isinstance(container, LineList):
            container.append(value)
            container.lines.append(line)
        elif isinstance(container, list):
            container.append(value)
        elif frame[2] is _NO_KEY:
            if not isinstance(value, str) or value in container:
                shown = repr(value)[:80] if isinstance(value, str) else "a mapping or list"
                raise self.fail(event.start_mark, f"invalid YAML: duplicate or invalid key {shown}")
            frame[2] = value
        else:
            container[frame[2]] = value
            if self.lines:
                container.lines[frame[2]] = line
            frame[2] = _NO_KEY


_NO_KEY = object()


def load_yaml(
    source: str | IO[str],
    *,
    name: str,
    first_line: int = 1,
    max_bytes: int = MAX_BYTES,
    lines: bool = False,
    typed: bool = False,
) -> Any:
    """The one YAML document in `source`, or a LoadError naming `name` and the line.

    `first_line` is the file line of the text's first line (front matter starts on 2).

    Example: `load_yaml("title: A\\ntags: [x]", name="a.md")` returns
    `{"title": "A", "tags": ["x"]}`.
    """
    text = source if isinstance(source, str) else source.read(max_bytes + 1)
    if len(text) > max_bytes:
        raise LoadError([Problem(Location(name), f"more than {max_bytes} characters of YAML")])
    builder = _Builder(name, first_line, lines, typed)
    loader = _Loader(text)
    try:
        return builder.build(_events(loader))
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a position
        line = text.count("\n", 0, exc.position) + first_line
        where = Location(name, line)
        message = f"invalid YAML: character {exc.character!r} is not allowed (a control character?)"
        raise LoadError([Problem(where, message)]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise builder.fail(mark, f"invalid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise builder.fail(None, f"invalid YAML: {str(exc)[:200]}") from exc
    finally:
        loader.dispose()


def _events(loader: Any) -> Any:
    while loader.check_event():
        yield loader.get_event()


def load_yaml_file(path: str | Path, *, max_bytes: int = MAX_BYTES, **options: Any) -> Any:
    """`load_yaml` of a UTF-8 file, refusing one over `max_bytes` before reading it.

    Example: `load_yaml_file("data/events.yaml", lines=True)`.
    """
    name = str(path)
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise LoadError(
            [Problem(Location(name), f"{size} bytes is over the {max_bytes}-byte limit")]
        )
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raw = Path(path).read_bytes()
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text at byte {exc.start}: {exc.reason}"
        raise LoadError([Problem(Location(name, line), message)]) from exc
    return load_yaml(text, name=name, max_bytes=max_bytes, **options)
