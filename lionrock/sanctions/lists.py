"""Importing sanctions lists as dated snapshots, and what changed between two of them.

Each import records the list, the snapshot date and the file's SHA-256 in the
`snapshots` table, in the same transaction as its facts. Every fact of a snapshot cites
that snapshot's own source Document (`src-<list>-<date>`), so earlier snapshots stay in
the store and a designation belongs to a snapshot when one of its facts cites it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lionrock.errors import LoadError, Location, Problem
from lionrock.progress import QUIET, Progress
from lionrock.sources import (
    Defaults,
    LoadReport,
    Record,
    load_records,
    ofac_sdn,
    opensanctions,
    uk_sanctions,
)
from lionrock.store import Entity, Store, Writer, utcnow
from lionrock.store._tables import snapshots as snapshots_table
from lionrock.store._tables import statements

LIST_NAMES = ("us-ofac-sdn", "us-ofac-cons", "gb-uk", "opensanctions")
#: Countries whose sanctions are counter-sanctions: the PRC's measures against foreign
#: legislators, officials and NGOs over Hong Kong (issue #12). They are not designations
#: of the responsible: a screen or a gap matrix of the sanctioned leaves them out.
COUNTER_SANCTION_COUNTRIES = frozenset({"cn"})
#: A list snapshot's source Document, `src-<list>-<YYYY-MM-DD>` (`import_list`; the
#: bundled OFAC extract cites the same Document as the full list of that date).
SNAPSHOT_SOURCE = re.compile(rf"^src-({'|'.join(LIST_NAMES)})-(\d{{4}}-\d{{2}}-\d{{2}})$")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One imported snapshot of a list."""

    list_name: str
    date: str
    sha256: str
    file_name: str
    source_id: str
    facts: int
    entities: int
    imported_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What `import_list` did: the snapshot, and whether it was already in the store."""

    snapshot: Snapshot
    already_imported: bool = False


@dataclass(frozen=True, slots=True)
class Designation:
    """One listed target under one program, as a snapshot has it."""

    sanction_id: str
    entity_id: str
    name: str
    schema: str
    program: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(slots=True)
class SnapshotDiff:
    """Designations added and removed between two snapshots of one list."""

    list_name: str
    from_date: str
    to_date: str
    added: list[Designation] = field(default_factory=list)
    removed: list[Designation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_name,
            "from": self.from_date,
            "to": self.to_date,
            "added": [d.to_dict() for d in self.added],
            "removed": [d.to_dict() for d in self.removed],
        }


def is_counter_sanction(sanction: Entity) -> bool:
    """Whether a Sanction is the PRC's counter-sanction (its `country` is `cn`).

    Example: `is_counter_sanction(store.entity("lr-sanction-cn-2020-08-10-marco-rubio"))`.
    """
    return bool(set(sanction.values("country")) & COUNTER_SANCTION_COUNTRIES)


def sha256_of(path: str) -> str:
    """The file's SHA-256 (for the UK list, over its folder's four files; for an OFAC
    file with its ALT.CSV beside it, over the two files' digests).

    Example: `sha256_of("us-ofac-sdn-2024-05-03.csv")` is 64 hex digits.
    """
    if Path(path).is_dir() or Path(path).name in uk_sanctions.FILES:
        return uk_sanctions.digest(path)
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    alt = ofac_sdn.alt_path(path)
    if alt is None:
        return digest
    with open(alt, "rb") as fh:  # the list and its alias file, as one snapshot
        both = f"{digest}\0{hashlib.file_digest(fh, 'sha256').hexdigest()}"
    return hashlib.sha256(both.encode()).hexdigest()


def _must_be_ofac(path: str, list_name: str) -> None:
    """Refuse, with the reason, what is plainly not an OFAC file: a folder, or the UK
    list's files (before a confusing "no snapshot date in the file name")."""
    given = Path(path)
    if given.is_dir() or given.name in uk_sanctions.FILES:
        uk = not given.is_dir() or any((given / n).is_file() for n in uk_sanctions.FILES)
        hint = "; it looks like the UK sanctions list: use --list gb-uk" if uk else ""
        message = f"this is not an OFAC file (--list {list_name} reads one CSV file){hint}"
        raise LoadError([Problem(Location(path), message)])


def _reader(path: str, list_name: str, date: str | None) -> tuple[str, Any]:
    """The snapshot date and a records factory for one list file."""
    if list_name in ofac_sdn.LISTS:
        _must_be_ofac(path, list_name)
        day = date or ofac_sdn.snapshot_date(path)
        alt = ofac_sdn.alt_path(path)

        def ofac(d: Defaults) -> Iterator[Record]:
            yield from ofac_sdn.rows(path, d, list_name=list_name, snapshot=day)
            if alt is not None:  # strong aliases, from ALT.CSV beside the list
                yield from ofac_sdn.alt_rows(alt, d, list_name=list_name, snapshot=day)

        return day, ofac
    if list_name == "gb-uk":
        day = date or uk_sanctions.snapshot_date(path)
        return day, lambda d: uk_sanctions.rows(path, d, snapshot=day)
    if list_name == "opensanctions":
        day = date or opensanctions.snapshot_date(path)
        return day, lambda d: opensanctions.rows(path, d, snapshot=day)
    message = f"unknown list {list_name!r}; use one of {', '.join(LIST_NAMES)}"
    raise LoadError([Problem(Location(path), message)])


def _refuse_empty(path: str) -> None:
    """An empty list file is a broken download, not a list with no one on it: importing
    it would record a snapshot that delists everyone (found by fuzzing, issue #18)."""
    files = [Path(path)] if Path(path).is_file() else sorted(Path(path).glob("*.csv"))
    for file in files:
        size = file.stat().st_size
        if size == 0 or (size < 4096 and not file.read_bytes().strip(b" \t\r\n\x1a\xef\xbb\xbf")):
            raise LoadError([Problem(Location(str(file), 1), f"empty file ({size} bytes)")])


def import_list(
    store: Store,
    *,
    path: str,
    list_name: str,
    snapshot_date: str | None = None,
    defaults: Defaults | None = None,
    progress: Progress = QUIET,
) -> ImportReport:
    """Import one snapshot of a list, all or nothing; earlier snapshots are kept.
    `progress` counts the records read, then times the write.

    The same file again is a no-op; a different file for a list and date already
    imported is refused, so a snapshot never changes under its readers.

    Example: `import_list(store, path="us-ofac-sdn-2024-05-03.csv", list_name="us-ofac-sdn")`.
    """
    if not Path(path).exists():
        raise LoadError([Problem(Location(path), "no such file")])
    _refuse_empty(path)
    date, records = _reader(path, list_name, snapshot_date)
    digest = sha256_of(path)
    existing = {s.date: s for s in list_snapshots(store, list_name=list_name)}
    if date in existing:
        if existing[date].sha256 == digest:
            return ImportReport(existing[date], already_imported=True)
        message = (
            f"{list_name} {date} is already imported from another file "
            f"(SHA-256 {existing[date].sha256[:12]}…); nothing was changed"
        )
        raise LoadError([Problem(Location(path), message)])
    defaults = defaults or Defaults()
    if not defaults.recorded_at:
        defaults = defaults.merged({"recorded_at": utcnow()})
    snapshot: list[Snapshot] = []

    def record(writer: Writer, report: LoadReport) -> None:
        row = Snapshot(
            list_name=list_name,
            date=date,
            sha256=digest,
            file_name=Path(path).name,
            source_id=f"src-{list_name}-{date}",
            facts=report.facts,
            entities=report.entities,
            imported_at=utcnow(),
        )
        values = {k: v for k, v in row.to_dict().items() if k not in ("list_name", "date")}
        writer.conn.execute(
            snapshots_table.insert().values(
                id=f"{list_name}-{date}", list=list_name, snapshot_date=date, **values
            )
        )
        snapshot.append(row)

    recs: Iterator[Record] = progress.track(records(defaults), f"reading {list_name}")
    with progress.stage("checking and writing"):
        load_records(store, recs, before_commit=record)
    return ImportReport(snapshot[0])


def list_snapshots(store: Store, *, list_name: str | None = None) -> list[Snapshot]:
    """Imported snapshots, oldest first (per list).

    Example: `[s.date for s in list_snapshots(store, list_name="us-ofac-sdn")]`.
    """
    query = select(snapshots_table).order_by(
        snapshots_table.c.list, snapshots_table.c.snapshot_date
    )
    if list_name is not None:
        query = query.where(snapshots_table.c.list == list_name)
    with store.read() as conn:
        return [
            Snapshot(
                list_name=r.list,
                date=r.snapshot_date,
                sha256=r.sha256,
                file_name=r.file_name,
                source_id=r.source_id,
                facts=r.facts,
                entities=r.entities,
                imported_at=r.imported_at,
            )
            for r in conn.execute(query)
        ]


def designations(store: Store, *, source_id: str) -> dict[str, Designation]:
    """The designations (Sanction entities) one snapshot holds, by sanction ID."""
    query = select(statements.c.entity_id, statements.c.prop, statements.c.value).where(
        statements.c.source_id == source_id,
        statements.c.schema == "Sanction",
        statements.c.prop.in_(("entity", "program")),
    )
    found: dict[str, dict[str, str]] = {}
    with store.read() as conn:
        for row in conn.execute(query):
            found.setdefault(row.entity_id, {})[row.prop] = row.value
    return {
        sid: Designation(sid, v.get("entity", ""), "", "", v.get("program", ""))
        for sid, v in found.items()
    }


def diff_snapshots(
    store: Store, *, list_name: str, from_date: str | None = None, to_date: str | None = None
) -> SnapshotDiff:
    """Designations added and removed between two snapshots (by default the last two).

    Example: `diff_snapshots(store, list_name="us-ofac-sdn").added[0].name`.
    """
    known = {s.date: s for s in list_snapshots(store, list_name=list_name)}
    dates = sorted(known)
    to_date = to_date or (dates[-1] if dates else None)
    if from_date is None and to_date in dates and dates.index(to_date) > 0:
        from_date = dates[dates.index(to_date) - 1]
    for label, day in (("--from", from_date), ("--to", to_date)):
        if day not in known:
            have = ", ".join(dates) or "none"
            message = f"{label}: no {list_name} snapshot of {day or '(none)'}; imported: {have}"
            raise LoadError([Problem(Location(list_name), message)])
    assert from_date is not None and to_date is not None
    old = designations(store, source_id=known[from_date].source_id)
    new = designations(store, source_id=known[to_date].source_id)
    diff = SnapshotDiff(list_name, from_date, to_date)
    diff.added = _named(store, [new[k] for k in sorted(new.keys() - old.keys())])
    diff.removed = _named(store, [old[k] for k in sorted(old.keys() - new.keys())])
    return diff


def _named(store: Store, found: list[Designation]) -> list[Designation]:
    """The designations with their targets' names and schemata filled in."""
    targets = {e.id: e for e in store.iter_entities(ids={d.entity_id for d in found})}
    named = []
    for d in found:
        target = targets.get(d.entity_id)
        name = target.caption if target is not None else d.entity_id
        schema = target.schema if target is not None else ""
        named.append(Designation(d.sanction_id, d.entity_id, name, schema, d.program))
    return sorted(named, key=lambda d: (d.program, d.name, d.sanction_id))
