"""Sanctions: name matching across Chinese scripts and romanizations, and screening.

Example:
    from lionrock.sanctions import compare
    compare("李家超", "Lee Ka-chiu").explanation
"""

from lionrock.sanctions.match_api import match_response
from lionrock.sanctions.matching import MatchResult, Subject, compare
from lionrock.sanctions.pairs import read_pairs, score_pairs
from lionrock.sanctions.screen import Hit, ScreeningIndex, load_listings

__all__ = [
    "Hit",
    "MatchResult",
    "ScreeningIndex",
    "Subject",
    "compare",
    "load_listings",
    "match_response",
    "read_pairs",
    "score_pairs",
]
