"""Templates and helpers shared by the web app and, later, the static site."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


def make_environment() -> Environment:
    """A Jinja2 environment over the shared templates, autoescaping HTML.

    Example: `make_environment().get_template("entity.html")`.
    """
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
    )


__all__ = ["STATIC", "TEMPLATES", "make_environment"]
