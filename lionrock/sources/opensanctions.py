"""OpenSanctions exports: `targets.simple.csv`, and FtM JSON lines (`entities.ftm.json`,
`targets.nested.json`). They cover the EU, Canada, Australia, Japan and others.

- `targets.simple.csv` (zavod's SimpleCSVExporter): one row per target, columns id,
  schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions,
  phones, emails, [program_ids], dataset, first_seen, last_seen, [last_change]. A cell
  with several values is itself `;`-separated CSV. A sanction is the text "program -
  reason - status - start date - end date" (empty parts left out); `dataset` holds the
  datasets' titles, from which the sanctioning jurisdiction is read.
- FtM JSON lines: one entity a line (`id`, `schema`, `properties`, `datasets`, ...). In
  the nested form, entity values are entity objects; a reverse property (`sanctions` on a
  Person) holds the entities that point back, so the child's link is set to the parent.

Entity IDs get the prefix `os-`. Every import cites one snapshot Document, which carries
OpenSanctions' licence (CC BY-NC 4.0), so the licence is on every imported fact.

The PRC's counter-sanctions (`cn_sanctions`, issue #12) come from a hand-kept sheet whose
dates OpenSanctions has read with `%d.%m.%y`, and some are wrong. A Sanction date of that
jurisdiction that is not an ISO date is refused as a date (kept as a note); one that could
be read with day and month swapped, or that is after the export, is kept but flagged:
`alleged`, with a note saying why (`date_doubt`). A date is never silently flipped.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model as ftm_model

from lionrock.errors import LoadError, Location, Problem, cut
from lionrock.model import get_model
from lionrock.sources._json import load_json
from lionrock.sources._lists import Emitter, check_snapshot_date, date_in_name, read_csv, safe_id
from lionrock.sources._records import MAX_LINE_BYTES, Defaults, Record, check_size

log = logging.getLogger(__name__)

SIMPLE_COLUMNS = (
    "id",
    "schema",
    "name",
    "aliases",
    "birth_date",
    "countries",
    "identifiers",
    "sanctions",
    "dataset",
)
SIMPLE_PROPS = {
    "aliases": "alias",
    "birth_date": "birthDate",
    "countries": "country",
    "addresses": "address",
    "identifiers": "idNumber",
    "phones": "phone",
    "emails": "email",
    "program_ids": "programId",
}
SIMPLE_IGNORED = ("first_seen", "last_seen", "last_change")  # OpenSanctions' own crawl times
PUBLISHER = "OpenSanctions"
LICENSE = "CC-BY-NC-4.0"  # OpenSanctions' data licence: read here, never shipped
SANCTION_DATES = ("startDate", "endDate", "listingDate", "date")
COUNTER_SANCTIONS = "cn"  # the jurisdiction whose dates are checked (`date_doubt`)
ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
NUMERIC_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
#: How a dataset's name or title says whose list it is (name prefix, title words).
JURISDICTIONS = (
    ("us", ("us_",), ("US ", "OFAC", "United States")),
    ("gb", ("gb_",), ("UK ", "HM Treasury", "OFSI", "United Kingdom")),
    ("eu", ("eu_",), ("EU ", "European Union")),
    ("ca", ("ca_",), ("Canada", "Canadian")),
    ("au", ("au_",), ("Australia",)),
    ("nz", ("nz_",), ("New Zealand",)),
    ("jp", ("jp_",), ("Japan",)),
    ("tw", ("tw_",), ("Taiwan",)),
    ("cn", ("cn_", "CN-"), ("China Sanctions",)),  # cn_sanctions; program IDs CN-AFSL, ...
)


def snapshot_date(path: str) -> str:
    """The export's date, from its file name; OpenSanctions files carry none inside."""
    found = date_in_name(path)
    if found is None:
        message = "no snapshot date (YYYY-MM-DD) in the file name; give --snapshot-date"
        raise LoadError([Problem(Location(path), message)])
    return check_snapshot_date(path, found)


def date_doubt(value: str, snapshot: str) -> str | None:
    """Why a counter-sanction date cannot be taken as read, or None.

    Example: `date_doubt("2020-10-08", "2026-04-01")` says day and month may be swapped.
    """
    if not ISO_DATE.match(value):
        return f"{value!r} is not an ISO date: refused as a date"
    parts = value.split("-")
    if value[:10] > snapshot:
        return f"{value} is after the export of {snapshot}"
    if len(parts) == 3 and parts[1] != parts[2] and int(parts[1]) <= 12 and int(parts[2]) <= 12:
        swapped = f"{parts[0]}-{parts[2]}-{parts[1]}"
        return (
            f"{value} may have day and month swapped ({swapped}): the source sheet's dates "
            "are read with %d.%m.%y; check it against the announcement"
        )
    return None


def jurisdiction_of(datasets: list[str]) -> str | None:
    """The one jurisdiction a row's datasets (names or titles) belong to, or None.

    Example: `jurisdiction_of(["eu_fsf"])` returns `"eu"`.
    """
    found = set()
    for dataset in datasets:
        for code, prefixes, words in JURISDICTIONS:
            if dataset.startswith(prefixes) or any(w in dataset for w in words):
                found.add(code)
    return found.pop() if len(found) == 1 else None


def rows(path: str, defaults: Defaults, *, snapshot: str | None = None) -> Iterator[Record]:
    """Records from an OpenSanctions export, by its kind (CSV or JSON lines).

    Example: `list(rows("targets.simple.csv", Defaults(), snapshot="2026-04-01"))`.
    """
    date = check_snapshot_date(path, snapshot) if snapshot else snapshot_date(path)
    emit = Emitter(path, defaults, f"src-opensanctions-{date}")
    title = f"OpenSanctions export {Path(path).name}"
    yield from emit.document(
        title=title, publisher=PUBLISHER, date=date, file_name=Path(path).name, license=LICENSE
    )
    if path.lower().endswith(".csv"):
        yield from _simple(emit, date)
    else:
        yield from _ftm(emit, date)
    emit.report()


def _sanction_date(
    emit: Emitter, sanction_id: str, prop: str, value: str, line: int, column: str, snapshot: str
) -> Iterator[Record]:
    """A counter-sanction's date, refused or flagged when doubtful (`date_doubt`)."""
    doubt = date_doubt(value, snapshot)
    if doubt is None:
        yield from emit.typed(sanction_id, "Sanction", prop, value, line, column)
        return
    log.warning("%s:%s: %s %s", emit.path, line, prop, doubt)
    note = f"{prop} flagged: {doubt}"
    yield emit.put(sanction_id, "Sanction", "summary", note, line, column, status="alleged")
    if ISO_DATE.match(value):
        yield emit.put(sanction_id, "Sanction", prop, value, line, column, status="alleged")


def _cell(text: str) -> list[str]:
    """The values of a multi-valued cell (`;`-separated, CSV-quoted). A line break inside
    the cell (a quoted field of the export spanning lines, or a stray CR) is a space: the
    inner CSV reader refuses a bare one, and one dirty cell must not stop the import with a
    traceback (issue #18, found by the fuzzer)."""
    if not text.strip():
        return []
    flat = " ".join(text.splitlines())
    try:
        values = next(csv.reader([flat], delimiter=";"))
    except csv.Error:  # e.g. an unbalanced quote at the end: plain `;` splitting
        values = flat.split(";")
    return [v.strip() for v in values if v.strip()]


def _simple(emit: Emitter, snapshot: str) -> Iterator[Record]:
    model = get_model()
    for line, row in read_csv(emit.path, columns=SIMPLE_COLUMNS):
        if not row["id"].strip() or not row["name"].strip():
            raise LoadError(
                [Problem(Location(emit.path, line, "id"), "a row needs an id and a name")]
            )
        spec = model.get(row["schema"].strip())
        schema = spec.name if spec is not None and spec.is_a("LegalEntity") else "LegalEntity"
        if spec is not None and spec.name in ("Vessel", "Airplane"):
            schema = spec.name
        entity_id = safe_id("os", row["id"])
        yield emit.put(entity_id, schema, "name", row["name"].strip(), line, "name")
        for column, prop in SIMPLE_PROPS.items():
            for value in _cell(row.get(column, "")):
                yield from emit.typed(entity_id, schema, prop, value, line, column, label=column)
        datasets = _cell(row["dataset"])
        country = jurisdiction_of(datasets) or jurisdiction_of(_cell(row.get("program_ids", "")))
        for text in _cell(row["sanctions"]):
            yield from _simple_sanction(emit, entity_id, text, datasets, country, line, snapshot)


def _simple_sanction(
    emit: Emitter,
    entity_id: str,
    text: str,
    datasets: list[str],
    country: str | None,
    line: int,
    snapshot: str,
) -> Iterator[Record]:
    sanction_id = f"{entity_id}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    parts = [p.strip() for p in text.split(" - ")]
    # A part that looks like a date in another form (23.07.21) is a date too: for the
    # counter-sanctions it must be refused, not read as the program's reason.
    dates = [p for p in parts[1:] if ISO_DATE.match(p) or NUMERIC_DATE.match(p)]
    values = [("entity", entity_id), ("summary", text), ("program", parts[0])]
    if country:
        values.append(("country", country))
    if len(datasets) == 1:
        values.append(("authority", datasets[0]))
    for prop, value in values:
        yield from emit.typed(sanction_id, "Sanction", prop, value, line, "sanctions")
    for prop, value in zip(("startDate", "endDate"), dates, strict=False):
        if country == COUNTER_SANCTIONS:
            yield from _sanction_date(emit, sanction_id, prop, value, line, "sanctions", snapshot)
        elif ISO_DATE.match(value):
            yield from emit.typed(sanction_id, "Sanction", prop, value, line, "sanctions")


def _json_lines(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    check_size(path)
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise LoadError([Problem(Location(path, number), "line too long")])
            if not raw.strip():
                continue
            data = load_json(path, raw, line=number)
            if not isinstance(data, dict) or not isinstance(data.get("properties", {}), dict):
                message = "expected an FtM entity object with 'properties'"
                raise LoadError([Problem(Location(path, number), message)])
            yield number, data


def _flatten(data: dict[str, Any], out: list[dict[str, Any]], depth: int = 0) -> str:
    """Append `data` and every entity nested in it to `out`, as flat FtM entities."""
    if depth > 8 or not isinstance(data.get("id"), str) or not isinstance(data.get("schema"), str):
        raise ValueError("a nested entity needs an 'id' and a 'schema'")
    flat: dict[str, Any] = {**data, "properties": {}}
    out.append(flat)
    schema = ftm_model.get(data["schema"])
    for prop, values in data.get("properties", {}).items():
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, dict):
                flat["properties"].setdefault(prop, []).append(value)
                continue
            child = _flatten(value, out, depth + 1)
            ftm_prop = schema.get(prop) if schema is not None else None
            if ftm_prop is not None and ftm_prop.stub and ftm_prop.reverse is not None:
                nested = next(e for e in out if e["id"] == child)
                nested["properties"].setdefault(ftm_prop.reverse.name, []).append(data["id"])
            else:
                flat["properties"].setdefault(prop, []).append(child)
    return str(data["id"])


def _ftm(emit: Emitter, snapshot: str) -> Iterator[Record]:
    entities: list[tuple[int, dict[str, Any]]] = []
    for line, data in _json_lines(emit.path):
        flat: list[dict[str, Any]] = []
        try:
            _flatten(data, flat)
        except ValueError as exc:
            raise LoadError([Problem(Location(emit.path, line, "id"), str(exc))]) from exc
        entities.extend((line, e) for e in flat)
    known = {e["id"] for _, e in entities if _accepted(e["schema"])}
    unread: Counter[str] = Counter()
    for line, data in entities:
        yield from _ftm_entity(emit, data, line, known, unread, snapshot)
    if unread:
        props = ", ".join(f"{cut(p, 80)} ({n})" for p, n in unread.most_common(8))
        log.warning("%s: properties not read: %s", emit.path, props)


def _accepted(schema: str) -> bool:
    """Whether entities of `schema` are imported: FtM record types, not documents."""
    spec = get_model().get(schema)
    return spec is not None and not spec.extension and not spec.is_source


def _ftm_entity(
    emit: Emitter,
    data: dict[str, Any],
    line: int,
    known: set[str],
    unread: Counter[str],
    snapshot: str,
) -> Iterator[Record]:
    spec = get_model().get(data["schema"])
    if spec is None or not _accepted(data["schema"]):
        unread[f"schema {data['schema']}"] += 1
        return
    entity_id = safe_id("os", data["id"])
    props: dict[str, list[Any]] = data["properties"]
    datasets = [str(d) for d in data.get("datasets", [])]
    country = jurisdiction_of(datasets) if spec.name == "Sanction" else None
    checked = spec.name == "Sanction" and (
        COUNTER_SANCTIONS in props.get("country", []) or country == COUNTER_SANCTIONS
    )
    for prop, values in props.items():
        prop_spec = spec.properties.get(prop)
        if prop_spec is None:
            unread[prop] += 1
            continue
        for value in values:
            if not isinstance(value, str | int | float):
                unread[prop] += 1
            elif prop_spec.is_entity and str(value) not in known:
                unread[f"{prop} (outside the file)"] += 1
            elif prop_spec.is_entity:
                yield emit.put(entity_id, spec.name, prop, safe_id("os", str(value)), line, prop)
            elif checked and prop in SANCTION_DATES:
                yield from _sanction_date(emit, entity_id, prop, str(value), line, prop, snapshot)
            else:
                yield from emit.typed(entity_id, spec.name, prop, str(value), line, prop)
    if spec.name == "Sanction" and not props.get("country") and country:
        yield emit.put(entity_id, spec.name, "country", country, line, "datasets")
