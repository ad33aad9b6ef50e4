"""Sanctions: list snapshots and their diffs, the gap matrix, and dossiers (issue #3).

Example:
    from lionrock.sanctions import import_list
    import_list(store, path="us-ofac-sdn-2024-05-03.csv", list_name="us-ofac-sdn")
"""

from lionrock.sanctions.lists import (
    LIST_NAMES,
    Designation,
    ImportReport,
    Snapshot,
    SnapshotDiff,
    diff_snapshots,
    import_list,
    list_snapshots,
)

__all__ = [
    "LIST_NAMES",
    "Designation",
    "ImportReport",
    "Snapshot",
    "SnapshotDiff",
    "diff_snapshots",
    "import_list",
    "list_snapshots",
]
