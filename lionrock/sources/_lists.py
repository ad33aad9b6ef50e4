"""What the sanctions-list importers share: strict CSV reading, the snapshot's source
Document, and values cleaned before they reach the validator.

A list file is hostile input. Its structure (columns, quoting, encoding) must be exact,
or the import is refused with the file and line. A single value the model cannot read
(a country FtM does not know, say) must not sink a 15,000-row list: it is kept as a
`notes` fact with its label, so nothing is dropped, and counted in one warning.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as date_type
from typing import BinaryIO

from lionrock.errors import LoadError, Location, Problem
from lionrock.model import get_model
from lionrock.sources._records import MAX_LINE_BYTES, Defaults, Record, check_size

log = logging.getLogger(__name__)

DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")
csv.field_size_limit(MAX_LINE_BYTES)


def check_snapshot_date(path: str, value: str) -> str:
    """`value` if it is a real YYYY-MM-DD date, else a LoadError naming `path`.

    Example: `check_snapshot_date("sdn.csv", "2024-05-03")` returns `"2024-05-03"`.
    """
    try:
        return date_type.fromisoformat(value).isoformat()
    except ValueError:
        message = f"snapshot date {value!r} is not a YYYY-MM-DD date"
        raise LoadError([Problem(Location(path), message)]) from None


def date_in_name(path: str) -> str | None:
    """The first YYYY-MM-DD in a file name, or None (`us-ofac-sdn-2024-05-03.csv`)."""
    match = DATE_RE.search(path.replace("\\", "/").rsplit("/", 1)[-1])
    return match.group(1) if match else None


def safe_id(prefix: str, raw: str) -> str:
    """An entity ID from a list's own key, with characters FtM refuses replaced.

    Example: `safe_id("os", "NK-abc_1")` returns `"os-NK-abc-1"`.
    """
    return f"{prefix}-{_ID_UNSAFE.sub('-', raw.strip()).strip('-')}"[:255]


def read_csv(
    path: str, *, columns: tuple[str, ...] | None = None, header: bool = True
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV as (line, {column: value}), refusing any structural fault.

    With `header`, the first row names the columns and must contain every one of
    `columns`; without it, each row must have exactly `len(columns)` cells. A row with
    the wrong number of cells, an unterminated quote (a truncated file) or bytes that are
    not UTF-8 raise LoadError with the file and line.

    Example: `for line, row in read_csv("subjects.csv", columns=("unique_id",)): ...`
    """
    check_size(path)
    line = 0
    try:
        with open(path, "rb") as fh:
            reader = csv.reader(decoded_lines(path, fh), strict=True)
            names = columns
            for cells in reader:
                line = reader.line_num
                if not cells or cells in ([""], ["\x1a"]):
                    continue  # blank lines, and the DOS end-of-file mark OFAC files end with
                if header and names is columns:
                    names = tuple(c.strip() for c in cells)
                    missing = [c for c in columns or () if c not in names]
                    if missing:
                        message = f"missing column(s) {', '.join(missing)} in the header"
                        raise LoadError([Problem(Location(path, line), message)])
                    continue
                assert names is not None
                if len(cells) != len(names):
                    message = f"expected {len(names)} columns, found {len(cells)}"
                    raise LoadError([Problem(Location(path, line), message)])
                yield line, dict(zip(names, cells, strict=True))
            if header and names is columns:
                raise LoadError([Problem(Location(path, 1), "the file is empty (no header)")])
    except csv.Error as exc:
        message = f"invalid CSV (truncated or badly quoted): {exc}"
        raise LoadError([Problem(Location(path, line + 1), message)]) from exc


def decoded_lines(path: str, fh: BinaryIO) -> Iterator[str]:
    """The lines of a binary file as text, refusing bytes that are not UTF-8 with the
    number of the line that holds them (a text-mode read cannot say which line)."""
    for number, raw in enumerate(fh, start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise LoadError([Problem(Location(path, number), "line too long")])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text at byte {exc.start + 1}: {exc.reason}"
            raise LoadError([Problem(Location(path, number), message)]) from exc
        yield text.removeprefix("\ufeff") if number == 1 else text


@dataclass
class Emitter:
    """Makes the records of one list file, all citing the snapshot's source Document.

    Example: `Emitter(path, defaults, "src-gb-uk-2026-04-16").put("uk-X", "Person",
    "name", "MINGGUO CHEN", 2, "full_name")`.
    """

    path: str
    defaults: Defaults
    source_id: str
    kept_as_notes: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.defaults = self.defaults.merged({"source_id": self.source_id})

    def put(
        self,
        entity_id: str,
        schema: str,
        prop: str,
        value: str,
        line: int | None,
        column: str,
        *,
        original: str | None = None,
        status: str | None = None,
    ) -> Record:
        """One record of this file (`status` `alleged` flags a doubtful value)."""
        return Record.make(
            self.defaults,
            entity_id=entity_id,
            schema=schema,
            prop=prop,
            value=value,
            location=Location(self.path, line, column),
            original_value=original,
            status=status,
        )

    def typed(
        self,
        entity_id: str,
        schema: str,
        prop: str,
        value: str,
        line: int | None,
        column: str,
        *,
        label: str = "",
    ) -> Iterator[Record]:
        """`value` as `prop` when the model reads it (as the validator will), else kept
        as a labelled `notes` fact, so one odd value does not sink the whole list."""
        value = value.strip()
        if not value:
            return
        model = get_model()
        spec = model.get(schema)
        prop_spec = spec.properties.get(prop) if spec is not None else None
        if spec is not None and prop_spec is not None:
            try:
                cleaned = model.clean(spec, prop_spec, value)
            except ValueError:
                pass
            else:
                original = value if cleaned != value else None
                yield self.put(entity_id, schema, prop, cleaned, line, column, original=original)
                return
        self.kept_as_notes[prop] += 1
        note = "notes" if spec is not None and "notes" in spec.properties else "summary"
        yield self.put(entity_id, schema, note, f"{label or prop}: {value}", line, column)

    def document(
        self, *, title: str, publisher: str, date: str, file_name: str, license: str = ""
    ) -> Iterator[Record]:
        """The snapshot's own source Document; every fact of the file cites it, so its
        `license` (an SPDX ID) is on every fact."""
        for prop, value in (
            ("title", title),
            ("publisher", publisher),
            ("publishedAt", date),
            ("fileName", file_name),
            ("license", license),
        ):
            if value:
                yield self.put(self.source_id, "Document", prop, value, None, prop)

    def report(self) -> None:
        """Warn once about values kept as notes because their type did not parse."""
        if self.kept_as_notes:
            counts = ", ".join(f"{p} ({n})" for p, n in self.kept_as_notes.most_common())
            log.warning("%s: values kept as notes, not parsed: %s", self.path, counts)
