"""Rendering one language tree of the site: its Jinja environment, the context every
page shares (relative links, alternates, Onion-Location) and the Simplified Chinese
conversion.

Environments are compiled with the catalog folded in (`make_environment(static=True)`)
and kept per catalog and version of the templates, so a process that builds again, or
forks render workers, compiles each template once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from lionrock.publish.charts import events_per_month, horizontal_bars
from lionrock.render import TEMPLATES, Citations, UILanguage, make_environment, translations
from lionrock.render._i18n import convert_page, converter

if TYPE_CHECKING:
    from lionrock.publish.build import SiteOptions


class Alternate(NamedTuple):
    """A version of the page in another language tree. (Attributes, not a dict: a
    template's `alt.tag` then needs no failed attribute lookup first.)"""

    tag: str
    name: str
    href: str


class Renderer:
    """Renders the pages of one language tree. With a `templates_key` (a hash of the
    templates and catalogs, such as `global_key`), its environment is shared with
    earlier builds of the same templates in this process."""

    def __init__(
        self,
        ui: UILanguage,
        options: SiteOptions,
        languages: Sequence[UILanguage],
        *,
        templates_key: str = "",
    ):
        self.ui = ui
        self.options = options
        self.languages = languages
        self.templates_key = templates_key
        self._env: Environment | None = None

    @property
    def env(self) -> Environment:
        """The tree's environment, made on first use (a rebuild may render nothing)."""
        if self._env is None:
            if self.templates_key:
                self._env = _site_environment(self.ui.catalog, self.templates_key)
            else:
                self._env = _new_environment(self.ui.catalog)
        return self._env

    def context(self, path: str) -> dict[str, Any]:
        depth = path.count("/")
        root = "../" * depth
        site_root = "../" * (depth + 1)
        # index buckets differ between languages: their other versions are the index pages
        same = "browse.html" if path.startswith("browse/") else path
        onion = (
            f"{self.options.onion.rstrip('/')}/{self.ui.code}/{path}" if self.options.onion else ""
        )
        return {
            "ui": self.ui,
            "site": True,
            "root": root,
            "site_root": site_root,
            "ext": ".html",
            "onion": onion,
            "citations": Citations(),
            "alternates": [
                Alternate(lang.tag, lang.name, f"{site_root}{lang.code}/{same}")
                for lang in self.languages
            ],
        }

    def render(self, path: str, template: str, data: dict[str, Any]) -> bytes:
        context = {**self.context(path), **data}
        if template == "entity.html":
            context.update(_entity_context(data, self.ui))
        html = self.env.get_template(template).render(context)
        return self.finish(html).encode("utf-8")

    def finish(self, text: str) -> str:
        """Apply the tree's script conversion (Traditional → Simplified) to a page."""
        if not self.ui.convert:
            return text
        return convert_page(text, converter(self.ui.convert))


def _new_environment(catalog: str) -> Environment:
    env = make_environment(translations_=translations(catalog), static=True)
    env.globals.update(events_chart=_events_chart, status_chart=_status_chart)
    return env


@lru_cache(maxsize=8)
def _site_environment(catalog: str, templates_key: str) -> Environment:
    """One environment per catalog and version of the templates (`templates_key` changes
    with them), so a process that builds again does not load its templates again."""
    return _new_environment(catalog)


def _entity_context(data: dict[str, Any], ui: UILanguage) -> dict[str, Any]:
    view = data["view"]
    texts = [f for f in view["facts"] if f["type"] in ("name", "text")]
    missing = bool(texts) and not any(f["text_lang"] in ui.prefer[:1] for f in texts)
    return {
        "entity": {"id": view["id"], "caption": view["caption"]},
        "facts": view["facts"],
        "schema_label": view["schema_label"],
        "missing_lang": missing and ui.code != "en",
    }


@pass_context
def _events_chart(ctx: Context, dates: list[str], label: str) -> Markup:
    return events_per_month(dates, label=label)


@pass_context
def _status_chart(ctx: Context, counts: list[tuple[str, int]], label: str) -> Markup:
    gettext = ctx.environment.globals["gettext"]
    return horizontal_bars({str(gettext(ctx, s)): n for s, n in counts}, label=label)  # type: ignore[operator]


def warm_templates(languages: Sequence[UILanguage]) -> None:
    """Compile every site template for each catalog of `languages` into the shared
    bytecode cache, so that render workers forked afterwards only load them."""
    names = sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".html", ".xml"))
    for catalog in dict.fromkeys(ui.catalog for ui in languages):
        env = make_environment(translations_=translations(catalog), static=True)
        for name in names:
            env.get_template(name)
