"""Exports: FtM that followthemoney accepts, exact round trips, CSV with IDs and URLs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from followthemoney import model as ftm_model

from lionrock import Defaults, Store, export_store, load_paths


def _export(store: Store, fmt: str, path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        export_store(store, out, format=fmt, base_url="https://lionrock.example")
    return path


def _statements(store: Store) -> set[tuple[object, ...]]:
    return {tuple(sorted(f.to_dict().items())) for f in store.iter_facts()}


def test_ftm_export_validates_with_followthemoney(bundled_store: Store, tmp_path: Path) -> None:
    path = _export(bundled_store, "ftm", tmp_path / "record.ftm.json")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 300
    for data in lines:
        schema = ftm_model.get(data["schema"])
        assert schema is not None, data["schema"]
        for prop, values in data["properties"].items():
            assert schema.get(prop) is not None, f"{data['schema']} has no {prop}"
            proxy = ftm_model.get_proxy(data, cleaned=False)
            assert sorted(proxy.get(prop)) == sorted(values), "FtM dropped a value"
        for prop in schema.required:
            assert data["properties"].get(prop), f"{data['id']} lacks {prop}"
    # followthemoney's own validator re-parses every line and keeps every value
    out = tmp_path / "validated.json"
    ftm = Path(sys.executable).with_name("ftm")
    subprocess.run([str(ftm), "validate", "-i", str(path), "-o", str(out)], check=True)
    validated = {d["id"]: d for d in map(json.loads, out.read_text().splitlines())}
    for data in lines:
        assert validated[data["id"]]["properties"] == data["properties"]
    # extension records export as their FtM schema, with the mapped properties
    charge = next(d for d in lines if d["id"] == "lr-charge-hk47-benny-tai")
    assert charge["schema"] == "CourtCaseParty"
    assert charge["properties"]["party"] == ["lr-person-benny-tai"]
    assert charge["properties"]["role"] == ["defendant"]
    assert charge["lionrock"]["schema"] == "Charge"
    # and citations are visible to FtM tools as Documentation links
    docs = [d for d in lines if d["schema"] == "Documentation"]
    assert any(d["properties"]["entity"] == ["ofac-29250"] for d in docs)


def test_ftm_round_trip_is_identical(bundled_store: Store, db_url: str, tmp_path: Path) -> None:
    path = _export(bundled_store, "ftm", tmp_path / "record.ftm.json")
    fresh = Store(db_url)
    load_paths(fresh, [path])
    assert _statements(fresh) == _statements(bundled_store)
    assert fresh.schemata_of(["lr-charge-hk47-benny-tai"]) == {"lr-charge-hk47-benny-tai": "Charge"}
    fresh.close()


def test_statements_round_trip_is_identical(bundled_store: Store, tmp_path: Path) -> None:
    path = _export(bundled_store, "statements", tmp_path / "record.csv")
    fresh = Store("sqlite://")
    load_paths(fresh, [path], format="statements")
    assert _statements(fresh) == _statements(bundled_store)


def test_csv_table_carries_ids_entity_urls_and_source_urls(bundled_store: Store) -> None:
    out = io.StringIO()
    export_store(
        bundled_store, out, format="csv", base_url="https://lionrock.example", schema="Person"
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    john = next(r for r in rows if r["id"] == "ofac-29250")
    assert john["url"] == "https://lionrock.example/entities/ofac-29250"
    assert "李家超" in john["name"]
    assert "src-us-ofac-sdn-2024-05-03" in john["source_ids"]
    assert john["source_urls"].startswith("http")
    assert all(r["schema"] == "Person" for r in rows)


def test_plain_ftm_loads_with_a_given_source(memory_store: Store, tmp_path: Path) -> None:
    src = tmp_path / "src.yaml"
    src.write_text(
        "sources:\n  - id: src-x\n    publisher: P\n    title: T\n    date: 2024-01-01\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.json"
    plain.write_text('{"id": "lr-p", "schema": "Person", "properties": {"name": ["Chan"]}}\n')
    load_paths(memory_store, [src])
    load_paths(memory_store, [plain], defaults=Defaults(source_id="src-x"))
    entity = memory_store.entity("lr-p")
    assert entity is not None and entity.facts[0].source_id == "src-x"
