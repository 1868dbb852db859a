"""The site's own words in other languages: gettext catalogues read through Babel.

Translators edit locales/<code>/LC_MESSAGES/messages.po (no code to read). Each catalogue
is compiled in memory at build time, so no binary .mo file is committed, and a message a
catalogue lacks (or leaves empty) falls back to English. A language is on the site when
its catalogue exists. messages.pot, made by `extract`, is what every catalogue should hold:
the templates' strings, the fixed words Python passes to them (`N_`) and, from the data,
need titles, descriptions, search words and helplines and neighbourhood descriptions.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ..data.directory import Directory
from ..data.wording import N_

__all__ = ["ENGLISH", "N_", "Language", "load"]

LOCALES_DIR = "locales"
DOMAIN = "messages"
TEMPLATES = Path(__file__).parent / "templates"
# A need's search words are one message per need: the slug, in this context.
SEARCH_WORDS = "search words"
MACHINE_MADE = "machine translation, needs review"
# Dates in catalogue headers stay put, so regenerating them changes only what changed.
FIXED_DATE = datetime(2026, 12, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language, for the switcher
    rtl: bool
    translations: gettext.NullTranslations

    @property
    def prefix(self) -> str:
        """Where its pages live: "" for English, "ur/" for Urdu."""
        return "" if self.code == "en" else f"{self.code}/"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message) if message else message

    def tr(self, message: str, **values: str) -> str:
        """A message from Python (extracted by its name, `tr`), with {name} filled in."""
        return self.gettext(message).format(**values)

    def search_words(self, slug: str) -> list[str]:
        text = self.translations.pgettext(SEARCH_WORDS, slug)
        return [] if text == slug else [w.strip() for w in text.split(",") if w.strip()]


def need_words(languages: Sequence[Language], directory: Directory) -> dict[str, list[str]]:
    """Each need's title and search words in every language but English, for search."""
    found: dict[str, list[str]] = {}
    for need in directory.needs:
        words = []
        for language in languages:
            if language.code == "en":
                continue
            title = language.gettext(need.title)
            words += ([title] if title != need.title else []) + language.search_words(need.slug)
        found[need.slug] = list(dict.fromkeys(words))
    return found


def _own_name(code: str) -> str:
    name = Locale.parse(code).display_name or code
    return name[:1].upper() + name[1:]


ENGLISH = Language("en", _own_name("en"), False, gettext.NullTranslations())


def catalogue_path(locales: Path, code: str) -> Path:
    return locales / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(locales: Path, code: str) -> Catalog:
    with catalogue_path(locales, code).open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def compiled(catalog: Catalog) -> gettext.GNUTranslations:
    """The catalogue as gettext translations, via an in-memory .mo (empty ones skipped)."""
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def codes(locales: Path) -> list[str]:
    """Every language with a catalogue, in code order."""
    if not locales.is_dir():
        return []
    return sorted(p.name for p in locales.iterdir() if catalogue_path(locales, p.name).is_file())


def load(locales: Path) -> list[Language]:
    """English first, then every language with a catalogue."""
    found = [ENGLISH]
    for code in codes(locales):
        rtl = Locale.parse(code).text_direction == "rtl"
        found.append(Language(code, _own_name(code), rtl, compiled(read_catalogue(locales, code))))
    return found


# --- what the catalogues should hold -----------------------------------------------------

_TEMPLATE_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def _extracted() -> Iterable[tuple[str | tuple[str, ...], str | None]]:
    """(message, context) from the templates and the Python that marks words with N_."""
    templates = extract_from_dir(
        str(TEMPLATES),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": _TEMPLATE_OPTIONS},
    )
    for _file, _line, message, _comments, context in templates:
        yield message, context
    python = extract_from_dir(
        str(Path(__file__).parent.parent),
        method_map=[("**.py", "python")],
        keywords={"N_": None, "tr": None},
    )
    for _file, _line, message, _comments, context in python:
        yield message, context


def data_messages(directory: Directory) -> list[tuple[str, str | None]]:
    """Need titles, descriptions, search words and helplines; neighbourhood descriptions."""
    found: list[tuple[str, str | None]] = []
    for need in directory.needs:
        found += [(need.title, None), (need.description, None), (need.slug, SEARCH_WORDS)]
        for line in need.helplines:  # the number stays as it is
            found += [(line.name, None)] + ([(line.hours, None)] if line.hours else [])
    found += [(place.description, None) for place in directory.neighbourhoods]
    return found


def template(directory: Directory) -> Catalog:
    """messages.pot: every message the site's pages translate, in a fixed order."""
    catalog = Catalog(
        domain=DOMAIN, project="community-directory", fuzzy=False, creation_date=FIXED_DATE
    )
    for message, context in [*_extracted(), *data_messages(directory)]:
        catalog.add(message, context=context)
    return catalog


def missing(locales: Path, directory: Directory) -> dict[str, list[str]]:
    """For each language, the messages it does not translate yet (shown in English)."""
    wanted = template(directory)
    result = {}
    for code in codes(locales):
        catalog = read_catalogue(locales, code)
        gaps = []
        for message in wanted:
            if not message.id:
                continue
            found = catalog.get(message.id, message.context)
            if found is None or not found.string or found.fuzzy:
                gaps.append(message.id if isinstance(message.id, str) else message.id[0])
        result[code] = gaps
    return result


def write_catalogues(locales: Path, directory: Directory, add: Sequence[str] = ()) -> list[Path]:
    """Write messages.pot and bring every catalogue (and any new one in `add`) up to date:
    new messages arrive empty, so they show in English until someone translates them."""
    wanted = template(directory)
    written = []
    locales.mkdir(parents=True, exist_ok=True)
    pot = locales / f"{DOMAIN}.pot"
    with pot.open("wb") as file:
        write_po(file, wanted, omit_header=True, sort_output=True, width=0)
    written.append(pot)
    for code in sorted(set(codes(locales)) | set(add)):
        path = catalogue_path(locales, code)
        if path.is_file():
            catalog = read_catalogue(locales, code)
        else:
            catalog = Catalog(
                locale=code,
                domain=DOMAIN,
                project="community-directory",
                header_comment=f"# {_own_name(code)}: the site's own words.\n# {MACHINE_MADE}.",
                creation_date=FIXED_DATE,
                revision_date=FIXED_DATE,
                fuzzy=False,
            )
        catalog.update(wanted, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, sort_output=True, width=0)
        written.append(path)
    return written
