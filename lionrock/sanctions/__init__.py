"""Sanctions: list snapshots and their diffs, the gap matrix, dossiers, and name matching
across Chinese scripts and romanizations with screening (issue #3).

Example:
    from lionrock.sanctions import compare, import_list
    import_list(store, path="us-ofac-sdn-2024-05-03.csv", list_name="us-ofac-sdn")
    compare("李家超", "Lee Ka-chiu").explanation
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
from lionrock.sanctions.match_api import match_response
from lionrock.sanctions.matching import MatchResult, Subject, compare, scoring_batch
from lionrock.sanctions.pairs import read_pairs, score_pairs
from lionrock.sanctions.record import KnownNames
from lionrock.sanctions.screen import Hit, Listing, ScreeningIndex, load_listings

__all__ = [
    "LIST_NAMES",
    "Designation",
    "Hit",
    "ImportReport",
    "KnownNames",
    "Listing",
    "MatchResult",
    "ScreeningIndex",
    "Snapshot",
    "SnapshotDiff",
    "Subject",
    "compare",
    "diff_snapshots",
    "import_list",
    "list_snapshots",
    "load_listings",
    "match_response",
    "read_pairs",
    "score_pairs",
    "scoring_batch",
]
