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

Entity IDs get the prefix `os-`. Every import cites one snapshot Document.
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

from lionrock.errors import LoadError, Location, Problem
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
ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
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
)


def snapshot_date(path: str) -> str:
    """The export's date, from its file name; OpenSanctions files carry none inside."""
    found = date_in_name(path)
    if found is None:
        message = "no snapshot date (YYYY-MM-DD) in the file name; give --snapshot-date"
        raise LoadError([Problem(Location(path), message)])
    return check_snapshot_date(path, found)


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
    yield from emit.document(title=title, publisher=PUBLISHER, date=date, file_name=Path(path).name)
    if path.lower().endswith(".csv"):
        yield from _simple(emit)
    else:
        yield from _ftm(emit)
    emit.report()


def _cell(text: str) -> list[str]:
    """The values of a multi-valued cell (`;`-separated, CSV-quoted)."""
    if not text.strip():
        return []
    return [v.strip() for v in next(csv.reader([text], delimiter=";")) if v.strip()]


def _simple(emit: Emitter) -> Iterator[Record]:
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
        country = jurisdiction_of(datasets)
        for text in _cell(row["sanctions"]):
            yield from _simple_sanction(emit, entity_id, text, datasets, country, line)


def _simple_sanction(
    emit: Emitter, entity_id: str, text: str, datasets: list[str], country: str | None, line: int
) -> Iterator[Record]:
    sanction_id = f"{entity_id}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"
    parts = [p.strip() for p in text.split(" - ")]
    dates = [p for p in parts if ISO_DATE.match(p)]
    values = [("entity", entity_id), ("summary", text), ("program", parts[0])]
    values += [(p, d) for p, d in zip(("startDate", "endDate"), dates, strict=False)]
    if country:
        values.append(("country", country))
    if len(datasets) == 1:
        values.append(("authority", datasets[0]))
    for prop, value in values:
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


def _ftm(emit: Emitter) -> Iterator[Record]:
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
        yield from _ftm_entity(emit, data, line, known, unread)
    if unread:
        props = ", ".join(f"{p} ({n})" for p, n in unread.most_common(8))
        log.warning("%s: properties not read: %s", emit.path, props)


def _accepted(schema: str) -> bool:
    """Whether entities of `schema` are imported: FtM record types, not documents."""
    spec = get_model().get(schema)
    return spec is not None and not spec.extension and not spec.is_source


def _ftm_entity(
    emit: Emitter, data: dict[str, Any], line: int, known: set[str], unread: Counter[str]
) -> Iterator[Record]:
    spec = get_model().get(data["schema"])
    if spec is None or not _accepted(data["schema"]):
        unread[f"schema {data['schema']}"] += 1
        return
    entity_id = safe_id("os", data["id"])
    props: dict[str, list[Any]] = data["properties"]
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
            else:
                yield from emit.typed(entity_id, spec.name, prop, str(value), line, prop)
    if spec.name == "Sanction" and not props.get("country"):
        country = jurisdiction_of([str(d) for d in data.get("datasets", [])])
        if country:
            yield emit.put(entity_id, spec.name, "country", country, line, "datasets")
