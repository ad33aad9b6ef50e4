"""The record model: FollowTheMoney's schemata plus our YAML extensions, as data.

One generic loader reads `extensions.yaml`; there is no Python class per record type.
FtM 4 drops values it cannot parse and does not enforce required properties, so
`Model.clean` and `Model.missing_required` do both, loudly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from followthemoney import model as ftm_model
from followthemoney.property import Property as FtmProperty
from followthemoney.schema import Schema as FtmSchema
from followthemoney.types import registry

from lionrock.safe_yaml import load_yaml_file

EXTENSIONS_PATH = Path(__file__).with_name("extensions.yaml")

#: Property types whose values are indexed for full-text search.
SEARCHABLE_TYPES = frozenset({"name", "string", "text", "address", "identifier"})

#: Schemata whose entities are sources: a fact cites one of these.
SOURCE_BASE = "Document"


@dataclass(frozen=True, slots=True)
class PropSpec:
    """One property of a record type: FtM's own, or an extension."""

    name: str
    label: str
    type: str
    extension: bool = False
    enum: tuple[str, ...] = ()
    range: str | None = None
    export: str | None = None  # the FtM property it maps to on export (extension schemata)
    description: str | None = None
    confidential: bool = False  # never published: the static site and public views omit it

    @property
    def is_entity(self) -> bool:
        return self.type == "entity"

    @property
    def searchable(self) -> bool:
        return self.type in SEARCHABLE_TYPES


@dataclass(frozen=True, slots=True)
class SchemaSpec:
    """A record type: its properties, required ones and how it exports to FtM."""

    name: str
    label: str
    plural: str
    ftm: FtmSchema  # the FtM schema itself, or the one an extension exports as
    properties: dict[str, PropSpec]
    required: tuple[str, ...]
    caption: tuple[str, ...]
    extension: bool = False
    fixed: dict[str, str] = field(default_factory=dict)
    description: str | None = None

    @property
    def is_source(self) -> bool:
        return not self.extension and self.ftm.is_a(SOURCE_BASE)

    def is_a(self, other: str) -> bool:
        return self.name == other or (not self.extension and self.ftm.is_a(other))


class Model:
    """FtM plus the Lion Rock extensions. Use `get_model()` for the shared instance.

    Example: `get_model().clean("Person", "birthDate", "1957-05")` returns `"1957-05"`.
    """

    def __init__(self, extensions: dict[str, Any]) -> None:
        self.enums: dict[str, tuple[str, ...]] = {
            name: tuple(str(v) for v in values)
            for name, values in (extensions.get("enums") or {}).items()
        }
        self._extra_props: dict[str, dict[str, PropSpec]] = {
            schema: {n: self._prop(n, spec, extension=True) for n, spec in props.items()}
            for schema, props in (extensions.get("properties") or {}).items()
        }
        self._confidential: dict[str, set[str]] = {
            schema: set(props) for schema, props in (extensions.get("confidential") or {}).items()
        }
        for schema in (*self._extra_props, *self._confidential):
            if ftm_model.get(schema) is None:
                raise ValueError(f"extensions.yaml: unknown FtM schema {schema!r}")
        self.schemata: dict[str, SchemaSpec] = {}
        for ftm_schema in ftm_model.schemata.values():
            self.schemata[ftm_schema.name] = self._core(ftm_schema)
        for name, spec in (extensions.get("schemata") or {}).items():
            self.schemata[name] = self._extension(name, spec)

    def _prop(self, name: str, spec: dict[str, Any], *, extension: bool) -> PropSpec:
        type_ = spec["type"]
        enum: tuple[str, ...] = ()
        if type_ == "enum":
            enum = self.enums[spec["enum"]]
        elif registry.get(type_) is None:
            raise ValueError(f"extensions.yaml: property {name!r} has unknown type {type_!r}")
        return PropSpec(
            name=name,
            label=spec.get("label", name),
            type=type_,
            extension=extension,
            enum=enum,
            range=spec.get("range"),
            export=spec.get("export"),
            description=spec.get("description"),
            confidential=bool(spec.get("confidential", False)),
        )

    def _core(self, schema: FtmSchema) -> SchemaSpec:
        props = {
            name: PropSpec(
                name=name,
                label=prop.label,
                type=prop.type.name,
                range=prop.range.name if prop.range is not None else None,
            )
            for name, prop in schema.properties.items()
            if not prop.stub
        }
        for ancestor in (schema, *schema.schemata):
            props.update(self._extra_props.get(ancestor.name, {}))
        for ancestor in (schema, *schema.schemata):
            for name in self._confidential.get(ancestor.name, ()):
                if name in props:
                    props[name] = replace(props[name], confidential=True)
        return SchemaSpec(
            name=schema.name,
            label=schema.label,
            plural=schema.plural,
            ftm=schema,
            properties=props,
            required=tuple(schema.required),
            caption=tuple(schema.caption),
            description=schema.description,
        )

    def _extension(self, name: str, spec: dict[str, Any]) -> SchemaSpec:
        ftm = ftm_model.get(spec["export_as"])
        if ftm is None:
            raise ValueError(f"extensions.yaml: {name} exports as unknown {spec['export_as']!r}")
        props = {n: self._prop(n, p, extension=True) for n, p in spec["properties"].items()}
        for prop in props.values():
            if prop.export is not None and ftm.get(prop.export) is None:
                raise ValueError(f"extensions.yaml: {name}.{prop.name} exports to unknown prop")
        return SchemaSpec(
            name=name,
            label=spec.get("label", name),
            plural=spec.get("plural", name),
            ftm=ftm,
            properties=props,
            required=tuple(spec.get("required", ())),
            caption=tuple(spec.get("caption", ())),
            extension=True,
            fixed={str(k): str(v) for k, v in (spec.get("fixed") or {}).items()},
            description=spec.get("description"),
        )

    def get(self, name: str) -> SchemaSpec | None:
        """The record type called `name`, or None."""
        return self.schemata.get(name)

    def clean(self, schema: SchemaSpec, prop: PropSpec, value: Any) -> str:
        """Return the normalized value, or raise ValueError saying why it is refused."""
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("empty value")
        if isinstance(value, bool | dict | list):
            raise ValueError(f"expected a single {prop.type} value, got {type(value).__name__}")
        text = str(value).strip()
        if prop.type == "enum":
            if text not in prop.enum:
                raise ValueError(f"{text!r} is not one of: {', '.join(prop.enum)}")
            return text
        cleaned = registry.get(prop.type).clean(text)  # type: ignore[union-attr]
        if cleaned is None:
            raise ValueError(f"{text!r} is not a valid {prop.type}")
        if prop.type == "date" and len(cleaned) < len(text.split("T")[0]):
            # FtM truncates what it cannot read (e.g. '2021-13-01' -> '2021'): refuse.
            raise ValueError(f"{text!r} is not a valid date")
        return str(cleaned)

    def missing_required(self, schema: SchemaSpec, present: set[str]) -> list[str]:
        """The required properties of `schema` absent from `present`."""
        return [p for p in schema.required if p not in present]

    def common_schema(self, left: SchemaSpec, right: SchemaSpec) -> SchemaSpec | None:
        """The more specific of two compatible schemata, or None when they conflict."""
        if left.name == right.name:
            return left
        if left.extension or right.extension:
            return None
        if left.ftm.is_a(right.ftm):
            return left
        if right.ftm.is_a(left.ftm):
            return right
        return None


@cache
def get_model() -> Model:
    """The shared model: FtM plus `extensions.yaml`."""
    return Model(load_yaml_file(EXTENSIONS_PATH, typed=True))


def ftm_property(schema: SchemaSpec, prop: PropSpec) -> FtmProperty | None:
    """The FtM property a value is exported under, or None when it is carried alongside."""
    if schema.extension:
        return schema.ftm.get(prop.export) if prop.export else None
    return None if prop.extension else schema.ftm.get(prop.name)
