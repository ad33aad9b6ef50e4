"""The OFAC SDN importer, on OFAC's real snapshots (public domain)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lionrock import Defaults, LoadError, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.sources import ofac_sdn
from tests.conftest import SHARED

SNAPSHOT = SHARED / "sanctions" / "us-ofac-sdn-2024-05-03.csv"
HK = frozenset({"HK-EO13936"})


def test_the_hong_kong_program_has_42_people() -> None:
    records = list(ofac_sdn.rows(str(SNAPSHOT), Defaults(), HK))
    persons = {r.entity_id for r in records if r.schema == "Person"}
    assert len(persons) == 42
    john = {(r.prop, r.value) for r in records if r.entity_id == "ofac-29250"}
    assert ("name", "LEE, John Ka-chiu") in john
    assert ("weakAlias", "LI, Jiachao") in john  # OFAC keeps weak a.k.a.s in the remarks
    assert ("birthDate", "1957-12-07") in john
    assert ("position", "Secretary for Security") in john
    assert ("idNumber", "G0286787") in john
    sanction = {(r.prop, r.value) for r in records if r.entity_id == "ofac-29250-hk-eo13936"}
    assert ("program", "HK-EO13936") in sanction and ("country", "us") in sanction


def test_dob_precision_follows_the_list() -> None:
    assert ofac_sdn.parse_dob("07 Dec 1957") == ["1957-12-07"]
    assert ofac_sdn.parse_dob("Nov 1951") == ["1951-11"]
    assert ofac_sdn.parse_dob("1957") == ["1957"]
    assert ofac_sdn.parse_dob("01 Dec 1952 to 31 Dec 1952") == ["1952-12"]
    assert ofac_sdn.parse_dob("circa 1960") == ["1960"]
    assert ofac_sdn.parse_dob("01 Jan 1946 to 31 Dec 1948") == ["1946", "1947", "1948"]
    assert ofac_sdn.parse_dob("sometime") == []


def test_the_bundled_extract_is_verbatim_from_the_snapshot() -> None:
    extract = next(p for p in bundled_files() if "ofac" in p.name)
    snapshot = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    for row in extract.read_text(encoding="utf-8").splitlines():
        assert row in snapshot


def test_a_truncated_row_is_refused_with_its_line(memory_store: Store, tmp_path: Path) -> None:
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()[:5]
    lines.append('99999,"CUT, Off","individual","HK-EO13936"')
    bad = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"us-ofac-sdn-2024-05-03\.csv:6: expected 12 columns"):
        load_paths(memory_store, [bad])
    assert memory_store.count_facts() == 0


def test_a_file_without_a_snapshot_date_is_refused(memory_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_text(SNAPSHOT.read_text(encoding="utf-8").splitlines()[0] + "\n")
    with pytest.raises(LoadError, match="no snapshot date"):
        load_paths(memory_store, [bad], format="ofac-sdn")
