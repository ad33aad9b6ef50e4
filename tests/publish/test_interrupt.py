"""An interrupted publish leaves nothing behind (issue #13, item 4): stopped by SIGTERM
while the ZIM is being written, it removes `site.zim.part*`, says so, and the live site
is untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lionrock import Defaults, Store, load_paths
from tests.conftest import write
from tests.publish.test_zim_search import RECORD

ROOT = Path(__file__).resolve().parent.parent.parent
# `lionrock publish --zim`, and a thread that sends this process SIGTERM as soon as the
# ZIM's temporary file appears, as an operator's `kill` would
STOP_WHILE_PACKING = """
import os, signal, sys, threading, time
from pathlib import Path
zim = Path(sys.argv[2])

def watch():
    while not list(zim.parent.glob(zim.name + ".part*")):
        time.sleep(0.0005)
    os.kill(os.getpid(), signal.SIGTERM)

threading.Thread(target=watch, daemon=True).start()
from lionrock.cli import main
main(["publish", "-o", sys.argv[1], "--no-search", "--zim", sys.argv[2]])
"""


def test_a_publish_stopped_while_packing_removes_its_temporary_files(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    load_paths(Store(url), [write(tmp_path / "record.yaml", RECORD)], defaults=Defaults())
    out, zim = tmp_path / "site", tmp_path / "site.zim"
    env = {**os.environ, "LIONROCK_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", STOP_WHILE_PACKING, str(out), str(zim)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "stopped; the live site" in done.stderr
    assert "Traceback" not in done.stderr
    assert not zim.exists()
    assert sorted(p.name for p in tmp_path.glob("site.zim*")) == []
    assert not out.exists()  # the first build never went live
