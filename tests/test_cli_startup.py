"""Start-up (issue #13, item 5): `lionrock --help` and `lionrock search` import none of
the heavy modules (checked in a new process, so laziness cannot regress), the store is
searched without SQLAlchemy yet finds what the engine finds, and the table of stage
commands that `--help` shows without importing them is true. No timings here: those
are in bench/startup.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from lionrock.cli import STAGE_COMMANDS, _unlisted_stages, main, stage_commands
from lionrock.model import get_model
from lionrock.model._captions import CAPTIONS
from lionrock.settings import Settings
from lionrock.store import Store
from lionrock.store._dbapi import Target, direct_target
from tests.conftest import SOURCE_YAML, write

ROOT = Path(__file__).resolve().parent.parent
#: Neither `--help` nor `search` may import these: the libraries that make a start slow,
#: and the stages that import them.
HEAVY = ("followthemoney", "nomenklatura", "rigour", "sqlalchemy", "alembic", "psycopg",
         "jieba", "weasyprint", "babel", "jinja2", "cryptography", "starlette", "playwright",
         "lionrock.audit", "lionrock.evidence", "lionrock.library", "lionrock.publish",
         "lionrock.sanctions", "lionrock.web")  # fmt: skip
#: What a search needs (its table, folding and the store) and `--help` does not.
SEARCH = ("rich", "opencc", "lionrock.store")
PROBE = """
import json, sys
from lionrock.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    sys.stdout.flush()
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r
                            or m.startswith(%r))),
          file=sys.stderr)
"""
PERSON = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-test
    schema: Person
    source: src-test
    properties:
      name: [{value: 李家超, lang: zho}, {value: John Lee Ka-chiu, lang: eng}]
"""
)


def _modules_loaded(home: Path, *args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    env = {**os.environ, "LIONROCK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("LIONROCK_DATABASE_URL", None)
    roots = tuple(h for h in heavy if "." not in h)
    packages = tuple(h for h in heavy if "." in h)
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (roots, packages), *args],
        capture_output=True, text=True, env=env, timeout=300, check=True,
    )  # fmt: skip
    return json.loads(done.stderr.strip().splitlines()[-1])


def _loaded_store(home: Path) -> None:
    env = {"LIONROCK_HOME": str(home), "LIONROCK_DATABASE_URL": ""}
    loaded = CliRunner().invoke(main, ["load", write(home / "p.yaml", PERSON)], env=env)
    assert loaded.exit_code == 0, loaded.output


def test_help_loads_no_heavy_module(tmp_path: Path) -> None:
    assert _modules_loaded(tmp_path, "--help", heavy=HEAVY + SEARCH) == []


def test_search_loads_no_heavy_module(tmp_path: Path) -> None:
    _loaded_store(tmp_path)
    assert _modules_loaded(tmp_path, "search", "李家超") == []
    assert _modules_loaded(tmp_path, "search", "家超", "--json") == []


def test_search_with_a_project_key_loads_neither_key_nor_audit_log(tmp_path: Path) -> None:
    # a home where evidence was signed or the log anchored has the key: a search must
    # still not load the audit log or cryptography to sign heads it never appends
    _loaded_store(tmp_path)
    from lionrock.audit._anchor import key_file, project_key

    assert project_key(Settings(home=tmp_path), create=True) is not None
    assert key_file(Settings(home=tmp_path)).exists()
    assert _modules_loaded(tmp_path, "search", "李家超") == []


def test_the_cli_still_signs_the_audit_head_when_a_key_exists(tmp_path: Path) -> None:
    # head signing is set up when the engine is made (Store.on_engine), not on opening
    env = {"LIONROCK_HOME": str(tmp_path), "LIONROCK_DATABASE_URL": ""}
    runner = CliRunner()
    for args in (
        ["users", "add", "ana", "--admin", "--password", "correct horse battery staple 1"],
        ["audit", "anchor"],  # creates the key, and from now on the head must be signed
        ["users", "add", "bob", "--password", "correct horse battery staple 2"],
    ):
        done = runner.invoke(main, args, env=env)
        assert done.exit_code == 0, done.output
    verified = runner.invoke(main, ["audit", "verify"], env=env)
    assert verified.exit_code == 0, verified.output
    assert "2 entries" in verified.output


def test_search_without_the_engine_finds_what_the_engine_finds(bundled_store: Store) -> None:
    direct = Store(bundled_store.url)  # already migrated: opened with one query, no engine
    assert direct._engine is None
    for query in ("家超", "李家超", "黄之锋", "john lee", "ng", "Apple Daily 47"):
        for published_only in (False, True):
            found = direct.search(query, published_only=published_only)
            assert found == bundled_store.search(query, published_only=published_only), query
    assert [h.caption for h in direct.search("李家超")][:1] == ["John Lee Ka-chiu"]
    assert direct._engine is None  # searched through the driver alone
    assert direct.count_facts() == bundled_store.count_facts()  # other reads: the engine
    direct.close()


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("sqlite:////tmp/x/lionrock.db", Target("sqlite", "/tmp/x/lionrock.db")),
        ("sqlite:///lionrock-data/lionrock.db", Target("sqlite", "lionrock-data/lionrock.db")),
        ("sqlite://", None),  # in memory: a new connection would see another database
        ("sqlite:///:memory:", None),
        ("sqlite:///x.db?timeout=5", None),  # SQLAlchemy's options: left to SQLAlchemy
        ("postgresql+psycopg://u@h:5432/db?options=-csearch_path%3Ds",
         Target("postgresql", "postgresql://u@h:5432/db?options=-csearch_path%3Ds")),
        ("postgresql+asyncpg://u@h/db", None),
        ("mysql://u@h/db", None),
    ],
)  # fmt: skip
def test_which_urls_are_read_without_sqlalchemy(url: str, target: Target | None) -> None:
    assert direct_target(url) == target


def test_the_stage_table_names_every_stage_command() -> None:
    # a stage missing from the table works, but `lionrock --help` then imports it
    assert _unlisted_stages() == []
    found: dict[str, click.Command] = {}
    for stage in {stage for stage, _ in STAGE_COMMANDS.values()}:
        found.update((c.name or "", c) for c in stage_commands(stage))
        for command in stage_commands(stage):
            assert STAGE_COMMANDS[command.name or ""][0] == stage
    assert set(found) == set(STAGE_COMMANDS)
    for name, (_, short) in STAGE_COMMANDS.items():
        # the short help shown without importing is the start of the command's own help
        help_text = " ".join((found[name].help or "").split())
        assert help_text.startswith(short.removesuffix("...")), name


def test_main_commands_holds_every_command() -> None:
    assert set(STAGE_COMMANDS) <= set(main.commands)
    assert {"init", "search", "publish", "library", "intake"} <= set(main.commands)


def test_the_caption_table_is_the_models() -> None:
    model = get_model()
    assert {name: tuple(s.caption) for name, s in model.schemata.items()} == CAPTIONS


def test_the_audit_key_file_is_the_evidence_key(tmp_path: Path) -> None:
    from lionrock.audit._anchor import key_file
    from lionrock.evidence import key_path

    for settings in (Settings(home=tmp_path), Settings(home=tmp_path, signing_key=tmp_path / "k")):
        assert key_file(settings) == key_path(settings)


def test_folding_a_short_text_agrees_with_the_whole_table() -> None:
    # a query is folded with the table of its own characters (lionrock.fold._table_for)
    from lionrock.fold import FEW, _han_table, _table

    sample = [*"鄒幸彤黃之鋒蘋果日報林鄭月娥李家超戴耀廷國安法", *map(chr, range(0x4E00, 0x4F00))]
    whole = _table()
    assert _han_table(sample) == {k: v for k, v in whole.items() if chr(k) in set(sample)}
    probe = (
        "from lionrock.fold import fold, _table\n"
        f"texts = ['黃之鋒 ＮＳＬ', '林鄭月娥', 'x' * {FEW + 1} + '鄒']\n"
        "few = [fold(t) for t in texts[:2]]\n"
        "built = _table.cache_info().currsize\n"
        "print(built, *few, fold(texts[2])[-1], _table.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)  # fmt: skip
    # the short texts need not build the whole table; the long one does; all agree
    assert done.stdout.split() == ["0", "黄之锋", "nsl", "林郑月娥", "邹", "1"]
