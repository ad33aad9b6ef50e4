"""The PRC's counter-sanctions (issue #12): OpenSanctions' `cn_sanctions` shapes read by the
OpenSanctions reader, with the licence on every fact and doubtful dates flagged or refused;
and the bundled counter-sanctions kept apart from designations (SQLite and PostgreSQL).

The two files are hand-written in the export shapes: no OpenSanctions data is shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lionrock import Store
from lionrock.sanctions import import_list
from lionrock.sanctions.lists import is_counter_sanction
from lionrock.sources import opensanctions

FIXTURES = Path(__file__).with_name("fixtures")
CSV = FIXTURES / "cn-sanctions-2026-04-01.simple.csv"
FTM = FIXTURES / "cn-sanctions-2026-04-01.ftm.json"


def _sanction_of(store: Store, target: str) -> list:
    return [s for s in store.iter_entities(schema="Sanction") if target in s.values("entity")]


@pytest.mark.parametrize("path", [CSV, FTM], ids=["simple-csv", "ftm-json"])
def test_cn_sanctions_import_with_licence_and_flagged_dates(store: Store, path: Path) -> None:
    report = import_list(store, path=str(path), list_name="opensanctions")
    source = report.snapshot.source_id
    doc = store.entity(source)
    assert doc is not None and doc.values("license") == ["CC-BY-NC-4.0"]
    # Every imported fact cites the snapshot, whose licence is CC BY-NC 4.0.
    imported = [f for e in store.iter_entities() for f in e.facts if f.entity_id.startswith("os-")]
    assert imported and {f.source_id for f in imported} == {source}

    # 2020-08-23 cannot be read the other way round: taken as it is, and a counter-sanction.
    (one,) = _sanction_of(store, "os-NK-cn-example-one")
    assert is_counter_sanction(one) and one.values("startDate") == ["2020-08-23"]
    assert {f.status for f in one.facts if f.prop == "startDate"} == {"confirmed"}

    # 2021-07-05 may be 7 May: kept, but flagged as alleged with the reason, never flipped.
    (two,) = _sanction_of(store, "os-NK-cn-example-two")
    start = [f for f in two.facts if f.prop == "startDate"]
    assert [(f.value, f.status) for f in start] == [("2021-07-05", "alleged")]
    notes = " ".join(two.values("summary"))
    assert "2021-05-07" in notes and "%d.%m.%y" in notes
    assert "2021-05-07" not in two.values("startDate")
    if path == FTM:  # a date after the export itself is flagged too
        assert "after the export" in notes


def test_a_date_that_is_not_iso_is_refused_as_a_date(store: Store) -> None:
    import_list(store, path=str(CSV), list_name="opensanctions")
    (three,) = _sanction_of(store, "os-NK-cn-example-three")
    assert not three.values("startDate")
    assert any("'23.07.21' is not an ISO date" in s for s in three.values("summary"))


def test_date_doubt() -> None:
    assert opensanctions.date_doubt("2020-08-23", "2026-01-01") is None
    assert opensanctions.date_doubt("2020-08-08", "2026-01-01") is None  # same either way
    assert "swapped (2021-05-07)" in (opensanctions.date_doubt("2021-07-05", "2026-01-01") or "")
    assert "after the export" in (opensanctions.date_doubt("2027-01-30", "2026-01-01") or "")
    assert "not an ISO date" in (opensanctions.date_doubt("10.08.20", "2026-01-01") or "")


def test_counter_sanctions_are_bundled_with_sources_and_not_designations(
    bundled_store: Store,
) -> None:
    counter = [s for s in bundled_store.iter_entities(schema="Sanction") if is_counter_sanction(s)]
    assert len(counter) >= 23
    for sanction in counter:
        assert sanction.values("startDate") and sanction.values("authority")
        assert sanction.values("reason") and sanction.values("program")
    rubio = bundled_store.entity("lr-sanction-cn-2020-08-10-marco-rubio")
    assert rubio is not None and rubio.values("startDate") == ["2020-08-10"]
    first_afsl = [s for s in counter if s.values("startDate") == ["2021-07-23"]]
    assert len(first_afsl) == 7  # six US individuals and the Hong Kong Democracy Council
    assert all(s.values("program") == ["Anti-Foreign Sanctions Law"] for s in first_afsl)
    # An announcement that named no one is an Event, not a Sanction.
    unnamed = bundled_store.entity("lr-event-2025-04-21-prc-sanctions-us-personnel-hong-kong")
    assert unnamed is not None and unnamed.schema == "Event"
