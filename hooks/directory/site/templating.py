"""The one Jinja2 environment that turns view data into page markup.

Templates live in site/templates (package data). Autoescape is on, so every value a group
wrote is escaped by the template, never by Python; the few pieces of markup made
elsewhere (a description through nh3, a QR code from segno, JSON-LD made script-safe) are
passed in as `Markup` by the module that vouches for them. StrictUndefined turns a
misspelt field into an error at build time rather than an empty gap on the page.
"""

from __future__ import annotations

import gettext
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def _environment(translations: gettext.NullTranslations) -> Environment:
    env = Environment(
        loader=PackageLoader("directory.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # as i18n.extract reads them
    # New-style gettext escapes the values put into a message, like any other value.
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    # Fixed words that arrive as values (need titles, N_ words): translated but still
    # escaped, unlike gettext's result, which Jinja treats as markup.
    env.filters["t"] = lambda text: translations.gettext(text) if text else text
    return env


ENV = _environment(gettext.NullTranslations())
# One environment per language, as imported macros see only their environment's globals.
_BY_LANGUAGE: dict[int, tuple[gettext.NullTranslations, Environment]] = {}


def environment(translations: gettext.NullTranslations | None) -> Environment:
    if translations is None or type(translations) is gettext.NullTranslations:
        return ENV
    key = id(translations)
    if key not in _BY_LANGUAGE:  # the translations are kept, so their id stays theirs
        _BY_LANGUAGE[key] = (translations, _environment(translations))
    return _BY_LANGUAGE[key][1]


def render(
    template: str, translations: gettext.NullTranslations | None = None, /, **context: Any
) -> str:
    """Render templates/<template> with plain view data, in the language of `translations`."""
    return environment(translations).get_template(template).render(**context)


def trusted(html: str) -> Markup:
    """Markup made by a sanitiser or a library we trust, to place as it is."""
    return Markup(html)


_TEXT = ENV.from_string("{{ value }}")


def html_text(value: str) -> str:
    """A plain value as HTML text, escaped by the template engine (for search entries,
    which Material's search script places as HTML)."""
    return _TEXT.render(value=value)
