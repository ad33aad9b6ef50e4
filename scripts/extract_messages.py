"""Refresh the gettext catalogs: `lionrock/locale/messages.pot` and each language's `.po`.

Messages come from the shared templates (`{{ _("...") }}`), from `N_("...")` marks in
`lionrock/publish/` and `lionrock/web/`, `_gettext(ui, "...")` calls in `lionrock/intake/`
and `ui_text(request, "...")` calls in `lionrock/web/`, and from the record model: the
labels of the properties and schemata the bundled record uses, every record type the
editors' forms offer and the properties of the common ones, and every enum value.

Run: `PYTHONPATH=. python scripts/extract_messages.py`, then translate the new entries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.library.extract._lexicon import BY_KEY
from lionrock.model import get_model
from lionrock.render import LOCALE_DIR, TEMPLATES, catalog_path
from lionrock.web.routes_edit import COMMON, editable_schemata

LOCALES = ("en", "zh_Hant", "ja")
PUBLISH = Path(__file__).resolve().parent.parent / "lionrock" / "publish"
INTAKE = PUBLISH.parent / "intake"
WEB = PUBLISH.parent / "web"


def model_messages() -> set[str]:
    """Labels (and plurals) of the schemata and properties in the bundled record, and enum
    values."""
    store = Store("sqlite://")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    model = get_model()
    found: set[str] = set()
    for entity in store.iter_entities():
        spec = model.get(entity.schema)
        if spec is None:
            continue
        found |= {spec.label, spec.name, spec.plural}
        found |= {spec.properties[f.prop].label for f in entity.facts if f.prop in spec.properties}
    # every extension record type and property, used in the bundled record or not yet:
    # data added later (issue #11's cases) must not leave a label untranslated
    for spec in model.schemata.values():
        if spec.extension:
            found |= {spec.label, spec.name, spec.plural}
        found |= {p.label for p in spec.properties.values() if p.extension}
    # the editors' forms (issue #13, item 2): every record type, the common types' properties
    for name in editable_schemata():
        spec = model.schemata[name]
        found |= {spec.label, spec.name}
        if name in COMMON:
            found |= {p.label for p in spec.properties.values()}
    for values in model.enums.values():
        found |= set(values)
    found |= {o.label for o in BY_KEY.values()}  # offences of suggested charges (the queue)
    found.add("unknown")
    found |= {"male", "female", "other"}  # FtM's gender values, shown as words (issue #13)
    return found


def template_messages() -> set[str]:
    found: set[str] = set()
    methods = [("**.html", "jinja2"), ("**.xml", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n"}}
    for _f, _l, message, _c, _ctx in extract_from_dir(TEMPLATES, methods, options_map=options):
        found.add(message if isinstance(message, str) else message[0])
    keywords = {"N_": None, "_gettext": (2,), "ui_text": (2,)}
    for folder in (PUBLISH, TEMPLATES.parent, INTAKE, WEB):
        for _f, _l, message, _c, _ctx in extract_from_dir(
            folder, [("*.py", "python")], keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def main() -> int:
    messages = sorted(template_messages() | model_messages())
    template = Catalog(project="lionrock", fuzzy=False)
    for message in messages:
        template.add(message)
    with open(LOCALE_DIR / "messages.pot", "wb") as fh:
        write_po(fh, template, omit_header=True, sort_output=True)
    for locale in LOCALES:
        path = catalog_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with open(path, "rb") as fh:
                catalog = read_po(fh, locale=locale)
        else:
            catalog = Catalog(locale=locale, project="lionrock", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        with open(path, "wb") as fh:
            write_po(fh, catalog, omit_header=True, sort_output=True, ignore_obsolete=True)
    missing = {}
    for locale in LOCALES:
        with open(catalog_path(locale), "rb") as fh:
            missing[locale] = sum(1 for m in read_po(fh) if m.id and not m.string)
    print(f"{len(messages)} messages; untranslated: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
