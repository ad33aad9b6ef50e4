"""The release steps a build may end with: signing, ZIM and CAR. They are built in
`lionrock.release` (issue #5, items 6-8) and imported only when asked for, so the site
builds without them."""

from __future__ import annotations

import glob
import importlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from lionrock.errors import LionRockError
from lionrock.progress import QUIET, Progress

NEEDED = {"zim": "build_zim", "car": "build_car", "sign_key": "sign_site"}
MIRROR_SCHEMES = ("https://", "http://", "ipfs://", "ipns://")
MAX_MIRRORS_BYTES = 1 << 20


@dataclass(slots=True)
class ReleaseSteps:
    """What to do with a finished build before it goes live, and what came of it."""

    zim: Path | None = None
    car: Path | None = None
    sign_key: Path | None = None
    title: str = "Lion Rock"
    languages: list[str] = field(default_factory=list)
    root_cid: str | None = None

    def wanted(self) -> bool:
        return any((self.zim, self.car, self.sign_key))

    def check(self) -> ModuleType | None:
        """Fail before building when a step is asked for and `lionrock.release` is
        missing or lacks its function."""
        if not self.wanted():
            return None
        try:
            module = importlib.import_module("lionrock.release")
        except ImportError as exc:
            raise LionRockError(
                "--zim, --car and --sign-key need lionrock.release, which is not "
                f"installed in this copy of Lion Rock ({exc})"
            ) from exc
        for option, name in NEEDED.items():
            if getattr(self, option) is not None and not hasattr(module, name):
                raise LionRockError(f"lionrock.release has no {name}(); update Lion Rock")
        return module

    def runner(self, progress: Progress = QUIET) -> Callable[[Path], None] | None:
        """The callback `build_site` runs on the complete build: sign, then pack, each
        a stage of `progress`."""
        module = self.check()
        if module is None:
            return None

        def run(site_dir: Path) -> None:
            try:
                steps(site_dir)
            except BaseException:  # interrupted too (SIGINT, SIGTERM): no partial file left
                self.remove_partial()
                raise

        def steps(site_dir: Path) -> None:
            if self.sign_key is not None:
                with progress.stage("signing"):
                    module.sign_site(site_dir, secret_key=self.sign_key)
            if self.zim is not None:
                with progress.stage("ZIM"):
                    module.build_zim(site_dir, self.zim, title=self.title,
                                     languages=self.languages)  # fmt: skip
            if self.car is not None:
                with progress.stage("CAR"):
                    self.root_cid = str(module.build_car(site_dir, self.car))

        return run

    def remove_partial(self) -> None:
        """Remove what an unfinished ZIM or CAR left: `NAME.part` and libzim's
        `NAME.part*.tmp` files and folders beside it."""
        for out in (self.zim, self.car):
            if out is None:
                continue
            for leftover in out.parent.glob(f"{glob.escape(out.name)}.part*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)


def read_mirrors(path: Path) -> tuple[dict[str, str], ...]:
    """Read a mirrors list: JSON, either a list of `{"url", "kind"}` or an object with a
    `mirrors` list (as in a signed `mirrors.json`). Only http(s), ipfs and ipns URLs.

    Example: `read_mirrors(Path("mirrors.json"))`.
    """
    try:
        if path.stat().st_size > MAX_MIRRORS_BYTES:
            raise LionRockError(f"{path}: larger than {MAX_MIRRORS_BYTES} bytes")
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LionRockError(f"{path}: not a readable JSON file: {exc}") from exc
    items = data.get("mirrors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise LionRockError(f"{path}: expected a list of mirrors")
    found = []
    for number, item in enumerate(items, 1):
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(url, str) or not url.startswith(MIRROR_SCHEMES) or len(url) > 500:
            raise LionRockError(
                f"{path}: mirror {number}: field 'url' must be an http(s), ipfs or ipns URL"
            )
        kind = str(item.get("kind", ""))[:20]
        found.append({"url": url, "kind": kind})
    return tuple(found)
