"""`lionrock library ...` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lionrock.cli import main
from tests.library.conftest import APPLEDAILY


def test_import_search_link_timeline(sqlite_env: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    result = runner.invoke(main, ["library", "import", str(APPLEDAILY), "--format", "appledaily"])
    assert result.exit_code == 0, result.output
    assert "imported 2 articles (2 new" in result.output
    again = runner.invoke(main, ["library", "import", str(APPLEDAILY), "--format", "appledaily"])
    assert "0 new, 0 changed, 2 unchanged" in again.output
    found = runner.invoke(main, ["library", "search", "张剑虹", "--json"])
    hits = json.loads(found.output)
    assert hits[0]["id"] == "appledaily-JJ7CDZSXAVE55LYPHUOGV4RFRY"
    assert "張劍虹" in hits[0]["snippet"]
    bad = runner.invoke(main, ["library", "search", "x", "--from", "June"])
    assert bad.exit_code == 1 and "is not a date" in bad.output and "Traceback" not in bad.output
    linked = runner.invoke(main, ["library", "link", "--json"])
    assert linked.exit_code == 0, linked.output
    # Apple Daily's own articles are not mentions of Apple Daily (its masthead).
    assert not any(s["entity_id"] == "lr-org-apple-daily" for s in json.loads(linked.output))
    svg = tmp_path / "t.svg"
    out = runner.invoke(main, ["library", "timeline", "--format", "svg", "-o", str(svg)])
    assert out.exit_code == 0 and svg.read_text(encoding="utf-8").startswith("<svg")
    cited = runner.invoke(
        main,
        ["library", "cite", "appledaily-JJ7CDZSXAVE55LYPHUOGV4RFRY", "--entity",
         "lr-org-apple-daily", "--prop", "notes", "--value", "Synthetic test note."],
    )  # fmt: skip
    assert cited.exit_code == 0 and "citing appledaily-" in cited.output
    missing = runner.invoke(main, ["library", "review", "mention-nope", "--confirm"])
    assert missing.exit_code == 1 and "no mention" in missing.output
