"""The record model: FtM schemata plus Lion Rock's YAML extensions."""

from typing import TYPE_CHECKING, Any

from lionrock.model._facts import (
    PROVENANCE,
    REVIEW_STATES,
    STATUSES,
    Fact,
    date_precision,
    fact_id,
)
from lionrock.model._public import (
    FULL_TEXT_PROPS,
    OPEN_LICENCES,
    allows_full_text,
    is_public_fact,
    is_public_prop,
    public_entities,
    public_entity,
)

if TYPE_CHECKING:
    from lionrock.model._schema import Model, PropSpec, SchemaSpec, ftm_property, get_model

_SCHEMA = ("Model", "PropSpec", "SchemaSpec", "ftm_property", "get_model")


def __getattr__(name: str) -> Any:
    # the schema loads FollowTheMoney: only when asked for (PEP 562), so that reading
    # facts (`lionrock search`) starts fast (issue #13, item 5)
    if name not in _SCHEMA:
        raise AttributeError(f"module 'lionrock.model' has no attribute {name!r}")
    from lionrock.model import _schema

    value = getattr(_schema, name)
    globals()[name] = value
    return value


__all__ = [
    "FULL_TEXT_PROPS",
    "OPEN_LICENCES",
    "PROVENANCE",
    "REVIEW_STATES",
    "STATUSES",
    "Fact",
    "Model",
    "PropSpec",
    "SchemaSpec",
    "allows_full_text",
    "date_precision",
    "fact_id",
    "ftm_property",
    "get_model",
    "is_public_fact",
    "is_public_prop",
    "public_entities",
    "public_entity",
]
