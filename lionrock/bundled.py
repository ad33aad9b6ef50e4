"""Where the bundled Hong Kong record is: `data/` in a checkout, `lionrock/data` when
installed from a wheel."""

from __future__ import annotations

from pathlib import Path

from lionrock.errors import LionRockError

PACKAGE = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The folder holding the bundled record.

    Example: `bundled_data_dir() / "cases" / "hk47.yaml"`.
    """
    for candidate in (PACKAGE / "data", PACKAGE.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise LionRockError("the bundled record (data/) is missing from this installation")


def bundled_files() -> list[Path]:
    """Every file of the bundled record, in load order (sorted by path), including the
    per-case files under `data/cases/` (issue #11: a reviewer reads one case at a time)."""
    folder = bundled_data_dir()
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".csv") and p.is_file())
