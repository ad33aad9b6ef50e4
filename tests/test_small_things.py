"""Issue #13, item 7: the small things a new user notices (each test failed before)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock import Defaults, Fact, Store
from lionrock.cli import main
from lionrock.publish.pages import feed_entries
from lionrock.publish.record import SiteRecord
from lionrock.render.charts import months_svg
from lionrock.render.timeline_svg import text_width
from lionrock.sanctions import import_list
from lionrock.web._svg import bar_chart

ROOT = Path(__file__).resolve().parent.parent
OFAC_HK = ROOT / "data" / "us-ofac-sdn-hk-eo13936-2024-05-03.csv"


def test_chart_labels_are_never_cut() -> None:
    long = "Unauthorised assembly case over the 18 August 2019 march: convicted"
    chinese = "香港民主獨立聯盟串謀分裂國家案：定罪"
    svg = bar_chart("Verdicts by case", [(long, 17), (chinese, 2), ("2021", 9)])
    assert long in svg and chinese in svg and "…" not in svg
    # the label column is as wide as the widest label: no text starts left of the image
    anchor = int(re.search(r'<text x="(\d+)" y="\d+" text-anchor="end"', svg).group(1))  # type: ignore[union-attr]
    assert anchor >= text_width(long) and anchor >= text_width(chinese)
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    assert width > anchor + 360


@pytest.mark.parametrize("first", ["2019-12", "2019-06"])
def test_month_axis_labels_do_not_overlap(first: str) -> None:
    """The prisoner statistics' arrests per month began in 2019-12 and printed that month
    over 2020-01; a first month far enough from the next January is still named."""
    counts = {first: 1, "2020-03": 2, "2025-11": 1}
    svg = str(months_svg({"Arrested": counts}, title="People arrested, per month"))
    ticks = re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle">(\d{4}-\d\d)</text>', svg)
    spans = sorted((float(x), text_width(m, 11)) for x, m in ticks)
    assert "2020-01" in {m for _, m in ticks} and len(spans) >= 6
    for (x1, w1), (x2, w2) in pairwise(spans):
        assert x2 - x1 >= (w1 + w2) / 2, (x1, x2)
    assert (first in {m for _, m in ticks}) == (first == "2019-06")


def test_the_feed_leaves_out_list_snapshots(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/lr.db")
    with store.write() as writer:
        writer.put_entities({"src-a": "Article", "lr-p": "Person"})
        writer.put_facts(
            [
                Fact("src-a", "Article", "title", "T", "src-a", review="published"),
                Fact("src-a", "Article", "publisher", "P", "src-a", review="published"),
                Fact("src-a", "Article", "publishedAt", "2024", "src-a", review="published"),
                Fact(
                    "lr-p",
                    "Person",
                    "name",
                    "A Person",
                    "src-a",
                    review="published",
                    recorded_at="2024-01-02T00:00:00Z",
                ),
            ]
        )
    copy = tmp_path / "us-ofac-sdn-2024-05-03.csv"
    copy.write_bytes(OFAC_HK.read_bytes())
    import_list(store, path=str(copy), list_name="us-ofac-sdn",
                defaults=Defaults(review="published"))  # fmt: skip
    record = SiteRecord.load(store)
    assert any(e.id.startswith("ofac-") for e in record.entities.values())
    entries = feed_entries(record)  # sources have no entry; list entries neither
    assert [e["id"] for e in entries] == ["lr-p"]
    assert entries[0]["updated"] == "2024-01-02T00:00:00Z"
    store.close()


def test_keygen_defaults_to_lionrock_home_and_warns_without_a_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_KEY_PASSWORD": ""}
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    result = runner.invoke(main, ["keygen"], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / "keys" / "lionrock.key").is_file()
    assert not (tmp_path / "cwd" / "keys").exists()  # not in the working tree
    assert "LIONROCK_KEY_PASSWORD is not set" in result.stderr
    assert "not encrypted" in result.stderr
    env["LIONROCK_KEY_PASSWORD"] = "a long password"
    quiet = runner.invoke(main, ["keygen", "-o", str(tmp_path / "k2")], env=env)
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr


def test_a_uk_folder_is_not_an_ofac_file(tmp_path: Path) -> None:
    folder = tmp_path / "gb-uk-sanctions-list-2026"
    folder.mkdir()
    (folder / "subjects.csv").write_text("unique_id\n", encoding="utf-8")
    runner = CliRunner()
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_DATABASE_URL": ""}
    assert runner.invoke(main, ["init"], env=env).exit_code == 0
    result = runner.invoke(
        main, ["sanctions", "import", str(folder), "--list", "us-ofac-sdn"], env=env
    )
    assert result.exit_code != 0
    assert "this is not an OFAC file" in result.output
    assert "--list gb-uk" in result.output
    assert "no snapshot date" not in result.output


def test_archive_warns_when_no_tsa_is_set(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_DATABASE_URL": "",
           "LIONROCK_TSA_URL": ""}  # fmt: skip
    assert runner.invoke(main, ["init"], env=env).exit_code == 0
    result = runner.invoke(main, ["archive"], env=env)  # nothing to capture: it stops there
    assert "no trusted timestamp" in result.stderr
    assert "LIONROCK_TSA_URL" in result.stderr


def test_exported_urls_follow_the_served_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    class Server:
        def run(self) -> None:
            pass

    def fake_app(settings: object) -> object:
        seen.append(settings.base_url)  # type: ignore[attr-defined]
        return object()

    monkeypatch.setattr("lionrock.web.create_app", fake_app)
    monkeypatch.setattr("lionrock.web.server", lambda *a, **k: Server())
    runner = CliRunner()
    env = {"LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_DATABASE_URL": ""}
    assert runner.invoke(main, ["serve", "--port", "8123"], env=env).exit_code == 0
    env["LIONROCK_BASE_URL"] = "https://record.example"
    assert runner.invoke(main, ["serve", "--port", "8124"], env=env).exit_code == 0
    assert seen == ["http://127.0.0.1:8123", "https://record.example"]
