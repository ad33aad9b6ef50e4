"""The record model: FtM schemata plus Lion Rock's YAML extensions."""

from lionrock.model._facts import (
    PROVENANCE,
    REVIEW_STATES,
    STATUSES,
    Fact,
    date_precision,
    fact_id,
)
from lionrock.model._schema import (
    Model,
    PropSpec,
    SchemaSpec,
    ftm_property,
    get_model,
)

__all__ = [
    "PROVENANCE",
    "REVIEW_STATES",
    "STATUSES",
    "Fact",
    "Model",
    "PropSpec",
    "SchemaSpec",
    "date_precision",
    "fact_id",
    "ftm_property",
    "get_model",
]
