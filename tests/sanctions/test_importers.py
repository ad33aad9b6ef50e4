"""The list readers, without a store: OFAC remarks, the Non-SDN list, the UK CSVs and
OpenSanctions exports."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from lionrock import Defaults, LoadError
from lionrock.sources import ofac_sdn, opensanctions, uk_sanctions
from tests.conftest import SHARED

SANCTIONS = SHARED / "sanctions"
SDN_2024 = SANCTIONS / "us-ofac-sdn-2024-05-03.csv"
UK = SANCTIONS / "gb-uk-sanctions-list-2026"
FIXTURES = Path(__file__).with_name("fixtures")


def _facts(records: list) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in records:
        found[r.entity_id].add((r.prop, r.value))
    return found


@pytest.fixture(scope="module")
def sdn() -> dict[str, set[tuple[str, str]]]:
    return _facts(list(ofac_sdn.rows(str(SDN_2024), Defaults(recorded_at="2026-11-28"))))


def test_remarks_give_identity_ids_and_the_secondary_sanctions_note(sdn: dict) -> None:
    tang = sdn["ofac-29242"]
    assert {
        ("birthDate", "1965-07-04"),
        ("birthPlace", "Hong Kong"),
        ("nationality", "hk"),
        ("gender", "male"),
        ("passportNumber", "KJ0638810"),
        ("idNumber", "D4118015"),
        ("position", "Commissioner of Police"),
    } <= tang
    provisions = dict(sdn["ofac-29242-hk-eo13936"])["provisions"]
    assert "Hong Kong Autonomy Act of 2020" in provisions


def test_every_program_is_read_including_glomag(sdn: dict) -> None:
    assert ("program", "GLOMAG") in sdn["ofac-31493-glomag"]  # CHEN, Mingguo
    assert ("entity", "ofac-31493") in sdn["ofac-31493-glomag"]
    assert {("birthDate", "1966-10"), ("birthPlace", "Yilong, Sichuan, China")} <= sdn["ofac-31493"]
    hk = {e for e, facts in sdn.items() if ("program", "HK-EO13936") in facts}
    assert len(hk) == 42


def test_circa_and_ranges_keep_the_list_text(tmp_path: Path) -> None:
    lines = [
        '1,"EXAMPLE, Circa","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"DOB circa 1951; alt. DOB 01 Jan 1946 to 31 Dec 1948; citizen Iran."',
    ]
    path = tmp_path / "us-ofac-sdn-2020-01-01.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = [r for r in ofac_sdn.rows(str(path), Defaults()) if r.prop == "birthDate"]
    assert {(r.value, r.original_value) for r in records} == {
        ("1951", None),
        ("1946", None),
        ("1947", None),
        ("1948", None),
    }
    assert [r.location.line for r in records] == [1, 1, 1, 1]


def test_the_non_sdn_list_is_read_by_the_same_code(tmp_path: Path) -> None:
    # Synthetic rows in the Non-SDN layout (same 12 columns), under HKAA.
    path = tmp_path / "cons_prim.csv"
    path.write_text(
        '9000001,"EXAMPLE, Official","individual","HKAA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"DOB 01 Feb 1960; Gender Female."\n',
        encoding="utf-8",
    )
    records = list(
        ofac_sdn.rows(str(path), Defaults(), list_name="us-ofac-cons", snapshot="2026-08-01")
    )
    facts = _facts(records)
    assert ("program", "HKAA") in facts["ofac-cons-9000001-hkaa"]
    assert records[0].source_id == "src-us-ofac-cons-2026-08-01"
    assert "HKAA" in ofac_sdn.HK_PROGRAMS and "HK-EO13936" in ofac_sdn.HK_PROGRAMS


def test_uk_names_are_given_name_first_and_regimes_dated() -> None:
    facts = _facts(list(uk_sanctions.rows(str(UK), Defaults(recorded_at="2026-11-28"))))
    chen = facts["uk-GHR0075"]
    assert {("name", "MINGGUO CHEN"), ("lastName", "CHEN"), ("firstName", "MINGGUO")} <= chen
    assert {("program", "GHR"), ("startDate", "2021-03-22"), ("country", "gb")} <= facts[
        "uk-GHR0075-ghr"
    ]
    assert uk_sanctions.snapshot_date(str(UK)) == "2026-04-29"


def test_uk_birth_dates_are_left_out_because_the_copy_misaligns_them() -> None:
    records = list(uk_sanctions.rows(str(UK), Defaults(recorded_at="2026-11-28")))
    assert not [r for r in records if r.prop == "birthDate"]
    with_dobs = uk_sanctions.rows(str(UK), Defaults(recorded_at="2026-11-28"), with_dobs=True)
    zhu = {r.value for r in with_dobs if r.entity_id == "uk-GHR0078" and r.prop == "birthDate"}
    assert zhu == {"1935"}  # OFAC: Jan 1958. Wrong, which is why it is not read by default.


def test_opensanctions_simple_csv() -> None:
    path = str(FIXTURES / "targets.simple.csv")
    facts = _facts(list(opensanctions.rows(path, Defaults(), snapshot="2026-04-01")))
    alpha = facts["os-NK-example-alpha"]
    assert {("alias", "Person, Alpha"), ("birthDate", "1960-01-02"), ("country", "hk")} <= alpha
    (sanction,) = [k for k, v in facts.items() if ("entity", "os-NK-example-alpha") in v]
    assert {("country", "eu"), ("startDate", "2021-03-22")} <= facts[sanction]
    assert ("program", "Example Human Rights Program") in facts[sanction]
    gamma = facts["os-NK-example-gamma"]
    assert ("notes", "birth_date: bad-date") in gamma  # kept, not dropped
    (gamma_sanction,) = [k for k, v in facts.items() if ("entity", "os-NK-example-gamma") in v]
    assert not any(p == "country" for p, _ in facts[gamma_sanction])  # two jurisdictions


def test_opensanctions_ftm_and_nested_json() -> None:
    ftm = _facts(
        list(
            opensanctions.rows(
                str(FIXTURES / "entities.ftm.json"), Defaults(), snapshot="2026-04-01"
            )
        )
    )
    assert ("entity", "os-NK-example-delta") in ftm["os-ca-sema-example-delta"]
    assert ("country", "ca") in ftm["os-ca-sema-example-delta"]
    assert "os-example-doc" not in ftm  # documents are not list entries
    nested = _facts(
        list(
            opensanctions.rows(
                str(FIXTURES / "targets.nested.json"), Defaults(), snapshot="2026-04-01"
            )
        )
    )
    epsilon = nested["os-au-dfat-example-epsilon"]
    assert {("entity", "os-NK-example-epsilon"), ("country", "au")} <= epsilon


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"id": "x", "schema": "Person", "properties": {"name": ["A"]',
            r"entities.ftm.json:1: invalid JSON \(truncated\?\)",
        ),
        (b"[1, 2]\n", "expected an FtM entity"),
        (b'{"id": "x", "schema": "Person", "properties": {"name": ["\xff"]}}\n', "not UTF-8"),
    ],
)
def test_bad_opensanctions_json_is_refused_with_its_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        list(opensanctions.rows(str(path), Defaults(), snapshot="2026-04-01"))


def test_an_opensanctions_file_needs_a_date(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="give --snapshot-date"):
        list(opensanctions.rows(str(FIXTURES / "targets.simple.csv"), Defaults()))


def test_opensanctions_cells_with_line_breaks_are_read(tmp_path: Path) -> None:
    # a quoted cell spanning lines, a stray CR and an unbalanced inner quote: each is read
    # as text (the fuzzer's traceback: "new-line character seen in unquoted field")
    with open(FIXTURES / "targets.simple.csv", encoding="utf-8", newline="") as fh:
        header, first, *_ = csv.reader(fh)
    first[header.index("aliases")] = 'Alias One;Alias\nTwo;Al\rias "Three'
    path = tmp_path / "targets.simple.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows([header, first])
    facts = _facts(list(opensanctions.rows(str(path), Defaults(), snapshot="2026-04-01")))
    aliases = {v for entity in facts.values() for p, v in entity if p == "alias"}
    assert {"Alias One", "Alias Two", 'Al ias "Three'} <= aliases, aliases
