"""Editing with citations, the review workflow, per-entity history, restore and merge."""

from lionrock.review._changes import (
    NEW_SOURCE,
    STATES,
    Change,
    FactInput,
    SourceInput,
    approve,
    comment,
    get_change,
    list_changes,
    propose,
    reject,
    submit,
    withdraw,
)
from lionrock.review._history import Revision, history, merge, resolve, restore

__all__ = [
    "NEW_SOURCE",
    "STATES",
    "Change",
    "FactInput",
    "Revision",
    "SourceInput",
    "approve",
    "comment",
    "get_change",
    "history",
    "list_changes",
    "merge",
    "propose",
    "reject",
    "resolve",
    "restore",
    "submit",
    "withdraw",
]
