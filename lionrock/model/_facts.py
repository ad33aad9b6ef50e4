"""A fact: one property value of one entity, with its provenance.

A fact is FtM's `Statement` plus what a human-rights record needs on every value: the
source it cites, who recorded it and when, whether it is confirmed or alleged, and its
review state.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followthemoney.statement import Statement

DATASET = "lionrock"
STATUSES = ("confirmed", "alleged")
#: draft -> in_review -> published (issue #6: the review workflow); loads use draft/published.
#: `suggested`: proposed by a machine (e.g. a library Mention link), not yet seen by an
#: editor; `rejected`: an editor said no, so the suggestion is not made again (issue #7).
REVIEW_STATES = ("draft", "suggested", "in_review", "published", "rejected")
#: The fields of a fact beyond entity, schema, property and value, in export order.
PROVENANCE = (
    "source_id",
    "status",
    "review",
    "lang",
    "original_value",
    "recorded_by",
    "recorded_at",
)


def fact_id(entity_id: str, prop: str, value: str, source_id: str, lang: str | None) -> str:
    """A stable ID: the same value of the same property citing the same source.

    Example: `fact_id("lr-person-x", "name", "X", "src-a", "eng")` is a 40-char hex digest.
    """
    key = "\x1f".join((entity_id, prop, value, source_id, lang or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def date_precision(value: str) -> str:
    """The precision of an FtM date, which FtM encodes as the value's length.

    Example: `date_precision("2021-06")` returns `"month"`.
    """
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "time" if len(value) > 10 else "")


@dataclass(frozen=True, slots=True)
class Fact:
    """One cited property value. `source_id` is the ID of a Document/Article entity."""

    entity_id: str
    schema: str
    prop: str
    value: str
    source_id: str
    status: str = "confirmed"
    review: str = "draft"
    lang: str | None = None
    original_value: str | None = None
    recorded_by: str = "unknown"
    recorded_at: str = ""

    @property
    def id(self) -> str:
        return fact_id(self.entity_id, self.prop, self.value, self.source_id, self.lang)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the fields (faster than `dataclasses.asdict`, which deep-copies)."""
        return {name: getattr(self, name) for name in FIELDS}

    def to_statement(self) -> Statement:
        """FtM's own `Statement` for this fact (its `origin` is the source ID)."""
        from followthemoney.statement import Statement

        return Statement(
            entity_id=self.entity_id,
            prop=self.prop,
            schema=self.schema,
            value=self.value,
            dataset=DATASET,
            lang=self.lang,
            original_value=self.original_value,
            first_seen=self.recorded_at or None,
            id=self.id,
            origin=self.source_id,
        )


FIELDS = tuple(f.name for f in fields(Fact))
