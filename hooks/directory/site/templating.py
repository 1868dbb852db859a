"""The one Jinja2 environment that turns view data into page markup.

Templates live in site/templates (package data). Autoescape is on, so every value a group
wrote is escaped by the template, never by Python; the few pieces of markup made
elsewhere (a description through nh3, a QR code from segno, JSON-LD made script-safe) are
passed in as `Markup` by the module that vouches for them. StrictUndefined turns a
misspelt field into an error at build time rather than an empty gap on the page.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

ENV = Environment(
    loader=PackageLoader("directory.site", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(template: str, /, **context: Any) -> str:
    """Render templates/<template> with plain view data."""
    return ENV.get_template(template).render(**context)


def trusted(html: str) -> Markup:
    """Markup made by a sanitiser or a library we trust, to place as it is."""
    return Markup(html)


_TEXT = ENV.from_string("{{ value }}")


def html_text(value: str) -> str:
    """A plain value as HTML text, escaped by the template engine (for search entries,
    which Material's search script places as HTML)."""
    return _TEXT.render(value=value)
