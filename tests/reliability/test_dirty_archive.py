"""A dirty archive imports every good article and sets each bad one aside, with its path,
line and reason (issue #18 item 1), on both backends; `--strict` makes it an error."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lionrock import Store
from lionrock.cli import main
from lionrock.library import import_archive
from lionrock.library._search import search_library
from tests.reliability.dirty import BAD, CLEANED, GOOD, dirty_archive


def test_dirty_archive_imports_every_good_article(store: Store, tmp_path: Path) -> None:
    path = dirty_archive(tmp_path)
    report = import_archive(store, path=str(path), format="hkcnews")
    # the good articles, and those of the late ones that came before the cut
    assert len(GOOD) + len(CLEANED) <= report.articles < len(GOOD) + len(CLEANED) + 10
    aside = [i for i in report.items if i["action"] == "set aside"]
    for name, (_raw, reason) in BAD.items():
        found = [i for i in aside if i["path"].endswith(name)]
        assert found and reason in found[0]["reason"], (name, aside)
    assert any("is a link to" in i["reason"] for i in aside)
    assert any("unreadable archive" in i["reason"] and "byte" in i["path"] for i in aside)
    assert report.skipped == len(aside) == len(BAD) + 2
    # the refusals name a line: not UTF-8 and empty files included
    for item in aside:
        if "not UTF-8" in item["reason"] or "empty" in item["reason"]:
            assert item["line"] is not None
    cleaned = [i for i in report.items if i["action"] == "cleaned"]
    assert {i["article"] for i in cleaned} == {"hkcnews-40010", "hkcnews-40011"}
    # stripped, so PostgreSQL takes the NUL article too, and search finds it
    hit = search_library(store, query="Beforeafter")
    assert [h.id for h in hit] == ["hkcnews-40011"]
    assert store.entity("hkcnews-40010").first("title") == "Control  in the title"


def test_cli_report_and_strict(sqlite_env: Path, tmp_path: Path) -> None:
    path = str(dirty_archive(tmp_path))
    out = tmp_path / "report.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        main, ["library", "import", path, "--format", "hkcnews", "--report", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "imported " in result.output and "8 set aside" in result.output
    assert "set aside 1: empty file" in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"path", "line", "field", "action", "reason"} <= set(lines[0])
    assert sum(1 for i in lines if i["action"] == "set aside") == len(BAD) + 2
    strict = runner.invoke(main, ["library", "import", path, "--format", "hkcnews", "--strict"])
    assert strict.exit_code == 1 and "set aside (--strict)" in strict.output
    assert "Traceback" not in strict.output
