"""What every importer yields: raw cited values, each with where it came from."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from lionrock.errors import LoadError, Location, Problem

#: Inputs are hostile: a single file or line larger than this is refused.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_YAML_BYTES = 32 * 1024 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Defaults:
    """Provenance applied to values whose input does not state it.

    Example: `Defaults(review="published", recorded_by="editor")`.
    """

    review: str = "draft"
    status: str = "confirmed"
    recorded_by: str = "unknown"
    recorded_at: str = ""
    source_id: str | None = None
    lang: str | None = None

    def merged(self, overrides: dict[str, Any]) -> Defaults:
        """These defaults with the keys of `overrides` that name a field replaced."""
        known = {k: str(v) for k, v in overrides.items() if k in self.__dataclass_fields__}
        return replace(self, **known)


@dataclass(slots=True)
class Record:
    """One raw value for one property of one entity, before validation."""

    entity_id: str
    schema: str
    prop: str
    value: Any
    location: Location
    source_id: str | None = None
    status: str = "confirmed"
    review: str = "draft"
    lang: str | None = None
    original_value: str | None = None
    recorded_by: str = "unknown"
    recorded_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def make(
        cls,
        defaults: Defaults,
        *,
        entity_id: str,
        schema: str,
        prop: str,
        value: Any,
        location: Location,
        extra: dict[str, Any] | None = None,
        **given: Any,
    ) -> Record:
        """A record with the defaults for every provenance field not given (or None)."""
        provenance: dict[str, Any] = {
            "source_id": defaults.source_id,
            "status": defaults.status,
            "review": defaults.review,
            "lang": defaults.lang,
            "recorded_by": defaults.recorded_by,
            "recorded_at": defaults.recorded_at,
        }
        provenance.update({k: v for k, v in given.items() if v not in (None, "")})
        return cls(
            entity_id=entity_id,
            schema=schema,
            prop=prop,
            value=value,
            location=location,
            extra=extra or {},
            **provenance,
        )


def check_size(path: str, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file larger than `limit` before reading it."""
    size = os.path.getsize(path)
    if size > limit:
        raise LoadError(
            [Problem(Location(path), f"file is {size} bytes; the limit is {limit} bytes")]
        )
