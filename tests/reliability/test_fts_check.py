"""`lionrock check --fts` rebuilds and verifies the search index (issue #18 item 4): after
a VACUUM (which renumbered rowids before migration 0006) and after deliberate damage."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

from lionrock import Store, load_paths
from lionrock.cli import main
from tests.conftest import SOURCE_YAML, write

PEOPLE = "entities:\n" + "".join(
    f"  - id: lr-person-{n}\n    schema: Person\n    source: src-test\n"
    f"    properties:\n      name: 測試人物{n} Person {n}\n"
    for n in range(30)
)


def test_check_fts_after_vacuum_and_damage(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    load_paths(store, [write(tmp_path / "p.yaml", SOURCE_YAML + PEOPLE)])
    sqlite = db_url.startswith("sqlite")
    with store.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        # drop a few rows and vacuum: rowids of a text-keyed table would move
        conn.execute(
            sa.text("DELETE FROM statements WHERE entity_id IN ('lr-person-1', 'lr-person-2')")
        )
        conn.execute(sa.text("VACUUM" if sqlite else "VACUUM ANALYZE statements"))
    assert store.search("Person 29")[0].entity_id == "lr-person-29"
    env = {"LIONROCK_DATABASE_URL": db_url, "LIONROCK_HOME": str(tmp_path / "home")}
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--fts"], env=env)
    assert result.exit_code == 0, result.output
    assert "sound (0 problem(s) before)" in result.output
    # damage: index entries lost (SQLite) or folded text gone (both)
    with store.engine.begin() as conn:
        if sqlite:
            for table in ("statements_fts", "statements_grams"):
                conn.execute(sa.text(f"INSERT INTO {table}({table}) VALUES ('delete-all')"))
        else:
            conn.execute(sa.text("UPDATE statements SET folded = NULL"))
    assert not store.search("Person 29")
    result = runner.invoke(main, ["check", "--fts"], env=env)
    assert result.exit_code == 0, result.output
    assert "before the rebuild:" in result.output and "; sound (" in result.output
    assert store.search("Person 29")[0].entity_id == "lr-person-29"
    store.close()
