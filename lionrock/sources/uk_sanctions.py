"""The UK Sanctions List, as relational CSVs: `subjects.csv`, `subject_names.csv`,
`subject_identifiers.csv` and `subject_dobs.csv` in one folder.

Names are given-name first (`MINGGUO CHEN`); `name_6` is the surname and `name_1` the
first given name. A subject's regime is the letters of its ID (`GHR0075` is under GHR,
the Global Human Rights regime); its designation date is `date_designated` (DD/MM/YYYY).

Dates of birth: the reshaped `subject_dobs.csv` of April 2026 does not line up with its
subjects. For the individuals whose name is the same on OFAC's 2024-05-03 list, 34 birth
years agree and 378 disagree (the Xinjiang officials GHR0077 and GHR0078 are born in
"1935" there, in 1963 and 1958 on OFAC's list), while their passport and ID numbers
agree. Recording those dates would put false facts in the record, so `rows` checks the
file's structure but reads its dates only when asked (`with_dobs=True`), for a copy
known to be sound.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._lists import Emitter, check_snapshot_date, read_csv
from lionrock.sources._records import Defaults, Record

FILES = ("subjects.csv", "subject_names.csv", "subject_identifiers.csv", "subject_dobs.csv")
SUBJECT_COLUMNS = (
    "unique_id",
    "subject_type",
    "un_reference_number",
    "date_designated",
    "last_updated",
)
NAME_COLUMNS = ("unique_id", "name_type", "alias_strength", "full_name", "name_6", "name_1")
ID_COLUMNS = ("unique_id", "raw_value", "identifier_type", "additional_info")
DOB_COLUMNS = ("unique_id", "year", "month", "day", "precision")
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
ID_PROPS = {
    "passport": "passportNumber",
    "national": "idNumber",
    "business_registration_numbers": "registrationNumber",
    "imo": "imoNumber",
}
PUBLISHER = "UK Sanctions List (Foreign, Commonwealth & Development Office), relational CSV copy"
TITLE = "UK Sanctions List, relational CSV"
AUTHORITY = "UK Sanctions List"


def folder_of(path: str) -> Path:
    """The list's folder, given the folder or any of its CSV files."""
    where = Path(path)
    return where if where.is_dir() else where.parent


def require_files(path: str) -> Path:
    """The list's folder, or a LoadError naming the files it lacks (a folder without
    `subjects.csv` gave a `FileNotFoundError` traceback: issue #18).

    Example: `require_files("gb-uk-sanctions-list-2026")` returns the folder.
    """
    folder = folder_of(path)
    missing = [n for n in FILES if not (folder / n).is_file()]
    if missing:
        message = f"not a UK list folder: missing {', '.join(missing)}"
        raise LoadError([Problem(Location(str(folder)), message)])
    return folder


def digest(path: str) -> str:
    """SHA-256 over the folder's four files (name and content), in a fixed order.

    Example: `digest("gb-uk-sanctions-list-2026")` is 64 hex digits.
    """
    folder = require_files(path)
    total = hashlib.sha256()
    for name in FILES:
        total.update(name.encode() + b"\0")
        with open(folder / name, "rb") as fh:
            total.update(hashlib.file_digest(fh, "sha256").digest())
    return total.hexdigest()


def snapshot_date(path: str) -> str:
    """The list's date: the latest `last_updated` of any subject.

    Example: `snapshot_date("gb-uk-sanctions-list-2026")` returns `"2026-04-16"`.
    """
    folder = require_files(path)
    latest = ""
    for _line, row in read_csv(str(folder / "subjects.csv"), columns=SUBJECT_COLUMNS):
        latest = max(latest, _iso(row["last_updated"]) or "")
    if not latest:
        raise LoadError(
            [Problem(Location(str(folder)), "no last_updated date; give --snapshot-date")]
        )
    return latest


def _iso(text: str) -> str | None:
    """DD/MM/YYYY as YYYY-MM-DD, or None."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    day, month, year = parts
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}"


def rows(
    path: str, defaults: Defaults, *, snapshot: str | None = None, with_dobs: bool = False
) -> Iterator[Record]:
    """Records for each subject, its names and identifiers, and its Sanction.

    Example: `list(rows("gb-uk-sanctions-list-2026", Defaults(), snapshot="2026-04-16"))`.
    """
    folder = require_files(path)
    date = check_snapshot_date(str(folder), snapshot) if snapshot else snapshot_date(str(folder))
    source = f"src-gb-uk-{date}"
    emit = Emitter(str(folder / "subjects.csv"), defaults, source)
    yield from emit.document(title=TITLE, publisher=PUBLISHER, date=date, file_name=folder.name)
    schemata: dict[str, str] = {}
    for line, row in read_csv(emit.path, columns=SUBJECT_COLUMNS):
        yield from _subject(emit, row, line, schemata)
    yield from _names(Emitter(str(folder / "subject_names.csv"), defaults, source), schemata)
    yield from _identifiers(
        Emitter(str(folder / "subject_identifiers.csv"), defaults, source), schemata
    )
    dobs = Emitter(str(folder / "subject_dobs.csv"), defaults, source)
    for line, row in read_csv(dobs.path, columns=DOB_COLUMNS):
        schema = schemata.get(row["unique_id"].strip())
        if with_dobs and schema == "Person":
            value = "-".join(
                p.strip() for p in (row["year"], row["month"], row["day"]) if p.strip()
            )
            yield from dobs.typed(_id(row["unique_id"]), schema, "birthDate", value, line, "year")
    for emitter in (emit, dobs):
        emitter.report()


def _id(unique_id: str) -> str:
    return f"uk-{unique_id.strip()}"


def _subject(
    emit: Emitter, row: dict[str, str], line: int, schemata: dict[str, str]
) -> Iterator[Record]:
    uid = row["unique_id"].strip()
    regime = uid.rstrip("0123456789")
    if not uid or not regime or regime == uid:
        message = f"unique_id {uid!r} is not a regime code followed by a number"
        raise LoadError([Problem(Location(emit.path, line, "unique_id"), message)])
    schema = SCHEMATA.get(row["subject_type"].strip(), "LegalEntity")
    schemata[uid] = schema
    sanction = f"{_id(uid)}-{regime.lower()}"
    for prop, value in (
        ("entity", _id(uid)),
        ("program", regime),
        ("authority", AUTHORITY),
        ("authorityId", uid),
        ("country", "gb"),
    ):
        yield emit.put(sanction, "Sanction", prop, value, line, "unique_id")
    if row["un_reference_number"].strip():
        value = row["un_reference_number"].strip()
        yield emit.put(sanction, "Sanction", "unscId", value, line, "un_reference_number")
    for column, prop in (("date_designated", "startDate"), ("last_updated", "modifiedAt")):
        iso = _iso(row[column])
        if iso is None and row[column].strip():
            yield emit.put(
                sanction, "Sanction", "summary", f"{column}: {row[column]}", line, column
            )
        elif iso is not None:
            yield from emit.typed(sanction, "Sanction", prop, iso, line, column, label=column)


def _names(emit: Emitter, schemata: dict[str, str]) -> Iterator[Record]:
    for line, row in read_csv(emit.path, columns=NAME_COLUMNS):
        uid = row["unique_id"].strip()
        schema = schemata.get(uid)
        name = " ".join(row["full_name"].split())
        if schema is None:
            message = f"names subject {uid!r}, which subjects.csv does not list"
            raise LoadError([Problem(Location(emit.path, line, "unique_id"), message)])
        if not name:
            continue
        kind, strength = row["name_type"].strip(), row["alias_strength"].strip()
        prop = "name" if kind == "primary" else "alias"
        if strength == "low_quality_aka":
            prop = "weakAlias"
        yield emit.put(_id(uid), schema, prop, name, line, "full_name")
        if kind == "primary" and schema == "Person":
            for column, part in (("name_6", "lastName"), ("name_1", "firstName")):
                if row[column].strip():
                    yield emit.put(_id(uid), schema, part, row[column].strip(), line, column)


def _identifiers(emit: Emitter, schemata: dict[str, str]) -> Iterator[Record]:
    for line, row in read_csv(emit.path, columns=ID_COLUMNS):
        uid = row["unique_id"].strip()
        schema = schemata.get(uid)
        if schema is None:
            message = f"identifies subject {uid!r}, which subjects.csv does not list"
            raise LoadError([Problem(Location(emit.path, line, "unique_id"), message)])
        kind = row["identifier_type"].strip()
        prop = ID_PROPS.get(kind, "idNumber")
        if prop == "passportNumber" and schema != "Person":
            prop = "idNumber"
        value = row["raw_value"].strip().lstrip("'")
        label = f"{kind} {row['additional_info'].strip()}".strip()
        yield from emit.typed(_id(uid), schema, prop, value, line, "raw_value", label=label)
