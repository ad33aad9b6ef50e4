"""Screening names against the lists in the Store, by CLI, library and `POST /api/match`
(yente's `/match` shape); on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.cli import main
from lionrock.sanctions import ScreeningIndex, Subject, load_listings
from lionrock.sanctions.screen import name_keys, read_names_csv
from lionrock.web import create_app
from tests.conftest import write

JOHN_LEE = "ofac-29250"


def test_listings_are_the_sanctioned_entities(bundled_store: Store) -> None:
    listings = load_listings(bundled_store)
    # The HK-EO13936 rows of OFAC's 2024-05-03 list, and the six the record adds (the
    # State Department's designations of 31 March 2025), marked as the record's.
    assert len(listings) == 48
    lam = next(x for x in listings if x.entity_id == "lr-person-paul-lam")
    assert lam.designations == (("record (src-cfhk-2025-03-31-us-sanctions-six)", "HK-EO13936"),)
    lee = next(x for x in listings if x.entity_id == JOHN_LEE)
    assert "李家超" in lee.names and "1957-12-07" in lee.birth_dates
    assert ("us-ofac-sdn-2024-05-03", "HK-EO13936") in lee.designations
    assert load_listings(bundled_store, lists=["gb-uk"]) == []


@pytest.mark.parametrize(
    "query", ["Lee Ka-chiu", "李家超", "李家超", "LI, Jiachao", "lei5 gaa1 ciu1"]
)
def test_screening_finds_john_lee_in_any_script(bundled_store: Store, query: str) -> None:
    index = ScreeningIndex.from_store(bundled_store)
    hits = index.screen(query)
    assert hits and hits[0].entity_id == JOHN_LEE, [h.entity_id for h in hits]
    assert hits[0].lists == ("us-ofac-sdn-2024-05-03",)
    assert hits[0].programs == ("HK-EO13936",)
    assert hits[0].explanation


def test_screening_has_no_false_hits_for_namesakes(bundled_store: Store) -> None:
    index = ScreeningIndex.from_store(bundled_store)
    assert index.screen("Lee Ka-wai") == []
    assert index.screen("John Smith") == []
    assert index.screen({"name": "Lee Ka-chiu", "birth_date": "1990-01-01"}) == []
    # Only candidates sharing keys are compared, never every listed entity.
    assert len(index.candidates(Subject(("Lee Ka-chiu",)))) <= 30


def test_name_keys_link_scripts() -> None:
    assert name_keys("李家超") & name_keys("Lee Ka-chiu")
    assert name_keys("鄧炳強") & name_keys("邓炳强")
    assert name_keys("CHEUNG, Tai") & name_keys("ZHANG, Tai")


def test_screen_command(tmp_path: Path, sqlite_env: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    names = write(
        tmp_path / "names.csv", "name,birth_date\nLee Ka-chiu,1957-12-07\n邓炳强,\nJohn Smith,\n"
    )
    result = runner.invoke(main, ["screen", names, "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [h["entity_id"] for h in hits] == [JOHN_LEE, "ofac-29242"]
    assert hits[0]["programs"] == ["HK-EO13936"] and "birth dates agree" in hits[0]["explanation"]
    text = runner.invoke(main, ["screen", names, "--lists", "gb-uk"])
    assert text.exit_code == 0 and "0 hits" in text.output
    strict = runner.invoke(main, ["screen", names, "--threshold", "1.0"])
    assert "TANG, Chris" in strict.output


def test_screen_reads_a_plain_list_and_refuses_bad_files(tmp_path: Path) -> None:
    plain = write(tmp_path / "plain.csv", "李家超\nLee Ka-chiu\n")
    assert [s.names for s in read_names_csv(plain)] == [("李家超",), ("Lee Ka-chiu",)]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"name\n\xff\xfe\n")
    result = CliRunner().invoke(main, ["screen", str(bad)])
    assert (
        result.exit_code != 0 and "not UTF-8" in result.output and "Traceback" not in result.output
    )
    missing = CliRunner().invoke(main, ["screen", str(tmp_path / "none.csv")])
    assert missing.exit_code != 0 and "cannot read" in missing.output


def _client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(database_url="sqlite://"), store=store))


def test_match_api_speaks_yentes_shape(bundled_store: Store) -> None:
    body = {
        "queries": {
            "a": {
                "schema": "Person",
                "properties": {"name": ["李家超"], "birthDate": ["1957-12-07"]},
            },
            "b": {"schema": "Person", "properties": {"name": ["Nobody Atall"]}},
        }
    }
    response = _client(bundled_store).post("/api/match", json=body, params={"limit": 3})
    assert response.status_code == 200
    data = response.json()
    assert data["limit"] == 3 and data["matcher"]["name"]
    first = data["responses"]["a"]
    assert first["status"] == 200 and first["total"] == {"value": 1, "relation": "eq"}
    result = first["results"][0]
    assert result["id"] == JOHN_LEE and result["schema"] == "Person" and result["match"] is True
    assert result["datasets"] == ["us-ofac-sdn-2024-05-03"]
    assert result["properties"]["program"] == ["HK-EO13936"]
    assert set(result) >= {"caption", "score", "features", "referents", "target", "explanation"}
    assert first["query"]["properties"]["name"] == ["李家超"]
    assert data["responses"]["b"]["results"] == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"{}",
        b'{"queries": {"q": {"schema": "Person"}}}',
        b'{"queries": {"q": {"properties": {"name": [1]}}}}',
    ],
)
def test_match_api_refuses_bad_requests(bundled_store: Store, body: bytes) -> None:
    response = _client(bundled_store).post("/api/match", content=body)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert _client(bundled_store).get("/api/match").status_code == 405


def test_screening_in_two_processes_gives_the_same_hits(bundled_store: Store) -> None:
    index = ScreeningIndex.from_store(bundled_store)
    names = ["Lee Ka-chiu", "John Smith", "鄭若驊", "Chan Tai Man", "XIA, Baolong"] * 42
    serial = index.screen_many(names)
    parallel = index.screen_many(names, workers=2)
    assert [[h.entity_id for h in r] for r in parallel] == [
        [h.entity_id for h in r] for r in serial
    ]
    assert [h.entity_id for h in parallel[4]] == ["ofac-29262"]
