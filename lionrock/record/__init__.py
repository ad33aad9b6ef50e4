"""The prosecution record (issue #11): who was arrested and charged in the national
security era, where each person is now and as of when, consistency checks, the charges
table (one row per person per charge) and statistics.

Everything reads a `CaseRecord`, built from the Store or from entities already loaded.

Example:
    record = CaseRecord.from_store(store, published_only=True)
    report = run_checks(record)
    assert report.errors == []
"""

from lionrock.record._appeal import Ruling, conviction_stands, quashing, rulings, standing_verdict
from lionrock.record._data import NSL_ERA, CaseRecord, before, date_bounds, day, fold_chinese
from lionrock.record._people import Defendant, defendants, standing_terms, summarize
from lionrock.record._problems import ERROR, WARNING, Problem
from lionrock.record._status import IN_CUSTODY, Event, Remand, Status, current_status, statuses
from lionrock.record._term import TERM_ENDED, TermEnd, add_months, ended_term, sentence_end
from lionrock.record.checks import RULES, Report, run_checks
from lionrock.record.rows import COLUMNS, charge_rows, write_csv
from lionrock.record.statistics import HK47, record_statistics

__all__ = [
    "COLUMNS",
    "ERROR",
    "HK47",
    "IN_CUSTODY",
    "NSL_ERA",
    "RULES",
    "TERM_ENDED",
    "WARNING",
    "CaseRecord",
    "Defendant",
    "Event",
    "Problem",
    "Remand",
    "Report",
    "Ruling",
    "Status",
    "TermEnd",
    "add_months",
    "before",
    "charge_rows",
    "conviction_stands",
    "current_status",
    "date_bounds",
    "day",
    "defendants",
    "ended_term",
    "fold_chinese",
    "quashing",
    "record_statistics",
    "rulings",
    "run_checks",
    "sentence_end",
    "standing_terms",
    "standing_verdict",
    "statuses",
    "summarize",
    "write_csv",
]
