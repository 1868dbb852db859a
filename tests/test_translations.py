"""The catalogues: every user-facing English string in a template is a message, the
committed messages.pot is what extraction finds, and missing messages are listed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from directory.cli import main
from directory.data.directory import load_directory
from directory.site import i18n

from .project import ROOT, copy_project

LOCALES = ROOT / i18n.LOCALES_DIR
# Jinja comments, statements and expressions, whole <script> and <svg> elements, then tags.
_CODE = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<script.*?</script>|<svg.*?</svg>", re.S)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r'\s(?:aria-label|placeholder|title|alt)="([^"{]*[A-Za-z][^"{]*)"')
_WORD = re.compile(r"[A-Za-z]{2,}")


def unwrapped(template: str) -> list[str]:
    """English words a template shows that are not inside a message."""
    found = [m for m in _ATTRIBUTE.findall(template)]
    # {% trans %} blocks are messages: drop them before the rest of the code.
    text = re.sub(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", " ", template, flags=re.S)
    text = _TAG.sub(" ", _CODE.sub(" ", text))
    found += [line.strip() for line in text.splitlines() if _WORD.search(line)]
    return found


def test_the_check_finds_a_planted_unwrapped_string() -> None:
    assert unwrapped('<p>{{ _("Fine") }}</p><p>Not wrapped</p>') == ["Not wrapped"]
    assert unwrapped('<input placeholder="Type here">') == ["Type here"]
    assert unwrapped("<p>{% trans %}All {{ n }} groups{% endtrans %}</p>") == []


@pytest.mark.parametrize(
    "template",
    sorted(p.relative_to(i18n.TEMPLATES).as_posix() for p in i18n.TEMPLATES.rglob("*.html")),
)
def test_every_english_string_in_a_template_is_a_message(template: str) -> None:
    source = (i18n.TEMPLATES / template).read_text("utf-8")
    assert unwrapped(source) == [], f"wrap these in _() or {{% trans %}}: {unwrapped(source)}"


def test_the_committed_template_is_what_extraction_finds() -> None:
    with (LOCALES / "messages.pot").open("rb") as file:
        committed = {(m.id, m.context) for m in read_po(file) if m.id}
    fresh = {(m.id, m.context) for m in i18n.template(load_directory(ROOT)) if m.id}
    assert fresh - committed == set(), "run `directory translations` and commit locales/"
    assert committed - fresh == set(), "run `directory translations` and commit locales/"


def test_catalogues_say_they_are_machine_made_and_hold_no_fuzzy_entries() -> None:
    for code in i18n.codes(LOCALES):
        catalog = i18n.read_catalogue(LOCALES, code)
        assert i18n.MACHINE_MADE in catalog.header_comment, code
        assert not [m.id for m in catalog if m.id and m.fuzzy], code


def test_a_missing_message_falls_back_to_english_and_is_listed(tmp_path: Path, capsys) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(LOCALES, project / i18n.LOCALES_DIR, dirs_exist_ok=True)
    locales = project / i18n.LOCALES_DIR
    catalog = i18n.read_catalogue(locales, "pl")
    catalog.get("Find help").string = ""
    with i18n.catalogue_path(locales, "pl").open("wb") as file:
        write_po(file, catalog)
    polish = next(lang for lang in i18n.load(locales) if lang.code == "pl")
    assert polish.gettext("Find help") == "Find help"
    assert polish.gettext("Search") != "Search"
    assert main(["--root", str(project), "check", "--translations"]) == 0
    listing = capsys.readouterr().out
    polish_part = listing.split("pl: ", 1)[1].split("\nro: ", 1)[0]
    assert "\n  Find help\n" in polish_part
    assert "\n  Find help\n" not in listing.split("pl: ", 1)[0]
