"""OFAC's SDN list and its Non-SDN Consolidated list, CSV form (headerless, 12 columns,
`-0-` for null). Both files share one layout, so one reader serves both.

Columns: ent_num, name, type, program, title, call_sign, vess_type, tonnage, grt,
vess_flag, vess_owner, remarks. The remarks hold `; `-separated parts: DOB (exact,
month, year, ranges, circa), POB, nationality, citizenship, gender, passports and other
IDs, weak a.k.a.s (OFAC puts weak aliases in the remarks and strong ones in ALT.CSV,
which `alt_rows` reads), positions, and the secondary-sanctions notes. A part this module
has no property for is kept as a `notes` fact, and counted in one warning, so a format
change is noticed and nothing is silently dropped.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._lists import (
    Emitter,
    check_snapshot_date,
    date_in_name,
    read_csv,
    safe_id,
)
from lionrock.sources._records import Defaults, Record

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
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
NULL = "-0-"
PUBLISHER = "U.S. Department of the Treasury, Office of Foreign Assets Control"
AUTHORITY = "Office of Foreign Assets Control"
#: list name -> (entity ID prefix, document title)
LISTS = {
    "us-ofac-sdn": ("ofac", "Specially Designated Nationals and Blocked Persons List (SDN), CSV"),
    "us-ofac-cons": ("ofac-cons", "Consolidated Sanctions List (Non-SDN Lists), CSV"),
}
#: EO 13936 lapsed in July 2026 and the Hong Kong designations were reported moved to
#: the Non-SDN list under HKAA (issue #3): both tags are the Hong Kong program.
HK_PROGRAMS = frozenset({"HK-EO13936", "HKAA"})
SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}
ALIAS_PROPS = {"a.k.a.": "weakAlias", "f.k.a.": "previousName", "n.k.a.": "alias"}
STRONG_ALIAS_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}
AKA_RE = re.compile(r"^([afn]\.k\.a\.)\s+'(.+)'$")
#: identifier labels, longest first, and the property each fills
ID_LABELS = {
    "Passport": "passportNumber",
    "National ID No.": "idNumber",
    "Identification Number": "idNumber",
    "Cedula No.": "idNumber",
    "C.U.R.P.": "idNumber",
    "D.N.I.": "idNumber",
    "Birth Certificate Number": "idNumber",
    "Driver's License No.": "idNumber",
    "Electoral Registry No.": "idNumber",
    "Tax ID No.": "taxNumber",
    "R.F.C.": "taxNumber",
    "V.A.T. Number": "vatCode",
    "D-U-N-S Number": "dunsCode",
    "Registration ID": "registrationNumber",
    "Registration Number": "registrationNumber",
    "Company Number": "registrationNumber",
    "Commercial Registry Number": "registrationNumber",
    "Business Registration Document #": "registrationNumber",
    "Trade License No.": "registrationNumber",
    "Unified Social Credit Code (USCC)": "registrationNumber",
    "Legal Entity Number": "registrationNumber",
    "Business Registration Number": "registrationNumber",
    "Government Gazette Number": "registrationNumber",
    "Organization Type:": "sector",
    "Vessel Registration Identification IMO": "imoNumber",
    "MMSI": "mmsi",
    "SWIFT/BIC": "swiftBic",
}
PROVISION_PREFIXES = (
    "Secondary sanctions risk",
    "Additional Sanctions Information",
    "Transactions Prohibited For Persons Owned or Controlled",
    "Executive Order",
    "CAATSA",
    "Listing Date",
    "Effective Date",
)
PERSON_KEYS = {
    "POB": "birthPlace",
    "nationality": "nationality",
    "citizen": "citizenship",
    "Gender": "gender",
}
CONTACT_PROPS = {
    "Email Address": "email",
    "Email": "email",
    "Website": "website",
    "Phone Number": "phone",
}


def snapshot_date(path: str) -> str:
    """The list's date, read from the file name (`us-ofac-sdn-2024-05-03.csv`)."""
    found = date_in_name(path)
    if found is None:
        raise LoadError([Problem(Location(path), "no snapshot date (YYYY-MM-DD) in the file name")])
    return check_snapshot_date(path, found)


def source_id_for(date: str, list_name: str = "us-ofac-sdn") -> str:
    """The source Document of one snapshot. Example: `src-us-ofac-sdn-2024-05-03`."""
    return f"src-{list_name}-{date}"


def parse_dob(text: str) -> list[str]:
    """An OFAC date as FtM dates of the right precision: one, several (a range of years
    is "born in one of these years"), or none when unreadable.

    Example: `parse_dob("07 Dec 1957")` returns `["1957-12-07"]`; `parse_dob("Nov 1951")`
    returns `["1951-11"]`; `parse_dob("circa 1960")` returns `["1960"]`;
    `parse_dob("1959 to 1962")` returns `["1959", "1960", "1961", "1962"]`.
    """
    text = text.strip().removeprefix("circa").strip()
    if " to " in text:
        ends = [parse_dob(end) for end in text.split(" to ", 1)]
        if len(ends[0]) != 1 or len(ends[1]) != 1:
            return []
        return _date_range(ends[0][0], ends[1][0])
    for fmt, out in (("%d %b %Y", "%Y-%m-%d"), ("%b %Y", "%Y-%m"), ("%Y", "%Y")):
        try:
            return [datetime.strptime(text, fmt).strftime(out)]
        except ValueError:
            continue
    return []


def _date_range(start: str, end: str) -> list[str]:
    """A whole month or year as that month or year; else each year it touches (up to
    eleven), since several birth dates in FtM mean "one of these"."""
    if start == end:
        return [start]
    if len(start) == len(end) == 10 and start.endswith("-01"):
        year, month, day = (int(x) for x in end.split("-"))
        if start[:7] == end[:7] and day == calendar.monthrange(year, month)[1]:
            return [start[:7]]
        if start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
            return [start[:4]]
    first, last = int(start[:4]), int(end[:4])
    return [str(y) for y in range(first, last + 1)] if 0 <= last - first <= 10 else []


def rows(
    path: str,
    defaults: Defaults,
    programs: frozenset[str] | None = None,
    *,
    list_name: str = "us-ofac-sdn",
    snapshot: str | None = None,
) -> Iterator[Record]:
    """Records for each listed person, organisation, vessel and aircraft, and a Sanction
    per program, all citing the snapshot's source Document.

    Example: `list(rows("us-ofac-sdn-2024-05-03.csv", d, frozenset({"HK-EO13936"})))`.
    """
    prefix, title = LISTS[list_name]
    date = check_snapshot_date(path, snapshot) if snapshot else snapshot_date(path)
    emit = Emitter(path, defaults, source_id_for(date, list_name))
    yield from emit.document(title=title, publisher=PUBLISHER, date=date, file_name=Path(path).name)
    labels: Counter[str] = Counter()
    for line, cells in read_csv(path, columns=COLUMNS, header=False):
        row = {k: ("" if v.strip() == NULL else v.strip()) for k, v in cells.items()}
        if not row["ent_num"].isdigit():
            message = f"ent_num {row['ent_num']!r} is not a number"
            raise LoadError([Problem(Location(path, line, "ent_num"), message)])
        listed = _programs(row["program"])
        if programs is not None and not listed & programs:
            continue
        yield from _entry(emit, f"{prefix}-{row['ent_num']}", row, listed, line, labels)
    emit.report()
    if labels:
        kinds = ", ".join(f"{k} ({n})" for k, n in labels.most_common(8))
        log.warning("%s: remark parts kept as notes: %s", path, kinds)


def alt_rows(path: str, defaults: Defaults, *, list_name: str, snapshot: str) -> Iterator[Record]:
    """Strong aliases from OFAC's ALT.CSV (ent_num, alt_num, alt_type, alt_name,
    alt_remarks), citing the same snapshot as the main file.

    Example: `list(alt_rows("alt.csv", d, list_name="us-ofac-sdn", snapshot="2024-05-03"))`.
    """
    prefix, _ = LISTS[list_name]
    emit = Emitter(path, defaults, source_id_for(snapshot, list_name))
    for line, cells in read_csv(path, columns=ALT_COLUMNS, header=False):
        row = {k: ("" if v.strip() == NULL else v.strip()) for k, v in cells.items()}
        prop = STRONG_ALIAS_PROPS.get(row["alt_type"].lower().strip(". "), "alias")
        if row["ent_num"].isdigit() and row["alt_name"]:
            entity_id = f"{prefix}-{row['ent_num']}"
            yield emit.put(entity_id, "LegalEntity", prop, row["alt_name"], line, "alt_name")


def alt_path(path: str) -> str | None:
    """OFAC's strong-alias file that goes with a list file, if it is beside it:
    `sdn.csv` -> `alt.csv`, `cons_prim.csv` -> `cons_alt.csv`,
    `us-ofac-sdn-2024-05-03.csv` -> `us-ofac-alt-2024-05-03.csv`."""
    where = Path(path)
    for old, new in (("cons_prim", "cons_alt"), ("sdn", "alt")):
        if old in where.name:
            candidate = where.with_name(where.name.replace(old, new, 1))
            return str(candidate) if candidate.is_file() else None
    return None


def _programs(text: str) -> set[str]:
    """The programs of a row: `HK-EO13936`, or several as `SDGT] [IFSR`."""
    return {p.strip(" []") for p in text.split("] [")} - {""}


def _entry(
    emit: Emitter,
    entity_id: str,
    row: dict[str, str],
    programs: set[str],
    line: int,
    labels: Counter[str],
) -> Iterator[Record]:
    schema = SCHEMATA.get(row["type"], "LegalEntity")
    yield emit.put(entity_id, schema, "name", row["name"], line, "name")
    if row["title"]:
        prop = "position" if schema == "Person" else "notes"
        yield emit.put(entity_id, schema, prop, row["title"], line, "title")
    for column, prop in (
        ("call_sign", "callSign"),
        ("vess_type", "type"),
        ("tonnage", "tonnage"),
        ("grt", "grossRegisteredTonnage"),
        ("vess_flag", "flag"),
    ):
        if row[column]:
            yield from emit.typed(entity_id, schema, prop, row[column], line, column)
    if row["vess_owner"]:  # a name, not an entity of ours: kept as a note
        yield emit.put(
            entity_id, schema, "notes", f"Owner: {row['vess_owner']}", line, "vess_owner"
        )
    sanction_ids = [safe_id(entity_id, p.lower()) for p in sorted(programs)]
    for sanction_id, program in zip(sanction_ids, sorted(programs), strict=True):
        for prop, value in (
            ("entity", entity_id),
            ("program", program),
            ("authority", AUTHORITY),
            ("country", "us"),
        ):
            yield emit.put(sanction_id, "Sanction", prop, value, line, "program")
    for part in (p.strip().rstrip(".").strip() for p in row["remarks"].split(";")):
        if part and not (part == row["title"] and schema == "Person"):
            yield from _remark(emit, entity_id, schema, part, sanction_ids, line, labels)


def _remark(
    emit: Emitter,
    entity_id: str,
    schema: str,
    part: str,
    sanction_ids: list[str],
    line: int,
    labels: Counter[str],
) -> Iterator[Record]:
    """The records one remark part gives."""
    text = part.removeprefix("alt. ")
    key, _, rest = text.partition(" ")
    aka = AKA_RE.match(text)
    if aka:
        yield emit.put(entity_id, schema, ALIAS_PROPS[aka.group(1)], aka.group(2), line, "remarks")
    elif key == "DOB" or text.startswith("Organization Established Date"):
        prop = "birthDate" if key == "DOB" else "incorporationDate"
        raw = rest if key == "DOB" else text.removeprefix("Organization Established Date")
        dates = parse_dob(raw)
        if not dates:
            yield from emit.typed(entity_id, schema, "notes", part, line, "remarks")
            labels[key] += 1
        for value in dates:
            yield from emit.typed(entity_id, schema, prop, value, line, "remarks", label=part)
    elif key in PERSON_KEYS:
        prop = PERSON_KEYS[key]
        value = rest.lower() if key == "Gender" else rest
        yield from emit.typed(entity_id, schema, prop, value, line, "remarks", label=part)
    elif part.startswith(PROVISION_PREFIXES):
        for sanction_id in sanction_ids:
            yield emit.put(sanction_id, "Sanction", "provisions", part, line, "remarks")
    elif (label := _id_label(text)) is not None:
        number = re.split(r" \(| issued | expires ", text[len(label) :].strip(), maxsplit=1)[0]
        prop = ID_LABELS[label]
        if prop == "passportNumber" and schema != "Person":
            prop = "idNumber"
        yield from emit.typed(entity_id, schema, prop, number.strip(), line, "remarks", label=part)
    elif (contact := _contact(text)) is not None:
        yield from emit.typed(entity_id, schema, contact[0], contact[1], line, "remarks")
    elif schema == "Person" and ":" not in part and not any(c.isdigit() for c in part):
        yield emit.put(entity_id, schema, "position", part, line, "remarks")
    else:
        labels[" ".join(re.split(r"[:\d]", text, maxsplit=1)[0].split()[:3])] += 1
        yield emit.put(entity_id, schema, "notes", part, line, "remarks")


def _id_label(text: str) -> str | None:
    for label in sorted(ID_LABELS, key=len, reverse=True):
        if text.startswith(label + " "):
            return label
    return None


def _contact(text: str) -> tuple[str, str] | None:
    for label, prop in CONTACT_PROPS.items():
        if text.startswith(label):
            return prop, text[len(label) :].lstrip(": ").strip()
    return None
