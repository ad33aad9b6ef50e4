"""The Pagefind search index: progressive enhancement over the plain index pages.

Pagefind (PyPI `pagefind[extended]`, whose binary segments Chinese and Japanese) runs
offline on the built folder and writes `pagefind/`; it makes one index per page language
(`<html lang>`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lionrock.errors import LionRockError

FOLDER = "pagefind"


def index_site(site_dir: Path) -> None:
    """Index every HTML page under `site_dir` into `site_dir/pagefind/`.

    Example: `index_site(Path("site"))`.
    """
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir),
        "--output-subdir", FOLDER, "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LionRockError(f"pagefind could not run: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise LionRockError(f"pagefind failed (is pagefind[extended] installed?): {detail}")
