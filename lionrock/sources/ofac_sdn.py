"""OFAC's SDN list, CSV form (headerless, 12 columns, `-0-` for null).

Columns: ent_num, name, type, program, title, call_sign, vess_type, tonnage, grt,
vess_flag, vess_owner, remarks. The remarks carry DOB, POB, nationality, IDs and a.k.a.
names as `; `-separated parts; parts this module does not read are logged, not dropped
silently. The sanctions issue (#3) extends this module to every remark and list.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._records import Defaults, Record, check_size

log = logging.getLogger(__name__)

COLUMNS = (
    "ent_num",
    "name",
    "type",
    "program",
    "title",
    "call_sign",
    "vess_type",
    "tonnage",
    "grt",
    "vess_flag",
    "vess_owner",
    "remarks",
)
NULL = "-0-"
PUBLISHER = "U.S. Department of the Treasury, Office of Foreign Assets Control"
TITLE = "Specially Designated Nationals and Blocked Persons List (SDN), CSV"
SNAPSHOT_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
AKA_RE = re.compile(r"^a\.k\.a\. '(.+)'$")
ID_RE = re.compile(r"^(Passport|National ID No\.)\s+(\S+)")

RecFn = Callable[[str, str, str, str, int, str], Record]


def snapshot_date(path: str) -> str:
    """The list's date, read from the file name (`us-ofac-sdn-2024-05-03.csv`)."""
    match = SNAPSHOT_RE.search(Path(path).name)
    if match is None:
        raise LoadError([Problem(Location(path), "no snapshot date (YYYY-MM-DD) in the file name")])
    return match.group(1)


def parse_dob(text: str) -> str | None:
    """An OFAC DOB as an FtM date of the right precision, or None (ranges, circa).

    Example: `parse_dob("07 Dec 1957")` returns `"1957-12-07"`; `parse_dob("Nov 1951")`
    returns `"1951-11"`.
    """
    if " to " in text:
        # A range: keep what both ends share ("01 Dec 1952 to 31 Dec 1952" -> "1952-12").
        ends = [parse_dob(end) for end in text.split(" to ", 1)]
        if ends[0] is None or ends[1] is None:
            return None
        shared = ends[0]
        while shared and not ends[1].startswith(shared):
            shared = shared[: shared.rfind("-")] if "-" in shared else ""
        return shared or None
    for fmt, out in (("%d %b %Y", "%Y-%m-%d"), ("%b %Y", "%Y-%m"), ("%Y", "%Y")):
        try:
            return datetime.strptime(text.strip(), fmt).strftime(out)
        except ValueError:
            continue
    return None


def source_id_for(date: str) -> str:
    return f"src-us-ofac-sdn-{date}"


def rows(path: str, defaults: Defaults, programs: frozenset[str] | None = None) -> Iterator[Record]:
    """Records for each listed person and organisation, and its Sanction, citing the list.

    Example: `list(rows("us-ofac-sdn-2024-05-03.csv", d, frozenset({"HK-EO13936"})))`.
    """
    check_size(path)
    date = snapshot_date(path)
    source = source_id_for(date)
    defaults = defaults.merged({"source_id": source})

    def rec(entity_id: str, schema: str, prop: str, value: str, line: int, field: str) -> Record:
        return Record.make(
            defaults,
            entity_id=entity_id,
            schema=schema,
            prop=prop,
            value=value,
            location=Location(path, line, field),
        )

    for prop, value in (
        ("title", TITLE),
        ("publisher", PUBLISHER),
        ("publishedAt", date),
        ("fileName", Path(path).name),
    ):
        yield rec(source, "Document", prop, value, 1, prop)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            for cells in reader:
                line = reader.line_num
                if not cells or cells in ([""], ["\x1a"]):
                    continue  # blank lines, and the DOS end-of-file mark OFAC files end with
                if len(cells) != len(COLUMNS):
                    message = f"expected {len(COLUMNS)} columns, found {len(cells)}"
                    raise LoadError([Problem(Location(path, line), message)])
                row = {k: v.strip() for k, v in zip(COLUMNS, cells, strict=True)}
                row = {k: ("" if v == NULL else v) for k, v in row.items()}
                if not row["ent_num"].isdigit():
                    message = f"ent_num {row['ent_num']!r} is not a number"
                    raise LoadError([Problem(Location(path, line, "ent_num"), message)])
                listed = _programs(row)
                if programs is not None and not listed & programs:
                    continue
                yield from _entry(row, listed, line, rec)
    except UnicodeDecodeError as exc:
        raise LoadError([Problem(Location(path), f"not UTF-8 text: {exc.reason}")]) from exc
    except csv.Error as exc:
        where = reader.line_num if "reader" in locals() else None
        raise LoadError([Problem(Location(path, where), f"invalid CSV: {exc}")]) from exc


def _programs(row: dict[str, str]) -> set[str]:
    """The programs of a row: `HK-EO13936`, or several as `SDGT] [IFSR`."""
    return {p.strip(" []") for p in row["program"].split("] [")} - {""}


def _entry(row: dict[str, str], programs: set[str], line: int, rec: RecFn) -> Iterator[Record]:
    entity_id = f"ofac-{row['ent_num']}"
    schema = "Person" if row["type"] == "individual" else "Organization"
    if row["type"] not in ("individual", ""):
        schema = "LegalEntity"  # vessels and aircraft: left to the sanctions issue
    yield rec(entity_id, schema, "name", row["name"], line, "name")
    if row["title"] and schema == "Person":
        yield rec(entity_id, schema, "position", row["title"], line, "title")
    for program in sorted(programs):
        sanction_id = f"{entity_id}-{program.lower()}"
        for prop, value in (
            ("entity", entity_id),
            ("program", program),
            ("authority", "Office of Foreign Assets Control"),
            ("country", "us"),
        ):
            yield rec(sanction_id, "Sanction", prop, value, line, "program")
    yield from _remarks(entity_id, schema, row, line, rec)


def _remarks(
    entity_id: str, schema: str, row: dict[str, str], line: int, rec: RecFn
) -> Iterator[Record]:
    person = schema == "Person"
    for part in (p.strip().rstrip(".") for p in row["remarks"].split(";")):
        if not part or part == row["title"]:
            continue
        key, _, rest = part.removeprefix("alt. ").partition(" ")
        aka = AKA_RE.match(part)
        ident = ID_RE.match(part)
        if aka:
            yield rec(entity_id, schema, "alias", aka.group(1), line, "remarks")
        elif key == "DOB" and person:
            dob = parse_dob(rest)
            if dob is None:
                log.warning("%s: DOB %r not read (range or circa)", entity_id, rest)
            else:
                yield rec(entity_id, schema, "birthDate", dob, line, "remarks")
        elif key == "POB" and person:
            yield rec(entity_id, schema, "birthPlace", rest, line, "remarks")
        elif key in ("nationality", "citizen"):
            prop = "nationality" if key == "nationality" else "citizenship"
            yield rec(entity_id, schema, prop, rest, line, "remarks")
        elif key == "Gender" and person:
            yield rec(entity_id, schema, "gender", rest.lower(), line, "remarks")
        elif ident:
            prop = "passportNumber" if ident.group(1) == "Passport" and person else "idNumber"
            yield rec(entity_id, schema, prop, ident.group(2), line, "remarks")
        elif part.startswith("Secondary sanctions risk"):
            for program in _programs(row):
                sanction_id = f"{entity_id}-{program.lower()}"
                yield rec(sanction_id, "Sanction", "provisions", part, line, "remarks")
        else:
            log.warning("%s: remark part not read: %r", entity_id, part[:80])
