"""Start-up (issue #13, item 5): `lionrock --help` and `lionrock search` load neither
FollowTheMoney nor any stage's commands nor Alembic, and the table of stage commands
that `--help` shows without importing them is true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from lionrock.cli import STAGE_COMMANDS, _unlisted_stages, main, stage_commands
from lionrock.model import get_model
from lionrock.model._captions import CAPTIONS
from lionrock.settings import Settings
from tests.conftest import SOURCE_YAML, write

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("followthemoney", "alembic", "rigour", "jinja2", "lionrock.sanctions", "lionrock.web",
         "lionrock.evidence")  # fmt: skip
#: What `--help` needs no more than the store itself.
STORE = ("sqlalchemy", "cryptography", "lionrock.store", "lionrock.audit")
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


def test_help_loads_no_heavy_module(tmp_path: Path) -> None:
    assert _modules_loaded(tmp_path, "--help", heavy=HEAVY + STORE) == []


def test_search_loads_no_heavy_module(tmp_path: Path) -> None:
    person = (
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
    env = {"LIONROCK_HOME": str(tmp_path), "LIONROCK_DATABASE_URL": ""}
    loaded = CliRunner().invoke(main, ["load", write(tmp_path / "p.yaml", person)], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert _modules_loaded(tmp_path, "search", "李家超") == []


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
