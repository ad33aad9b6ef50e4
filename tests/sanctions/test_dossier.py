"""Dossiers and the gap matrix on the bundled record (SQLite and PostgreSQL), and the
`sanctions` and `dossier` commands."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from click.testing import CliRunner
from followthemoney import model as ftm_model

from lionrock import Store
from lionrock.cli import main
from lionrock.sanctions.dossier import build_dossier, render_html, write_dossier
from lionrock.sanctions.gaps import gap_matrix
from lionrock.sanctions.render import render_gaps
from tests.conftest import SHARED


def test_a_dossier_has_identity_events_sanctions_and_sources(bundled_store: Store) -> None:
    dossier = build_dossier(bundled_store, entity_id="ofac-29250")
    names = {(n["fact"].value, n["script"]) for n in dossier.names}
    assert {("LEE, John Ka-chiu", "Latin"), ("李家超", "Han"), ("LI, Jiachao", "Latin")} <= names
    identity = {(n["fact"].prop, n["fact"].value) for n in dossier.identity}
    assert ("birthDate", "1957-12-07") in identity
    # identity documents are confidential (extensions.yaml): only the researchers' dossier
    # (drafts asked for, never for publication) carries them (issue #18 §2)
    assert not any(prop == "idNumber" for prop, _ in identity)
    private = build_dossier(bundled_store, entity_id="ofac-29250", published_only=False)
    assert ("idNumber", "G0286787") in {(n["fact"].prop, n["fact"].value) for n in private.identity}
    assert [n["fact"].value for n in dossier.positions] == ["Secretary for Security"]
    event = next(e for e in dossier.events if e["id"] == "lr-event-2020-08-07-us-sanctions-eo13936")
    assert event["date"] == "2020-08-07" and all(f["facts"] for f in event["facts"])
    assert dossier.gap is not None and [x.program for x in dossier.gap.cells["us"]] == [
        "HK-EO13936"
    ]
    assert not dossier.gap.cells.get("gb")
    assert "src-us-ofac-sdn-2024-05-03" in dossier.sources
    assert "src-us-treasury-2020-08-07-hk-autonomy-sanctions" in dossier.sources
    # Issue #12: roles with their conduct, recommendations, lists named, counter-sanctions.
    roles = {r["role"] for r in dossier.roles}
    assert {"Ordered or directed", "Legislated or enacted"} <= roles
    assert all(n["facts"] for r in dossier.roles for n in r["facts"])
    assert any(n["fact"].prop == "conduct" for r in dossier.roles for n in r["facts"])
    assert len(dossier.recommendations) >= 5
    by_code = {j["code"]: j for j in dossier.jurisdictions}
    assert [x.label() for x in by_code["us"]["lists"]] == ["us-ofac-sdn 2024-05-03"]
    assert by_code["eu"]["status"] == "no list checked" and not by_code["eu"]["lists"]
    assert [c["date"] for c in dossier.counter_sanctions] == ["2020-08-10"]
    assert not [e for e in dossier.events if e["schema"] in ("Responsibility", "Sanction")]


def test_dossier_pdf_renders_chinese_and_the_bundle_is_ftm(
    bundled_store: Store, tmp_path: Path
) -> None:
    files = write_dossier(bundled_store, entity_id="ofac-29250", out_dir=tmp_path)
    page = files.html.read_text(encoding="utf-8")
    assert "李家超" in page and "<script" not in page
    # Never "not sanctioned" where no list was checked; names and citations, not IDs.
    assert "Not sanctioned" not in page and "Unknown: no list checked" in page
    body = page.split("<body>")[1]
    assert "ofac-29" not in body and "src-" not in body and "lr-" not in body
    assert "U.S. Department of the Treasury" in body or "Treasury" in body
    assert "http" not in page.split("<body>")[0]  # nothing fetched: styles are inline
    text = subprocess.run(
        ["pdftotext", str(files.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "李家超" in text and "John Lee Ka-chiu" in text and "Annex: sources" in text
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(files.pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    lines = [json.loads(line) for line in files.ftm.read_text(encoding="utf-8").splitlines()]
    ids = {d["id"] for d in lines}
    assert {
        "ofac-29250",
        "ofac-29250-hk-eo13936",
        "lr-event-2020-08-07-us-sanctions-eo13936",
    } <= ids
    for data in lines:
        assert ftm_model.get_proxy(data).schema.name  # every line is a valid FtM entity


def test_a_dossier_shows_the_prc_answer_that_named_no_one(bundled_store: Store) -> None:
    dossier = build_dossier(bundled_store, entity_id="lr-person-paul-lam")
    assert [(c["date"], c["targets"]) for c in dossier.counter_sanctions] == [("2025-04-21", [])]
    section = render_html(dossier).split("6. The PRC", 1)[1].split("<h2>", 1)[0]
    assert "2025-04-21" in section and "Not named in the announcement" in section
    assert "PRC announces sanctions on unnamed US" in section
    assert "Manila Bulletin (AP), 2025-04-21" in section  # cited, by publisher and date
    assert "None recorded" not in section


def test_gaps_render_as_csv_json_and_html(bundled_store: Store) -> None:
    matrix = gap_matrix(bundled_store)
    table = list(csv.reader(io.StringIO(render_gaps(matrix, format="csv"))))
    assert table[0][6:14] == [
        "US (us-ofac-sdn 2024-05-03; cited record)",
        *(f"{label} (no list checked)" for label in ("UK", "EU", "CA", "AU", "NZ", "JP", "TW")),
    ]
    lee = next(r for r in table if r[0] == "ofac-29250")
    assert lee[6].startswith("HK-EO13936") and lee[7:14] == ["no list checked"] * 7
    data = json.loads(render_gaps(matrix, format="json"))
    assert data["summary"]["US"] == 48 and data["summary"]["UK"] == 0
    page = render_gaps(matrix, format="html")
    assert "LEE, John Ka-chiu" in page or "John Lee Ka-chiu" in page
    assert "<script" not in page and "https://" not in page


def test_the_commands(sqlite_env: Path, tmp_path: Path) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("init")
    sdn = SHARED / "sanctions" / "us-ofac-sdn-2021-08-18.csv"
    first = tmp_path / "us-ofac-sdn-2021-08-18.csv"
    first.write_text(
        "".join(sdn.read_text(encoding="utf-8").splitlines(True)[:40]), encoding="utf-8"
    )
    assert "imported us-ofac-sdn 2021-08-18" in run(
        "sanctions", "import", str(first), "--list", "us-ofac-sdn"
    )
    assert "already imported" in run("sanctions", "import", str(first), "--list", "us-ofac-sdn")
    assert "us-ofac-sdn\t2021-08-18" in run("sanctions", "snapshots")
    bad = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    bad.write_bytes(b'1,"CUT"\n')
    result = runner.invoke(main, ["sanctions", "import", str(bad), "--list", "us-ofac-sdn"])
    assert (
        result.exit_code == 1
        and "us-ofac-sdn-2024-05-03.csv:1: expected 12 columns" in result.output
    )
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["sanctions", "diff", "--list", "us-ofac-sdn"])
    assert result.exit_code == 1 and "no us-ofac-sdn snapshot" in result.output
    out = tmp_path / "gaps.json"
    run("sanctions", "gaps", "--format", "json", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["US"] == 48
    assert "US: 48" in run("sanctions", "gaps")
    assert "wrote" in run("dossier", "ofac-29249", "-o", str(tmp_path / "d"))
    assert (tmp_path / "d" / "ofac-29249.pdf").stat().st_size > 10_000
    result = runner.invoke(main, ["dossier", "lr-jur-us", "-o", str(tmp_path / "d")])
    assert result.exit_code == 1 and "a dossier is about a Person" in result.output
