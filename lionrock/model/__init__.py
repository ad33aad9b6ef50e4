"""The record model: FtM schemata plus Lion Rock's YAML extensions."""

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
from lionrock.model._schema import (
    Model,
    PropSpec,
    SchemaSpec,
    ftm_property,
    get_model,
)

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
