"""List snapshots in the store (SQLite and PostgreSQL): real OFAC and UK imports, diffs,
the gap matrix, and malformed files that change nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Defaults, LoadError, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.sanctions import diff_snapshots, import_list, list_snapshots
from lionrock.sanctions.gaps import GapRow, gap_matrix, same_person, summary
from lionrock.sanctions.lists import designations
from tests.conftest import BACKENDS, SHARED, _pg_schema_url

SANCTIONS = SHARED / "sanctions"
SDN_2021 = SANCTIONS / "us-ofac-sdn-2021-08-18.csv"
SDN_2024 = SANCTIONS / "us-ofac-sdn-2024-05-03.csv"
UK = SANCTIONS / "gb-uk-sanctions-list-2026"
XINJIANG = {  # OFAC GLOMAG entry -> UK GHR entry, same officials, names in either order
    "ofac-31493": "uk-GHR0075",  # CHEN, Mingguo / MINGGUO CHEN
    "ofac-29162": "uk-GHR0076",  # WANG, Mingshan / MINGSHAN WANG
    "ofac-31492": "uk-GHR0077",  # WANG, Junzheng / JUNZHENG WANG
    "ofac-29219": "uk-GHR0078",  # ZHU, Hailun / HAILUN ZHU
}


@pytest.fixture(scope="module", params=BACKENDS)
def lists_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The bundled record plus OFAC 2021-08-18 and 2024-05-03 and the UK list."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('lists')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    for path, name in ((SDN_2021, "us-ofac-sdn"), (SDN_2024, "us-ofac-sdn"), (UK, "gb-uk")):
        import_list(store, path=str(path), list_name=name, defaults=Defaults(review="published"))
    yield store
    store.close()
    for _ in urls:
        pass


@pytest.fixture(scope="module")
def gap_rows(lists_store: Store) -> dict[str, GapRow]:
    """The gap matrix with GLOMAG's persons as extra rows (computed once per backend)."""
    return {r.entity_id: r for r in gap_matrix(lists_store, programs=["GLOMAG"])}


def _ent_nums(path: Path) -> set[str]:
    return {line.split(",", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sanctions-lists")]


def test_each_snapshot_is_recorded_with_its_sha256(lists_store: Store) -> None:
    snaps = list_snapshots(lists_store)
    assert [(s.list_name, s.date) for s in snaps] == [
        ("gb-uk", "2026-04-29"),
        ("us-ofac-sdn", "2021-08-18"),
        ("us-ofac-sdn", "2024-05-03"),
    ]
    sdn = snaps[2]
    assert sdn.sha256 == hashlib.sha256(SDN_2024.read_bytes()).hexdigest()
    assert sdn.source_id == "src-us-ofac-sdn-2024-05-03" and sdn.facts > 100_000
    again = import_list(lists_store, path=str(SDN_2024), list_name="us-ofac-sdn")
    assert again.already_imported and again.snapshot == sdn


def test_the_hong_kong_program_has_42_people_in_2024(lists_store: Store) -> None:
    found = designations(lists_store, source_id="src-us-ofac-sdn-2024-05-03")
    hk = {d.entity_id for d in found.values() if d.program == "HK-EO13936"}
    assert len(hk) == 42 and "ofac-29250" in hk


def test_the_diff_lists_real_additions_and_removals(lists_store: Store) -> None:
    diff = diff_snapshots(
        lists_store, list_name="us-ofac-sdn", from_date="2021-08-18", to_date="2024-05-03"
    )
    added = {(d.entity_id, d.program) for d in diff.added}
    removed = {(d.entity_id, d.program) for d in diff.removed}
    # Vladimir Putin was designated in 2022; Djojo Arsenovic (BALKANS) was delisted.
    assert ("ofac-35096", "RUSSIA-EO14024") in added
    assert ("ofac-7652", "BALKANS") in removed
    assert "35096" not in _ent_nums(SDN_2021) and "35096" in _ent_nums(SDN_2024)
    assert "7652" in _ent_nums(SDN_2021) and "7652" not in _ent_nums(SDN_2024)
    putin = next(d for d in diff.added if d.entity_id == "ofac-35096")
    assert putin.name == "PUTIN, Vladimir Vladimirovich" and putin.schema == "Person"
    assert not added & removed
    # The earlier snapshot stays in the store, identifiable.
    assert "ofac-7652-balkans" in designations(lists_store, source_id="src-us-ofac-sdn-2021-08-18")


def test_the_gap_matrix_shows_48_us_and_no_uk_designations(
    lists_store: Store, gap_rows: dict[str, GapRow]
) -> None:
    hk = [
        r
        for r in gap_rows.values()
        if any(x.program == "HK-EO13936" for x in r.cells.get("us", []))
    ]
    # The 42 of the OFAC extract and the record's six of 31 March 2025 (not on this list).
    assert len(hk) == 48
    assert len([r for r in hk if any(x.record_source for x in r.cells["us"])]) == 6
    assert not [r for r in hk if r.cells.get("gb")]
    # Every US designation in the matrix is one of the 48 or a GLOMAG row asked for: no
    # record person is linked to another list's namesake (李義 is not Iran's "LI, Yi").
    others = [r for r in gap_rows.values() if r.cells.get("us") and r not in hk]
    assert all("designated GLOMAG" in r.basis for r in others), [r.name for r in others]
    responsible = [r for r in gap_rows.values() if r in hk or r.roles or r.recommendations]
    counts = summary(responsible)
    assert counts["US"] == 48 and counts["UK"] == 0
    assert not gap_rows["lr-person-roberto-ribeiro"].cells
    assert "lr-person-jimmy-lai" not in gap_rows  # a victim is never a row
    columns = {c.label: c.heading() for c in gap_matrix(lists_store).columns}
    assert columns["US"] == "US (us-ofac-sdn 2024-05-03; cited record)"
    assert columns["UK"] == "UK (gb-uk 2026-04-29)" and columns["EU"] == "EU (no list checked)"


def test_xinjiang_officials_match_across_lists_and_name_orders(
    lists_store: Store, gap_rows: dict[str, GapRow]
) -> None:
    for ofac_id, uk_id in XINJIANG.items():
        row = gap_rows[ofac_id]
        assert uk_id in row.same_as
        assert [x.program for x in row.cells["us"]] == ["GLOMAG"]
        assert [(x.program, x.date) for x in row.cells["gb"]] == [("GHR", "2021-03-22")]
    chen, uk_chen = lists_store.entity("ofac-31493"), lists_store.entity("uk-GHR0075")
    assert chen is not None and uk_chen is not None
    assert chen.caption == "CHEN, Mingguo" and uk_chen.caption == "MINGGUO CHEN"
    assert same_person(chen, uk_chen)
    lee = lists_store.entity("ofac-29250")
    assert lee is not None and not same_person(chen, lee)


def _prefix(tmp_path: Path, name: str, lines: int) -> Path:
    path = tmp_path / name
    path.write_text(
        "".join(SDN_2021.read_text(encoding="utf-8").splitlines(True)[:lines]), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", r"us-ofac-sdn-2024-05-03\.csv:31: invalid CSV \(truncated"),
        ("columns", r"us-ofac-sdn-2024-05-03\.csv:31: expected 12 columns, found 4"),
        ("encoding", r"us-ofac-sdn-2024-05-03\.csv:31: not UTF-8"),
    ],
)
def test_a_malformed_file_changes_nothing(
    store: Store, tmp_path: Path, damage: str, message: str
) -> None:
    first = _prefix(tmp_path, "us-ofac-sdn-2021-08-18.csv", 50)
    import_list(store, path=str(first), list_name="us-ofac-sdn")
    before = (store.count_facts(), list_snapshots(store))
    good = SDN_2024.read_bytes().splitlines(True)[:30]
    tail = {
        "truncated": b'29250,"LEE, John Ka-chiu","individual","HK-EO13936","Secretary',
        "columns": b'99999,"CUT, Off","individual","HK-EO13936"\n',
        "encoding": b'99999,"CAF\xc9","individual","SDGT"' + b",-0- " * 8 + b"\n",
    }[damage]
    bad = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    bad.write_bytes(b"".join(good) + tail)
    with pytest.raises(LoadError, match=message):
        import_list(store, path=str(bad), list_name="us-ofac-sdn")
    assert (store.count_facts(), list_snapshots(store)) == before
    assert [s.date for s in before[1]] == ["2021-08-18"]


def test_another_file_for_an_imported_date_is_refused(store: Store, tmp_path: Path) -> None:
    import_list(
        store,
        path=str(_prefix(tmp_path, "us-ofac-sdn-2021-08-18.csv", 20)),
        list_name="us-ofac-sdn",
    )
    other = tmp_path / "other"
    other.mkdir()
    different = _prefix(other, "us-ofac-sdn-2021-08-18.csv", 30)
    with pytest.raises(LoadError, match="already imported from another file"):
        import_list(store, path=str(different), list_name="us-ofac-sdn")
    assert len(list_snapshots(store)) == 1


def test_opensanctions_and_non_sdn_feed_their_jurisdictions(store: Store, tmp_path: Path) -> None:
    fixtures = Path(__file__).with_name("fixtures")
    path = str(fixtures / "entities.ftm.json")
    import_list(store, path=path, list_name="opensanctions", snapshot_date="2026-04-01")
    cons = tmp_path / "cons_prim.csv"
    cons.write_text(
        '9000001,"PERSON, Example Delta","individual","HKAA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"DOB May 1970."\n',
        encoding="utf-8",
    )
    import_list(store, path=str(cons), list_name="us-ofac-cons", snapshot_date="2026-08-01")
    rows = {r.entity_id: r for r in gap_matrix(store)}
    delta = rows["ofac-cons-9000001"]  # listed under HKAA: the Hong Kong program
    assert [x.program for x in delta.cells["us"]] == ["HKAA"]
    assert "os-NK-example-delta" in delta.same_as  # "Example Person Delta", DOB 1970-05
    assert [(x.program, x.date) for x in delta.cells["ca"]] == [
        ("Example Canadian Program", "2022-01-01")
    ]
    assert [s.list_name for s in list_snapshots(store)] == ["opensanctions", "us-ofac-cons"]


def test_strong_aliases_come_from_the_alt_file_beside_the_list(
    store: Store, tmp_path: Path
) -> None:
    # Synthetic rows in OFAC's SDN.CSV and ALT.CSV layouts.
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(
        '9000002,"EXAMPLE, Strong","individual","SDGT"' + ",-0- " * 7 + ',"DOB 1960."\n',
        encoding="utf-8",
    )
    (tmp_path / "alt.csv").write_text(
        '9000002,1,"aka","STRONG, Example Alias",-0- \n', encoding="utf-8"
    )
    report = import_list(store, path=str(sdn), list_name="us-ofac-sdn", snapshot_date="2020-01-01")
    entity = store.entity("ofac-9000002")
    assert entity is not None and entity.values("alias") == ["STRONG, Example Alias"]
    assert report.snapshot.sha256 != hashlib.sha256(sdn.read_bytes()).hexdigest()
