"""Validate records from any importer and write them to the Store in one transaction.

Nothing is written unless everything is valid: each value parses as its property's type,
each fact cites a source, each entity has its required properties and a consistent
schema, and each reference points to an entity that exists. Problems name the file, the
line and the field; up to MAX_PROBLEMS are gathered before giving up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from followthemoney.types import registry

from lionrock.errors import LoadError, Location, Problem
from lionrock.model import REVIEW_STATES, STATUSES, Fact, SchemaSpec, get_model
from lionrock.sources import ftm, ofac_sdn, project_yaml, statements_csv
from lionrock.sources._records import Defaults, Record
from lionrock.store import Store, Writer, utcnow

MAX_PROBLEMS = 50
BATCH = 5000
LANG_TYPES = frozenset({"name", "string", "text", "address"})
SOURCE_REQUIRED = (("title",), ("publisher",), ("publishedAt", "date", "retrievedAt"))

Reader = Callable[[str, Defaults], Iterator[Record]]
FORMATS: dict[str, Reader] = {
    "yaml": project_yaml.rows,
    "ftm": ftm.rows,
    "statements": statements_csv.rows,
    "ofac-sdn": ofac_sdn.rows,
}


def detect_format(path: str) -> str:
    """The format of a file, from its name.

    Example: `detect_format("export.ftm.json")` returns `"ftm"`.
    """
    name = Path(path).name.lower()
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith((".json", ".jsonl", ".ndjson")):
        return "ftm"
    if name.endswith(".csv"):
        return "ofac-sdn" if "ofac-sdn" in name else "statements"
    raise LoadError([Problem(Location(path), "unknown format; give --format")])


@dataclass
class LoadReport:
    """What a load wrote."""

    files: list[str] = field(default_factory=list)
    facts: int = 0
    entities: int = 0


@dataclass
class _Seen:
    schema: SchemaSpec
    location: Location
    props: set[str] = field(default_factory=set)


class _Validator:
    def __init__(self) -> None:
        self.model = get_model()
        self.problems: list[Problem] = []
        self.entities: dict[str, _Seen] = {}
        self.refs: list[tuple[str, str | None, Location]] = []
        self.cited: dict[str, Location] = {}
        self.defined: dict[str, tuple[Location, dict[str, object]]] = {}

    def problem(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise LoadError(self.problems)

    def fact(self, rec: Record) -> Fact | None:
        loc = rec.location
        schema_loc = Location(loc.path, rec.extra.get("schema_line", loc.line), "schema")
        schema = self.model.get(rec.schema)
        if schema is None:
            self.problem(schema_loc, f"unknown schema {rec.schema!r}")
            return None
        if registry.entity.clean(rec.entity_id) != rec.entity_id or len(rec.entity_id) > 255:
            self.problem(Location(loc.path, loc.line, "id"), f"invalid ID {rec.entity_id!r}")
            return None
        if "source_line" in rec.extra:
            self._define_source(rec)
        seen = self.entities.get(rec.entity_id)
        if seen is None:
            seen = self.entities[rec.entity_id] = _Seen(schema, loc)
        else:
            common = self.model.common_schema(seen.schema, schema)
            if common is None:
                message = f"{rec.entity_id} is a {seen.schema.name}, not a {schema.name}"
                self.problem(schema_loc, message)
                return None
            seen.schema = common
        prop = schema.properties.get(rec.prop)
        if prop is None:
            self.problem(loc, f"unknown property {rec.prop!r} of schema {schema.name}")
            return None
        raw = rec.value
        if isinstance(raw, str) and "\x00" in raw:
            # stripped at the door: PostgreSQL refuses NUL in text, SQLite keeps it, and
            # the two backends must hold the same record (issue #18)
            raw = raw.replace("\x00", "")
        try:
            value = self.model.clean(schema, prop, raw)
        except ValueError as exc:
            self.problem(loc, str(exc))
            return None
        if not rec.source_id:
            self.problem(loc, "this fact has no source; every fact must cite one")
            return None
        if rec.status not in STATUSES:
            self.problem(loc, f"status {rec.status!r} is not one of {', '.join(STATUSES)}")
            return None
        if rec.review not in REVIEW_STATES:
            self.problem(loc, f"review {rec.review!r} is not one of {', '.join(REVIEW_STATES)}")
            return None
        lang = rec.lang if prop.type in LANG_TYPES else None
        if lang is not None and registry.language.clean(lang) is None:
            self.problem(loc, f"language {lang!r} is not an ISO 639-3 code")
            return None
        if prop.is_entity:
            self.refs.append((value, prop.range, loc))
        self.cited.setdefault(rec.source_id, loc)
        seen.props.add(prop.name)
        return Fact(
            entity_id=rec.entity_id,
            schema=schema.name,
            prop=prop.name,
            value=value,
            source_id=rec.source_id,
            status=rec.status,
            review=rec.review,
            lang=lang,
            original_value=rec.original_value,
            recorded_by=rec.recorded_by or "unknown",
            recorded_at=rec.recorded_at,
        )

    def _define_source(self, rec: Record) -> None:
        """A source is defined once per load. The same definition written again (in a
        second file) is harmless; a different one (another title, date or URL under the
        same ID) would merge two sources into one, and is refused."""
        here = Location(rec.location.path, rec.extra["source_line"], "id")
        first, values = self.defined.setdefault(rec.entity_id, (here, {}))
        if first == here:
            values[rec.prop] = rec.value
            return
        if values.get(rec.prop) != rec.value:
            self.problem(
                Location(rec.location.path, rec.location.line, rec.location.field),
                f"source {rec.entity_id!r} is already defined at {first.path}:{first.line}"
                f" with another {rec.location.field}; cite that one, or give this source"
                " its own ID",
            )

    def finish(self, writer: Writer) -> dict[str, str]:
        """Check the load as a whole against the store; return each entity's schema."""
        stored = writer.schemata_of(
            set(self.entities) | {t for t, _, _ in self.refs} | set(self.cited)
        )
        stored_props = writer.props_of(self.entities)
        final: dict[str, SchemaSpec] = {}
        for eid, seen in self.entities.items():
            schema = seen.schema
            old = self.model.get(stored.get(eid, "")) if eid in stored else None
            if old is not None:
                common = self.model.common_schema(old, schema)
                if common is None:
                    message = f"{eid} is stored as a {old.name}, not a {schema.name}"
                    self.problem(
                        Location(seen.location.path, seen.location.line, "schema"), message
                    )
                    continue
                schema = common
            final[eid] = schema
            present = seen.props | stored_props.get(eid, set())
            for missing in self.model.missing_required(schema, present):
                message = f"{schema.name} {eid} lacks required property {missing!r}"
                self.problem(Location(seen.location.path, seen.location.line, missing), message)
            if schema.is_source:
                for options in SOURCE_REQUIRED:
                    if not present & set(options):
                        self.problem(
                            Location(seen.location.path, seen.location.line, options[0]),
                            f"source {eid} lacks {' or '.join(options)}",
                        )

        def schema_of(eid: str) -> SchemaSpec | None:
            return final.get(eid) or self.model.get(stored.get(eid, ""))

        for target, range_, loc in self.refs:
            found = schema_of(target)
            if found is None:
                self.problem(loc, f"refers to {target!r}, which does not exist")
            elif range_ is not None and not found.is_a(range_):
                self.problem(loc, f"refers to {target!r}, a {found.name}, not a {range_}")
        for source_id, loc in self.cited.items():
            found = schema_of(source_id)
            if found is None:
                self.problem(loc, f"cites source {source_id!r}, which does not exist")
            elif not found.is_source:
                self.problem(loc, f"cites {source_id!r}, a {found.name}, which is not a source")
        if self.problems:
            raise LoadError(self.problems)
        return {eid: spec.name for eid, spec in final.items()}


def record_problems(records: Iterable[Record]) -> list[Problem]:
    """What is wrong with these records taken alone (schema, property, value, source),
    without writing them: an archive import sets an article with a bad value aside
    instead of refusing the archive.

    Example: `record_problems(article_records(doc, defaults))` returns `[]`.
    """
    validator = _Validator()
    try:
        for rec in records:
            validator.fact(rec)
    except LoadError as exc:
        return exc.problems
    return validator.problems


def load_records(
    store: Store,
    records: Iterable[Record],
    *,
    before_commit: Callable[[Writer, LoadReport], None] | None = None,
) -> LoadReport:
    """Validate and write records in one transaction; raise LoadError and write nothing
    if any is invalid. `before_commit`, if given, writes more in the same transaction
    (a list import records its snapshot there). A fact already stored keeps its review
    state: loading a file again does not republish what a reviewer rejected.

    Example: `load_records(store, project_yaml.rows("data/events.yaml", Defaults()))`.
    """
    with store.write() as writer:
        # a file loaded again must not undo review decisions made since
        report = write_records(writer, records, keep_review=True)
        if before_commit is not None:
            before_commit(writer, report)
        return report


def write_records(
    writer: Writer,
    records: Iterable[Record],
    *,
    collect: list[Fact] | None = None,
    keep_existing: bool = False,
    keep_review: bool = False,
) -> LoadReport:
    """Validate and write records inside a transaction the caller holds (so the web app
    can write a change, its facts and its audit entry together); raise LoadError if any
    is invalid, which rolls the caller's transaction back. Facts written are appended to
    `collect` when given. With `keep_existing`, a fact already stored is left exactly as
    it is (an edit must not turn a published fact back into a draft); with `keep_review`,
    it keeps its review state but takes the new provenance (a re-import).

    Example: `with store.write() as w: write_records(w, records)`.
    """
    validator = _Validator()
    report = LoadReport()

    def flush(batch: list[Fact]) -> None:
        if keep_existing:
            stored = writer.existing_fact_ids(f.id for f in batch)
            batch = [f for f in batch if f.id not in stored]
        report.facts += writer.put_facts(batch, keep_review=keep_review)
        if collect is not None:
            collect.extend(batch)

    batch: list[Fact] = []
    for rec in records:
        fact = validator.fact(rec)
        if fact is not None and not validator.problems:
            batch.append(fact)
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
    if validator.problems:
        raise LoadError(validator.problems)
    flush(batch)
    schemata = validator.finish(writer)
    writer.put_entities(schemata)
    report.entities = len(schemata)
    return report


def read_records(
    paths: Iterable[str], *, defaults: Defaults, format: str | None = None
) -> Iterator[Record]:
    """The records of every file, each read with its format's importer."""
    if not defaults.recorded_at:
        defaults = defaults.merged({"recorded_at": utcnow()})
    for path in paths:
        if not Path(path).is_file():
            raise LoadError([Problem(Location(path), "no such file")])
        reader = FORMATS[format or detect_format(path)]
        yield from reader(path, defaults)


def load_paths(
    store: Store,
    paths: Iterable[str],
    *,
    defaults: Defaults | None = None,
    format: str | None = None,
) -> LoadReport:
    """Load files into the store, all in one transaction.

    Example: `load_paths(store, ["data/events.yaml"], defaults=Defaults(review="published"))`.
    """
    paths = [str(p) for p in paths]
    report = load_records(
        store, read_records(paths, defaults=defaults or Defaults(), format=format)
    )
    report.files = paths
    return report
