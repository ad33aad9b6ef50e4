"""The gap matrix links one person's entries across lists and the record with the name
matcher, across scripts and romanizations, and never on a near miss or against
conflicting birth dates (SQLite and PostgreSQL).

The people are fictitious: 陳大文 (Chan Tai Man) is Hong Kong's placeholder name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lionrock import Store, load_paths
from lionrock.sanctions import import_list
from lionrock.sanctions.gaps import GapRow, gap_matrix, link_reason, name_keys, same_person
from lionrock.store import Entity
from tests.conftest import SOURCE_YAML, write

RECORD = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-chan-tai-man
    schema: Person
    source: src-test
    properties:
      name: 陳大文
  - id: lr-person-chan-tai-man-1980
    schema: Person
    source: src-test
    properties:
      name: Chan Tai-man
      birthDate: 1980-02-02
  - id: lr-person-chen-dawen
    schema: Person
    source: src-test
    properties:
      name: CHEN, Dawen
      birthDate: 1970-01-01
  - id: lr-person-chen-dawen-undated
    schema: Person
    source: src-test
    properties:
      name: CHEN, Dawen
  - id: lr-event-test
    schema: Event
    source: src-test
    properties:
      name: A test event
      date: 2024-05-30
      involved: [lr-person-chan-tai-man, lr-person-chan-tai-man-1980]
"""
)
NULLS = ",-0- " * 7
SDN = (
    f'9000101,"CHAN, Tai Man","individual","HK-EO13936"{NULLS},"DOB 01 Jan 1970."\n'
    f'9000102,"CHAN, Tai Wai","individual","HK-EO13936"{NULLS},"DOB 01 Jan 1970."\n'
)


@pytest.fixture
def linked_store(store: Store, tmp_path: Path) -> Store:
    load_paths(store, [write(tmp_path / "record.yaml", RECORD)])
    sdn = write(tmp_path / "us-ofac-sdn-2024-05-03.csv", SDN)
    import_list(store, path=sdn, list_name="us-ofac-sdn")
    return store


def _entity(store: Store, entity_id: str) -> Entity:
    entity = store.entity(entity_id)
    assert entity is not None
    return entity


def test_a_record_person_in_characters_joins_the_listed_romanized_name(
    linked_store: Store,
) -> None:
    record = _entity(linked_store, "lr-person-chan-tai-man")
    listed = _entity(linked_store, "ofac-9000101")
    # Missed before: the name-part keys of 陳大文 and "CHAN, Tai Man" have nothing in common.
    assert not name_keys(record) & name_keys(listed)
    reason = link_reason(record, listed)
    assert reason is not None and "陳=chan" in reason and "no birth date" in reason
    rows: dict[str, GapRow] = {r.entity_id: r for r in gap_matrix(linked_store)}
    row = rows["ofac-9000101"]
    assert "lr-person-chan-tai-man" in row.same_as
    assert [x.program for x in row.cells["us"]] == ["HK-EO13936"]
    assert "lr-person-chan-tai-man" not in rows  # one person, one row
    assert sum(1 for r in rows.values() if "lr-person-chan-tai-man" in r.same_as) == 1


def test_near_misses_and_conflicting_birth_dates_do_not_link(linked_store: Store) -> None:
    record = _entity(linked_store, "lr-person-chan-tai-man")
    # One syllable apart (大偉, not 大文): another person.
    assert not same_person(record, _entity(linked_store, "ofac-9000102"))
    # The same name parts, but born ten years apart.
    namesake = _entity(linked_store, "lr-person-chan-tai-man-1980")
    listed = _entity(linked_store, "ofac-9000101")
    assert name_keys(namesake) & name_keys(listed)
    assert link_reason(namesake, listed) is None
    rows = {r.entity_id: r for r in gap_matrix(linked_store)}
    assert rows["ofac-9000102"].same_as == []
    # Only involved in an event (a victim's part): never a row of its own.
    assert "lr-person-chan-tai-man-1980" not in rows
    assert not any("lr-person-chan-tai-man-1980" in r.same_as for r in rows.values())


def test_a_romanization_match_below_certainty_needs_agreeing_birth_dates(
    linked_store: Store,
) -> None:
    listed = _entity(linked_store, "ofac-9000101")  # CHAN, Tai Man, born 1970-01-01
    dated = _entity(linked_store, "lr-person-chen-dawen")  # pinyin of 陳大文, same date
    undated = _entity(linked_store, "lr-person-chen-dawen-undated")
    reason = link_reason(dated, listed)
    assert reason is not None and "birth dates agree" in reason
    # Cantonese against pinyin scores below 0.9: without dates to agree, no link.
    assert link_reason(undated, listed) is None
